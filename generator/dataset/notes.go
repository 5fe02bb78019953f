package dataset

import (
	"path/filepath"
	"strings"

	"kaoping/generator/diag"
	"kaoping/generator/period"
)

// readNotes reads data/notes/<period>.md into a map from period id to
// Markdown. The folder is optional. Hidden files and Excel lock files are
// ignored; any other name that is not a period id (derived ytd ids
// included) plus .md is an error. The text may be UTF-8 (with or without
// BOM) or GB18030, like the CSV files.
func readNotes(dir string, s site, l *diag.List) map[string]string {
	notes := map[string]string{}
	entries, err := readDir(dir)
	if err != nil {
		return notes // no notes folder: no commentary
	}
	for _, ent := range entries {
		name := ent.Name()
		if ignored(name) {
			continue
		}
		path := filepath.Join(dir, name)
		rel := s.rel(path)
		ext := filepath.Ext(name)
		id := strings.TrimSuffix(name, ext)
		p, perr := period.Parse(id)
		if ent.IsDir() || !strings.EqualFold(ext, ".md") || perr != nil {
			l.Errorf(diag.Pos{File: rel}, "说明文件应命名为 <期间>.md，如 2024-Q1.md 或 2024-03-ytd.md",
				"a note must be named <period>.md, e.g. 2024-Q1.md or 2024-03-ytd.md")
			continue
		}
		data, ok := s.read(path, l)
		if !ok {
			continue
		}
		text, ok := decodeText(data)
		if !ok {
			l.Errorf(diag.Pos{File: rel}, "无法识别文件编码：请以 UTF-8 保存", "cannot read the file's encoding: save it as UTF-8")
			continue
		}
		notes[p.String()] = string(text)
	}
	return notes
}

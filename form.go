package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kaoping/generator/build"
	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/diag"
	"kaoping/generator/output"
	"kaoping/generator/period"
)

// cmdForm writes the blank data-entry workbook (填报表) of a period
// (SPEC §2): `kaoping form P [--out FILE]`. The file is never written
// over: an existing one, perhaps a form already being filled, is refused.
func cmdForm(args []string, stdout, stderr io.Writer) int {
	fset := newFlagSet("form", stderr)
	cfg := configFlag(fset)
	out := fset.String("out", "", bi("要写入的填报表`文件`（默认为当前文件夹中的 考核期-填报表.xlsx）", "the workbook `FILE` to write (default: <period>-填报表.xlsx in the current folder)"))
	rest, err := parseFlags(fset, args)
	if err != nil {
		return flagExit(err)
	}
	switch {
	case len(rest) == 0:
		return usageError(stderr, "需要考核期，例如 kaoping form 2026-04", "the period is required, e.g. kaoping form 2026-04")
	case len(rest) > 1:
		return usageError(stderr, fmt.Sprintf("form 只接受一个考核期，多了 %q", rest[1]), fmt.Sprintf("form takes one period, not also %q", rest[1]))
	}
	p, err := period.Parse(rest[0])
	if err != nil || p.YTD {
		return usageError(stderr,
			fmt.Sprintf("%q 不是可填报的考核期：应写成 2026（年）、2026-H1（半年）、2026-Q1（季度）或 2026-04（月）；累计期由各月、各季度相加得到，不单独填报", rest[0]),
			fmt.Sprintf("%q is not a period to fill in: write 2026 (year), 2026-H1 (half), 2026-Q1 (quarter) or 2026-04 (month); cumulative periods are sums of months or quarters, not filled in", rest[0]))
	}
	file := *out
	if file == "" {
		file = p.String() + "-填报表.xlsx"
	}
	proj, problems := build.Load(*cfg)
	if problems.HasErrors() {
		// A new site's first form: no period yet is no error here.
		if first := firstForm(*cfg); first != nil {
			proj, problems = first, nil
		}
	}
	lang := langOf(proj, *cfg)
	say := func(zh, en string, args ...any) {
		if lang == "en" {
			fmt.Fprintf(stderr, en+"\n", args...)
		} else {
			fmt.Fprintf(stderr, zh+"\n", args...)
		}
	}
	if problems.HasErrors() {
		printProblems(stderr, problems, lang)
		say("未生成填报表：请先改正以上问题（kaoping check 可随时检查）", "no form was written: correct the problems above first (kaoping check lists them)")
		return exitInput
	}
	entities := output.FormEntities(proj.Data)
	if len(entities) == 0 {
		say("%s: 错误: 没有考核对象，填报表无行可填；请先在 data/entities.csv 中列出各单位", "%s: error: there are no entities, so the form would have no rows; list the units in data/entities.csv first",
			entitiesFile(proj))
		return exitInput
	}
	fields := output.FormFields(proj.Config, proj.Data)
	if len(fields) == 0 {
		say("%s: 错误: 没有字段，填报表无列可填；请在 [fields] 中声明要填报的字段", "%s: error: there are no fields, so the form would have no columns; declare the fields to fill in [fields]",
			proj.Config.FileName())
		return exitInput
	}
	var buf bytes.Buffer
	if err := output.Form(&buf, proj.Config, p, fields, entities); err != nil {
		say("错误: 无法生成填报表：%v", "error: cannot make the form: %v", err)
		return exitInput
	}
	if err := writeNew(file, buf.Bytes()); err != nil {
		if errors.Is(err, fs.ErrExist) {
			say("%s: 错误: 文件已存在，未改动它（可能是正在填写的表格）；请删除或改名后重试，或用 --out 指定另一个文件",
				"%s: error: the file exists and was left as it is (it may be a form being filled); delete or rename it and try again, or choose another file with --out", file)
		} else {
			say("%s: 错误: 无法写入：%v", "%s: error: cannot write it: %v", file, err)
		}
		return exitInput
	}
	dest := output.FormFile(p)
	if lang == "en" {
		fmt.Fprintf(stdout, "wrote %s: %d units × %d fields for %s.\nFill it in, save it as %s in the site folder, then run kaoping check and kaoping build.\n",
			file, len(entities), len(fields), p.Label(lang), dest)
	} else {
		fmt.Fprintf(stdout, "已生成 %s：%s，%d 个单位 × %d 个字段。\n填好后保存为站点文件夹中的 %s，再运行 kaoping check 和 kaoping build。\n",
			file, p.Label(lang), len(entities), len(fields), dest)
	}
	if pd := proj.Data.Period(p.String()); pd != nil && len(pd.Files) > 0 {
		say("注意：%s 已有数据（%s）；放入填好的表格前，请先移走或合并这些文件，同一考核期只能有一份数据",
			"note: %s has data already (%s); move or merge those files before adding the filled form, as a period's data is given once",
			p.String(), strings.Join(pd.Files, ", "))
	}
	return exitOK
}

// firstForm loads a site that has no period yet (data/periods missing or
// empty), for its first form: the config and entities.csv must be
// without error; the missing periods are not one, and nothing is scored
// (the formulas' fields cannot be checked before there is data). It is
// nil for any other site, or when anything else is wrong.
func firstForm(configPath string) *build.Project {
	cfg, problems := config.Load(configPath)
	if cfg == nil || problems.HasErrors() {
		return nil
	}
	dir := filepath.Join(cfg.DataDir, "periods")
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "~$") {
				return nil // there are periods: their problems count
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	rel, _ := filepath.Rel(cfg.Dir, dir)
	ds, problems := dataset.Load(cfg)
	for _, p := range problems {
		if p.Severity == diag.Error && p.Pos.File != filepath.ToSlash(rel) {
			return nil
		}
	}
	return &build.Project{Config: cfg, Data: ds}
}

// entitiesFile is the site's entities.csv as messages name it: relative
// to the site folder when it is inside it.
func entitiesFile(p *build.Project) string {
	path := filepath.Join(p.Config.DataDir, "entities.csv")
	if rel, err := filepath.Rel(p.Config.Dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}

// writeNew writes data to a new file path: it fails with fs.ErrExist when
// path exists (O_EXCL: also when it appears meanwhile), and removes what
// it wrote when writing fails.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

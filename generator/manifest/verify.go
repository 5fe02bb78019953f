package manifest

import (
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"sort"
)

// Report is what Verify found: files listed in the manifest but absent,
// files present but not listed, and files whose content differs. Each
// list is sorted.
type Report struct {
	Manifest *Manifest
	Checked  int // files listed in the manifest
	Missing  []string
	Extra    []string
	Changed  []string
}

// OK reports whether the folder is exactly what the manifest lists.
func (r *Report) OK() bool { return len(r.Missing)+len(r.Extra)+len(r.Changed) == 0 }

// Verify checks the folder dir (a built site or an unzipped bundle)
// against its manifest.json. The error is set only when the manifest
// cannot be read or the folder cannot be walked; differences are in the
// Report.
func Verify(dir string) (*Report, error) {
	m, err := Read(dir)
	if err != nil {
		return nil, err
	}
	rep := &Report{Manifest: m, Checked: len(m.Outputs)}
	seen := map[string]bool{}
	// An output may be a symbolic link to the deployed folder (SPEC §2);
	// WalkDir does not follow a link it starts at.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel := relSlash(dir, path)
		if rel == FileName {
			return nil
		}
		want, listed := m.Outputs[rel]
		if !listed {
			rep.Extra = append(rep.Extra, rel)
			return nil
		}
		seen[rel] = true
		if !d.Type().IsRegular() {
			rep.Changed = append(rep.Changed, rel)
			return nil
		}
		got, err := HashFile(path)
		if err != nil {
			return err
		}
		if got != want {
			rep.Changed = append(rep.Changed, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(m.Outputs)) {
		if !seen[name] {
			rep.Missing = append(rep.Missing, name)
		}
	}
	sort.Strings(rep.Extra)
	sort.Strings(rep.Changed)
	return rep, nil
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

package manifest

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// HashInputs returns the sha256 of every regular file under each of the
// folders roots (absolute paths; a missing folder is skipped), keyed by
// its slash path relative to siteDir. Hidden files and folders (".git",
// ".DS_Store") and Excel lock files ("~$…") are not inputs and are left
// out, as is anything under one of the skip folders (the output folder,
// when it lies inside the data folder).
func HashInputs(siteDir string, roots []string, skip ...string) (map[string]string, error) {
	out := map[string]string{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root && errorsIsNotExist(err) {
					return filepath.SkipDir
				}
				return err
			}
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				for _, s := range skip {
					if s != "" && filepath.Clean(s) == filepath.Clean(path) {
						return filepath.SkipDir
					}
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			sum, err := HashFile(path)
			if err != nil {
				return err
			}
			out[relSlash(siteDir, path)] = sum
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// relSlash is path relative to dir with forward slashes, or path itself
// when it is not under dir.
func relSlash(dir, path string) string {
	if r, err := filepath.Rel(dir, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

package share

import "path/filepath"

// relPath is target relative to base, with forward slashes.
func relPath(base, target string) (string, error) {
	r, err := filepath.Rel(base, target)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(r), nil
}

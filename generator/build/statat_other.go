//go:build !linux

package build

import (
	"os"
	"path/filepath"
)

// statIn is the identity of the file name in the open folder dir, not
// following a symbolic link.
func statIn(dir *os.File, name string) (cacheEntry, error) {
	st, err := os.Lstat(filepath.Join(dir.Name(), name))
	if err != nil {
		return cacheEntry{}, err
	}
	return entryOf(st), nil
}

// Package atomicfile writes a file so that a reader, or a program killed
// half-way, sees either its old content or its new, never a part: the
// record of published periods (data/published.toml) and the results kept
// for its versions are written this way.
package atomicfile

import (
	"bufio"
	"os"
	"path/filepath"
)

// Write writes the file at path with mode perm and what fill writes: into
// a new temporary file beside it, renamed over path once complete. With
// durable, the data reaches the disk before the rename (fsync). On an
// error the temporary file is removed and path is as it was.
func Write(path string, perm os.FileMode, durable bool, fill func(w *bufio.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err = fill(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil && durable {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

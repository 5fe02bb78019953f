package dataset

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"kaoping/generator/diag"
	"kaoping/internal/inputfile"
)

// site turns absolute paths into the relative, slash-separated paths shown
// in messages, and reads the input files.
type site struct {
	dir string
	// refused holds the files scanSpecial reported, which read skips so
	// that each is reported once.
	refused map[string]bool
}

func (s site) rel(path string) string {
	if r, err := filepath.Rel(s.dir, path); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// scanSpecial reports every FIFO, device, socket or other file that is
// neither regular nor a folder anywhere under the data folder (hidden
// entries included, and the target of a symbolic link), without opening
// it. kaoping reads the files of the data folder, and the build hashes all
// of them: opening a FIFO would wait for a writer forever, a device such
// as /dev/zero never ends.
func (s site) scanSpecial(dataDir string, l *diag.List) {
	filepath.WalkDir(dataDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type().IsRegular() {
			return nil // an unreadable folder is reported by what reads it
		}
		if err := inputfile.Special(path); err != nil {
			zh, en := inputfile.Describe(err)
			l.Errorf(diag.Pos{File: s.rel(path)}, "%[1]s", "%[2]s", zh, en)
			s.refused[path] = true
		}
		return nil
	})
}

// read returns the content of the input file at path. A file that is not
// a regular file, or is larger than inputfile.MaxSize, is refused without
// being opened; every problem is added to l (unless scanSpecial reported
// the file already), and ok is false.
func (s site) read(path string, l *diag.List) (data []byte, ok bool) {
	if s.refused[path] {
		return nil, false
	}
	data, err := inputfile.Read(path)
	if err != nil {
		zh, en := inputfile.Describe(err)
		l.Errorf(diag.Pos{File: s.rel(path)}, "%[1]s", "%[2]s", zh, en)
		return nil, false
	}
	return data, true
}

// readDir lists the folder at path, refusing a FIFO or a device there.
func readDir(path string) ([]os.DirEntry, error) { return inputfile.ReadDir(path) }

// notExist reports whether err says that a file is missing.
func notExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

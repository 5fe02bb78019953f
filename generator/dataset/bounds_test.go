package dataset

import (
	"os"
	"path/filepath"
	"testing"

	"kaoping/internal/inputfile"
)

// sparse makes a file of size bytes that takes no room on the disk.
func sparse(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

// TestFilesOverTheLimit: a period file, entities.csv or a note over 200 MB
// is an error naming it, and is not read.
func TestFilesOverTheLimit(t *testing.T) {
	for _, name := range []string{"data/periods/2024-Q2.csv", "data/entities.csv", "data/notes/2024-Q1.md", "data/periods/2024-Q3/b.xlsx"} {
		t.Run(name, func(t *testing.T) {
			cfg := newSite(t, map[string]string{
				"data/entities.csv":          testEntities,
				"data/periods/2024-Q1.csv":   "entity,cases\na1,1\n",
				"data/periods/2024-Q3/a.csv": "entity,cases\na1,1\n",
			})
			sparse(t, filepath.Join(cfg.Dir, name), inputfile.MaxSize+1)
			_, l := Load(cfg)
			check(t, l, want{name, 0, 0, []string{"200.0 MB", "more than the limit of 200 MB"}, false}, true)
		})
	}
}

// TestDeviceInData: a period file that is a link to /dev/zero (which never
// ends) is refused without being read.
func TestDeviceInData(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.csv": "entity,cases\na1,1\n"})
	if err := os.Symlink("/dev/zero", filepath.Join(cfg.Dir, "data", "periods", "2024-Q2.csv")); err != nil {
		t.Fatal(err)
	}
	_, l := Load(cfg)
	check(t, l, want{"data/periods/2024-Q2.csv", 0, 0, []string{"this is a device, not a regular file"}, false}, false)
}

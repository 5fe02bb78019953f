//go:build unix

package dataset

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"kaoping/generator/config"
)

// TestFIFOsInData: a FIFO in the data folder, whether kaoping would read
// it (entities.csv, a period file, a note, the folder of notes) or not (a
// stray one, a hidden one: the build hashes every file of the folder), is
// an error naming it, and loading does not wait for a writer.
func TestFIFOsInData(t *testing.T) {
	for _, name := range []string{"data/entities.csv", "data/periods/2024-Q2.csv", "data/periods/2024-Q3/b.csv", "data/notes/2024-Q1.md", "data/notes", "data/export.csv", "data/.cache"} {
		t.Run(name, func(t *testing.T) {
			cfg := newSite(t, map[string]string{
				"data/entities.csv":          testEntities,
				"data/periods/2024-Q1.csv":   "entity,cases\na1,1\n",
				"data/periods/2024-Q3/a.csv": "entity,cases\na1,1\n",
			})
			path := filepath.Join(cfg.Dir, name)
			os.Remove(path)
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() {
				defer close(done)
				_, l := Load(cfg)
				check(t, l, want{name, 0, 0, []string{"named pipe (FIFO)"}, false}, true)
				if name != "data/entities.csv" && len(l.Errors()) != 1 {
					t.Errorf("want only the FIFO's error; got:\n%s", format(l))
				}
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Load blocked on a FIFO")
			}
		})
	}
}

func TestSocketInData(t *testing.T) {
	dir, err := os.MkdirTemp("", "kp") // socket paths are limited to ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	writeFile(t, filepath.Join(dir, "data", "entities.csv"), []byte(testEntities))
	writeFile(t, filepath.Join(dir, "data", "periods", "2024-Q1.csv"), []byte("entity,cases\na1,1\n"))
	cfg := &config.Config{Dir: dir, DataDir: filepath.Join(dir, "data")}
	ln, err := net.Listen("unix", filepath.Join(dir, "data", "s"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, l := Load(cfg)
	check(t, l, want{"data/s", 0, 0, []string{"this is a socket"}, false}, false)
}

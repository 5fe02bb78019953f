//go:build linux

package build_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestRecycledFiles: the files an incremental build replaces are pooled
// beside the cache, the next build writes its new files into them, and
// the output is still a clean build's, byte for byte. A pooled file that
// something else has come to link to, or whose permissions changed, is
// not written over.
func TestRecycledFiles(t *testing.T) {
	cfg := incSite(t)
	site := filepath.Dir(cfg)
	data := filepath.Join(site, "data", "periods", "2024-Q4", "units.csv")
	out := filepath.Join(t.TempDir(), "public")
	incBuild(t, cfg, out)
	pool := func() []string {
		dirs, _ := filepath.Glob(filepath.Join(site, ".kaoping", "cache", "*.pool"))
		if len(dirs) != 1 {
			t.Fatalf("pools: %v, want one", dirs)
		}
		names, _ := filepath.Glob(filepath.Join(dirs[0], "*"))
		return names
	}

	bumpCell(t, data)
	replaced := incBuild(t, cfg, out)
	pooled := pool()
	if len(pooled) < 2 {
		t.Fatalf("%d files pooled after an incremental build, want the replaced ones", len(pooled))
	}
	if written := replaced.Files - replaced.Unchanged; len(pooled) > written {
		t.Errorf("%d files pooled, more than the %d the build wrote", len(pooled), written)
	}
	inodes := map[uint64]string{}
	for _, p := range pooled {
		inodes[inode(t, p)] = p
	}
	// Someone links a pooled file, another's permissions change: neither
	// may be written over.
	linked := filepath.Join(t.TempDir(), "linked")
	if err := os.Link(pooled[0], linked); err != nil {
		t.Fatal(err)
	}
	linkedBytes, _ := os.ReadFile(linked)
	if err := os.Chmod(pooled[1], 0o600); err != nil {
		t.Fatal(err)
	}

	bumpCell(t, data)
	incBuild(t, cfg, out)
	after := incTree(t, out)
	clean := filepath.Join(t.TempDir(), "public")
	incBuild(t, cfg, clean)
	sameTree(t, "recycled", after, incTree(t, clean))
	recycled := 0
	for name, st := range after {
		if _, ok := inodes[st.ino]; ok {
			recycled++
		}
		if st.ino == inode(t, linked) {
			t.Errorf("%s was written into a pooled file linked from elsewhere", name)
		}
		if got, want := mode(t, filepath.Join(out, name)), mode(t, filepath.Join(clean, name)); got != want {
			t.Errorf("%s: mode %v, a clean build gives %v", name, got, want)
		}
	}
	if recycled == 0 {
		t.Error("no file of the build was written into a pooled file")
	}
	if b, _ := os.ReadFile(linked); string(b) != string(linkedBytes) {
		t.Error("a pooled file linked from elsewhere was written over")
	}
}

func inode(t *testing.T, path string) uint64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode()
}

//go:build linux

package build_test

import (
	"os"
	"path/filepath"
	"strings"
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
	// pool lists the pooled files (the pool's list names them).
	pool := func() []string {
		lists, _ := filepath.Glob(filepath.Join(site, ".kaoping", "cache", "*.pool.txt"))
		if len(lists) != 1 {
			t.Fatalf("pool lists: %v, want one", lists)
		}
		b, err := os.ReadFile(lists[0])
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		var files []string
		for _, name := range lines[1:] {
			files = append(files, filepath.Join(strings.TrimSuffix(lists[0], ".txt"), filepath.FromSlash(name)))
		}
		return files
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
		if st, err := os.Stat(p); err != nil || st.Sys().(*syscall.Stat_t).Nlink != 1 {
			t.Errorf("%s: pooled but linked from elsewhere too, or gone (%v)", p, err)
		}
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
	recycled, samePage := 0, 0
	for name, st := range after {
		if p, ok := inodes[st.ino]; ok {
			recycled++
			if strings.HasSuffix(p, string(filepath.Separator)+filepath.FromSlash(name)) {
				samePage++ // the page's own previous copy
			}
		}
		if st.ino == inode(t, linked) {
			t.Errorf("%s was written into a pooled file linked from elsewhere", name)
		}
		if got, want := mode(t, filepath.Join(out, name)), mode(t, filepath.Join(clean, name)); got != want {
			t.Errorf("%s: mode %v, a clean build gives %v", name, got, want)
		}
	}
	if recycled == 0 || samePage == 0 {
		t.Errorf("%d files of the build written into pooled files, %d of them into their own page's previous copy; want some of each", recycled, samePage)
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

// TestNoPoolWithoutCache: a build whose cache is gone (removed by hand,
// say) cannot tell what the previous output holds; it removes it as
// before instead of keeping it all as a pool.
func TestNoPoolWithoutCache(t *testing.T) {
	cfg := incSite(t)
	site := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "public")
	incBuild(t, cfg, out)
	if err := os.RemoveAll(filepath.Join(site, ".kaoping")); err != nil {
		t.Fatal(err)
	}
	incBuild(t, cfg, out)
	if pools, _ := filepath.Glob(filepath.Join(site, ".kaoping", "cache", "*.pool*")); len(pools) != 0 {
		t.Errorf("a build without a cache kept a pool: %v", pools)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.kaoping-tmp-*")); len(left) != 0 {
		t.Errorf("the previous output was left beside the new one: %v", left)
	}
}

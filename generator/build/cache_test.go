package build

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/report"
)

// TestCacheRoundTrip saves a cache and reads it back, and checks that a
// damaged or foreign cache is refused (the build is then a full one).
func TestCacheRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	inc := &incremental{prevDir: out, cachePath: filepath.Join(dir, "cache.txt"), keys: &report.Keys{}, next: map[string]cacheEntry{
		"index.html":                    {key: "k1", sum: sha256.Sum256([]byte("a")), size: 12, mtime: 1700000000123456789, ino: 42},
		"schemes/p/2025-Q4/p00001.html": {key: "k2", sum: sha256.Sum256([]byte("b")), size: 3, mtime: -5, ino: 1 << 40},
	}}
	inc.save()
	got, global, err := readCache(inc.cachePath, out)
	if err != nil {
		t.Fatal(err)
	}
	if global != inc.keys.Global() || len(got) != len(inc.next) {
		t.Fatalf("read back %d entries, global %q", len(got), global)
	}
	for name, want := range inc.next {
		if got[name] != want {
			t.Errorf("%s: read back %+v, want %+v", name, got[name], want)
		}
	}
	if _, _, err := readCache(inc.cachePath, filepath.Join(dir, "other")); err == nil {
		t.Error("a cache of another output folder was accepted")
	}
	b, err := os.ReadFile(inc.cachePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, damage := range []func(string) string{
		func(s string) string { return strings.Replace(s, "\t42\n", "\tx42\n", 1) },
		func(s string) string { return strings.Replace(s, "\tk1\t", "\tk1 ", 1) },
		func(s string) string { return s[:len(s)-70] },
	} {
		if err := os.WriteFile(inc.cachePath, []byte(damage(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := readCache(inc.cachePath, out); err == nil {
			t.Errorf("a damaged cache was accepted:\n%s", damage(string(b)))
		}
	}
}

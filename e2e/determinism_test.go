package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"kaoping/generator/build"
)

// TestDeterministic builds the demo a second time, into a folder of
// another name and depth than TestMain's build, and compares every file
// byte for byte (DESIGN: same input, byte-identical output).
func TestDeterministic(t *testing.T) {
	a, b := demo.Dir, filepath.Join(t.TempDir(), "two", "site")
	if _, _, problems := build.Build(build.Options{ConfigPath: demoConfig, OutDir: b, Bundles: true}); problems.HasErrors() {
		t.Fatalf("building into %s:\n%v", b, problems.Err("en"))
	}
	fa, fb := treeFiles(t, a), treeFiles(t, b)
	if d := firstDifference(fa, fb); d != "" {
		t.Fatalf("the two builds wrote different sets of files: %s", d)
	}
	for _, f := range fa {
		x, err := os.ReadFile(filepath.Join(a, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			off := 0
			for off < len(x) && off < len(y) && x[off] == y[off] {
				off++
			}
			t.Fatalf("%s differs between two builds at byte %d (sizes %d and %d):\n  one: %q\n  two: %q",
				f, off, len(x), len(y), around(x, off), around(y, off))
		}
	}
	t.Logf("%d files identical", len(fa))
}

// firstDifference describes the first path in one sorted list and not in
// the other, or returns "".
func firstDifference(a, b []string) string {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			return a[i] + " only in the first build"
		case i == len(a) || b[j] < a[i]:
			return b[j] + " only in the second build"
		}
		i++
		j++
	}
	return ""
}

// around is the text near offset off, for a readable failure.
func around(b []byte, off int) []byte {
	lo, hi := max(0, off-40), min(len(b), off+40)
	return b[lo:hi]
}

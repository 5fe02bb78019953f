package build_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/initsite"
)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata/golden")

// goldenPages are the key pages of the small site that `kaoping init`
// creates, one of each main kind. A change to any of them shows up as a
// diff to review; accept it with
//
//	go test ./generator/build/ -run TestGoldenPages -update
var goldenPages = []string{
	"index.html",
	"schemes/basic/2025-Q2.html",
	"schemes/basic/2025-Q2/dq.html",
	"entities/dq.html",
	"methods/basic.html",
	"compare/basic/2025-Q2.html",
	"periods/2025-Q2.html",
	"data/basic/2025-Q2.json",
	"data/basic/2025-Q2.csv",
}

func TestGoldenPages(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, ps := initsite.Create(site); ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, _, ps := build.Build(build.Options{ConfigPath: filepath.Join(site, "config.toml"), OutDir: out}); ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	for _, page := range goldenPages {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if err != nil {
			t.Errorf("%s not built: %v", page, err)
			continue
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "__"))
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: no golden file (run with -update): %v", page, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s at %s\nreview the change, then accept it with: go test ./generator/build/ -run TestGoldenPages -update",
				page, golden, firstDiff(got, want))
		}
	}
}

// firstDiff describes where two files first differ: line and both lines.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n  got:  " + clip(gl) + "\n  want: " + clip(wl)
		}
	}
	return "(same lines, different bytes)"
}

func clip(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

func itoa(n int) string {
	var b []byte
	for n >= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(append([]byte{byte('0' + n)}, b...))
}

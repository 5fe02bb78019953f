package render

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/templates"
)

func TestWriterPaths(t *testing.T) {
	w := &Writer{Dir: t.TempDir()}
	if err := w.WriteFile("schemes/basic/2024-Q1/ranking.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(w.Dir, "schemes", "basic", "2024-Q1", "ranking.html"))
	if err != nil || string(b) != "x" {
		t.Errorf("read back %q, %v", b, err)
	}
	for _, bad := range []string{"", "../x.html", "/etc/x", "a/../../x", "a/../b.html", "."} {
		if err := w.WriteFile(bad, nil); err == nil {
			t.Errorf("WriteFile(%q): no error", bad)
		}
	}
}

func TestCopyAssets(t *testing.T) {
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "assets", "site.css"), []byte("/* 本院样式 */"), 0o644)
	os.WriteFile(filepath.Join(site, "assets", "logo.png"), []byte("png"), 0o644)
	r, err := New(Options{Dir: site})
	if err != nil {
		t.Fatal(err)
	}
	w := &Writer{Dir: t.TempDir()}
	written, err := r.CopyAssets(w)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(written, " ")
	for _, want := range []string{"assets/echarts.min.js", "assets/ECHARTS-LICENSE", "assets/ECHARTS-NOTICE", "assets/site.js", "assets/site.css", "assets/logo.png", "assets/favicon.svg"} {
		if !strings.Contains(got, want) {
			t.Errorf("assets written: %s; missing %s", got, want)
		}
	}
	css, _ := os.ReadFile(filepath.Join(w.Dir, "assets", "site.css"))
	if string(css) != "/* 本院样式 */" {
		t.Errorf("site.css not overridden: %.40q", css)
	}
	// The copied ECharts is byte-identical to the embedded one, whose
	// sha256 ECHARTS-VERSION.txt records.
	js, err := os.ReadFile(filepath.Join(w.Dir, "assets", "echarts.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(js)
	note, err := fs.ReadFile(templates.FS, "assets/ECHARTS-VERSION.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(note), hex.EncodeToString(sum[:])+"  echarts.min.js") {
		t.Errorf("echarts.min.js sha256 %x not in ECHARTS-VERSION.txt:\n%s", sum, note)
	}
}

// TestBuiltinsStayOffline checks that no built-in template, stylesheet or
// script refers to another host: the intranet has no internet.
func TestBuiltinsStayOffline(t *testing.T) {
	var names []string
	for _, pattern := range []string{"*.html", "partials/*.html", "assets/*.css", "assets/*.js", "assets/*.svg"} {
		m, err := fs.Glob(templates.FS, pattern)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m...)
	}
	if len(names) < 6 {
		t.Fatalf("found only %v", names)
	}
	for _, n := range names {
		if n == "assets/echarts.min.js" {
			continue // third-party; checked in the browser tests
		}
		b, _ := fs.ReadFile(templates.FS, n)
		s := strings.ReplaceAll(string(b), `xmlns="http://www.w3.org/2000/svg"`, "")
		for _, bad := range []string{"http://", "https://", "@import", "url("} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", n, bad)
			}
		}
	}
}

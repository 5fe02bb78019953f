package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHarnessCatches runs the crawler on a small site made of faults, so
// that a passing browser test means something: each fault must be
// reported on the page that has it.
func TestHarnessCatches(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"index.html": `<!DOCTYPE html><title>t</title>
<a href="faults.html">faults</a> <a href="sub/chart.html#x">chart</a>
<a href="missing.html">missing</a> <a href="data/missing.csv">download</a>
<a href="../outside.html">outside</a> <a href="sub/">folder</a>`,
		"faults.html": `<!DOCTYPE html><title>t</title>
<script>alert("dialog"); console.error("boom"); </script>
<img src="http://192.0.2.1/pixel.png" alt="">
<script>throw new Error("uncaught")</script>`,
		"sub/chart.html": `<!DOCTYPE html><title>t</title>
<div data-chart="c1-option" style="width:300px;height:200px"></div>
<a href="../index.html">home</a> <a href="orphan-free.html">dead</a>`,
		"orphan.html": `<!DOCTYPE html><title>t</title><p>nobody links here</p>`,
	}
	for name, body := range pages {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := newBrowser(t)
	s := fileSite(dir)
	tb := newTab(t, ctx, s.outside)
	res := crawl(t, tb, s, sampling{}, time.Minute)
	want := []struct{ page, problem string }{
		{"index.html", "broken link: missing.html does not exist"},
		{"index.html", "broken link: data/missing.csv does not exist"},
		{"index.html", "link leaves the site root"},
		{"index.html", "link to a folder"},
		{"faults.html", `dialog opened: "dialog"`},
		{"faults.html", "console.error: boom"},
		{"faults.html", "uncaught exception"},
		{"faults.html", "request outside the site: http://192.0.2.1/pixel.png"},
		{"sub/chart.html", "chart not drawn"},
		{"sub/chart.html", "broken link: sub/orphan-free.html does not exist"},
	}
	for _, w := range want {
		found := false
		for _, p := range res.Problems[w.page] {
			found = found || strings.Contains(p, w.problem)
		}
		if !found {
			t.Errorf("the crawler did not report %q on %s; it reported %q", w.problem, w.page, res.Problems[w.page])
		}
	}
	if len(res.Orphans) != 1 || res.Orphans[0] != "orphan.html" {
		t.Errorf("orphans = %q, want [orphan.html]", res.Orphans)
	}
	if res.Opened != 4 {
		t.Errorf("opened %d pages, want 4 (index, faults, sub/chart, orphan)", res.Opened)
	}
}

package build_test

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/manifest"
	"kaoping/generator/render"
	"kaoping/generator/report"
)

// bundleRefRE finds the URLs a page loads or links to.
var bundleRefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestBundlesCopySitePages builds the demo twice, with a base_url (every
// link of the site absolute) and without, and checks every bundle: each
// bundled page but the bundle's own index.html is the page the site
// without base_url has at that path, with each link whose target is not
// in the zip turned into text (render.UnlinkOutside), and nothing else
// changed; the bundle is the same with or without base_url; no page of a
// bundle loads or links to anything outside it. Then one period's data
// changes and an incremental build rebuilds the bundles that depend on
// it from the pages of the new build, keeping the others.
func TestBundlesCopySitePages(t *testing.T) {
	cfg := archiveSite(t)
	text, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://kp.example.org/site"
	withBase := regexp.MustCompile(`(?m)^base_url = .*$`).ReplaceAll(text, []byte(`base_url = "`+base+`"`))
	if bytes.Equal(withBase, text) {
		t.Fatal("config.toml has no base_url line: the demo changed")
	}
	absOut := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(cfg, withBase, 0o644); err != nil {
		t.Fatal(err)
	}
	archiveBuild(t, cfg, absOut)
	if page, _ := os.ReadFile(filepath.Join(absOut, filepath.FromSlash(report.RankingPath("basic", "2026-03")))); !bytes.Contains(page, []byte(`href="`+base+`/assets/site.css"`)) {
		t.Fatal("the site built with base_url does not link its stylesheet through it")
	}
	if err := os.WriteFile(cfg, text, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	p := archiveBuild(t, cfg, out)
	note := report.New(p.Config, p.Data, p.Results).BundleNote()

	for _, pd := range p.Data.Periods {
		name := filepath.FromSlash(report.BundlePath(pd.ID))
		zipped := checkBundle(t, out, pd.ID, note)
		abs := unzipFile(t, filepath.Join(absOut, name))
		if len(abs) != len(zipped) {
			t.Errorf("%s: %d files with base_url, %d without", pd.ID, len(abs), len(zipped))
		}
		for f, b := range zipped {
			if f == manifest.FileName { // its config hash differs
				f, b = "outputs of "+f, manifestOutputs(t, b)
				abs[f] = manifestOutputs(t, abs[manifest.FileName])
			}
			if !bytes.Equal(abs[f], b) {
				t.Errorf("%s: %s differs with base_url", pd.ID, f)
			}
		}
	}

	// Incremental: 2026-03's data changes (山亭 gets 5 more cases).
	before := map[string]os.FileInfo{}
	for _, pd := range p.Data.Periods {
		st, err := os.Stat(filepath.Join(out, filepath.FromSlash(report.BundlePath(pd.ID))))
		if err != nil {
			t.Fatal(err)
		}
		before[pd.ID] = st
	}
	csv := filepath.Join(filepath.Dir(cfg), "data", "periods", "2026-03.csv")
	b, _ := os.ReadFile(csv)
	changed := regexp.MustCompile(`(?m)^(zz-st,\d+)`).ReplaceAll(b, []byte("${1}5"))
	if bytes.Equal(b, changed) {
		t.Fatal("no zz-st row in 2026-03.csv: the demo changed")
	}
	os.WriteFile(csv, changed, 0o644)
	_, sum, ps := build.Build(build.Options{ConfigPath: cfg, OutDir: out, Version: "test"})
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	if sum.Unchanged == 0 {
		t.Fatal("the incremental build kept nothing")
	}
	kept, rebuilt := 0, 0
	for _, pd := range p.Data.Periods {
		st, err := os.Stat(filepath.Join(out, filepath.FromSlash(report.BundlePath(pd.ID))))
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(st, before[pd.ID]) {
			kept++
		} else {
			rebuilt++
		}
		checkBundle(t, out, pd.ID, note)
	}
	if kept == 0 || rebuilt == 0 {
		t.Errorf("after a change of 2026-03, %d bundles kept and %d rebuilt", kept, rebuilt)
	}
	if page := unzipFile(t, filepath.Join(out, "archive", "2026-03.zip"))[report.PeriodPath("2026-03")]; len(page) == 0 {
		t.Error("the rebuilt bundle of 2026-03 lacks its period page")
	}
}

// manifestOutputs is the outputs of a manifest.json.
func manifestOutputs(t *testing.T, js []byte) []byte {
	t.Helper()
	var m struct{ Outputs map[string]string }
	if err := json.Unmarshal(js, &m); err != nil || len(m.Outputs) == 0 {
		t.Fatalf("manifest.json: %v, %d outputs", err, len(m.Outputs))
	}
	b, _ := json.Marshal(m.Outputs)
	return b
}

// checkBundle checks the bundle of period in the built site out against
// the site's pages (see TestBundlesCopySitePages) and returns its files.
func checkBundle(t *testing.T, out, period, note string) map[string][]byte {
	t.Helper()
	files := unzipFile(t, filepath.Join(out, filepath.FromSlash(report.BundlePath(period))))
	inZip := func(p string) bool { _, ok := files[p]; return ok }
	pages := 0
	for name, got := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if name != report.HomePath() {
			site, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
			if err != nil {
				t.Errorf("%s: %s is no page of the site: %v", period, name, err)
				continue
			}
			if want := render.UnlinkOutside(site, name, inZip, note); !bytes.Equal(got, want) {
				t.Errorf("%s: %s is not the site's page with its outside links as text", period, name)
			}
		}
		if bytes.Contains(got, []byte(`href=""`)) || bytes.Contains(got, []byte("kp.example.org")) {
			t.Errorf("%s: %s has an empty or absolute link", period, name)
		}
		for _, m := range bundleRefRE.FindAllSubmatch(got, -1) {
			ref := html.UnescapeString(string(m[1]))
			if strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "data:") {
				continue
			}
			if i := strings.IndexAny(ref, "#?"); i >= 0 {
				ref = ref[:i]
			}
			if target := path.Join(path.Dir(name), ref); !inZip(target) {
				t.Errorf("%s: %s links to %s, outside the bundle", period, name, ref)
			}
		}
	}
	if pages < 20 {
		t.Errorf("%s: only %d pages in the bundle", period, pages)
	}
	return files
}

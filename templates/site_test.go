package templates_test

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/report"
	"kaoping/templates"
)

// The tests of the pages look at the bytes a build writes: the demo site
// (../config.toml) is loaded with build.Load, planned with build.NewSite
// and each file is made by Site.File, the code `kaoping build` and
// `kaoping serve` run.

var (
	demoOnce sync.Once
	demoVal  *build.Site
	demoErr  string
)

// demoSite is the demo, planned once per test binary, for the tests
// that do not alter it.
func demoSite(t testing.TB) *build.Site {
	t.Helper()
	demoOnce.Do(func() {
		p := loadProject(nil, "../config.toml")
		if p == nil {
			demoErr = "the demo does not load"
			return
		}
		s, problems := build.NewSite(p, optsWithZips)
		if s == nil {
			demoErr = strings.Join(problems.Lines("en"), "\n")
			return
		}
		demoVal = s
	})
	if demoVal == nil {
		t.Fatal(demoErr)
	}
	return demoVal
}

// loadProject loads and scores a site; t nil reports nothing (demoOnce).
func loadProject(t testing.TB, configPath string) *build.Project {
	if t != nil {
		t.Helper()
	}
	p, problems := build.Load(configPath)
	if p == nil || problems.HasErrors() {
		if t != nil {
			t.Fatalf("%s: %s", configPath, strings.Join(problems.Lines("en"), "\n"))
		}
		return nil
	}
	return p
}

// loadDemo is a copy of the demo the test may alter before planning it
// with newSite (rename an entity, add a note).
func loadDemo(t testing.TB) *build.Project {
	t.Helper()
	return loadProject(t, "../config.toml")
}

// newSite plans the site of p as a build does.
func newSite(t testing.TB, p *build.Project, opts build.SiteOptions) *build.Site {
	t.Helper()
	s, problems := build.NewSite(p, opts)
	if s == nil {
		t.Fatal(strings.Join(problems.Lines("en"), "\n"))
	}
	return s
}

// file is the file at the site path p, as a build writes it.
func file(t testing.TB, s *build.Site, p string) []byte {
	t.Helper()
	b, err := s.File(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return b
}

// page is file as text.
func page(t testing.TB, s *build.Site, p string) string {
	t.Helper()
	return string(file(t, s, p))
}

// unzip reads the bundle of a period (archive/<period>.zip) into memory:
// entry name -> contents, and the names in the zip's order.
func unzip(t testing.TB, s *build.Site, period string) (map[string][]byte, []string) {
	t.Helper()
	data := file(t, s, "archive/"+period+".zip")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("bundle %s: %v", period, err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("bundle %s: %s: %v", period, f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("bundle %s: %s: %v", period, f.Name, err)
		}
		if _, dup := files[f.Name]; dup {
			t.Errorf("bundle %s: %s twice", period, f.Name)
		}
		files[f.Name] = b
		names = append(names, f.Name)
	}
	return files, names
}

// sitePaths is every file the site writes but manifest.json: its pages,
// result files, assets and, unless opts says none, its bundles.
func sitePaths(t testing.TB, s *build.Site, bundles bool) map[string]bool {
	t.Helper()
	m := s.Model()
	have := map[string]bool{}
	for _, j := range m.Jobs() {
		have[j.Path] = true
	}
	for _, f := range m.DataFiles() {
		have[f.Path] = true
	}
	if bundles {
		for _, pd := range m.Data.Periods {
			have[report.BundlePath(pd.ID)] = true
		}
	}
	err := fs.WalkDir(templates.Assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			have[p] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return have
}

// optsWithZips plans a site with its zips (archive_zips), so that the
// tests see the pages' links to the zips and the bundles too.
var optsWithZips = build.SiteOptions{Bundles: true}

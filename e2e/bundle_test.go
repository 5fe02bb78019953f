package e2e

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kaoping/generator/report"
)

// TestBrowserBundle unzips the bundle of the demo's latest period into a
// folder of its own, as the supervising procuratorate does, and opens it
// from file:// with the checks of TestBrowserFile: every page reached
// from the bundle's index.html loads with no console error, draws its
// charts, requests nothing outside the folder, and links only to files
// of the bundle. Every page of the bundle must be reached from its index.
func TestBrowserBundle(t *testing.T) {
	pds := demo.Project.Data.Periods
	period := pds[len(pds)-1].ID
	dir := t.TempDir()
	unzipTo(t, filepath.Join(demo.Dir, filepath.FromSlash(report.BundlePath(period))), dir)
	ctx := newBrowser(t)
	s := fileSite(dir)
	tb := newTab(t, ctx, s.outside)
	res := crawl(t, tb, s, sampled(sampling{PerKind: 5, Every: 8}), crawlBudget(90*time.Second))
	res.report(t, "bundle "+period+" file://")
	if res.Opened == 0 {
		t.Fatal("no page of the bundle was opened")
	}
	if len(res.Orphans) > 0 {
		t.Errorf("pages of the bundle not reached from its index.html: %s", sample(res.Orphans, 10))
	}
}

// unzipTo extracts a zip into dir, refusing names that leave it.
func unzipTo(t *testing.T, zipPath, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if rel, err := filepath.Rel(dir, target); err != nil || rel == ".." || filepath.IsAbs(rel) || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator) {
			t.Fatalf("%s: entry %q leaves the folder", zipPath, f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

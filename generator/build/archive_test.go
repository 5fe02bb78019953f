package build_test

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/manifest"
	"kaoping/generator/report"
)

// archiveSite copies the demo's config.toml and data/ into a temporary
// site folder and returns its config path.
func archiveSite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"config.toml", "data"} {
		src := filepath.Join("..", "..", name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			target := filepath.Join(dst, name, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dst, "config.toml")
}

// archiveBuild builds the site into out and fails the test on an error.
func archiveBuild(t *testing.T, cfg, out string, kinds ...string) *build.Project {
	t.Helper()
	p, _, ps := build.Build(build.Options{ConfigPath: cfg, OutDir: out, Version: "test", ExcludeKinds: kinds, Bundles: true})
	if ps.HasErrors() {
		t.Fatalf("build: %v", ps.Err("en"))
	}
	return p
}

// unzipFile returns the files of a zip by name.
func unzipFile(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s in %s: %v", f.Name, path, err)
		}
		out[f.Name] = b
	}
	return out
}

// TestArchivePublishAndVerify follows a period's life: build and verify,
// publish, change a published figure (the build fails and writes
// nothing), record the correction, build again (the notice is on the
// period's pages, in the site and in its bundle).
func TestArchivePublishAndVerify(t *testing.T) {
	cfg := archiveSite(t)
	site := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "public")
	p := archiveBuild(t, cfg, out)

	rep, err := manifest.Verify(out)
	if err != nil || !rep.OK() {
		t.Fatalf("a fresh build does not verify: %+v, %v", rep, err)
	}
	if rep.Manifest.Kaoping != "test" || rep.Manifest.Inputs["data/entities.csv"] == "" || rep.Manifest.Inputs["data/periods/2026-03.csv"] == "" {
		t.Errorf("manifest: version %q, inputs %v", rep.Manifest.Kaoping, rep.Manifest.Inputs)
	}
	for _, pd := range p.Data.Periods {
		if rep.Manifest.Outputs[report.BundlePath(pd.ID)] == "" {
			t.Errorf("no bundle of %s in the manifest", pd.ID)
		}
	}

	// An unzipped bundle verifies against its own manifest.
	unz := t.TempDir()
	for name, b := range unzipFile(t, filepath.Join(out, "archive", "2026-03.zip")) {
		target := filepath.Join(unz, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(target), 0o755)
		if err := os.WriteFile(target, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if rep, err := manifest.Verify(unz); err != nil || !rep.OK() || rep.Checked < 80 {
		t.Fatalf("the unzipped bundle does not verify: %+v, %v", rep, err)
	}

	res, ps := p.Publish("2026-03", "", "2026-04-02")
	if ps.HasErrors() || strings.Join(res.Published, ",") != "2026-03,2026-03-ytd" {
		t.Fatalf("publish: %+v %v", res, ps)
	}
	archiveBuild(t, cfg, out) // unchanged: still builds

	// Change one count of 2026-03: 山亭 (zz-st) gets 5 more cases.
	csv := filepath.Join(site, "data", "periods", "2026-03.csv")
	b, _ := os.ReadFile(csv)
	lines := strings.Split(string(b), "\n")
	changed := false
	for i, l := range lines {
		if strings.HasPrefix(l, "zz-st,") {
			f := strings.Split(l, ",")
			f[1] += "5"
			lines[i] = strings.Join(f, ",")
			changed = true
		}
	}
	if !changed {
		t.Fatal("no zz-st row in 2026-03.csv: the demo changed")
	}
	os.WriteFile(csv, []byte(strings.Join(lines, "\n")), 0o644)
	before, _ := os.ReadFile(filepath.Join(out, manifest.FileName))
	_, _, ps = build.Build(build.Options{ConfigPath: cfg, OutDir: out, Bundles: true})
	msg := ps.Err("en")
	if !ps.HasErrors() || !strings.Contains(msg.Error(), "period 2026-03 was published on 2026-04-02") ||
		!strings.Contains(msg.Error(), "data/periods/2026-03.csv") || !strings.Contains(msg.Error(), "data/published.toml:") {
		t.Fatalf("a build of changed published data: %v", msg)
	}
	if after, _ := os.ReadFile(filepath.Join(out, manifest.FileName)); !bytes.Equal(before, after) {
		t.Error("the failed build changed the output")
	}
	if _, ps := p.Publish("2026-03", "", "2026-04-10"); !ps.HasErrors() {
		t.Error("publishing a changed period again without --amend succeeded")
	}

	p2, ps := build.Load(cfg)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	res, ps = p2.Publish("2026-03", "山亭区院结案数录入错误", "2026-04-10")
	if ps.HasErrors() || len(res.Amended) == 0 || res.Amended[0] != "2026-03" {
		t.Fatalf("amend: %+v %v", res, ps)
	}
	archiveBuild(t, cfg, out)
	page, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(report.PeriodPath("2026-03"))))
	for _, s := range []string{"更正说明", "2026-04-10", "山亭区院结案数录入错误", "山亭区人民检察院"} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("the period page after the correction lacks %q", s)
		}
	}
	bundled := unzipFile(t, filepath.Join(out, "archive", "2026-03.zip"))
	if !bytes.Contains(bundled[report.PeriodPath("2026-03")], []byte("山亭区院结案数录入错误")) {
		t.Error("the bundle's period page lacks the correction notice")
	}
	if rep, err := manifest.Verify(out); err != nil || !rep.OK() {
		t.Errorf("the corrected build does not verify: %+v %v", rep, err)
	}
}

// TestArchiveShareLeavesNoName builds the demo without its prosecutors and
// searches every output file, and every file inside every zip (the
// bundles and the workbooks are zips), for the name and the id of each
// prosecutor.
func TestArchiveShareLeavesNoName(t *testing.T) {
	cfg := archiveSite(t)
	out := filepath.Join(t.TempDir(), "public")
	full, ps := build.Load(cfg)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	var needles []string
	for _, e := range full.Data.Entities.OfKind("prosecutor") {
		needles = append(needles, e.Name, e.ID)
	}
	if len(needles) < 100 {
		t.Fatalf("only %d prosecutor names and ids in the demo", len(needles))
	}
	p := archiveBuild(t, cfg, out, "prosecutor")
	if p.Config.Scheme("prosecutor") != nil || len(p.Data.Entities.OfKind("prosecutor")) != 0 {
		t.Error("the project returned still has the prosecutors")
	}
	files, zips, inner := 0, 0, 0
	var search func(name string, b []byte)
	search = func(name string, b []byte) {
		if strings.Contains(name, "!") {
			inner++
		} else {
			files++
		}
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("%s contains %q", name, n)
			}
		}
		if !strings.HasSuffix(name, ".zip") && !strings.HasSuffix(name, ".xlsx") || len(b) == 0 {
			return
		}
		// A bundle or a workbook that is not a readable zip would hide
		// its content from the search.
		if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
			t.Errorf("%s cannot be opened as a zip, so it was not searched: %v", name, err)
		} else {
			if !strings.Contains(name, "!") {
				zips++ // of the output's own files; those inside bundles are searched too
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				inner, _ := io.ReadAll(rc)
				rc.Close()
				search(name+"!"+f.Name, inner)
			}
		}
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		search(filepath.ToSlash(rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every file of the output was searched (the manifest lists them
	// all, and itself is one more), and every bundle and every non-empty
	// workbook was opened. The counts come from the output itself: the
	// workbooks are empty until the excelize writer lands (workbook_tmp.go)
	// and will then be searched as zips too.
	m, err := manifest.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	wantZips, bundles := 0, 0
	for name := range m.Outputs {
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(name, ".zip"):
			bundles++
			wantZips++
		case strings.HasSuffix(name, ".xlsx") && fi.Size() > 0:
			wantZips++
		}
	}
	if files != len(m.Outputs)+1 || zips != wantZips || bundles != len(p.Data.Periods) || bundles < 22 {
		t.Errorf("searched %d files and %d zips; the output has %d files, %d of them zips (%d bundles for %d periods)",
			files, zips, len(m.Outputs)+1, wantZips, bundles, len(p.Data.Periods))
	}
	if inner < 30*bundles { // each bundle holds its pages, result files and assets (36 each now)
		t.Errorf("searched only %d files inside %d bundles", inner, bundles)
	}
	// Still there: the procuratorates, whose counts include their
	// prosecutors'.
	if b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(report.RankingPath("basic", "2026-03")))); err != nil || !bytes.Contains(b, []byte("山亭区人民检察院")) {
		t.Errorf("the basic ranking is missing from the shared site: %v", err)
	}
}

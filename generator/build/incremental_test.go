package build_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kaoping/generator/build"
	"kaoping/internal/synth"
)

// Incremental builds: a second build into the same output keeps the files
// whose inputs did not change (same inode and modification time), rewrites
// the others, and gives exactly the tree a clean build of the same input
// gives.

// incSite writes a small generated site (4 quarters, the last a folder of
// two files) and returns its config.toml.
func incSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.WriteSite(dir, synth.Options{Cities: 1, Units: 2, Prosecutors: 3, Periods: 4, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "config.toml")
}

func incBuild(t *testing.T, cfg, out string) *build.Summary {
	t.Helper()
	_, sum, ps := build.Build(build.Options{ConfigPath: cfg, OutDir: out, Version: "test"})
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	return sum
}

// fileState is a file's content hash and identity.
type fileState struct {
	sum   string
	ino   uint64
	mtime time.Time
}

func incTree(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	files := map[string]fileState{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		st, err := os.Stat(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		sum := sha256.Sum256(b)
		files[filepath.ToSlash(rel)] = fileState{hex.EncodeToString(sum[:]), st.Sys().(*syscall.Stat_t).Ino, st.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree fails unless the two trees hold the same files with the same
// bytes.
func sameTree(t *testing.T, step string, got, want map[string]fileState) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	bad := 0
	for _, n := range names {
		g, inGot := got[n]
		w, inWant := want[n]
		switch {
		case !inGot:
			t.Errorf("%s: %s missing from the incremental build", step, n)
		case !inWant:
			t.Errorf("%s: %s is in the incremental build but not in the clean one", step, n)
		case g.sum != w.sum:
			t.Errorf("%s: %s differs from the clean build", step, n)
		default:
			continue
		}
		if bad++; bad > 10 {
			t.Fatalf("%s: more differences left out", step)
		}
	}
}

// bumpCell adds 1 to the first number of the first data row of a CSV file.
func bumpCell(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	cells := strings.Split(lines[1], ",")
	for i := 1; i < len(cells); i++ {
		if n, err := strconv.Atoi(cells[i]); err == nil {
			cells[i] = strconv.Itoa(n + 1)
			lines[1] = strings.Join(cells, ",")
			if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("%s: no number in the first data row", path)
}

func TestIncrementalBuild(t *testing.T) {
	cfg := incSite(t)
	site := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "public")

	// A first build keeps nothing.
	first := incBuild(t, cfg, out)
	if first.Unchanged != 0 || first.UnchangedPages != 0 {
		t.Fatalf("first build kept %d files", first.Unchanged)
	}
	before := incTree(t, out)

	// The same input again: every page is kept.
	again := incBuild(t, cfg, out)
	if again.UnchangedPages != again.Pages || again.Pages != first.Pages {
		t.Errorf("unchanged input: %d of %d pages kept", again.UnchangedPages, again.Pages)
	}
	after := incTree(t, out)
	for _, name := range []string{"index.html", "assets/site.css", "schemes/prosecutor/2024-Q1.html"} {
		if after[name] != before[name] {
			t.Errorf("unchanged input: %s was rewritten (%v → %v)", name, before[name], after[name])
		}
	}

	// One period file changed (the last quarter's units).
	bumpCell(t, filepath.Join(site, "data", "periods", "2024-Q4", "units.csv"))
	before = incTree(t, out)
	dirBefore := map[string]uint64{}
	for _, d := range []string{"schemes/basic/2024-Q2", "schemes/basic/2024-Q4"} {
		dirBefore[d] = dirInode(t, out, d)
	}
	inc := incBuild(t, cfg, out)
	after = incTree(t, out)
	clean := filepath.Join(t.TempDir(), "public")
	incBuild(t, cfg, clean)
	sameTree(t, "last quarter changed", after, incTree(t, clean))
	if inc.UnchangedPages == 0 || inc.UnchangedPages >= inc.Pages {
		t.Errorf("last quarter changed: %d of %d pages kept, want some but not all", inc.UnchangedPages, inc.Pages)
	}
	// Untouched: an earlier period's pages, the assets. Rewritten: the
	// changed period's ranking and sheets, the home page, the profiles.
	for _, name := range []string{"schemes/basic/2024-Q1.html", "schemes/basic/2024-Q2/zz-u01.html", "assets/site.css", "data/basic/2024-Q3.json", "data/results-2024-Q2.xlsx"} {
		if after[name] != before[name] {
			t.Errorf("last quarter changed: %s was rewritten", name)
		}
	}
	// Rendered again (its key covers every period) but with the same
	// bytes: the methods page keeps its file.
	if inc.SamePages == 0 || after["methods/index.html"] != before["methods/index.html"] {
		t.Errorf("last quarter changed: %d pages rendered with unchanged bytes; methods/index.html %v → %v, want its file kept",
			inc.SamePages, before["methods/index.html"], after["methods/index.html"])
	}
	// The changed period's bundle is written again, with the entries whose
	// bytes did not change copied from the previous one (sameTree above
	// holds it to a clean build's bytes).
	if after["archive/2024-Q4.zip"].ino == before["archive/2024-Q4.zip"].ino || inc.CopiedEntries == 0 {
		t.Errorf("last quarter changed: the period's bundle was not rewritten, or none of its entries was copied (%d)", inc.CopiedEntries)
	}
	for _, name := range []string{"index.html", "schemes/basic/2024-Q4.html", "schemes/basic/2024-Q4/zz-u01.html", "entities/zz-u01.html", "data/basic/2024-Q4.json"} {
		if after[name].ino == before[name].ino {
			t.Errorf("last quarter changed: %s was not rewritten", name)
		}
	}
	// The sheets of an unchanged period were moved as one folder (it
	// keeps its inode); the changed period's folder is a new one.
	if dirInode(t, out, "schemes/basic/2024-Q2") != dirBefore["schemes/basic/2024-Q2"] {
		t.Error("last quarter changed: the folder of an unchanged period's sheets was not kept whole")
	}
	if dirInode(t, out, "schemes/basic/2024-Q4") == dirBefore["schemes/basic/2024-Q4"] {
		t.Error("last quarter changed: the changed period's sheet folder was kept")
	}

	// An earlier period changed: the later periods' pages follow (history
	// charts, rank changes), and the tree still equals a clean build.
	bumpCell(t, filepath.Join(site, "data", "periods", "2024-Q2.csv"))
	incBuild(t, cfg, out)
	os.RemoveAll(clean)
	incBuild(t, cfg, clean)
	sameTree(t, "second quarter changed", incTree(t, out), incTree(t, clean))

	// A deleted period: its pages go.
	if err := os.Remove(filepath.Join(site, "data", "periods", "2024-Q3.csv")); err != nil {
		t.Fatal(err)
	}
	incBuild(t, cfg, out)
	got := incTree(t, out)
	if _, ok := got["schemes/basic/2024-Q3.html"]; ok {
		t.Error("deleted period: its ranking is still there")
	}
	os.RemoveAll(clean)
	incBuild(t, cfg, clean)
	sameTree(t, "period deleted", got, incTree(t, clean))

	// A file of the output edited by hand is written again, a score
	// sheet (in a folder otherwise kept whole) included; one deleted by
	// hand is written again.
	edited := filepath.Join(out, "schemes", "basic", "2024-Q1.html")
	sheet := filepath.Join(out, "schemes", "basic", "2024-Q1", "zz-u01.html")
	deleted := filepath.Join(out, "schemes", "basic", "2024-Q2", "zz-u01.html")
	for _, f := range []string{edited, sheet} {
		if err := os.WriteFile(f, []byte("edited"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(deleted); err != nil {
		t.Fatal(err)
	}
	incBuild(t, cfg, out)
	for _, f := range []string{edited, sheet} {
		if b, _ := os.ReadFile(f); string(b) == "edited" {
			t.Errorf("%s, edited in the output, was kept", f)
		}
	}
	sameTree(t, "pages edited and deleted in the output", incTree(t, out), incTree(t, clean))
}

// dirInode is the inode of the folder rel under dir.
func dirInode(t *testing.T, dir, rel string) uint64 {
	t.Helper()
	st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

// TestIncrementalGlobalInputs checks that a change to config.toml or to a
// template renders every page again (those whose bytes come out the same
// keep their file).
func TestIncrementalGlobalInputs(t *testing.T) {
	cfg := incSite(t)
	site := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "public")
	incBuild(t, cfg, out)
	for _, change := range []struct {
		name string
		edit func()
	}{
		{"config.toml", func() {
			b, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cfg, append(b, []byte("\n# a comment\n")...), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a template", func() {
			b, err := os.ReadFile(cfg)
			if err != nil || !strings.Contains(string(b), `templates_dir = "overrides"`) {
				t.Fatal(`the generated config.toml no longer says templates_dir = "overrides"; update the test`)
			}
			dir := filepath.Join(site, "overrides", "partials")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			footer := `<footer class="site-footer"><p>{{.Page.Site.Title}} · 自定义页脚</p></footer>`
			if err := os.WriteFile(filepath.Join(dir, "footer.html"), []byte(footer), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"entities.csv", func() {
			path := filepath.Join(site, "data", "entities.csv")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(strings.Replace(string(b), "枣庄", "棗莊", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		change.edit()
		before := incTree(t, out)
		sum := incBuild(t, cfg, out)
		if sum.UnchangedPages != sum.SamePages || sum.CopiedEntries != 0 {
			t.Errorf("%s changed: %d pages kept without rendering, %d bundle entries copied, want none",
				change.name, sum.UnchangedPages-sum.SamePages, sum.CopiedEntries)
		}
		// A comment changes no page: each is rendered again, comes out
		// the same and keeps its file.
		if after := incTree(t, out); change.name == "config.toml" &&
			(sum.SamePages != sum.Pages || after["index.html"] != before["index.html"]) {
			t.Errorf("config.toml comment: %d of %d pages unchanged; index.html %v → %v, want every page's file kept",
				sum.SamePages, sum.Pages, before["index.html"], after["index.html"])
		}
		clean := filepath.Join(t.TempDir(), "public")
		incBuild(t, cfg, clean)
		sameTree(t, change.name+" changed", incTree(t, out), incTree(t, clean))
	}
}

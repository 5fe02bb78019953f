package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"kaoping/generator/build"
	"kaoping/generator/diag"
)

// TestAtomicBuild checks that a build writes only into a folder beside
// the output (.public.kaoping-new-*, with the lock .public.kaoping-lock),
// swaps it in on success, removes it on failure, never writes into the
// live output, and that a failed build leaves the previous output exactly
// as it was (SPEC §2), whether it fails on the input (before anything is
// written: bad data, a slot that cannot run) or while writing pages (a
// slot that fails on one page only).
func TestAtomicBuild(t *testing.T) {
	cfg := copySite(t)
	siteDir := filepath.Dir(cfg)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	opts := build.Options{ConfigPath: cfg, OutDir: out}
	staging := regexp.MustCompile(`^\.public\.kaoping-new-[0-9]+$`)
	const lock = ".public.kaoping-lock"

	// checkNames fails on any name in parent that is not out or, when
	// allowBuild, a staging folder or the lock file; it returns how many
	// staging folders were seen.
	checkNames := func(step string, names []string, allowBuild bool) int {
		t.Helper()
		n := 0
		for _, name := range names {
			switch {
			case name == "public":
			case allowBuild && staging.MatchString(name):
				n++
			case allowBuild && name == lock:
			default:
				t.Errorf("%s: the build wrote %q beside the output folder", step, name)
			}
		}
		return n
	}

	// 1. A good build: only a staging folder and the lock appear beside
	// the output, and they are gone afterwards.
	w := watchBuild(t, parent, "", opts)
	if w.problems.HasErrors() {
		t.Fatalf("building the demo copy:\n%v", w.problems.Err("en"))
	}
	if checkNames("first build", w.names, true) == 0 {
		t.Errorf("first build: no staging folder .public.kaoping-new-* was created beside the output (saw %q)", w.names)
	}
	checkNames("after the first build", dirNames(t, parent), false)
	good := hashTree(t, out)
	if len(treeFiles(t, out)) == 0 {
		t.Fatal("the first build wrote no file")
	}

	// 2. A second good build replaces the output through a staging folder
	// too, writes nothing into the live output, and leaves nothing beside
	// it.
	w = watchBuild(t, parent, out, opts)
	if w.problems.HasErrors() {
		t.Fatalf("rebuilding:\n%v", w.problems.Err("en"))
	}
	if checkNames("second build", w.names, true) == 0 {
		t.Errorf("second build: no staging folder was created (saw %q)", w.names)
	}
	if len(w.inOutput) > 0 {
		t.Errorf("second build: created or wrote %q in the live output folder", w.inOutput)
	}
	checkNames("after the second build", dirNames(t, parent), false)
	if hashTree(t, out) != good {
		t.Error("rebuilding the same input changed the output")
	}

	// fails runs a build that must fail and checks that the output is as
	// it was and nothing is left beside it; it returns the names that
	// appeared beside the output while it ran.
	fails := func(step, file string, line int) []string {
		t.Helper()
		w := watchBuild(t, parent, out, opts)
		if !w.problems.HasErrors() {
			t.Fatalf("%s: the build succeeded", step)
		}
		if !hasProblemAt(w.problems, file, line) {
			t.Errorf("%s: the errors do not name %s line %d:\n%v", step, file, line, w.problems.Err("en"))
		}
		if len(w.inOutput) > 0 {
			t.Errorf("%s: created or wrote %q in the live output folder", step, w.inOutput)
		}
		checkNames(step, w.names, true)
		checkNames("after "+step, dirNames(t, parent), false)
		if hashTree(t, out) != good {
			t.Errorf("%s changed the previous output", step)
		}
		return w.names
	}

	// 3. Bad data: the build fails before it writes or locks anything.
	period := filepath.Join(siteDir, "data", "periods", "2024-Q1.csv")
	orig, err := os.ReadFile(period)
	if err != nil {
		t.Fatal(err)
	}
	editFile(t, period, "\njn,3948,", "\njn,abc,")
	if names := fails("failed build (bad data)", "data/periods/2024-Q1.csv", 2); len(names) > 0 {
		t.Errorf("a build that fails on its input created %q beside the output", names)
	}
	if err := os.WriteFile(period, orig, 0o644); err != nil {
		t.Fatal(err)
	}

	// 4. A slot that cannot run (a misspelt field) fails when the site is
	// loaded, also before anything is written.
	if !strings.Contains(readFile(t, cfg), `templates_dir = "overrides"`) {
		t.Fatal(`the demo's config.toml no longer says templates_dir = "overrides"; update the test`)
	}
	overrides := filepath.Join(siteDir, "overrides")
	if err := os.MkdirAll(overrides, 0o755); err != nil {
		t.Fatal(err)
	}
	footer := filepath.Join(overrides, "footer.html")
	if err := os.WriteFile(footer, []byte("<p>{{.SiteTitle}}</p>\n<p>{{.NoSuchField}}</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if names := fails("failed build (slot)", "overrides/footer.html", 2); len(names) > 0 {
		t.Errorf("a build that fails on a slot created %q beside the output", names)
	}

	// 5. A slot that runs on the sample data it is checked with, and
	// fails on one page of the site: the build fails while writing pages,
	// so the staging folder was made, and must be removed.
	slot := "<p>{{.SiteTitle}}</p>\n{{if eq .Path \"periods/index.html\"}}<p>{{.NoSuchField}}</p>{{end}}\n"
	if err := os.WriteFile(footer, []byte(slot), 0o644); err != nil {
		t.Fatal(err)
	}
	w = watchBuild(t, parent, out, opts)
	if !w.problems.HasErrors() || !strings.Contains(w.problems.Err("en").Error(), "NoSuchField") {
		t.Fatalf("a build with a slot that fails on periods/index.html: %v", w.problems.Err("en"))
	}
	if checkNames("failed build (while writing)", w.names, true) == 0 {
		t.Errorf("failed build (while writing): no staging folder was created, so this step tests nothing (saw %q); errors:\n%v", w.names, w.problems.Err("en"))
	}
	if len(w.inOutput) > 0 {
		t.Errorf("failed build (while writing): created or wrote %q in the live output folder", w.inOutput)
	}
	checkNames("after the failed build (while writing)", dirNames(t, parent), false)
	if hashTree(t, out) != good {
		t.Error("a build that failed while writing pages changed the previous output")
	}

	// 6. A failed first build creates no output folder at all.
	fresh := filepath.Join(t.TempDir(), "public")
	if _, _, problems := build.Build(build.Options{ConfigPath: cfg, OutDir: fresh}); !problems.HasErrors() {
		t.Fatal("the failing build succeeded into a fresh folder")
	}
	if names := dirNames(t, filepath.Dir(fresh)); len(names) != 0 {
		t.Errorf("a failed first build left %q", names)
	}
}

// watched is what watchBuild saw.
type watched struct {
	names    []string // created or renamed beside the output
	inOutput []string // created or written in the live output folder
	problems diag.List
}

// watchBuild runs a build while watching the output's parent folder and,
// when out is not "", the output folder itself (its own entries: a file
// created or written there is a write into the live site).
func watchBuild(t *testing.T, parent, out string, opts build.Options) watched {
	t.Helper()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(parent); err != nil {
		t.Fatal(err)
	}
	if out != "" {
		if err := w.Add(out); err != nil {
			t.Fatal(err)
		}
	}
	// Only the folders' own entries are watched (fsnotify is not
	// recursive), so the buffer holds every event of a build.
	events := make(chan fsnotify.Event, 1<<14)
	go func() {
		for ev := range w.Events {
			events <- ev
		}
	}()
	_, _, problems := build.Build(opts)
	res := watched{problems: problems}
	seen := map[string]bool{}
	for {
		select {
		case ev := <-events:
			name := filepath.Base(ev.Name)
			switch dir := filepath.Dir(ev.Name); {
			case dir == parent && (ev.Has(fsnotify.Create) || ev.Has(fsnotify.Rename)) && !seen[name]:
				seen[name] = true
				res.names = append(res.names, name)
			case dir == out && (ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write)):
				res.inOutput = append(res.inOutput, ev.Op.String()+" "+name)
			}
			continue
		case <-time.After(200 * time.Millisecond):
			// Quiet after the build: every event of it has arrived.
		}
		return res
	}
}

// hasProblemAt reports whether an error names file and line.
func hasProblemAt(problems diag.List, file string, line int) bool {
	for _, p := range problems.Errors() {
		if p.Pos.File == file && p.Pos.Line == line {
			return true
		}
	}
	return false
}

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

// TestAtomicBuild checks that a build writes only into a staging folder
// beside the output (.public.kaoping-tmp-*), swaps it in on success,
// removes it on failure, and that a failed build leaves the previous
// output exactly as it was (SPEC §2), whether it fails on the input (before
// anything is written) or while writing pages.
func TestAtomicBuild(t *testing.T) {
	cfg := copySite(t)
	siteDir := filepath.Dir(cfg)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	opts := build.Options{ConfigPath: cfg, OutDir: out}
	staging := regexp.MustCompile(`^\.public\.kaoping-tmp-[^/]+$`)

	// checkNames fails on any name in parent that is not out or, when
	// allowStaging, a staging folder; it returns how many staging names
	// were seen.
	checkNames := func(step string, names []string, allowStaging bool) int {
		t.Helper()
		n := 0
		for _, name := range names {
			switch {
			case name == "public":
			case allowStaging && staging.MatchString(name):
				n++
			default:
				t.Errorf("%s: the build wrote %q beside the output folder", step, name)
			}
		}
		return n
	}

	// 1. A good build: only a staging folder appears beside the output,
	// and it is gone afterwards.
	names, problems := watchBuild(t, parent, opts)
	if problems.HasErrors() {
		t.Fatalf("building the demo copy:\n%v", problems.Err("en"))
	}
	if checkNames("first build", names, true) == 0 {
		t.Errorf("first build: no staging folder .public.kaoping-tmp-* was created beside the output (saw %q)", names)
	}
	checkNames("after the first build", dirNames(t, parent), false)
	good := hashTree(t, out)
	if len(treeFiles(t, out)) == 0 {
		t.Fatal("the first build wrote no file")
	}

	// 2. A second good build replaces the output through a staging folder
	// too, and leaves nothing beside it.
	names, problems = watchBuild(t, parent, opts)
	if problems.HasErrors() {
		t.Fatalf("rebuilding:\n%v", problems.Err("en"))
	}
	if checkNames("second build", names, true) == 0 {
		t.Errorf("second build: no staging folder was created (saw %q)", names)
	}
	checkNames("after the second build", dirNames(t, parent), false)
	if hashTree(t, out) != good {
		t.Error("rebuilding the same input changed the output")
	}

	// 3. Bad data: the build fails before writing anything.
	period := filepath.Join(siteDir, "data", "periods", "2024-Q1.csv")
	orig, err := os.ReadFile(period)
	if err != nil {
		t.Fatal(err)
	}
	editFile(t, period, "\njn,3948,", "\njn,abc,")
	names, problems = watchBuild(t, parent, opts)
	if !problems.HasErrors() {
		t.Fatal("a build with the text \"abc\" in a number cell succeeded")
	}
	if !hasProblemAt(problems, "data/periods/2024-Q1.csv", 2) {
		t.Errorf("the errors do not name data/periods/2024-Q1.csv line 2:\n%v", problems.Err("en"))
	}
	checkNames("failed build (bad data)", names, true)
	checkNames("after the failed build (bad data)", dirNames(t, parent), false)
	if hashTree(t, out) != good {
		t.Error("a build that failed on bad data changed the previous output")
	}
	if err := os.WriteFile(period, orig, 0o644); err != nil {
		t.Fatal(err)
	}

	// 4. A template that fails while pages are written: the staging folder
	// was made and must be removed, and the output is untouched.
	overrides := filepath.Join(siteDir, "overrides", "partials")
	if err := os.MkdirAll(overrides, 0o755); err != nil {
		t.Fatal(err)
	}
	footer := `<footer>{{.NoSuchField.Either}}</footer>`
	if err := os.WriteFile(filepath.Join(overrides, "footer.html"), []byte(footer), 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readFile(t, cfg), `templates_dir = "overrides"`) {
		t.Fatal(`the demo's config.toml no longer says templates_dir = "overrides"; update the test`)
	}
	names, problems = watchBuild(t, parent, opts)
	if !problems.HasErrors() {
		t.Fatal("a build with a footer template that cannot execute succeeded")
	}
	if checkNames("failed build (template)", names, true) == 0 {
		t.Errorf("failed build (template): no staging folder was created, so this step tests nothing (saw %q); errors:\n%v", names, problems.Err("en"))
	}
	checkNames("after the failed build (template)", dirNames(t, parent), false)
	if hashTree(t, out) != good {
		t.Error("a build that failed while writing pages changed the previous output")
	}

	// 5. A failed first build creates no output folder at all.
	fresh := filepath.Join(t.TempDir(), "public")
	if _, _, problems := build.Build(build.Options{ConfigPath: cfg, OutDir: fresh}); !problems.HasErrors() {
		t.Fatal("the failing build succeeded into a fresh folder")
	}
	if names := dirNames(t, filepath.Dir(fresh)); len(names) != 0 {
		t.Errorf("a failed first build left %q", names)
	}
}

// watchBuild runs a build while watching the output's parent folder and
// returns the names that were created or renamed in it.
func watchBuild(t *testing.T, parent string, opts build.Options) ([]string, diag.List) {
	t.Helper()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(parent); err != nil {
		t.Fatal(err)
	}
	// Only the parent's own entries are watched (fsnotify is not
	// recursive), so the buffer holds every event of a build.
	events := make(chan fsnotify.Event, 4096)
	go func() {
		for ev := range w.Events {
			events <- ev
		}
	}()
	_, _, problems := build.Build(opts)
	seen := map[string]bool{}
	var names []string
	for {
		select {
		case ev := <-events:
			name := filepath.Base(ev.Name)
			if (ev.Has(fsnotify.Create) || ev.Has(fsnotify.Rename)) && !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
			continue
		case <-time.After(200 * time.Millisecond):
			// Quiet after the build: every event of it has arrived.
		}
		return names, problems
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

package build_test

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kaoping/internal/synth"
)

// TestIncrementalRandomEdits edits one cell of a period file at a time,
// at random (a number changed or emptied, in any period, any entity),
// and holds every incremental build to a clean build of the same input.
// Score sheets are keyed by the data of their peer group alone
// (report.Keys), so a dependency of a sheet outside its group that the
// keys missed would leave a stale sheet here.
func TestIncrementalRandomEdits(t *testing.T) {
	dir := t.TempDir()
	if err := synth.WriteSite(dir, synth.Options{Cities: 2, Units: 2, Prosecutors: 3, Periods: 4, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	out := filepath.Join(t.TempDir(), "public")
	incBuild(t, cfg, out)
	var files []string
	_ = filepath.WalkDir(filepath.Join(dir, "data", "periods"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".csv") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 4 {
		t.Fatalf("only %d period files", len(files))
	}
	rng := rand.New(rand.NewPCG(11, 3))
	edits := 8
	if testing.Short() {
		edits = 3
	}
	keptInEdited := 0
	for n := range edits {
		file := files[rng.IntN(len(files))]
		what := editCell(t, file, rng)
		before := incTree(t, out)
		sum := incBuild(t, cfg, out)
		clean := filepath.Join(t.TempDir(), "public")
		incBuild(t, cfg, clean)
		after := incTree(t, out)
		sameTree(t, "edit "+strconv.Itoa(n)+" ("+what+")", after, incTree(t, clean))
		if sum.UnchangedPages-sum.SamePages == sum.Pages {
			t.Errorf("edit %d (%s): every page kept without rendering", n, what)
		}
		// Sheets of the edited period kept by key (not rendered again).
		period := strings.TrimSuffix(filepath.Base(file), ".csv")
		if filepath.Base(filepath.Dir(file)) != "periods" {
			period = filepath.Base(filepath.Dir(file))
		}
		for name, st := range after {
			if strings.Contains(name, "/"+period+"/") && before[name] == st {
				keptInEdited++
			}
		}
	}
	if keptInEdited == 0 {
		t.Error("no score sheet of an edited period was kept: the sheets' keys are no narrower than the period")
	}
}

// editCell changes one numeric cell of a data row of the CSV file at
// path: adds 1 to 5, or empties it. It returns what it did.
func editCell(t *testing.T, path string, rng *rand.Rand) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	for range 100 {
		row := 1 + rng.IntN(len(lines)-1)
		cells := strings.Split(lines[row], ",")
		col := 1 + rng.IntN(len(cells)-1)
		v, err := strconv.ParseFloat(cells[col], 64)
		if err != nil {
			continue
		}
		what := filepath.Base(path) + " row " + strconv.Itoa(row) + " column " + strconv.Itoa(col)
		if rng.IntN(4) == 0 {
			cells[col] = ""
			what += " emptied"
		} else {
			cells[col] = strconv.FormatFloat(v+float64(1+rng.IntN(5)), 'f', -1, 64)
			what += " changed"
		}
		lines[row] = strings.Join(cells, ",")
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return what
	}
	t.Fatalf("%s: no numeric cell found", path)
	return ""
}

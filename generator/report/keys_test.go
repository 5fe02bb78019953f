package report

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kaoping/generator/scoring"
	"kaoping/internal/synth"
)

// TestKeysFollowPeerGroups changes one prosecutor's number in the last
// quarter and checks which keys change: the sheets and leaf profiles of
// the prosecutor's peer group (the data their results come from, SPEC
// §6) and nothing of the other groups or of earlier periods. (That the
// keys are wide enough is held by the incremental build tests, which
// compare incremental builds after random edits with clean builds.)
func TestKeysFollowPeerGroups(t *testing.T) {
	dir := t.TempDir()
	if err := synth.WriteSite(dir, synth.Options{Cities: 2, Units: 2, Prosecutors: 4, Periods: 4, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	in := KeyInputs{Global: "g", Period: map[string]string{}}
	before := keysOf(t, cfg, in)

	// The first number of the first prosecutor row of the last quarter, + 1.
	file := filepath.Join(dir, "data", "periods", "2024-Q4", "prosecutors.csv")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	cells := strings.Split(lines[1], ",")
	edited := cells[0]
	for i := 1; i < len(cells); i++ {
		if n, err := strconv.Atoi(cells[i]); err == nil {
			cells[i] = strconv.Itoa(n + 1)
			break
		}
	}
	lines[1] = strings.Join(cells, ",")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := loadSite(cfg)
	if err != nil {
		t.Fatal(err)
	}
	after := m.Keys(in)

	// The edited prosecutor's group in the last quarter.
	var last *scoring.Result
	for _, r := range m.Results["prosecutor"] {
		if r.Period.ID == "2024-Q4" {
			last = r
		}
	}
	if last == nil {
		t.Fatal("no prosecutor result for 2024-Q4")
	}
	group := ""
	inGroup := map[string]bool{}
	for _, g := range last.Groups {
		for _, e := range g.Entities {
			if e.Entity.ID == edited {
				group = g.ID
			}
		}
	}
	for _, g := range last.Groups {
		for _, e := range g.Entities {
			inGroup[e.Entity.ID] = g.ID == group
		}
	}
	if group == "" || len(last.Groups) < 2 {
		t.Fatalf("%s in group %q of %d groups: the test needs two groups", edited, group, len(last.Groups))
	}
	same, changed := 0, 0
	for id, in := range inGroup {
		sheet := SheetPath("prosecutor", "2024-Q4", id)
		profile := EntityPath(id)
		moved := before.For(sheet) != after.For(sheet)
		if moved != in || (before.For(profile) != after.For(profile)) != in {
			t.Errorf("%s (in the edited group: %v): sheet key changed %v, profile key changed %v",
				id, in, moved, before.For(profile) != after.For(profile))
		}
		if in {
			changed++
		} else {
			same++
		}
	}
	if same == 0 || changed == 0 {
		t.Errorf("%d prosecutors in the edited group, %d in others: want some of each", changed, same)
	}
	if p := SheetPath("prosecutor", "2024-Q3", edited); before.For(p) != after.For(p) {
		t.Errorf("%s: an earlier period's sheet key changed", p)
	}
}

func keysOf(t *testing.T, cfg string, in KeyInputs) *Keys {
	t.Helper()
	m, err := loadSite(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m.Keys(in)
}

package synth_test

import (
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/diag"
	"kaoping/internal/synth"
)

// TestGeneratedSiteLoads writes small sites and loads them as `kaoping
// build` does: no error, and no warning but the one a monthly site is
// expected to have. With 3 prosecutors per procuratorate, the 公益诉讼
// line has one prosecutor per procuratorate, who in a month often closes
// fewer than 3 cases (valid_if = "cases >= 3"), so for some month a
// province-wide group can be left without any value of case_ratio; build
// warns about exactly that (SPEC §6), and only in months.
func TestGeneratedSiteLoads(t *testing.T) {
	tests := []struct {
		name string
		o    synth.Options
		// allowed reports whether a warning is expected; nil = none is.
		allowed func(p diag.Problem) bool
		// warned is how many warnings this seed gives (all allowed ones).
		warned int
	}{
		{name: "quarters", o: synth.Options{Cities: 2, Units: 2, Prosecutors: 3, Periods: 2, Seed: 1}},
		{name: "one of each", o: synth.Options{Cities: 1, Units: 1, Prosecutors: 1, Periods: 1, Seed: 3}},
		{name: "all departments", o: synth.Options{Cities: 2, Units: 3, Prosecutors: 10, Periods: 5, Seed: 2}},
		{
			name: "quarters and months",
			o:    synth.Options{Cities: 2, Units: 2, Prosecutors: 3, Periods: 2, Months: 3, Seed: 1},
			allowed: func(p diag.Problem) bool {
				return strings.Contains(p.EN, "scheme prosecutor") && strings.Contains(p.EN, "case_ratio") &&
					strings.Contains(p.EN, "period 2024-0")
			},
			warned: 1, // 2024-08, 公益诉讼检察
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := synth.WriteSite(dir, tc.o); err != nil {
				t.Fatal(err)
			}
			p, problems := build.Load(filepath.Join(dir, "config.toml"))
			for _, pr := range problems {
				if pr.Severity == diag.Error || tc.allowed == nil || !tc.allowed(pr) {
					t.Errorf("unexpected problem: %s", pr.Format("en"))
				}
			}
			if len(problems) != tc.warned {
				t.Errorf("%d problems, want %d", len(problems), tc.warned)
			}
			if p == nil {
				t.Fatal("project not loaded")
			}
			want := tc.o.Entities()
			if got := len(p.Data.Entities.All); got != want {
				t.Errorf("%d entities loaded, want %d", got, want)
			}
			// Every period is also a ytd period (config: ytd = true).
			if got, want := len(p.Data.Periods), 2*(tc.o.Periods+tc.o.Months); got != want {
				t.Errorf("%d periods loaded, want %d", got, want)
			}
			prosecutors := tc.o.Cities * tc.o.Units * tc.o.Prosecutors
			for _, r := range p.Results["prosecutor"] {
				n := 0
				for _, g := range r.Groups {
					n += len(g.Entities)
				}
				if n != prosecutors {
					t.Errorf("prosecutor %s: %d scored, want %d", r.Period.ID, n, prosecutors)
				}
			}
			if got := len(p.Results["city"]); got != len(p.Data.Periods) {
				t.Errorf("city scheme scored %d periods, want %d", got, len(p.Data.Periods))
			}
		})
	}
}

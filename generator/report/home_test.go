package report

import (
	"math"
	"strings"
	"testing"
)

// The home page shows each scheme's latest period (and the latest plain
// period when the latest is cumulative), with the first and last members
// exactly as the results rank them.
func TestHomeLatestPerScheme(t *testing.T) {
	m := demo(t)
	d := pageData(t, homeJobs(m), HomePath()).(*HomePage)
	if len(d.Schemes) != len(m.Config.Schemes) {
		t.Fatalf("%d schemes on the home page, want %d", len(d.Schemes), len(m.Config.Schemes))
	}
	for i, s := range m.Config.Schemes {
		hs := d.Schemes[i]
		latest := m.Latest(s.ID)
		if got := hs.Summaries[0].PeriodID; got != latest.Period.ID {
			t.Errorf("%s: first summary is %s, want the latest %s", s.ID, got, latest.Period.ID)
		}
		// The demo's latest period is 2026-03-ytd, so the plain 2026-03 follows.
		if !latest.Period.Derived {
			t.Fatalf("%s: the demo's latest period should be cumulative, is %s", s.ID, latest.Period.ID)
		}
		if len(hs.Summaries) != 2 || hs.Summaries[1].PeriodID != "2026-03" {
			t.Errorf("%s: summaries %d, second %v; want 2026-03 after the cumulative period", s.ID, len(hs.Summaries), hs.Summaries[len(hs.Summaries)-1].PeriodID)
		}
		for _, sum := range hs.Summaries {
			r := m.Result(s.ID, sum.PeriodID)
			members, total := 0, 0.0
			hi := math.Inf(-1)
			for _, g := range r.Groups {
				members += len(g.Entities)
				for _, e := range g.Entities {
					total += e.Total
					hi = math.Max(hi, e.Total)
				}
			}
			if sum.Members != members || math.Abs(sum.Mean-total/float64(members)) > 1e-9 || sum.Highest.Total != hi {
				t.Errorf("%s %s: members %d mean %v highest %v; want %d %v %v", s.ID, sum.PeriodID, sum.Members, sum.Mean, sum.Highest.Total, members, total/float64(members), hi)
			}
			if len(sum.Tops) != len(r.Groups) {
				t.Fatalf("%s %s: %d top lists for %d groups", s.ID, sum.PeriodID, len(sum.Tops), len(r.Groups))
			}
			for gi, g := range r.Groups {
				top, bottom := sum.Tops[gi].Top, sum.Tops[gi].Bottom
				for k := range top {
					e := g.Entities[k]
					if top[k].Name != e.Entity.Name || top[k].Rank != e.Rank {
						t.Errorf("%s %s %s: top %d is %s #%d, want %s #%d", s.ID, sum.PeriodID, g.ID, k, top[k].Name, top[k].Rank, e.Entity.Name, e.Rank)
					}
				}
				for k := range bottom {
					e := g.Entities[len(g.Entities)-len(bottom)+k]
					if bottom[k].Name != e.Entity.Name || bottom[k].Sheet != SheetPath(s.ID, sum.PeriodID, e.Entity.ID) {
						t.Errorf("%s %s %s: bottom %d is %s, want %s", s.ID, sum.PeriodID, g.ID, k, bottom[k].Name, e.Entity.Name)
					}
				}
				if len(top) != min(3, len(g.Entities)) {
					t.Errorf("%s %s %s: %d on top", s.ID, sum.PeriodID, g.ID, len(top))
				}
				if len(top) > 0 && top[0].Sheet != SheetPath(s.ID, sum.PeriodID, g.Entities[0].Entity.ID) {
					t.Errorf("%s %s %s: the first links %s", s.ID, sum.PeriodID, g.ID, top[0].Sheet)
				}
			}
		}
	}
	if d.Entities != EntitiesPath() {
		t.Errorf("home links the entities as %q", d.Entities)
	}
	// The latest commentary is the demo's note of 2026-03, linked to its
	// period page.
	if d.Note == nil || d.Note.PeriodLabel != "2026年3月" || d.Note.Path != PeriodPath("2026-03") || d.Note.Excerpt == "" {
		t.Errorf("home note %+v, want the excerpt of 2026-03", d.Note)
	}
	// The periods, latest first: 2026 starts with the cumulative March.
	if len(d.Periods) == 0 || d.Periods[0].Year != 2026 || d.Periods[0].Periods[0].Path != PeriodPath("2026-03-ytd") {
		t.Errorf("home periods start with %+v", d.Periods[:1])
	}
}

// Movers: the largest rank changes up and down, each with its sign.
func TestHomeMovers(t *testing.T) {
	m := demo(t)
	r := m.Result("prosecutor", "2026-03-ytd")
	sum := m.summarize(r)
	best, worst := 0, 0
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			if e.RankChange != nil {
				best, worst = max(best, *e.RankChange), min(worst, *e.RankChange)
			}
		}
	}
	if best == 0 || worst == 0 {
		t.Fatalf("demo has no movers in prosecutor 2026-03-ytd (best %d, worst %d)", best, worst)
	}
	if len(sum.Up) == 0 || *sum.Up[0].RankChange != best {
		t.Errorf("up first = %v, want %d", sum.Up, best)
	}
	if len(sum.Down) == 0 || *sum.Down[0].RankChange != worst {
		t.Errorf("down first = %v, want %d", sum.Down, worst)
	}
	for i := 1; i < len(sum.Up); i++ {
		if *sum.Up[i].RankChange > *sum.Up[i-1].RankChange {
			t.Errorf("up not sorted: %d after %d", *sum.Up[i].RankChange, *sum.Up[i-1].RankChange)
		}
	}
}

func TestNoteExcerpt(t *testing.T) {
	tests := []struct {
		src, want string
		more      bool
	}{
		{"# 标题\n\n第一段。\n\n- 甲\n- 乙", "第一段。\n\n- 甲\n- 乙", true},
		{"只有一段。", "只有一段。", false},
		{"段一。\n\n| a | b |\n| - | - |\n\n段二。", "段一。\n\n段二。", true},
		{strings.Repeat("长", 300) + "\n\n后文。", strings.Repeat("长", 300), true},
	}
	for _, tc := range tests {
		got, more := noteExcerpt(tc.src, 240)
		if got != tc.want || more != tc.more {
			t.Errorf("noteExcerpt(%q) = %q, %v; want %q, %v", tc.src, got, more, tc.want, tc.more)
		}
	}
}

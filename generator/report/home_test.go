package report

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

// The home page shows each scheme's latest plain period and then the
// cumulative period ending with it, with the first and last members
// exactly as the results rank them.
func TestHomeLatestPerScheme(t *testing.T) {
	m := demo(t)
	d := pageData(t, homeJobs(m), HomePath()).(*HomePage)
	if len(d.Schemes) != len(m.Config.Schemes) {
		t.Fatalf("%d schemes on the home page, want %d", len(d.Schemes), len(m.Config.Schemes))
	}
	for i, s := range m.Config.Schemes {
		hs := d.Schemes[i]
		// The demo's latest period is 2026-03-ytd: the page shows 2026-03
		// first and the cumulative period behind the switch.
		if latest := m.Latest(s.ID); latest.Period.ID != "2026-03-ytd" {
			t.Fatalf("%s: the demo's latest period should be 2026-03-ytd, is %s", s.ID, latest.Period.ID)
		}
		if len(hs.Summaries) != 2 || hs.Summaries[0].PeriodID != "2026-03" || hs.Summaries[1].PeriodID != "2026-03-ytd" {
			var got []string
			for _, sum := range hs.Summaries {
				got = append(got, sum.PeriodID)
			}
			t.Errorf("%s: summaries %v, want [2026-03 2026-03-ytd]", s.ID, got)
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
			// The home page's short lists: three and three for one group,
			// the first and the last of each group when there are several.
			if len(sum.Ends) != len(r.Groups) {
				t.Fatalf("%s %s: %d end lists for %d groups", s.ID, sum.PeriodID, len(sum.Ends), len(r.Groups))
			}
			for gi, g := range r.Groups {
				end := sum.Ends[gi]
				n := len(g.Entities)
				if len(r.Groups) == 1 {
					if len(end.Top) != min(3, n) || len(end.Bottom) != min(3, n-len(end.Top)) {
						t.Errorf("%s %s: %d first and %d last of %d", s.ID, sum.PeriodID, len(end.Top), len(end.Bottom), n)
					}
					continue
				}
				if len(end.Top) != 1 || len(end.Bottom) != 1 || end.Top[0].Name != g.Entities[0].Entity.Name ||
					end.Bottom[0].Name != g.Entities[n-1].Entity.Name || end.Bottom[0].Rank != g.Entities[n-1].Rank {
					t.Errorf("%s %s %s: ends %+v, want %s first and %s last", s.ID, sum.PeriodID, g.ID, end, g.Entities[0].Entity.Name, g.Entities[n-1].Entity.Name)
				}
			}
			// A chart with a bar per member for the few, one with a thin bar
			// per member for the many (at most homeChartMembers of them):
			// never taller than 240 px.
			if sum.Chart == nil || sum.Chart.Height > 240 || len(sum.Chart.Data.Rows) != min(members, homeChartMembers)+1 {
				t.Errorf("%s %s: chart %v", s.ID, sum.PeriodID, sum.Chart)
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
	// The periods: only the latest year, latest first (2026 starts with
	// the cumulative March), and how many there are in all.
	if len(d.Periods) != 1 || d.Periods[0].Year != 2026 || d.Periods[0].Periods[0].Path != PeriodPath("2026-03-ytd") {
		t.Errorf("home periods %+v, want 2026 alone", d.Periods)
	}
	if d.PeriodCount != len(m.Data.Periods) {
		t.Errorf("home counts %d periods, the site has %d", d.PeriodCount, len(m.Data.Periods))
	}
}

// A site without cumulative periods, or with only cumulative ones, shows
// one period per scheme; a latest period without its cumulative twin
// (a year, a half) shows alone too.
func TestHomeOneView(t *testing.T) {
	m := freshDemo(t)
	keep := func(scheme string, ok func(r *scoring.Result) bool) {
		var rs []*scoring.Result
		for _, r := range m.Results[scheme] {
			if ok(r) {
				rs = append(rs, r)
			}
		}
		m.Results[scheme] = rs
	}
	keep("basic", func(r *scoring.Result) bool { return !r.Period.Period.YTD })
	keep("prosecutor", func(r *scoring.Result) bool { return r.Period.Period.YTD })
	// city: up to 2025-Q4, whose cumulative twin 2025-Q4-ytd sorts after it;
	// then only up to the plain 2025-Q4.
	keep("city", func(r *scoring.Result) bool { return r.Period.Period.Year < 2026 && r.Period.ID != "2025-Q4-ytd" })
	for scheme, want := range map[string]string{"basic": "2026-03", "prosecutor": "2026-03-ytd", "city": "2025-Q4"} {
		rs := m.homeResults(scheme)
		if len(rs) != 1 || rs[0].Period.ID != want {
			var got []string
			for _, r := range rs {
				got = append(got, r.Period.ID)
			}
			t.Errorf("%s: home shows %v, want [%s]", scheme, got, want)
		}
	}
}

// homeEnds keeps the first and the last of each of several groups, also
// when a group is too small for a separate bottom list.
func TestHomeEnds(t *testing.T) {
	e := func(names ...string) []SummaryEntity {
		var out []SummaryEntity
		for _, n := range names {
			out = append(out, SummaryEntity{Name: n})
		}
		return out
	}
	one := []SummaryTop{{Top: e("a", "b", "c"), Bottom: e("d", "e")}}
	if got := homeEnds(one); len(got) != 1 || len(got[0].Top) != 3 || len(got[0].Bottom) != 2 {
		t.Errorf("one list shortened: %+v", got)
	}
	several := []SummaryTop{
		{Label: "five", Top: e("a", "b", "c"), Bottom: e("d", "e")},
		{Label: "two", Top: e("f", "g")},
		{Label: "one", Top: e("h")},
	}
	got := homeEnds(several)
	want := [][2]string{{"a", "e"}, {"f", "g"}, {"h", ""}}
	for i, w := range want {
		last := ""
		if len(got[i].Bottom) == 1 {
			last = got[i].Bottom[0].Name
		}
		if len(got[i].Top) != 1 || got[i].Top[0].Name != w[0] || last != w[1] || len(got[i].Bottom) > 1 || got[i].Label != several[i].Label {
			t.Errorf("%s: %+v, want first %s last %q", several[i].Label, got[i], w[0], w[1])
		}
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

// A scheme of more than homeChartMembers members shows that many on the
// home page, evenly spaced from the first to the last: 1,001 members with
// totals 1001 … 1 give bars of members 0, 5, 10, … (i·1000/199) … 1000.
func TestHomeChartSamplesLargeSchemes(t *testing.T) {
	m := demo(t)
	const n = 1001
	g := &scoring.Group{ID: "all"}
	for i := range n {
		g.Entities = append(g.Entities, &scoring.EntityResult{Entity: &dataset.Entity{ID: fmt.Sprintf("e%04d", i), Name: fmt.Sprintf("单位%04d", i)},
			Rank: i + 1, Total: float64(n - i)})
	}
	r := &scoring.Result{Scheme: m.Config.Schemes[0], Groups: []*scoring.Group{g}}
	c, err := m.homeChart(r, "总分", "k")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Data.Rows) != homeChartMembers+1 { // and the mean's
		t.Fatalf("%d rows, want %d and the mean", len(c.Data.Rows), homeChartMembers)
	}
	for _, k := range []int{0, 1, 100, homeChartMembers - 1} {
		i := k * (n - 1) / (homeChartMembers - 1) // 0, 5, 502, 1000
		if want := fmt.Sprintf("单位%04d", i); c.Data.Rows[k].Label != want {
			t.Errorf("bar %d is %s, want %s", k, c.Data.Rows[k].Label, want)
		}
	}
	if !strings.Contains(c.Title, "1001 名") || !strings.Contains(c.Title, "均匀取 200 名") {
		t.Errorf("title %q does not say how many are shown of how many", c.Title)
	}
}

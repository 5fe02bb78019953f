package report

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"kaoping/generator/chart"
)

// TestRankingRows: the 公示表 lists every member of every group in rank
// order with the rank, rank change, total, grade and score sheet of the
// results, and the 参考值 row holds the group's mean total.
func TestRankingRows(t *testing.T) {
	m := demo(t)
	jobs := rankingJobs(m)
	for _, scheme := range []string{"basic", "prosecutor"} {
		r := latestPlain(t, m, scheme)
		d := pageData(t, jobs, RankingPath(scheme, r.Period.ID)).(*RankingPage)
		// One group: its table is on the period's page. Several: the
		// period's page lists them, each with its page, first and last.
		groups := d.Groups
		if len(r.Groups) > 1 {
			if len(d.Groups) != 0 || len(d.Index) != len(r.Groups) || d.Gongshi != nil {
				t.Fatalf("%s: the period's page has %d groups and %d links, want %d links", scheme, len(d.Groups), len(d.Index), len(r.Groups))
			}
			paths := m.groupPaths(m.Config.Scheme(scheme), r)
			for gi, g := range r.Groups {
				l := d.Index[gi]
				n := len(g.Entities)
				if l.Path != paths[gi] || l.Count != n || l.First.Name != g.Entities[0].Entity.Name || l.First.Total != g.Entities[0].Total ||
					(n > 1 && (l.Last == nil || l.Last.Name != g.Entities[n-1].Entity.Name || l.Last.Rank != g.Entities[n-1].Rank)) {
					t.Errorf("%s: group link %d = %+v, want %s, %d members", scheme, gi, l, paths[gi], n)
				}
				gd := pageData(t, jobs, paths[gi]).(*RankingPage)
				if len(gd.Groups) != 1 || gd.Up == nil || gd.Up.Path != RankingPath(scheme, r.Period.ID) || gd.Gongshi == nil || gd.Gongshi.Group != gd.Groups[0].Name {
					t.Fatalf("%s: the page of group %s is not a 公示 of one group linking back: %+v", scheme, g.ID, gd)
				}
				if gd.Members != n {
					t.Errorf("%s %s: %d members on its page, want %d", scheme, g.ID, gd.Members, n)
				}
				groups = append(groups, gd.Groups[0])
			}
		}
		if len(groups) != len(r.Groups) {
			t.Fatalf("%s: %d groups, want %d", scheme, len(groups), len(r.Groups))
		}
		members := 0
		for gi, g := range r.Groups {
			rg := groups[gi]
			if rg.ID != g.ID || len(rg.Rows) != len(g.Entities) {
				t.Fatalf("%s: group %d is %s with %d rows, want %s with %d", scheme, gi, rg.ID, len(rg.Rows), g.ID, len(g.Entities))
			}
			sum := 0.0
			for k, e := range g.Entities {
				row := rg.Rows[k]
				if row.ID != e.Entity.ID || row.Rank != e.Rank || row.Total != e.Total || row.Grade != e.Grade || row.Vetoed != e.Vetoed ||
					row.Sheet != SheetPath(scheme, r.Period.ID, e.Entity.ID) || !sameChange(row.RankChange, e.RankChange) {
					t.Errorf("%s %s row %d = %+v, want %s rank %d total %v", scheme, g.ID, k, row, e.Entity.ID, e.Rank, e.Total)
				}
				if k > 0 && row.Rank < rg.Rows[k-1].Rank {
					t.Errorf("%s %s: rank %d after %d", scheme, g.ID, row.Rank, rg.Rows[k-1].Rank)
				}
				sum += e.Total
			}
			if want := sum / float64(len(g.Entities)); math.Abs(rg.Mean.Total-want) > 1e-9 {
				t.Errorf("%s %s: mean total %v, want %v", scheme, g.ID, rg.Mean.Total, want)
			}
			members += len(g.Entities)
		}
		if d.Members != members {
			t.Errorf("%s: %d members, want %d", scheme, d.Members, members)
		}
		if scheme == "prosecutor" && len(groups) < 2 {
			t.Errorf("prosecutor scheme should have several peer groups, got %d", len(groups))
		}
		// Downloads: the period's JSON, CSV and workbook.
		want := []string{DataPath(scheme, r.Period.ID, "json"), DataPath(scheme, r.Period.ID, "csv"), XLSXPath(r.Period.ID)}
		for i, dl := range d.Downloads {
			if i >= len(want) || dl.Path != want[i] {
				t.Errorf("%s: download %d is %s", scheme, i, dl.Path)
			}
		}
		// The period selector lists every ranking once, this one current.
		current := 0
		for k, c := range d.Periods {
			if c.Path != RankingPath(scheme, m.Results[scheme][k].Period.ID) {
				t.Errorf("%s: selector entry %d is %s", scheme, k, c.Path)
			}
			if c.Current {
				current++
				if c.Path != RankingPath(scheme, r.Period.ID) {
					t.Errorf("%s: %s marked current", scheme, c.Path)
				}
			}
		}
		if current != 1 || len(d.Periods) != len(m.Results[scheme]) {
			t.Errorf("%s: %d periods in the selector, %d current", scheme, len(d.Periods), current)
		}
	}
}

func sameChange(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// TestRankingNeighbours: a ranking's previous and next periods are of its
// own kind: 2025-Q4 sits between 2025-Q3 and nothing (2026 is monthly), a
// cumulative month between cumulative months.
func TestRankingNeighbours(t *testing.T) {
	m := demo(t)
	jobs := rankingJobs(m)
	for _, tc := range []struct{ period, prev, next string }{
		{"2025-Q4", "2025-Q3", ""},
		{"2024-Q1", "", "2024-Q2"},
		{"2026-02-ytd", "2026-01-ytd", "2026-03-ytd"},
		{"2026-02", "2026-01", "2026-03"},
	} {
		d := pageData(t, jobs, RankingPath("basic", tc.period)).(*RankingPage)
		link := func(p *PeriodLink) string {
			if p == nil {
				return ""
			}
			if p.Path != RankingPath("basic", p.ID) {
				t.Errorf("%s: neighbour %s at %s", tc.period, p.ID, p.Path)
			}
			return p.ID
		}
		if got, want := link(d.Prev)+" "+link(d.Next), tc.prev+" "+tc.next; got != want {
			t.Errorf("%s: neighbours %q, want %q", tc.period, got, want)
		}
	}
}

func TestRankSortedByValue(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		values []float64
		sign   float64
		want   []int
	}{
		{"higher first", []float64{1, 3, 2}, 1, []int{1, 2, 0}},
		{"lower first", []float64{1, 3, 2}, -1, []int{0, 2, 1}},
		{"no direction sorts high first", []float64{1, 3, 2}, 0, []int{1, 2, 0}},
		{"missing last, ties keep order", []float64{nan, 2, 2, 5}, 1, []int{3, 1, 2, 0}},
	}
	for _, tt := range tests {
		got := rankSortedByValue(tt.values, tt.sign)
		if !equalInts(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRankBarsCompact checks the switch to unlabelled vertical bars above
// rankCompactLimit members.
func TestRankBarsCompact(t *testing.T) {
	for _, n := range []int{rankCompactLimit, rankCompactLimit + 1, 500} {
		names := make([]string, n)
		vals := make([]float64, n)
		for i := range names {
			names[i] = "检察官" + strconv.Itoa(i)
			vals[i] = float64(i)
		}
		c, err := rankBars(specFor("总分"), names, vals, 10, "平均值")
		if err != nil {
			t.Fatal(err)
		}
		js := c.OptionJSON()
		vertical := strings.Contains(js, `"xAxis":[{"type":"category"`)
		if vertical != (n > rankCompactLimit) {
			t.Errorf("n=%d: vertical=%v", n, vertical)
		}
		if n > rankCompactLimit && c.Height > 300 {
			t.Errorf("n=%d: height %d, want a compact chart", n, c.Height)
		}
		if len(c.Data.Rows) != n+1 {
			t.Errorf("n=%d: data table has %d rows, want every member and the reference", n, len(c.Data.Rows))
		}
	}
}

// TestRankParentLabels: prosecutors compared across the city are told
// apart by procuratorate and department; procuratorates that share the
// city need no parent.
func TestRankParentLabels(t *testing.T) {
	m := demo(t)
	r := latestPlain(t, m, "basic")
	for id, l := range m.Data.Entities.ParentLabels(r.Groups[0].MemberIDs()) {
		if l != "" {
			t.Errorf("basic: %s has parent label %q, want none", id, l)
		}
	}
	p := latestPlain(t, m, "prosecutor")
	e := p.Groups[0].Entities[0].Entity
	dept := m.Data.Entities.Get(e.Parent)
	court := m.Data.Entities.Get(dept.Parent)
	want := court.Name + " · " + dept.Name
	if got := m.Data.Entities.ParentLabels(p.Groups[0].MemberIDs())[e.ID]; got != want {
		t.Errorf("prosecutor %s: parent label %q, want %q", e.ID, got, want)
	}
}

func specFor(title string) chart.Spec {
	return chart.Spec{Title: title, Format: "number", Decimals: 2}
}

// TestRankingParts: a group longer than rankPageRows is split into pages
// of that many rows in rank order, without charts, each listing every
// page; the group's mean and size stay the whole group's.
func TestRankingParts(t *testing.T) {
	defer func(n int) { rankPageRows = n }(rankPageRows)
	rankPageRows = 10
	m := demo(t)
	s := m.Config.Scheme("prosecutor")
	r := m.Result("prosecutor", "2026-03")
	gi := -1
	for i, g := range r.Groups {
		if len(g.Entities) > 20 && len(g.Entities)%10 != 0 {
			gi = i
		}
	}
	if gi < 0 {
		t.Fatal("the demo has no prosecutor group of more than 20 in 2026-03 (not a multiple of 10)")
	}
	g := r.Groups[gi]
	n := len(g.Entities)
	parts := (n + 9) / 10 // 32 members: 10 + 10 + 10 + 2 on 4 pages
	jobs := rankingJobs(m)
	base := m.groupPaths(s, r)[gi]
	for k := range parts {
		path := PartPath(base, k+1)
		d := pageData(t, jobs, path).(*RankingPage)
		rows := d.Groups[0].Rows
		if want := min(10, n-10*k); len(rows) != want {
			t.Fatalf("%s: %d rows, want %d", path, len(rows), want)
		}
		for j, row := range rows {
			if e := g.Entities[10*k+j]; row.ID != e.Entity.ID {
				t.Errorf("%s row %d is %s, want %s", path, j, row.ID, e.Entity.ID)
			}
		}
		if d.Members != n || d.Groups[0].TotalChart != nil || len(d.Groups[0].IndicatorCharts) != 0 {
			t.Errorf("%s: %d members, charts %v", path, d.Members, d.Groups[0].TotalChart != nil)
		}
		if len(d.Parts) != parts || !d.Parts[k].Current || d.Parts[k].Path != path {
			t.Errorf("%s: pages %+v", path, d.Parts)
		}
	}
	if PartPath(base, 2) == base || !strings.HasSuffix(PartPath(base, 2), ".2.html") {
		t.Errorf("part 2 of %s is %s", base, PartPath(base, 2))
	}
	for _, j := range jobs {
		if j.Path == PartPath(base, parts+1) {
			t.Errorf("%s: a page too many", j.Path)
		}
	}
}

// TestNoPrevious: the first period of each kind, and a January or Q1
// cumulative period, have no previous period, so their missing rank
// changes read — rather than 新进.
func TestNoPrevious(t *testing.T) {
	m := demo(t)
	want := map[string]bool{"2024-Q1": true, "2024-Q2": false, "2025-Q1-ytd": true, "2025-Q2-ytd": false, "2026-01": true, "2026-02": false, "2026-01-ytd": true}
	seen := 0
	for _, r := range m.Results["basic"] {
		if w, ok := want[r.Period.ID]; ok {
			seen++
			if got := m.NoPrevious(r); got != w {
				t.Errorf("%s: NoPrevious = %v, want %v", r.Period.ID, got, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d of %d periods in the demo", seen, len(want))
	}
}

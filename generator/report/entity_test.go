package report

import (
	"math"
	"slices"
	"strings"
	"testing"

	"kaoping/generator/dataset"
)

// TestEntityEveryEntityHasProfile: one profile per entity, and the
// entities index holds every entity once, under its parent, in display
// order, with the path of its profile.
func TestEntityEveryEntityHasProfile(t *testing.T) {
	m := demo(t)
	jobs := m.Jobs()
	profiles := map[string]bool{}
	for _, j := range jobs {
		if strings.HasPrefix(j.Path, "entities/") && j.Path != EntitiesPath() {
			profiles[j.Path] = true
		}
	}
	for _, e := range m.Data.Entities.All {
		if !profiles[EntityPath(e.ID)] {
			t.Errorf("%s: no profile", e.ID)
		}
	}
	if len(profiles) != len(m.Data.Entities.All) {
		t.Errorf("%d profiles for %d entities", len(profiles), len(m.Data.Entities.All))
	}
	d := pageData(t, jobs, EntitiesPath()).(*EntitiesIndex)
	if d.Count != len(m.Data.Entities.All) {
		t.Errorf("count %d, want %d", d.Count, len(m.Data.Entities.All))
	}
	seen := map[string]int{}
	var walk func(parent string, ns []*EntityNode, depth int)
	walk = func(parent string, ns []*EntityNode, depth int) {
		var want []string
		for _, c := range m.Data.Entities.Children(parent) {
			want = append(want, c.ID)
		}
		var got []string
		for _, n := range ns {
			got = append(got, n.ID)
			seen[n.ID]++
			if n.Path != EntityPath(n.ID) || n.Depth != depth || n.Name != m.Data.Entities.Get(n.ID).Name {
				t.Errorf("%s: path %s, depth %d, name %s", n.ID, n.Path, n.Depth, n.Name)
			}
			// The demo is small: the whole tree is open.
			if !n.Open {
				t.Errorf("%s: folded in a site of %d entities", n.ID, d.Count)
			}
			walk(n.ID, n.Children, depth+1)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("children of %q: %v, want %v", parent, got, want)
		}
	}
	walk("", d.Roots, 0)
	for _, e := range m.Data.Entities.All {
		if seen[e.ID] != 1 {
			t.Errorf("%s listed %d times", e.ID, seen[e.ID])
		}
	}
}

// TestEntityProfileShanting: 山亭区's profile lists its departments (the
// parents of its prosecutors) as children, and every basic-scheme period
// with the rank and total of the results.
func TestEntityProfileShanting(t *testing.T) {
	m := demo(t)
	d := pageData(t, entityJobs(m), EntityPath("zz-st")).(*EntityPage)

	children := map[string]bool{}
	for _, c := range d.Children {
		children[c.ID] = true
	}
	prosecutors := 0
	for _, e := range m.Data.Entities.OfKind("prosecutor") {
		if !hasAncestor(m.Data.Entities, e, "zz-st") {
			continue
		}
		prosecutors++
		if !children[e.Parent] {
			t.Errorf("child %s (parent of %s) not listed", e.Parent, e.ID)
		}
	}
	if prosecutors == 0 || len(d.Children) == 0 {
		t.Fatalf("zz-st: %d prosecutors, %d children", prosecutors, len(d.Children))
	}

	var basic *EntitySchemeView
	for _, s := range d.Schemes {
		if s.Scheme.ID == "basic" {
			basic = s
		}
	}
	if basic == nil {
		t.Fatal("zz-st: no basic scheme section")
	}
	rs := m.Results["basic"]
	if len(basic.Rows) != len(rs) {
		t.Fatalf("zz-st: %d period rows, want %d", len(basic.Rows), len(rs))
	}
	plain := 0
	for k, row := range basic.Rows {
		r := rs[len(rs)-1-k] // rows are latest first
		er, g := EntityResult(r, "zz-st")
		if er == nil {
			t.Fatalf("%s: zz-st not in the results", r.Period.ID)
		}
		if row.Rank != er.Rank || row.N != len(g.Entities) || row.Total != er.Total || row.Derived != r.Period.Derived {
			t.Errorf("%s: row rank %d/%d total %v derived %v, want %d/%d %v %v", r.Period.ID, row.Rank, row.N, row.Total, row.Derived, er.Rank, len(g.Entities), er.Total, r.Period.Derived)
		}
		if want := SheetPath("basic", r.Period.ID, "zz-st"); row.Sheet != want {
			t.Errorf("%s: sheet link %q, want %q", r.Period.ID, row.Sheet, want)
		}
		if want := RankingPath("basic", r.Period.ID); row.Ranking != want {
			t.Errorf("%s: ranking link %q, want %q", r.Period.ID, row.Ranking, want)
		}
		if !r.Period.Derived {
			plain++
		}
	}
	// One trend per kind of period: quarters and months never share an
	// axis, the cumulative periods have their own; together they hold
	// every period once.
	onAxes := 0
	for _, tr := range basic.Trends {
		onAxes += tr.Points
		if len(tr.Total.Data.Rows) != tr.Points || len(tr.Rank.Data.Rows) != tr.Points {
			t.Errorf("%s: %d/%d rows, want %d", tr.Name, len(tr.Total.Data.Rows), len(tr.Rank.Data.Rows), tr.Points)
		}
	}
	if names := trendNames(basic.Trends); names != "按季度 按月 季度累计 逐月累计" {
		t.Errorf("trends %s", names)
	}
	if onAxes != len(basic.Rows) || plain == 0 {
		t.Errorf("trends show %d periods, want all %d", onAxes, len(basic.Rows))
	}
	// The latest summary is the latest result.
	er, _ := EntityResult(rs[len(rs)-1], "zz-st")
	if basic.Latest.Rank != er.Rank || basic.Latest.Total != er.Total {
		t.Errorf("latest: %d %v, want %d %v", basic.Latest.Rank, basic.Latest.Total, er.Rank, er.Total)
	}
	// Departments are not scored: the comparisons go down to the
	// prosecutors, one per scheme that scores them (city-wide by business
	// line, and within the 院).
	if len(d.Comparisons) != 2 || d.Comparisons[0].Scheme.ID != "prosecutor" || d.Comparisons[1].Scheme.ID != "inhouse" {
		t.Fatalf("comparisons: %+v", d.Comparisons)
	}
	for _, c := range d.Comparisons {
		if c.Chart == nil {
			t.Fatalf("comparison %s: no chart", c.Scheme.ID)
		}
		if got := len(c.Chart.Data.Rows) - 1; got != prosecutors { // minus the reference row
			t.Errorf("comparison %s: %d prosecutors, want %d", c.Scheme.ID, got, prosecutors)
		}
	}
	// Breadcrumbs: 首页 › 单位 › 山东省 › 枣庄市 › 山亭区人民检察院.
	var crumbs []string
	for _, c := range d.Page.Crumbs {
		crumbs = append(crumbs, c.Label)
	}
	if got := strings.Join(crumbs, " › "); got != "首页 › 单位 › 山东省 › 枣庄市 › 山亭区人民检察院" {
		t.Errorf("crumbs %q", got)
	}
}

func hasAncestor(es *dataset.Entities, e *dataset.Entity, id string) bool {
	for _, a := range es.Ancestors(e.ID) {
		if a.ID == id {
			return true
		}
	}
	return false
}

// TestEntityChildrenLatest: a city's children table shows each child's
// latest basic result and the group mean is the mean of the group.
func TestEntityChildrenLatest(t *testing.T) {
	m := demo(t)
	d := pageData(t, entityJobs(m), EntityPath("zz")).(*EntityPage)
	if len(d.ChildSchemes) != 1 || d.ChildSchemes[0].ID != "basic" {
		t.Fatalf("child schemes %v", d.ChildSchemes)
	}
	latest := m.Latest("basic")
	for _, c := range d.Children {
		er, g := EntityResult(latest, c.ID)
		cell := c.Cells[0]
		if er == nil || !cell.Scored || cell.Rank != er.Rank || cell.Total != er.Total || cell.N != len(g.Entities) || cell.Period != "" {
			t.Errorf("%s: cell %+v, want rank %d total %v", c.ID, cell, er.Rank, er.Total)
		}
	}
	for _, s := range d.Schemes {
		r := m.Latest(s.Scheme.ID)
		_, g := EntityResult(r, "zz")
		sum := 0.0
		for _, e := range g.Entities {
			sum += e.Total
		}
		if want := sum / float64(len(g.Entities)); math.Abs(s.Latest.GroupMean-want) > 1e-9 {
			t.Errorf("%s: group mean %v, want %v", s.Scheme.ID, s.Latest.GroupMean, want)
		}
	}
}

func trendNames(ts []EntityTrend) string {
	var names []string
	for _, t := range ts {
		names = append(names, t.Name)
	}
	return strings.Join(names, " ")
}

// TestEntityTrendGap: a period without a result between two with one is
// a gap on the axis (NaN), not left out, so the line is not joined
// across it.
func TestEntityTrendGap(t *testing.T) {
	m := demo(t)
	s := m.Config.Scheme("basic")
	idx := newEntityIndex(m)
	e := m.Data.Entities.Get("zz-st")
	hist := slices.Clone(m.History("basic", "zz-st"))
	q := idx.schemes["basic"].trends[0] // the quarters
	hist[q.idxs[2]] = nil               // as if zz-st had no data in 2024 Q3
	v := &EntitySchemeView{Scheme: s}
	if err := m.trendCharts(v, idx.schemes["basic"], e, hist); err != nil {
		t.Fatal(err)
	}
	rows := v.Trends[0].Total.Data.Rows
	if len(rows) != len(q.idxs) || rows[2].Label != "2024年三季度" {
		t.Fatalf("%d rows, the third %q", len(rows), rows[2].Label)
	}
	if !math.IsNaN(rows[2].Values[0]) || math.IsNaN(rows[1].Values[0]) || math.IsNaN(rows[3].Values[0]) {
		t.Errorf("values around the gap: %v %v %v", rows[1].Values, rows[2].Values, rows[3].Values)
	}
}

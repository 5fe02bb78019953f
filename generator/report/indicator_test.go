package report

import (
	"math"
	"strings"
	"testing"
)

// TestIndicatorPageStatesRule: the 案件比 page of the basic scheme says
// the formula with field labels, the direction, the method and its
// parameters (step 0.3, +3 / −9, base 11), the format, the missing
// policy and the validity condition.
func TestIndicatorPageStatesRule(t *testing.T) {
	m := demo(t)
	d := pageData(t, indicatorJobs(m), IndicatorPath("basic", "case_ratio")).(*IndicatorPage)
	for _, c := range []struct{ field, got, want string }{
		{"formula", d.Formula, "件数 ÷ 受理案件数"},
		{"direction", d.Direction, "越低越好"},
		{"method", d.Method, "平均值比较法"},
		{"rule", d.Rule, "以组内平均值为参考值"},
		{"rule", d.Rule, "基础分 11 分"},
		{"rule", d.Rule, "每优于参考值 1% 加 0.3 分"},
		{"rule", d.Rule, "最多加 3 分、减 9 分"},
		{"valid_if", d.ValidIf, "受理案件数 ≥ 5"},
		{"format", d.Format, "比值（1:x），保留 2 位小数"},
		{"missing", d.Missing, "无有效值的按组内有值单位的平均得分计"},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s %q lacks %q", c.field, c.got, c.want)
		}
	}
	if d.Overview != SchemePath("basic") || d.LatestRanking != RankingPath("basic", m.Latest("basic").Period.ID) {
		t.Errorf("links: overview %q, latest ranking %q", d.Overview, d.LatestRanking)
	}
	current := 0
	for _, o := range d.Others {
		if o.Path != IndicatorPath("basic", o.ID) {
			t.Errorf("other indicator %s at %s", o.ID, o.Path)
		}
		if o.Current {
			current++
			if o.ID != "case_ratio" {
				t.Errorf("%s marked as the current indicator", o.ID)
			}
		}
	}
	if current != 1 || len(d.Others) != len(m.Config.Scheme("basic").Indicators) {
		t.Errorf("%d others, %d current", len(d.Others), current)
	}
}

// TestIndicatorLatestTable: the latest table lists every member of the
// group in indicator rank order, with the reference of the group and
// the difference in display units.
func TestIndicatorLatestTable(t *testing.T) {
	m := demo(t)
	d := pageData(t, indicatorJobs(m), IndicatorPath("basic", "case_ratio")).(*IndicatorPage)
	latest := m.Latest("basic")
	if len(d.Groups) != len(latest.Groups) {
		t.Fatalf("%d groups, want %d", len(d.Groups), len(latest.Groups))
	}
	g := latest.Groups[0]
	ig := d.Groups[0]
	if len(ig.Rows) != len(g.Entities) {
		t.Fatalf("%d rows, want %d", len(ig.Rows), len(g.Entities))
	}
	ref := *g.Stats["case_ratio"].Reference
	prev := 0
	for _, row := range ig.Rows {
		er, _ := EntityResult(latest, row.ID)
		sc := er.Indicators["case_ratio"]
		if row.Rank != sc.Rank || row.Points != sc.Points {
			t.Errorf("%s: rank %d points %v, want %d %v", row.ID, row.Rank, row.Points, sc.Rank, sc.Points)
		}
		if row.Rank < prev {
			t.Errorf("%s: rank %d after %d", row.ID, row.Rank, prev)
		}
		prev = row.Rank
		if row.Reference == nil || *row.Reference != ref {
			t.Errorf("%s: reference %v, want %v", row.ID, row.Reference, ref)
		}
		// ratio: display = value; difference rounded to the 2 decimals shown.
		if want := math.Round((*sc.Value-ref)*100) / 100; row.Diff == nil || math.Abs(*row.Diff-want) > 1e-12 {
			t.Errorf("%s: diff %v, want %v", row.ID, row.Diff, want)
		}
	}
	// Six members: a line each plus the dashed reference, in one chart per
	// kind of period: the demo has 8 quarters, 3 months and their
	// cumulative periods, and no two kinds share an axis.
	want := []struct {
		name  string
		first string
		n     int
	}{{"按季度", "2024年一季度", 8}, {"按月", "2026年1月", 3}, {"季度累计", "2024年一季度累计", 8}, {"逐月累计", "2026年1月累计", 3}}
	if len(ig.Trends) != len(want) {
		t.Fatalf("%d trends, want %d", len(ig.Trends), len(want))
	}
	for k, w := range want {
		tr := ig.Trends[k]
		if tr.Name != w.name {
			t.Errorf("trend %d: %s, want %s", k, tr.Name, w.name)
		}
		if got := len(tr.Trend.Data.Columns); got != len(g.Entities)+1 {
			t.Errorf("%s: %d series, want %d", tr.Name, got, len(g.Entities)+1)
		}
		if got := len(tr.Trend.Data.Rows); got != w.n || tr.Trend.Data.Rows[0].Label != w.first {
			t.Errorf("%s: %d periods from %q, want %d from %q", tr.Name, got, tr.Trend.Data.Rows[0].Label, w.n, w.first)
		}
		if got := len(tr.Heatmap.Data.Columns); got != w.n {
			t.Errorf("%s heatmap: %d periods, want %d", tr.Name, got, w.n)
		}
	}
}

// TestIndicatorGroupsLargeTrend: the prosecutor scheme compares by group
// and a group of more than a dozen members gets reference, max, min and
// the top and bottom three instead of a line per member.
func TestIndicatorGroupsLargeTrend(t *testing.T) {
	m := demo(t)
	d := pageData(t, indicatorJobs(m), IndicatorPath("prosecutor", "case_ratio")).(*IndicatorPage)
	if len(d.Groups) < 2 {
		t.Fatalf("%d groups", len(d.Groups))
	}
	large := false
	for _, ig := range d.Groups {
		if ig.Members <= trendAllMembers {
			continue
		}
		large = true
		if got := len(ig.Trends[0].Trend.Data.Columns); got != 3+6 {
			t.Errorf("group %s: %d trend series, want 9 (reference, max, min, 3 top, 3 bottom)", ig.ID, got)
		}
	}
	if !large {
		t.Error("no group larger than a dozen members in the demo")
	}
}

// TestIndicatorsIndex lists every indicator of every scheme once, by category.
func TestIndicatorsIndex(t *testing.T) {
	m := demo(t)
	d := pageData(t, indicatorsIndexJobs(m), IndicatorsIndexPath()).(*IndicatorsIndex)
	for k, s := range m.Config.Schemes {
		listed := map[string]string{} // path -> name
		for _, c := range d.Schemes[k].Categories {
			for _, ind := range c.Indicators {
				if _, twice := listed[ind.Path]; twice {
					t.Errorf("%s: %s listed twice", s.ID, ind.Path)
				}
				listed[ind.Path] = ind.Name
			}
		}
		if len(listed) != len(s.Indicators) {
			t.Errorf("%s: %d indicators listed, want %d", s.ID, len(listed), len(s.Indicators))
		}
		for _, ind := range s.Indicators {
			if listed[IndicatorPath(s.ID, ind.ID)] != ind.Name {
				t.Errorf("%s/%s: not listed at its page", s.ID, ind.ID)
			}
		}
	}
	// basic: 办案质量 14+8+6+6+4+4+8 = 50.
	if got := d.Schemes[0].Categories[0].Weight; got != "50" {
		t.Errorf("quality weight %q, want 50", got)
	}
}

package report

import (
	"math"
	"strings"
	"testing"
)

// TestIndicatorPageStatesRule: the 案件比 page of the basic scheme says
// the formula with field labels, the direction, the method and its
// parameters (step 0.3, +3 / −9, base 11) and the validity condition.
func TestIndicatorPageStatesRule(t *testing.T) {
	m := entDemo(t)
	data, html := entRender(t, entRenderer(t), entJob(t, m.Jobs(), IndicatorPath("basic", "case_ratio")))
	d := data.(*IndicatorPage)
	for _, want := range []string{
		"件数 (items) / 受理案件数 (cases)", // formula with labels
		"越低越好",                                           // direction
		"平均值比较法",                                         // method
		"以组内平均值为参考值",                                     // reference
		"基础分 11 分", "每优于参考值 1% 加 0.3 分", "最多加 3 分、减 9 分", // parameters
		"受理案件数 (cases) &gt;= 5", // valid_if
		"比值（1:x），保留 2 位小数",      // format
		"无有效值的按组内有值单位的平均得分计",    // missing policy
	} {
		if !strings.Contains(html, want) {
			t.Errorf("indicator page lacks %q", want)
		}
	}
	if !strings.Contains(d.Rule, "0.3") || !strings.Contains(d.Rule, "9") {
		t.Errorf("rule %q", d.Rule)
	}
}

// TestIndicatorLatestTable: the latest table lists every member of the
// group in indicator rank order, with the reference of the group and
// the difference in display units.
func TestIndicatorLatestTable(t *testing.T) {
	m := entDemo(t)
	data, _ := entRender(t, entRenderer(t), entJob(t, m.Jobs(), IndicatorPath("basic", "case_ratio")))
	d := data.(*IndicatorPage)
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
	// Six members: a line each plus the dashed reference; plain periods only.
	plain := len(m.trendIndexes(m.Config.Scheme("basic")))
	if got := len(ig.Trend.Data.Columns); got != len(g.Entities)+1 {
		t.Errorf("trend: %d series, want %d", got, len(g.Entities)+1)
	}
	if got := len(ig.Heatmap.Data.Columns); got != plain {
		t.Errorf("heatmap: %d periods, want %d", got, plain)
	}
}

// TestIndicatorGroupsLargeTrend: the prosecutor scheme compares by group
// and a group of more than a dozen members gets reference, max, min and
// the top and bottom three instead of a line per member.
func TestIndicatorGroupsLargeTrend(t *testing.T) {
	m := entDemo(t)
	data, _ := entRender(t, entRenderer(t), entJob(t, m.Jobs(), IndicatorPath("prosecutor", "case_ratio")))
	d := data.(*IndicatorPage)
	if len(d.Groups) < 2 {
		t.Fatalf("%d groups", len(d.Groups))
	}
	large := false
	for _, ig := range d.Groups {
		if ig.Members <= trendAllMembers {
			continue
		}
		large = true
		if got := len(ig.Trend.Data.Columns); got != 3+6 {
			t.Errorf("group %s: %d trend series, want 9 (reference, max, min, 3 top, 3 bottom)", ig.ID, got)
		}
	}
	if !large {
		t.Error("no group larger than a dozen members in the demo")
	}
}

// TestIndicatorsIndex lists every indicator of every scheme once, by category.
func TestIndicatorsIndex(t *testing.T) {
	m := entDemo(t)
	data, html := entRender(t, entRenderer(t), entJob(t, m.Jobs(), IndicatorsIndexPath()))
	d := data.(*IndicatorsIndex)
	for k, s := range m.Config.Schemes {
		n := 0
		for _, c := range d.Schemes[k].Categories {
			n += len(c.Indicators)
		}
		if n != len(s.Indicators) {
			t.Errorf("%s: %d indicators listed, want %d", s.ID, n, len(s.Indicators))
		}
		for _, ind := range s.Indicators {
			if !strings.Contains(html, `href="`+IndicatorPath(s.ID, ind.ID)+`"`) {
				t.Errorf("no link to %s/%s", s.ID, ind.ID)
			}
		}
	}
	// basic: 办案质量 14+8+6+6+4+4+8 = 50.
	if got := d.Schemes[0].Categories[0].Weight; got != "50" {
		t.Errorf("quality weight %q, want 50", got)
	}
}

package report

import (
	"strings"
	"testing"

	"kaoping/generator/numfmt"
)

// 环比 and 同比 of 山亭区人民检察院 (zz-st) in basic 2025-Q4, against
// 2025-Q3 (previous) and 2024-Q4 (same quarter last year).
//
// Counts (data/periods): 2025-Q4/basic.csv cases 258, items 344, plea 172,
// review_closed 186; 2025-Q3.csv 249, 338, 157, 171; 2024-Q4.csv 253, 363,
// 149, 170.
//
//	案件比 now 344/258 = 1.333333; then 338/249 = 1.357430; last year 363/253 = 1.434783
//	  环比 1.333333 − 1.357430 = −0.024096 → "-0.02" (2 decimals), lower is better: good
//	  同比 1.333333 − 1.434783 = −0.101449 → "-0.10", good
//	认罪认罚适用率 now 172/186 = 92.4731 %; then 157/171 = 91.8129 %; last year 149/170 = 87.6471 %
//	  环比 92.4731 − 91.8129 = +0.6602 pp → "+0.7" (1 decimal), good
//	  同比 92.4731 − 87.6471 = +4.8260 pp → "+4.8", good
//	rank: 1 now, 3 in 2025-Q3, 5 in 2024-Q4 → 环比 3 − 1 = ↑2, 同比 5 − 1 = ↑4
//	total: now − then of the three results' totals, two decimals.
func TestCompareDifferencesByHand(t *testing.T) {
	m := homeDemo(t)
	data, page := homeRender(t, homeFind(t, compareJobs(m), ComparePath("basic", "2025-Q4")))
	d := data.(*ComparePage)
	if d.PrevLabel != "2025年第三季度" || d.LastYearLabel != "2024年第四季度" {
		t.Fatalf("compared with %q and %q", d.PrevLabel, d.LastYearLabel)
	}
	var row *CompareRow
	for i := range d.Groups[0].Rows {
		if d.Groups[0].Rows[i].Sheet == SheetPath("basic", "2025-Q4", "zz-st") {
			row = &d.Groups[0].Rows[i]
		}
	}
	if row == nil {
		t.Fatal("zz-st not in the comparison")
	}
	col := func(id string) int {
		for i, ind := range m.Config.Scheme("basic").Indicators {
			if ind.ID == id {
				return i
			}
		}
		t.Fatalf("no indicator %s", id)
		return -1
	}
	cr, pr := col("case_ratio"), col("plea_rate")
	checks := []struct {
		name string
		got  CompareCell
		text string
		cls  string
	}{
		{"案件比 环比", row.Changes[cr].Prev, "-0.02", "good"},
		{"案件比 同比", row.Changes[cr].YoY, "-0.10", "good"},
		{"认罪认罚 环比", row.Changes[pr].Prev, "+0.7", "good"},
		{"认罪认罚 同比", row.Changes[pr].YoY, "+4.8", "good"},
		{"名次 环比", row.RankPrev, "↑2", "up"},
		{"名次 同比", row.RankYoY, "↑4", "up"},
	}
	for _, c := range checks {
		if c.got.Text != c.text || c.got.Class != c.cls {
			t.Errorf("%s = %q (%s), want %q (%s)", c.name, c.got.Text, c.got.Class, c.text, c.cls)
		}
	}
	now, _ := EntityResult(m.Result("basic", "2025-Q4"), "zz-st")
	then, _ := EntityResult(m.Result("basic", "2025-Q3"), "zz-st")
	ly, _ := EntityResult(m.Result("basic", "2024-Q4"), "zz-st")
	if now.Rank != 1 || then.Rank != 3 || ly.Rank != 5 {
		t.Fatalf("ranks %d %d %d, the comment above assumes 1 3 5", now.Rank, then.Rank, ly.Rank)
	}
	if want := signed2(now.Total - then.Total); row.TotalPrev.Text != want {
		t.Errorf("总分 环比 %q, want %q", row.TotalPrev.Text, want)
	}
	if want := signed2(now.Total - ly.Total); row.TotalYoY.Text != want {
		t.Errorf("总分 同比 %q, want %q", row.TotalYoY.Text, want)
	}
	if !strings.Contains(page, "跨单位对比") || strings.Contains(page, "跨地市对比") {
		t.Errorf("basic comparison should be titled 跨单位对比")
	}
	homeCheckLinks(t, m, ComparePath("basic", "2025-Q4"), page)
}

// signed2 formats like the comparison's totals: explicit sign, 2 decimals.
func signed2(v float64) string { return numfmt.Signed(v, 2) }

// The city scheme is the cross-city comparison; a large group's charts
// are limited but its tables list everyone.
func TestCompareCityAndLargeGroups(t *testing.T) {
	m := homeDemo(t)
	jobs := compareJobs(m)
	_, city := homeRender(t, homeFind(t, jobs, ComparePath("city", "2025-Q4")))
	if !strings.Contains(city, "跨地市对比") || !strings.Contains(city, "枣庄市") {
		t.Errorf("city comparison: no 跨地市对比 title or no 枣庄市")
	}
	data, _ := homeRender(t, homeFind(t, jobs, ComparePath("prosecutor", "2025-Q4")))
	d := data.(*ComparePage)
	r := m.Result("prosecutor", "2025-Q4")
	for gi, g := range r.Groups {
		cg := d.Groups[gi]
		if len(cg.Rows) != len(g.Entities) || cg.Shown != min(len(g.Entities), compareChartMax) {
			t.Errorf("group %s: %d rows, %d shown, for %d members", g.ID, len(cg.Rows), cg.Shown, len(g.Entities))
		}
		if cg.Label != g.ID {
			t.Errorf("group label %q, want %q", cg.Label, g.ID)
		}
	}
	_, idx := homeRender(t, homeFind(t, jobs, CompareIndexPath()))
	homeCheckLinks(t, m, CompareIndexPath(), idx)
}

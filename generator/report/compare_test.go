package report

import (
	"fmt"
	"math"
	"math/rand/v2"
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
	m := demo(t)
	d := pageData(t, compareJobs(m), ComparePath("basic", "2025-Q4")).(*ComparePage)
	if d.Kind != "跨单位对比" {
		t.Errorf("basic comparison is a %q, want 跨单位对比", d.Kind)
	}
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
}

// signed2 formats like the comparison's totals: explicit sign, 2 decimals.
func signed2(v float64) string { return numfmt.Signed(v, 2) }

// The city scheme is the cross-city comparison; a large group's charts
// show its first and last compareChartMax/2 but its tables list everyone,
// in rank order, each row linking its score sheet.
func TestCompareCityAndLargeGroups(t *testing.T) {
	m := demo(t)
	jobs := compareJobs(m)
	city := pageData(t, jobs, ComparePath("city", "2025-Q4")).(*ComparePage)
	if city.Kind != "跨地市对比" || !strings.HasSuffix(city.Page.Title, "跨地市对比") {
		t.Errorf("city comparison: kind %q, title %q", city.Kind, city.Page.Title)
	}
	names := map[string]bool{}
	for _, g := range city.Groups {
		for _, r := range g.Rows {
			names[r.Name] = true
		}
	}
	if !names["枣庄市"] {
		t.Errorf("city comparison lacks 枣庄市: %v", names)
	}
	// Several groups: the period's page lists them, each compared on a
	// page of its own.
	d := pageData(t, jobs, ComparePath("prosecutor", "2025-Q4")).(*ComparePage)
	r := m.Result("prosecutor", "2025-Q4")
	paths := m.compareGroupPaths(m.Config.Scheme("prosecutor"), r)
	if len(d.Groups) != 0 || len(d.Index) != len(r.Groups) {
		t.Fatalf("the period's page has %d groups and lists %d, want 0 and %d", len(d.Groups), len(d.Index), len(r.Groups))
	}
	large := false
	for gi, g := range r.Groups {
		if l := d.Index[gi]; l.Path != paths[gi] || l.Count != len(g.Entities) || l.Name != g.ID {
			t.Errorf("group %s listed as %+v", g.ID, l)
		}
		gp := pageData(t, jobs, paths[gi]).(*ComparePage)
		if gp.Up == nil || gp.Up.Path != ComparePath("prosecutor", "2025-Q4") || len(gp.Groups) != 1 {
			t.Fatalf("group %s: page %+v", g.ID, gp)
		}
		cg := gp.Groups[0]
		if len(cg.Rows) != len(g.Entities) || cg.Shown != min(len(g.Entities), compareChartMax) {
			t.Errorf("group %s: %d rows, %d shown, for %d members", g.ID, len(cg.Rows), cg.Shown, len(g.Entities))
		}
		if cg.Label != g.ID {
			t.Errorf("group label %q, want %q", cg.Label, g.ID)
		}
		// The chart names as many units as it shows.
		if got := len(cg.CategoryChart.Data.Rows); got != cg.Shown {
			t.Errorf("group %s: category chart of %d units, want %d", g.ID, got, cg.Shown)
		}
		for k, e := range g.Entities {
			row := cg.Rows[k]
			if row.Rank != e.Rank || row.Name != e.Entity.Name || row.Sheet != SheetPath("prosecutor", "2025-Q4", e.Entity.ID) {
				t.Errorf("group %s row %d: %d %s %s, want %d %s", g.ID, k, row.Rank, row.Name, row.Sheet, e.Rank, e.Entity.ID)
			}
		}
		large = large || len(g.Entities) > compareChartMax
	}
	if !large {
		t.Error("no prosecutor group larger than compareChartMax in the demo: the limit is not tested")
	}
}

// A group longer than rankPageRows is compared on pages of that many
// rows, without charts, each listing the others.
func TestCompareParts(t *testing.T) {
	defer func(n int) { rankPageRows = n }(rankPageRows)
	rankPageRows = 5
	m := demo(t)
	jobs := compareJobs(m)
	r := m.Result("basic", "2025-Q4") // one group of 6: pages of 5 and 1
	if len(r.Groups) != 1 || len(r.Groups[0].Entities) != 6 {
		t.Fatalf("basic 2025-Q4: %d groups; the demo changed?", len(r.Groups))
	}
	first := ComparePath("basic", "2025-Q4")
	for part, want := range [][]string{{"1", "2", "3", "4", "5"}, {"6"}} {
		d := pageData(t, jobs, PartPath(first, part+1)).(*ComparePage)
		cg := d.Groups[0]
		var ranks []string
		for _, row := range cg.Rows {
			ranks = append(ranks, fmt.Sprint(row.Rank))
		}
		if strings.Join(ranks, ",") != strings.Join(want, ",") || cg.CategoryChart != nil || cg.TotalsChart != nil {
			t.Errorf("part %d: ranks %v, charts %v %v; want %v and no chart", part+1, ranks, cg.CategoryChart, cg.TotalsChart, want)
		}
		if len(d.Parts) != 2 || !d.Parts[part].Current || d.Parts[1].Path != PartPath(first, 2) || d.Parts[0].Label != "1–5" {
			t.Errorf("part %d: parts %+v", part+1, d.Parts)
		}
	}
}

// TestCompareIndex lists every scheme's comparisons, latest period first.
func TestCompareIndex(t *testing.T) {
	m := demo(t)
	d := pageData(t, compareJobs(m), CompareIndexPath()).(*CompareIndex)
	if len(d.Schemes) != len(m.Config.Schemes) {
		t.Fatalf("%d schemes, want %d", len(d.Schemes), len(m.Config.Schemes))
	}
	for i, s := range m.Config.Schemes {
		rs := m.Results[s.ID]
		ps := d.Schemes[i].Periods
		if len(ps) != len(rs) {
			t.Errorf("%s: %d periods, want %d", s.ID, len(ps), len(rs))
			continue
		}
		for k, p := range ps {
			r := rs[len(rs)-1-k]
			if p.ID != r.Period.ID || p.Path != ComparePath(s.ID, r.Period.ID) {
				t.Errorf("%s: entry %d is %s %s, want %s", s.ID, k, p.ID, p.Path, r.Period.ID)
			}
		}
	}
}

// TestPrintsZeroMatchesFixed: a difference is "no change" (printsZero on
// its signed text) exactly when it prints, with the same decimals, as zero
// does — including values that round to zero from either side, -0, NaN,
// infinities and decimals out of numfmt's range.
func TestPrintsZeroMatchesFixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 20000 {
		d := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(8)-5))
		switch n % 50 {
		case 0:
			d = math.NaN()
		case 1:
			d = math.Inf(1)
		case 2:
			d = math.Copysign(0, -1)
		case 3:
			d = 0.005 // rounds up to 0.01 with two decimals
		case 4:
			d = -0.004999
		}
		dec := rng.IntN(12) - 1
		want := numfmt.Fixed(d, dec) == numfmt.Fixed(0, dec)
		if got := printsZero(numfmt.Signed(d, dec), dec); got != want {
			t.Fatalf("d=%v decimals=%d: printsZero %v, Fixed says %v", d, dec, got, want)
		}
	}
}

package report

import (
	"strings"
	"testing"
)

// TestRankingNativeMatchesTemplate renders every ranking of the demo site
// (with amendments) and of two generated sites, in Chinese and English,
// through the native twin, the optimized templates and plain
// html/template, and requires the same bytes; also with a base_url,
// names that need escaping, and a bundle's link filter.
func TestRankingNativeMatchesTemplate(t *testing.T) {
	cov := twinCoverage{}
	tableTwinMatches(t, "ranking.html", tableTwinCorrections, rankingTwinVisit(cov))
	cov.require(t, "ranking", "ytd period", "month period", "quarter period", "corrections", "prev", "no prev",
		"next", "no next", "several groups", "one group", "parent column", "no parent column", "adjustments",
		"no adjustments", "grades", "no grades", "vetoes", "no vetoes", "correction rows", "correction without rows",
		"correction row with sheet", "correction row without sheet", "compact", "category chart", "no category chart",
		"indicator charts", "vetoed row", "new in ranking", "zero adjustment", "adjustment")
}

// TestRankingNativeOffWhenOverridden: overriding ranking.html, the
// layout, a partial the ranking uses (correction.html included) or a
// block of the layout turns the twin off and the override shows;
// overriding sheet.html or compare.html keeps it.
func TestRankingNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	tableTwinCorrections(m)
	data := twinPage(t, m, "ranking.html", "basic/2026-03")
	if len(data.(*RankingPage).Corrections) == 0 {
		t.Fatal("the ranking shows no correction")
	}
	twinOff(t, m.Lang, "ranking.html", data,
		twinOverrides(t, "ranking.html", `<h1 class="rank-title">`, []string{"partials/correction.html"}, []string{"sheet.html", "compare.html"}))
}

// TestRankingNativeMessages: UI strings a site replaces reach the twin
// as they reach the template, escaped the same way.
func TestRankingNativeMessages(t *testing.T) {
	m := rankDemo(t)
	tableTwinCorrections(m)
	rs := newTwinRenderers(t, m.Lang, "ranking.html", oddMessages("rank.periods", "rank.veto_mark", "correction.reason", "col.total"))
	twinSame(t, "ranking with messages", "ranking.html", rs, twinPage(t, m, "ranking.html", "basic/2026-03"))
}

// rankingTwinVisit records the branches a ranking shows and returns a
// variant with those no site reaches: a group without indicator charts
// and a correction whose scheme has no ranking link.
func rankingTwinVisit(cov twinCoverage) func(any) []any {
	return func(data any) []any {
		d := data.(*RankingPage)
		cov.flag("ytd period", d.Period.Derived)
		cov.flag("month period", !d.Period.Derived && !strings.Contains(d.Period.ID, "Q"))
		cov.flag("quarter period", strings.Contains(d.Period.ID, "Q"))
		cov.flag("corrections", len(d.Corrections) > 0)
		cov.flag("prev", d.Prev != nil)
		cov.flag("no prev", d.Prev == nil)
		cov.flag("next", d.Next != nil)
		cov.flag("no next", d.Next == nil)
		cov.flag("several groups", len(d.Groups) > 1)
		cov.flag("one group", len(d.Groups) == 1)
		cov.flag("parent column", d.HasParent)
		cov.flag("no parent column", !d.HasParent)
		cov.flag("adjustments", len(d.Adjustments) > 0)
		cov.flag("no adjustments", len(d.Adjustments) == 0)
		cov.flag("grades", d.HasGrades)
		cov.flag("no grades", !d.HasGrades)
		cov.flag("vetoes", d.HasVetoes)
		cov.flag("no vetoes", !d.HasVetoes)
		for _, c := range d.Corrections {
			for _, s := range c.Schemes {
				cov.flag("correction rows", len(s.Rows) > 0)
				cov.flag("correction without rows", len(s.Rows) == 0)
				for _, r := range s.Rows {
					cov.flag("correction row with sheet", r.Sheet != "")
					cov.flag("correction row without sheet", r.Sheet == "")
				}
			}
		}
		for _, g := range d.Groups {
			cov.flag("compact", g.Compact)
			cov.flag("category chart", g.CategoryChart != nil)
			cov.flag("no category chart", g.CategoryChart == nil)
			cov.flag("indicator charts", len(g.IndicatorCharts) > 0)
			for _, r := range g.Rows {
				cov.flag("vetoed row", r.Vetoed)
				cov.flag("new in ranking", r.RankChange == nil)
				for _, a := range r.AdjustmentCells {
					cov.flag("zero adjustment", a.Zero)
					cov.flag("adjustment", !a.Zero)
				}
			}
		}
		v := *d
		v.Groups = make([]*RankingGroup, len(d.Groups))
		for i, g := range d.Groups {
			cp := *g
			cp.IndicatorCharts = nil
			v.Groups[i] = &cp
		}
		v.Corrections = append([]CorrectionView(nil), d.Corrections...)
		for i := range v.Corrections {
			c := &v.Corrections[i]
			c.Schemes = append([]CorrectionScheme(nil), c.Schemes...)
			for k := range c.Schemes {
				c.Schemes[k].Ranking = ""
			}
		}
		return []any{&v}
	}
}

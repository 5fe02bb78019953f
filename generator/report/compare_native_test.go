package report

import (
	"testing"

	"kaoping/generator/render"
)

// TestCompareNativeMatchesTemplate renders every comparison of the demo
// site and of two generated sites, in Chinese and English, through the
// native twin, the optimized templates and plain html/template, and
// requires the same bytes; also with a base_url, names that need
// escaping, and a bundle's link filter.
func TestCompareNativeMatchesTemplate(t *testing.T) {
	cov := twinCoverage{}
	tableTwinMatches(t, "compare.html", nil, compareTwinVisit(cov))
	cov.require(t, "comparison", "prev and yoy", "prev only", "neither prev nor yoy", "several groups",
		"several categories", "direction", "no direction", "unit", "no unit", "group label", "no group label",
		"limited", "all shown", "totals chart", "no totals chart", "vetoed row", "rank change title",
		"value title", "no value title", "value marker", "no value marker")
}

// TestCompareNativeOffWhenOverridden: overriding compare.html, the
// layout, a partial or a block of the layout turns the twin off and the
// override shows; overriding ranking.html or a partial the comparison
// does not use keeps it.
func TestCompareNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	data := twinPage(t, m, "compare.html", "basic/2026-03")
	twinOff(t, m.Lang, "compare.html", data,
		twinOverrides(t, "compare.html", `<span class="compare-kind">`, nil, []string{"ranking.html", "partials/correction.html"}))
}

// TestCompareNativeMessages: UI strings a site replaces reach the twin as
// they reach the template, escaped the same way, and compare.limited is
// formatted as tf formats it, whatever its shape.
func TestCompareNativeMessages(t *testing.T) {
	m := loadSiteLang(t, tableTwinSites(t)[1], "zh-CN")
	data := twinPage(t, m, "compare.html", "prosecutor/")
	limited := false
	for _, g := range data.(*ComparePage).Groups {
		limited = limited || g.Shown < g.Members
	}
	if !limited {
		t.Fatal("the comparison limits no chart")
	}
	for _, lim := range []string{"%d <of> %d & more", "%[2]d: %[1]d (100%%)", "only %d"} {
		msgs := oddMessages("compare.lead", "col.vetoed", "compare.yoy")
		msgs["compare.limited"] = render.Message{ZH: lim, EN: lim}
		rs := newTwinRenderers(t, m.Lang, "compare.html", msgs)
		twinSame(t, "comparison with compare.limited "+lim, "compare.html", rs, data)
	}
}

// compareTwinVisit records the branches a comparison shows and returns a
// variant with the one no site reaches: a same period last year without
// a previous period.
func compareTwinVisit(cov twinCoverage) func(any) []any {
	return func(data any) []any {
		d := data.(*ComparePage)
		cov.flag("prev and yoy", d.PrevLabel != "" && d.LastYearLabel != "")
		cov.flag("prev only", d.PrevLabel != "" && d.LastYearLabel == "")
		cov.flag("neither prev nor yoy", d.PrevLabel == "" && d.LastYearLabel == "")
		cov.flag("several groups", len(d.Groups) > 1)
		cov.flag("several categories", len(d.Categories) > 1)
		for _, c := range d.Indicators {
			cov.flag("direction", c.Direction != "")
			cov.flag("no direction", c.Direction == "")
			cov.flag("unit", c.Unit != "")
			cov.flag("no unit", c.Unit == "")
		}
		for _, g := range d.Groups {
			cov.flag("group label", g.Label != "")
			cov.flag("no group label", g.Label == "")
			cov.flag("limited", g.Shown < g.Members)
			cov.flag("all shown", g.Shown == g.Members)
			cov.flag("totals chart", g.TotalsChart != nil)
			cov.flag("no totals chart", g.TotalsChart == nil)
			for _, r := range g.Rows {
				cov.flag("vetoed row", r.Vetoed)
				cov.flag("rank change title", r.RankPrev.Title != "")
				for _, v := range r.Values {
					cov.flag("value title", v.Title != "")
					cov.flag("no value title", v.Title == "")
					cov.flag("value marker", v.Marker != "")
					cov.flag("no value marker", v.Marker == "")
				}
			}
		}
		if d.PrevLabel == "" {
			return nil
		}
		v := *d
		v.PrevLabel, v.LastYearLabel = "", "2023 <b>"
		return []any{&v}
	}
}

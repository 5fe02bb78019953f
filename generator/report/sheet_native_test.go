package report

import (
	"strings"
	"testing"

	"kaoping/generator/render"
	"kaoping/internal/synth"
)

// TestSheetNativeMatchesTemplate renders every score sheet (a sample
// with -short) of the demo site and of a generated site, in Chinese and
// English, through the native twin, the optimized templates and plain
// html/template, and requires the same bytes; also with a base_url,
// names that need escaping, and the link filter of a per-period bundle.
func TestSheetNativeMatchesTemplate(t *testing.T) {
	opts := synth.Options{Cities: 1, Units: 3, Prosecutors: 4, Periods: 4, Months: 1, Seed: 3}
	if testing.Short() {
		opts = synth.Options{Cities: 1, Units: 2, Prosecutors: 3, Periods: 3, Seed: 3}
	}
	sites := append([]string{"../../config.toml"}, synthSites(t, opts)...)
	cov := twinCoverage{}
	for _, lang := range []string{"zh-CN", "en"} {
		rs := newTwinRenderers(t, lang, "sheet.html", nil)
		n := 0
		for _, site := range sites {
			n += twinPages(t, site+" "+lang, shortSample(sheetJobsOf(loadSiteLang(t, site, lang)), 7, 0), rs, sheetTwinVisit(cov))
		}
		odd := oddModel(loadSiteLang(t, "../../config.toml", lang), func(from, to string) bool { return !strings.HasPrefix(to, "entities/") })
		n += twinPages(t, "odd demo "+lang, shortSample(sheetJobsOf(odd), 7, 0), rs, nil)
		t.Logf("%s: %d sheets identical", lang, n)
	}
	cov.require(t, "sheet", "grade", "no grade", "vetoed", "scheme vetoes, none hit", "adjustments",
		"no previous period", "previous and next", "new in ranking", "rank history", "parents",
		"missing value", "difference mark", "no rank")
}

// TestSheetNativeOffWhenOverridden: overriding sheet.html, the layout,
// each partial the sheet uses, or a block of the layout from another file
// turns the twin off and the override shows; overriding a template the
// sheet does not use keeps it.
func TestSheetNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	jobs := sheetJobsOf(m)
	data, err := jobs[len(jobs)-1].Data()
	if err != nil {
		t.Fatal(err)
	}
	twinOff(t, m.Lang, "sheet.html", data,
		twinOverrides(t, "sheet.html", `<h1 class="sheet-title">`, nil, []string{"ranking.html", "partials/correction.html"}))
}

// TestSheetNativeMessages: UI strings a site replaces (config [messages])
// reach the twin as they reach the template, escaped the same way, and a
// sheet.of of another shape is formatted by fmt as tf does.
func TestSheetNativeMessages(t *testing.T) {
	m := rankDemo(t)
	jobs := sheetJobsOf(m)
	for _, of := range []string{"No. %d <of> %d", "%d/%d (100%%)", "%[2]d: %[1]d"} {
		msgs := oddMessages("sheet.how", "ui.skip", "col.total", "sheet.vetoes")
		msgs["sheet.of"] = render.Message{ZH: of, EN: of}
		rs := newTwinRenderers(t, m.Lang, "sheet.html", msgs)
		for k := 0; k < len(jobs); k += 97 {
			data, err := jobs[k].Data()
			if err != nil {
				t.Fatal(err)
			}
			twinSame(t, "sheet.of "+of+", "+jobs[k].Path, "sheet.html", rs, data)
		}
	}
}

// sheetTwinVisit records the optional parts each sheet shows.
func sheetTwinVisit(cov twinCoverage) func(any) []any {
	return func(data any) []any {
		d := data.(*SheetPage)
		cov.flag("grade", d.Grade != "")
		cov.flag("no grade", d.Grade == "")
		cov.flag("vetoed", d.Vetoed && len(d.Vetoes) > 0)
		cov.flag("scheme vetoes, none hit", len(d.Scheme.Vetoes) > 0 && len(d.Vetoes) == 0)
		cov.flag("adjustments", len(d.Adjustments) > 0 && d.AdjustmentSum != 0)
		cov.flag("no previous period", d.Prev == nil)
		cov.flag("previous and next", d.Prev != nil && d.Next != nil)
		cov.flag("new in ranking", d.RankChange == nil)
		cov.flag("rank history", d.RankChart != nil && d.TotalChart != nil)
		cov.flag("parents", len(d.Parents) > 0)
		for _, c := range d.Categories {
			for _, r := range c.Rows {
				cov.flag("missing value", r.Value == nil && r.Missing != "")
				cov.flag("difference mark", r.DiffMark != "")
				cov.flag("no rank", r.Rank == 0)
			}
		}
		return nil
	}
}

package report

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"kaoping/generator/render"
	"kaoping/internal/cputime"
	"kaoping/internal/synth"
)

// TestIndicatorNativeMatchesTemplate renders every indicator page of the
// demo site and of generated sites, in Chinese and English, through the
// native twin, the optimized templates and plain html/template, and
// requires the same bytes; also with a base_url, names that need
// escaping, and a bundle's link filter. It fails when the pages stop
// showing some branch of indicator.html.
func TestIndicatorNativeMatchesTemplate(t *testing.T) {
	sites := append([]string{"../../config.toml"}, indicatorTestSites(t)...)
	cov := twinCoverage{}
	odd := func(from, to string) bool {
		return !strings.HasPrefix(to, "entities/zz") && !strings.Contains(to, "2026-03") && !strings.HasSuffix(to, "/workload.html")
	}
	for _, lang := range []string{"zh-CN", "en"} {
		rs := newTwinRenderers(t, lang, "indicator.html", nil)
		n := 0
		for _, site := range sites {
			jobs := pageJobs(loadSiteLang(t, site, lang), "indicator.html")
			n += twinPages(t, site+" "+lang, jobs, rs, indicatorTwinVisit(cov))
		}
		for _, site := range sites[:2] {
			jobs := pageJobs(oddModel(loadSiteLang(t, site, lang), odd), "indicator.html")
			n += twinPages(t, "odd "+site+" "+lang, jobs, rs, indicatorTwinVisit(cov))
		}
		t.Logf("%s: %d indicator pages identical", lang, n)
	}
	cov.require(t, "indicator page", indicatorParts...)
}

// indicatorParts are the flags of indicatorTwinVisit every run must see.
var indicatorParts = []string{"valid_if", "no valid_if", "description", "no description", "several groups",
	"one group", "no groups", "hi", "lo", "no hi", "no lo", "no values", "some values", "distribution",
	"no distribution", "trend", "no trend", "heatmap", "too many", "neither heatmap nor too many",
	"note", "no note", "better", "worse", "neither better nor worse", "no diff", "rank", "no rank",
	"no reference", "no value", "current link", "other link", "filtered link"}

// indicatorTwinVisit records the branches an indicator page shows and
// returns variants with those the sites reach seldom or never (recorded
// too): no peer group (a scheme without results), a group in which nobody
// has a value, and another description.
func indicatorTwinVisit(cov twinCoverage) func(any) []any {
	return func(data any) []any {
		d := data.(*IndicatorPage)
		vs := indicatorVariants(d)
		indicatorPageVisit(cov, d)
		for _, v := range vs {
			indicatorPageVisit(cov, v.(*IndicatorPage))
		}
		return vs
	}
}

// indicatorPageVisit records the branches of one page.
func indicatorPageVisit(cov twinCoverage, d *IndicatorPage) {
	cov.flag("valid_if", d.ValidIf != "")
	cov.flag("no valid_if", d.ValidIf == "")
	cov.flag("description", d.Indicator.Description != "")
	cov.flag("no description", d.Indicator.Description == "")
	cov.flag("several groups", len(d.Groups) > 1)
	cov.flag("one group", len(d.Groups) == 1)
	cov.flag("no groups", len(d.Groups) == 0)
	for _, o := range d.Others {
		cov.flag("current link", o.Current)
		cov.flag("other link", !o.Current)
		cov.flag("filtered link", !o.Current && d.Page.Rel(o.Path) == "")
	}
	for _, g := range d.Groups {
		indicatorGroupVisit(cov, g, d.Sign)
	}
}

// indicatorGroupVisit records the branches of one group's section.
func indicatorGroupVisit(cov twinCoverage, g *IndicatorGroup, sign float64) {
	cov.flag("hi", g.Hi != nil)
	cov.flag("lo", g.Lo != nil)
	cov.flag("no hi", g.Hi == nil)
	cov.flag("no lo", g.Lo == nil)
	cov.flag("no values", g.NoValues)
	cov.flag("some values", !g.NoValues)
	cov.flag("no reference", g.Reference == nil)
	cov.flag("distribution", g.Distribution != nil)
	cov.flag("no distribution", g.Distribution == nil)
	cov.flag("trend", g.Trend != nil)
	cov.flag("no trend", g.Trend == nil)
	cov.flag("heatmap", g.Heatmap != nil)
	cov.flag("too many", g.Heatmap == nil && g.TooMany > 0)
	cov.flag("neither heatmap nor too many", g.Heatmap == nil && g.TooMany == 0)
	for _, r := range g.Rows {
		cov.flag("note", r.Note != "")
		cov.flag("no note", r.Note == "")
		cov.flag("no value", r.Value == nil)
		cov.flag("no diff", r.Diff == nil)
		cov.flag("rank", r.Rank != 0)
		cov.flag("no rank", r.Rank == 0)
		better := render.Better(r.Diff, sign)
		cov.flag("better", better == "good")
		cov.flag("worse", better == "bad")
		cov.flag("neither better nor worse", r.Diff != nil && better == "")
	}
}

// indicatorVariants are copies of d with no group, with a group whose
// members all lack a value (no reference, no charts), and without the
// description, for pages that have them.
func indicatorVariants(d *IndicatorPage) []any {
	var out []any
	if len(d.Groups) > 0 {
		none := *d
		none.Groups = nil
		out = append(out, &none)

		empty := *d
		g := *d.Groups[0]
		g.NoValues, g.WithValue, g.Reference, g.Hi, g.Lo = true, 0, nil, nil, nil
		g.Distribution, g.Trend, g.Heatmap, g.TooMany = nil, nil, nil, 0
		g.Rows = make([]IndicatorRow, len(d.Groups[0].Rows))
		for i, r := range d.Groups[0].Rows {
			r.Value, r.Reference, r.Diff, r.Rank, r.Points, r.Note = nil, nil, nil, 0, 0, "无数据 <b> & +"
			g.Rows[i] = r
		}
		empty.Groups = []*IndicatorGroup{&g}
		out = append(out, &empty)
	}
	if d.Indicator.Description != "" {
		plain := *d // what goldmark makes of raw HTML, a link and code
		ind := *d.Indicator
		ind.Description = "**粗体** <script>x</script> [链接](https://example.org/a b) `+1`"
		plain.Indicator = &ind
		out = append(out, &plain)
	}
	return out
}

// indicatorTestSites writes the generated sites of the indicator tests:
// a small one with months after the quarters, and one whose peer groups
// have more members than a chart draws.
func indicatorTestSites(t *testing.T) []string {
	return synthSites(t,
		synth.Options{Cities: 1, Units: 3, Prosecutors: 4, Periods: 4, Months: 1, Seed: 3},
		synth.Options{Cities: 1, Units: 4, Prosecutors: 60, Periods: 2, Seed: 7})
}

// TestIndicatorNativeOffWhenOverridden: overriding indicator.html, the
// layout, a partial or a block of the layout turns the twin off and the
// override shows; overriding a page the indicator page does not use keeps
// it.
func TestIndicatorNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	data := twinPage(t, m, "indicator.html", "indicators/")
	twinOff(t, m.Lang, "indicator.html", data,
		twinOverrides(t, "indicator.html", `<h1>`, nil, []string{"ranking.html", "partials/correction.html"}))
}

// TestIndicatorNativeMessages: UI strings a site replaces reach the twin
// as they reach the template, escaped the same way, and ind.members and
// ind.too_many of any shape are formatted as tf formats them.
func TestIndicatorNativeMessages(t *testing.T) {
	m := loadSiteLang(t, indicatorTestSites(t)[1], "zh-CN") // has groups too large to draw
	jobs := pageJobs(m, "indicator.html")
	for _, format := range []string{"<%d> & %d +", "%[2]d: %[1]d (100%%)", "only %d"} {
		msgs := oddMessages("ind.better", "ind.worse", "ind.latest", "col.group", "ind.hi", "ind.valid_if", "ui.nav")
		msgs["ind.members"] = render.Message{ZH: format, EN: format}
		msgs["ind.too_many"] = render.Message{ZH: format, EN: format}
		rs := newTwinRenderers(t, "zh-CN", "indicator.html", msgs)
		twinPages(t, "messages "+format, jobs, rs, nil)
	}
}

// TestIndicatorNativeDeclines: data the twin does not know, or a page
// without its scheme, goes to the template, which reports the error, and
// a nil peer group is an error; a failed page leaves the buffer as it was.
func TestIndicatorNativeDeclines(t *testing.T) {
	rs := newTwinRenderers(t, "zh-CN", "indicator.html", nil)
	d := twinPage(t, rankDemo(t), "indicator.html", "indicators/").(*IndicatorPage)
	noScheme, nilGroup := *d, *d
	noScheme.Scheme = nil
	nilGroup.Groups = []*IndicatorGroup{nil}
	for _, data := range []any{struct{ Page *render.Page }{}, &noScheme, &nilGroup} {
		buf := bytes.NewBufferString("before|")
		if err := rs.native.Execute(buf, "indicator.html", data); err == nil {
			t.Errorf("%T: a page without its data rendered", data)
		}
		if buf.String() != "before|" {
			t.Errorf("%T: failed page left %q in the buffer", data, buf.String())
		}
	}
}

// BenchmarkIndicatorPage is benchPages (pages_bench_test.go) for the
// indicator pages, ops cycling through every one of the site, with a
// third sub-benchmark, "template", that renders them with the twin off
// (the optimized html/template path), for the before and after:
//
//	go test -bench IndicatorPage -run '^$' -benchmem ./generator/report/
func BenchmarkIndicatorPage(b *testing.B) {
	benchPages(b, "indicator.html", "schemes/")
	for _, s := range benchSites {
		b.Run(s.name+"/template", func(b *testing.B) {
			m, _ := s.load(b)
			r, err := render.New(render.Options{Lang: m.Lang, Dir: m.Config.TemplatesDir, NoNative: true})
			if err != nil {
				b.Fatal(err)
			}
			jobs := benchJobs(b, m, "indicator.html", "schemes/")
			b.ReportAllocs()
			defer reportCPU(b, cputime.Process())
			for i := 0; b.Loop(); i++ {
				j := jobs[i%len(jobs)]
				data, err := j.Data()
				if err != nil {
					b.Fatal(err)
				}
				if err := r.Execute(io.Discard, j.Template, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

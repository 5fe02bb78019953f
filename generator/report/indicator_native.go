package report

import (
	"bytes"
	"fmt"

	"kaoping/generator/render"
)

// A province's indicator page lists every member of each peer group (the
// prosecutor scheme's 8,000 rows of a dozen actions each), and there are
// some 27 of them, all rendered again whenever any period changes.
// indicator.html therefore has a native twin, indicatorWriter, that writes
// the same bytes as the template with base.html and its partials, without
// html/template's reflection; it is in force only while those templates
// are the built-in ones (see render.RegisterNative). Any change to
// indicator.html must be made here too: TestIndicatorNativeMatchesTemplate
// renders every indicator page both ways and names the first byte that
// differs.

func init() { registerLayoutTwin("indicator.html", newIndicatorWriter) }

// indicatorWriter holds indicator.html's text with one Renderer's UI
// strings put in and escaped: each field is the text between two actions.
type indicatorWriter struct {
	r *render.Renderer

	weight, defHead, direction, method, rule string
	weightDef, category, format, missing     string
	validIf, description                     string

	groupName, latest, hi, lo, period string
	noValues, thead, diffNote, trend  string
	better, worse, others             string

	// members is {{tf "ind.members" .Members .WithValue}}, tooMany
	// {{tf "ind.too_many" .TooMany}}.
	members, tooMany *render.IntMessage
}

// newIndicatorWriter prepares the twin for r.
func newIndicatorWriter(r *render.Renderer) (render.NativeFunc, error) {
	x := r.NativeText()
	w := &indicatorWriter{r: r}
	w.weight = ` · {{t "col.weight"}} `
	w.defHead = "</p>\n\n" + `<section aria-labelledby="definition">` + "\n" + `<h2 id="definition">{{t "ind.definition"}}</h2>` + "\n" +
		`<dl class="indicator-def">` + "\n" + `  <dt>{{t "ind.formula"}}</dt><dd>`
	w.direction = "</dd>\n" + `  <dt>{{t "ind.direction"}}</dt><dd>`
	w.method = "</dd>\n" + `  <dt>{{t "ind.method"}}</dt><dd>`
	w.rule = "</dd>\n" + `  <dt>{{t "col.rule"}}</dt><dd>`
	w.weightDef = "</dd>\n" + `  <dt>{{t "col.weight"}}</dt><dd>`
	w.category = "</dd>\n" + `  <dt>{{t "col.category"}}</dt><dd>`
	w.format = "</dd>\n" + `  <dt>{{t "ind.format"}}</dt><dd>`
	w.missing = "</dd>\n" + `  <dt>{{t "ind.missing"}}</dt><dd>`
	w.validIf = "\n" + `  <dt>{{t "ind.valid_if"}}</dt><dd>`
	w.description = "\n" + `<h3>{{t "ind.description"}}</h3>` + "\n" + `<div class="markdown">`
	w.groupName = `{{t "col.group"}}：`
	w.latest = `{{t "ind.latest"}}`
	w.hi = `<div class="figure"><div class="label">{{t "ind.hi"}}</div><div class="value">`
	w.lo = `<div class="figure"><div class="label">{{t "ind.lo"}}</div><div class="value">`
	w.period = "\n" + `  <div class="figure"><div class="label">{{t "col.period"}}</div><div class="value figure-text"><a href="`
	w.noValues = `<p class="warning">{{t "ind.no_values"}}</p>`
	w.thead = "\n" + `<div class="table-wrap">` + "\n" + `<table class="indicator-latest">` + "\n<thead><tr>\n" +
		`  <th scope="col">{{t "col.entity"}}</th><th scope="col">{{t "col.value"}}</th><th scope="col">{{t "col.reference"}}</th>` + "\n" +
		`  <th scope="col">{{t "col.difference"}}</th><th scope="col">{{t "col.rank"}}</th><th scope="col">{{t "col.points"}}</th>` + "\n" +
		"</tr></thead>\n<tbody>"
	w.diffNote = "\n</tbody>\n</table>\n</div>\n" + `<p class="note">{{t "ind.diff_note"}}</p>`
	w.trend = "\n" + `<h3>{{t "ind.over_time"}}</h3>` + "\n"
	w.better = ` {{t "ind.better"}}`
	w.worse = ` {{t "ind.worse"}}`
	w.others = "\n\n" + `<nav class="indicator-others" aria-labelledby="others">` + "\n" + `<h2 id="others">{{t "ind.others"}}</h2>` + "\n" +
		`<ul class="inline-links">`
	w.members = x.IntMessage("ind.members", 2)
	w.tooMany = x.IntMessage("ind.too_many", 1)
	if err := expandAll(x, &w.weight, &w.defHead, &w.direction, &w.method, &w.rule, &w.weightDef, &w.category,
		&w.format, &w.missing, &w.validIf, &w.description, &w.groupName, &w.latest, &w.hi, &w.lo, &w.period,
		&w.noValues, &w.thead, &w.diffNote, &w.trend, &w.better, &w.worse, &w.others); err != nil {
		return nil, err
	}
	return layoutTwin(r, w.main), nil
}

// twinLayout: an indicator page needs its scheme and indicator; the size
// counts the rows of the tables.
func (d *IndicatorPage) twinLayout() (*render.Page, int, bool) {
	n := 16 << 10
	for _, g := range d.Groups {
		if g != nil {
			n += 48<<10 + 300*len(g.Rows)
		}
	}
	return d.Page, n, d.Scheme != nil && d.Indicator != nil
}

// main writes the "main" of indicator.html.
func (w *indicatorWriter) main(b *bytes.Buffer, d *IndicatorPage) error {
	w.definition(b, d)
	multi := len(d.Groups) > 1
	for _, g := range d.Groups {
		if err := w.group(b, d, g, multi); err != nil {
			return err
		}
	}
	w.otherLinks(b, d)
	return nil
}

// definition writes the title, the lead and the definition in words.
func (w *indicatorWriter) definition(b *bytes.Buffer, d *IndicatorPage) {
	writeText(b, "\n<h1>", d.Indicator.Name, "</h1>\n<p class=\"lead\">")
	writeLink(b, "<a href=\"", d.Page.Rel(d.Overview), "\">", d.Scheme.Name, "</a> · ")
	writeText(b, "", d.Category, w.weight)
	writeText(b, "", d.Weight, w.defHead)
	writeText(b, "", d.Formula, w.direction)
	writeText(b, "", d.Direction, w.method)
	writeText(b, "", d.Method, w.rule)
	writeText(b, "", d.Rule, w.weightDef)
	writeText(b, "", d.Weight, w.category)
	writeText(b, "", d.Category, w.format)
	writeText(b, "", d.Format, w.missing)
	writeText(b, "", d.Missing, "</dd>")
	writeWith(b, w.validIf, d.ValidIf, "</dd>")
	b.WriteString("\n</dl>")
	if d.Indicator.Description != "" {
		b.WriteString(w.description)
		b.WriteString(string(w.r.Markdown(d.Indicator.Description)))
		b.WriteString("</div>")
	}
	b.WriteString("\n</section>")
}

// group writes one peer group's section: figures, the latest table and
// the charts.
func (w *indicatorWriter) group(b *bytes.Buffer, d *IndicatorPage, g *IndicatorGroup, multi bool) error {
	if g == nil {
		return fmt.Errorf("indicator %s: a nil peer group", d.Indicator.ID)
	}
	ind := d.Indicator
	writeText(b, "\n<section class=\"indicator-group\" aria-labelledby=\"group-", g.ID, "\">\n<h2 id=\"group-")
	writeText(b, "", g.ID, "\">")
	if multi {
		writeText(b, w.groupName, g.Label, "")
	} else {
		b.WriteString(w.latest)
	}
	writeText(b, "</h2>\n<div class=\"figures\">\n  <div class=\"figure\"><div class=\"label\">", g.RefName, "</div><div class=\"value\">")
	w.r.WriteNum(b, g.Reference, ind.Format, ind.Decimals)
	b.WriteString("</div></div>")
	if g.Hi != nil {
		b.WriteString(w.hi)
		w.r.WriteNum(b, g.Hi, ind.Format, ind.Decimals)
		b.WriteString("</div></div>")
	}
	if g.Lo != nil {
		b.WriteString(w.lo)
		w.r.WriteNum(b, g.Lo, ind.Format, ind.Decimals)
		b.WriteString("</div></div>")
	}
	writeLink(b, w.period, d.Page.Rel(d.LatestRanking), "\">", d.LatestLabel, "</a></div></div>\n</div>\n<p class=\"muted\">")
	w.members.Write(b, g.Members, g.WithValue)
	b.WriteString("</p>")
	if g.NoValues {
		b.WriteString(w.noValues)
	}
	if g.Distribution != nil {
		if err := writeCharts(w.r, b, "\n", g.Distribution); err != nil {
			return err
		}
	}
	b.WriteString(w.thead)
	for i := range g.Rows {
		w.row(b, d, &g.Rows[i])
	}
	b.WriteString(w.diffNote)
	return w.groupCharts(b, g)
}

// row writes one member's line of the latest table.
func (w *indicatorWriter) row(b *bytes.Buffer, d *IndicatorPage, r *IndicatorRow) {
	ind := d.Indicator
	writeLink(b, "\n<tr>\n  <th scope=\"row\"><a href=\"", d.Page.Rel(r.Profile), "\">", r.Name, "</a></th>\n  <td class=\"num\"><a href=\"")
	render.WriteURL(b, d.Page.Rel(r.Sheet))
	b.WriteString("\">")
	w.r.WriteNum(b, r.Value, ind.Format, ind.Decimals)
	b.WriteString("</a>")
	writeWith(b, "<br><span class=\"note\">", r.Note, "</span>")
	b.WriteString("</td>\n  <td class=\"num\">")
	w.r.WriteNum(b, r.Reference, ind.Format, ind.Decimals)
	better := render.Better(r.Diff, d.Sign)
	writeText(b, "</td>\n  <td class=\"num ", better, "\">")
	render.WriteSigned(b, r.Diff, ind.Decimals)
	switch better {
	case "":
	case "good":
		b.WriteString(w.better)
	default:
		b.WriteString(w.worse)
	}
	b.WriteString("</td>\n  <td class=\"num\">")
	if r.Rank != 0 {
		render.WriteInt(b, r.Rank)
	} else {
		b.WriteString("—")
	}
	b.WriteString("</td>\n  <td class=\"num\">")
	render.WritePoints(b, r.Points)
	b.WriteString("</td>\n</tr>")
}

// groupCharts writes the trend and the heatmap (or the note that there
// are too many members for it), and the section's end.
func (w *indicatorWriter) groupCharts(b *bytes.Buffer, g *IndicatorGroup) error {
	if g.Trend != nil {
		b.WriteString(w.trend)
		if err := w.r.WriteChart(b, g.Trend); err != nil {
			return err
		}
	}
	if g.Heatmap != nil {
		if err := writeCharts(w.r, b, "\n", g.Heatmap); err != nil {
			return err
		}
	} else if g.TooMany != 0 {
		b.WriteString("\n<p class=\"note\">")
		w.tooMany.Write(b, g.TooMany)
		b.WriteString("</p>")
	}
	b.WriteString("\n</section>")
	return nil
}

// otherLinks writes the links to the scheme's other indicators.
func (w *indicatorWriter) otherLinks(b *bytes.Buffer, d *IndicatorPage) {
	b.WriteString(w.others)
	for _, o := range d.Others {
		if o.Current {
			writeText(b, "\n<li><strong aria-current=\"page\">", o.Name, "</strong></li>")
		} else {
			writeLink(b, "\n<li><a href=\"", d.Page.Rel(o.Path), "\">", o.Name, "</a></li>")
		}
	}
	b.WriteString("\n</ul>\n</nav>\n")
}

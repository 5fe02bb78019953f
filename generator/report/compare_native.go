package report

import (
	"bytes"
	"fmt"

	"kaoping/generator/numfmt"
	"kaoping/generator/render"
)

// A province's prosecutor comparison prints 8,000 rows in three tables,
// some 60 cells a row, and html/template reaches every cell through
// reflection (0.9 CPU-s a page). compare.html therefore has a native twin,
// compareWriter, that writes the same bytes as the template with base.html
// and its partials; it is in force only while all of them are the
// built-in ones (see render.RegisterNative). Any change to compare.html
// must be made here too: TestCompareNativeMatchesTemplate renders every
// comparison both ways and names the first byte that differs.

func init() { registerLayoutTwin("compare.html", newCompareWriter) }

// compareWriter holds compare.html's text with one Renderer's UI strings
// put in and escaped: each field is the text between two actions.
type compareWriter struct {
	r *render.Renderer
	// limited is {{tf "compare.limited" .Shown .Members}}.
	limited *render.IntMessage

	lead, prev, noPrev, yoy, noYoY, links, methodology, linksEnd string

	totalsHead, totalsHead2, catHeads, vetoBadge string
	valuesHead, reference                        string
	changesHead, changeHeads                     string
}

// newCompareWriter prepares the twin for r.
func newCompareWriter(r *render.Renderer) (render.NativeFunc, error) {
	x := r.NativeText()
	w := &compareWriter{r: r}
	w.lead = "</span></h1>\n" + `<p class="lead">{{t "compare.lead"}}`
	w.prev = ` {{t "compare.prev"}}：`
	w.noPrev = ` {{t "compare.no_prev"}}`
	w.yoy = ` {{t "compare.yoy"}}：`
	w.noYoY = ` {{t "compare.no_yoy"}}`
	w.links = "</p>\n" + `<p class="no-print"><a href="`
	w.methodology = `">{{t "home.ranking"}}</a> · <a href="`
	w.linksEnd = `">{{t "nav.methodology"}}</a></p>`
	w.totalsHead = "\n</div>\n\n" + `<h3>{{t "compare.s_totals"}}</h3>` + "\n" + `<div class="table-wrap">` + "\n" +
		`<table class="compare-table">` + "\n<thead>\n" +
		`<tr><th rowspan="2">{{t "col.rank"}}</th><th rowspan="2" class="sticky-col">{{t "col.entity"}}</th><th colspan="3">{{t "col.total"}}</th><th colspan="2">{{t "col.rank_change"}}</th>`
	w.totalsHead2 = "</tr>\n" + `<tr><th>{{t "compare.now"}}</th><th>{{t "compare.prev"}}</th><th>{{t "compare.yoy"}}</th><th>{{t "compare.prev"}}</th><th>{{t "compare.yoy"}}</th>`
	w.catHeads = `<th>{{t "col.points"}}</th><th>{{t "compare.rate"}}</th>`
	w.vetoBadge = ` <span class="badge bad">{{t "col.vetoed"}}</span>`
	w.valuesHead = "\n</tbody>\n</table>\n</div>\n\n" + `<h3>{{t "compare.s_values"}}</h3>` + "\n" +
		`<p class="muted small">{{t "compare.legend"}}</p>` + "\n" + `<div class="table-wrap">` + "\n" +
		`<table class="compare-table">` + "\n" + `<thead><tr><th>{{t "col.rank"}}</th><th class="sticky-col">{{t "col.entity"}}</th>`
	w.reference = "</tr></thead>\n<tbody>\n" + `<tr class="ref-row"><td></td><th scope="row" class="sticky-col">{{t "col.reference"}}</th>`
	w.changesHead = "\n" + `<h3>{{t "compare.s_changes"}}</h3>` + "\n" + `<p class="muted small">{{t "compare.changes_legend"}}</p>` + "\n" +
		`<div class="table-wrap">` + "\n" + `<table class="compare-table">` + "\n<thead>\n" +
		`<tr><th rowspan="2">{{t "col.rank"}}</th><th rowspan="2" class="sticky-col">{{t "col.entity"}}</th>`
	w.changeHeads = `<th>{{t "compare.prev"}}</th><th>{{t "compare.yoy"}}</th>`
	w.limited = x.IntMessage("compare.limited", 2)
	if err := expandAll(x, &w.lead, &w.prev, &w.noPrev, &w.yoy, &w.noYoY, &w.links, &w.methodology, &w.linksEnd,
		&w.totalsHead, &w.totalsHead2, &w.catHeads, &w.vetoBadge, &w.valuesHead, &w.reference,
		&w.changesHead, &w.changeHeads); err != nil {
		return nil, err
	}
	return layoutTwin(r, w.main), nil
}

// twinLayout: a comparison needs its scheme; the size counts the cells of the three
// tables.
func (d *ComparePage) twinLayout() (*render.Page, int, bool) {
	n := 16 << 10
	for _, g := range d.Groups {
		n += len(g.Rows) * (700 + 80*len(d.Categories) + 180*len(d.Indicators))
	}
	return d.Page, n, d.Scheme != nil
}

// main writes the "main" of compare.html.
func (w *compareWriter) main(b *bytes.Buffer, d *ComparePage) error {
	w.head(b, d)
	return writeGroups(b, d, d.Groups, w.group)
}

// head writes the title, the lead and the links.
func (w *compareWriter) head(b *bytes.Buffer, d *ComparePage) {
	writeText(b, "\n<h1>", d.Scheme.Name, " · ")
	writeText(b, "", d.PeriodLabel, " <span class=\"compare-kind\">")
	writeText(b, "", d.Kind, w.lead)
	if d.PrevLabel != "" {
		writeText(b, w.prev, d.PrevLabel, "。")
	} else {
		b.WriteString(w.noPrev)
	}
	if d.LastYearLabel != "" {
		writeText(b, w.yoy, d.LastYearLabel, "。")
	} else {
		b.WriteString(w.noYoY)
	}
	b.WriteString(w.links)
	render.WriteURL(b, d.Page.Rel(d.Ranking))
	b.WriteString(w.methodology)
	render.WriteURL(b, d.Page.Rel(d.Methodology))
	b.WriteString(w.linksEnd)
}

// group writes one peer group's section: charts and the three tables.
func (w *compareWriter) group(b *bytes.Buffer, d *ComparePage, g *CompareGroup) error {
	b.WriteString("\n<section class=\"compare-group\">")
	writeWith(b, "<h2>", g.Label, "</h2>")
	if g.Shown < g.Members {
		b.WriteString("<p class=\"muted\">")
		w.limited.Write(b, g.Shown, g.Members)
		b.WriteString("</p>")
	}
	b.WriteString("\n<div class=\"charts-grid compare-charts\">")
	if err := writeCharts(w.r, b, "\n", g.CategoryChart, g.TotalsChart); err != nil {
		return err
	}
	if err := w.totals(b, d, g); err != nil {
		return err
	}
	w.values(b, d, g)
	if d.PrevLabel != "" || d.LastYearLabel != "" {
		w.changes(b, d, g)
	}
	b.WriteString("\n</section>")
	return nil
}

// totals writes the table of totals, rank changes and subtotals.
func (w *compareWriter) totals(b *bytes.Buffer, d *ComparePage, g *CompareGroup) error {
	b.WriteString(w.totalsHead)
	for i, c := range d.Categories {
		if i >= len(g.CategoryPoints) {
			return fmt.Errorf("compare: category %d of %d has no full points", i+1, len(d.Categories))
		}
		writeText(b, "<th colspan=\"2\">", c, "<span class=\"muted small\">（")
		writeText(b, "", numfmt.Fixed(g.CategoryPoints[i], 0), "）</span></th>")
	}
	b.WriteString(w.totalsHead2)
	for range d.Categories {
		b.WriteString(w.catHeads)
	}
	b.WriteString("</tr>\n</thead>\n<tbody>")
	for i := range g.Rows {
		r := &g.Rows[i]
		compareRowHead(b, r, w.vetoBadge)
		writeText(b, "\n  <td class=\"num\"><b>", r.Total, "</b></td>")
		compareCellTitle(b, &r.TotalPrev, false)
		compareCellTitle(b, &r.TotalYoY, false)
		compareCellTitle(b, &r.RankPrev, true)
		compareCellTitle(b, &r.RankYoY, true)
		for _, s := range r.Subtotals {
			writeText(b, "<td class=\"num\">", s.Points, "</td>")
			writeText(b, "<td class=\"num muted\">", s.Rate, "</td>")
		}
		b.WriteString("\n</tr>")
	}
	return nil
}

// compareRowHead writes what a row of the three tables starts with: the
// rank and the heading cell, the entity's name and link, followed by
// badge if the entity is vetoed (the table of totals marks it; the others
// pass "").
func compareRowHead(b *bytes.Buffer, r *CompareRow, badge string) {
	if r.Vetoed {
		b.WriteString("\n<tr class=\"vetoed\">\n  <td class=\"num\">")
	} else {
		b.WriteString("\n<tr>\n  <td class=\"num\">")
	}
	render.WriteInt(b, r.Rank)
	writeLink(b, "</td>\n  <th scope=\"row\" class=\"sticky-col\"><a href=\"", r.SheetHref, "\">", r.Name, "</a>")
	if r.Vetoed {
		b.WriteString(badge)
	}
	b.WriteString("</th>")
}

// compareCellTitle writes one indented cell of the totals table, with
// the cell's title attribute when title is set (the rank columns).
func compareCellTitle(b *bytes.Buffer, c *CompareCell, title bool) {
	if title {
		writeText(b, "\n  <td class=\"num ", c.Class, "\" title=\"")
		writeClassed(b, "", c.Title, c.Text, "</td>")
		return
	}
	writeClassed(b, "\n  <td class=\"num ", c.Class, c.Text, "</td>")
}

// values writes the table of indicator values against the reference.
func (w *compareWriter) values(b *bytes.Buffer, d *ComparePage, g *CompareGroup) {
	b.WriteString(w.valuesHead)
	for _, c := range d.Indicators {
		writeText(b, "<th>", c.Name, "")
		writeWith(b, " <span class=\"muted\">", c.Direction, "</span>")
		b.WriteString("</th>")
	}
	b.WriteString(w.reference)
	for _, c := range g.References {
		writeText(b, "<td class=\"num\">", c.Text, "</td>")
	}
	b.WriteString("</tr>")
	for i := range g.Rows {
		r := &g.Rows[i]
		compareRowHead(b, r, "")
		for j := range r.Values {
			compareValue(b, &r.Values[j])
		}
		b.WriteString("\n</tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
}

// compareValue writes one cell of the table of values: its class, title
// and marker are optional.
func compareValue(b *bytes.Buffer, c *CompareCell) {
	writeText(b, "<td class=\"num ", c.Class, "\"")
	writeWith(b, " title=\"", c.Title, "\"")
	b.WriteByte('>')
	writeWith(b, "<span class=\"marker\">", c.Marker, "</span> ")
	writeText(b, "", c.Text, "</td>")
}

// changes writes the table of 环比 and 同比 of each indicator.
func (w *compareWriter) changes(b *bytes.Buffer, d *ComparePage, g *CompareGroup) {
	b.WriteString(w.changesHead)
	for _, c := range d.Indicators {
		writeText(b, "<th colspan=\"2\">", c.Name, "")
		writeWith(b, "<span class=\"muted small\">（", c.Unit, "）</span>")
		b.WriteString("</th>")
	}
	b.WriteString("</tr>\n<tr>")
	for range d.Indicators {
		b.WriteString(w.changeHeads)
	}
	b.WriteString("</tr>\n</thead>\n<tbody>")
	for i := range g.Rows {
		r := &g.Rows[i]
		compareRowHead(b, r, "")
		for j := range r.Changes {
			c := &r.Changes[j]
			writeClassed(b, "<td class=\"num ", c.Prev.Class, c.Prev.Text, "</td>")
			writeClassed(b, "<td class=\"num ", c.YoY.Class, c.YoY.Text, "</td>")
		}
		b.WriteString("\n</tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
}

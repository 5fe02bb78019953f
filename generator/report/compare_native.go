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

func init() {
	render.RegisterNative(render.Native{
		Page:    "compare.html",
		Mirrors: append(render.LayoutTemplates(), "compare.html", "main"),
		Prepare: newCompareWriter,
	})
}

// compareWriter holds compare.html's text with one Renderer's UI strings
// put in and escaped: each field is the text between two actions.
type compareWriter struct {
	r *render.Renderer
	// limited is the message compare.limited, formatted as tf does.
	limited string

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
	for _, s := range []*string{&w.lead, &w.prev, &w.noPrev, &w.yoy, &w.noYoY, &w.links, &w.methodology, &w.linksEnd,
		&w.totalsHead, &w.totalsHead2, &w.catHeads, &w.vetoBadge, &w.valuesHead, &w.reference,
		&w.changesHead, &w.changeHeads} {
		*s = x.Expand(*s)
	}
	if err := x.Err(); err != nil {
		return nil, err
	}
	var err error
	if w.limited, err = r.Message("compare.limited"); err != nil {
		return nil, err
	}
	return w.write, nil
}

// write is the NativeFunc: it handles *ComparePage with a page and a site.
func (w *compareWriter) write(b *bytes.Buffer, data any) (bool, error) {
	d, ok := data.(*ComparePage)
	if !ok || d == nil || d.Page == nil || d.Page.Site == nil || d.Scheme == nil {
		return false, nil
	}
	b.Grow(compareSize(d))
	w.r.WriteLayoutStart(b, d.Page)
	w.head(b, d)
	for _, g := range d.Groups {
		if err := w.group(b, d, g); err != nil {
			return true, err
		}
	}
	b.WriteString("\n")
	w.r.WriteLayoutEnd(b, d.Page)
	return true, nil
}

// compareSize is about the bytes of the page, so that the buffer grows
// once.
func compareSize(d *ComparePage) int {
	n := 16 << 10
	for _, g := range d.Groups {
		n += len(g.Rows) * (700 + 80*len(d.Categories) + 180*len(d.Indicators))
	}
	return n
}

// head writes the title, the lead and the links.
func (w *compareWriter) head(b *bytes.Buffer, d *ComparePage) {
	b.WriteString("\n<h1>")
	render.WriteEscaped(b, d.Scheme.Name)
	b.WriteString(" · ")
	render.WriteEscaped(b, d.PeriodLabel)
	b.WriteString(" <span class=\"compare-kind\">")
	render.WriteEscaped(b, d.Kind)
	b.WriteString(w.lead)
	if d.PrevLabel != "" {
		b.WriteString(w.prev)
		render.WriteEscaped(b, d.PrevLabel)
		b.WriteString("。")
	} else {
		b.WriteString(w.noPrev)
	}
	if d.LastYearLabel != "" {
		b.WriteString(w.yoy)
		render.WriteEscaped(b, d.LastYearLabel)
		b.WriteString("。")
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
	if g.Label != "" {
		b.WriteString("<h2>")
		render.WriteEscaped(b, g.Label)
		b.WriteString("</h2>")
	}
	if g.Shown < g.Members {
		b.WriteString("<p class=\"muted\">")
		render.WriteEscaped(b, fmt.Sprintf(w.limited, g.Shown, g.Members))
		b.WriteString("</p>")
	}
	b.WriteString("\n<div class=\"charts-grid compare-charts\">\n")
	if err := w.r.WriteChart(b, g.CategoryChart); err != nil {
		return err
	}
	b.WriteString("\n")
	if err := w.r.WriteChart(b, g.TotalsChart); err != nil {
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
		b.WriteString("<th colspan=\"2\">")
		render.WriteEscaped(b, c)
		b.WriteString("<span class=\"muted small\">（")
		render.WriteEscaped(b, numfmt.Fixed(g.CategoryPoints[i], 0))
		b.WriteString("）</span></th>")
	}
	b.WriteString(w.totalsHead2)
	for range d.Categories {
		b.WriteString(w.catHeads)
	}
	b.WriteString("</tr>\n</thead>\n<tbody>")
	for i := range g.Rows {
		r := &g.Rows[i]
		compareRowStart(b, r)
		if r.Vetoed {
			b.WriteString(w.vetoBadge)
		}
		b.WriteString("</th>\n  <td class=\"num\"><b>")
		render.WriteEscaped(b, r.Total)
		b.WriteString("</b></td>")
		compareCellTitle(b, &r.TotalPrev, false)
		compareCellTitle(b, &r.TotalYoY, false)
		compareCellTitle(b, &r.RankPrev, true)
		compareCellTitle(b, &r.RankYoY, true)
		for _, s := range r.Subtotals {
			b.WriteString("<td class=\"num\">")
			render.WriteEscaped(b, s.Points)
			b.WriteString("</td><td class=\"num muted\">")
			render.WriteEscaped(b, s.Rate)
			b.WriteString("</td>")
		}
		b.WriteString("\n</tr>")
	}
	return nil
}

// compareRowStart writes a row's start up to the entity's name and link,
// which all three tables share.
func compareRowStart(b *bytes.Buffer, r *CompareRow) {
	if r.Vetoed {
		b.WriteString("\n<tr class=\"vetoed\">\n  <td class=\"num\">")
	} else {
		b.WriteString("\n<tr>\n  <td class=\"num\">")
	}
	render.WriteInt(b, r.Rank)
	b.WriteString("</td>\n  <th scope=\"row\" class=\"sticky-col\"><a href=\"")
	render.WriteURL(b, r.SheetHref)
	b.WriteString("\">")
	render.WriteEscaped(b, r.Name)
	b.WriteString("</a>")
}

// compareCellTitle writes one indented cell of the totals table, with
// the cell's title attribute when title is set (the rank columns).
func compareCellTitle(b *bytes.Buffer, c *CompareCell, title bool) {
	b.WriteString("\n  <td class=\"num ")
	render.WriteEscaped(b, c.Class)
	if title {
		b.WriteString("\" title=\"")
		render.WriteEscaped(b, c.Title)
	}
	b.WriteString("\">")
	render.WriteEscaped(b, c.Text)
	b.WriteString("</td>")
}

// values writes the table of indicator values against the reference.
func (w *compareWriter) values(b *bytes.Buffer, d *ComparePage, g *CompareGroup) {
	b.WriteString(w.valuesHead)
	for _, c := range d.Indicators {
		b.WriteString("<th>")
		render.WriteEscaped(b, c.Name)
		if c.Direction != "" {
			b.WriteString(" <span class=\"muted\">")
			render.WriteEscaped(b, c.Direction)
			b.WriteString("</span>")
		}
		b.WriteString("</th>")
	}
	b.WriteString(w.reference)
	for _, c := range g.References {
		b.WriteString("<td class=\"num\">")
		render.WriteEscaped(b, c.Text)
		b.WriteString("</td>")
	}
	b.WriteString("</tr>")
	for i := range g.Rows {
		r := &g.Rows[i]
		compareRowStart(b, r)
		b.WriteString("</th>")
		for j := range r.Values {
			c := &r.Values[j]
			b.WriteString("<td class=\"num ")
			render.WriteEscaped(b, c.Class)
			b.WriteByte('"')
			if c.Title != "" {
				b.WriteString(" title=\"")
				render.WriteEscaped(b, c.Title)
				b.WriteByte('"')
			}
			b.WriteByte('>')
			if c.Marker != "" {
				b.WriteString("<span class=\"marker\">")
				render.WriteEscaped(b, c.Marker)
				b.WriteString("</span> ")
			}
			render.WriteEscaped(b, c.Text)
			b.WriteString("</td>")
		}
		b.WriteString("\n</tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
}

// changes writes the table of 环比 and 同比 of each indicator.
func (w *compareWriter) changes(b *bytes.Buffer, d *ComparePage, g *CompareGroup) {
	b.WriteString(w.changesHead)
	for _, c := range d.Indicators {
		b.WriteString("<th colspan=\"2\">")
		render.WriteEscaped(b, c.Name)
		if c.Unit != "" {
			b.WriteString("<span class=\"muted small\">（")
			render.WriteEscaped(b, c.Unit)
			b.WriteString("）</span>")
		}
		b.WriteString("</th>")
	}
	b.WriteString("</tr>\n<tr>")
	for range d.Indicators {
		b.WriteString(w.changeHeads)
	}
	b.WriteString("</tr>\n</thead>\n<tbody>")
	for i := range g.Rows {
		r := &g.Rows[i]
		compareRowStart(b, r)
		b.WriteString("</th>")
		for j := range r.Changes {
			c := &r.Changes[j]
			b.WriteString("<td class=\"num ")
			render.WriteEscaped(b, c.Prev.Class)
			b.WriteString("\">")
			render.WriteEscaped(b, c.Prev.Text)
			b.WriteString("</td><td class=\"num ")
			render.WriteEscaped(b, c.YoY.Class)
			b.WriteString("\">")
			render.WriteEscaped(b, c.YoY.Text)
			b.WriteString("</td>")
		}
		b.WriteString("\n</tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
}

package report

import (
	"bytes"

	"kaoping/generator/numfmt"
	"kaoping/generator/render"
)

// A province's prosecutor ranking has 8,000 rows of a dozen cells each,
// and html/template reaches every one through reflection. ranking.html
// therefore has a native twin, rankingWriter, that writes the same bytes
// as the template with base.html, its partials and partials/correction.html;
// it is in force only while all of them are the built-in ones (see
// render.RegisterNative). Any change to ranking.html or correction.html
// must be made here too: TestRankingNativeMatchesTemplate renders every
// ranking both ways and names the first byte that differs.

func init() { registerLayoutTwin("ranking.html", newRankingWriter, "partials/correction.html") }

// rankingWriter holds ranking.html's text with one Renderer's UI strings
// put in and escaped: each field is the text between two actions.
type rankingWriter struct {
	r    *render.Renderer
	corr *correctionWriter

	hint, tools, prev, next, choose, downloads, download, methodology string

	groupName, thead, parentTh, total, gradeTh, vetoTh, vetoMark string
	meanRow, charts, compact, indicators                         string
}

// newRankingWriter prepares the twin for r.
func newRankingWriter(r *render.Renderer) (render.NativeFunc, error) {
	x := r.NativeText()
	w := &rankingWriter{r: r, corr: newCorrectionWriter(x)}
	w.hint = `<span class="no-print">{{t "rank.sheet_hint"}}</span></p>` + "\n" + `<p class="rank-notice">`
	w.tools = "\n\n" + `<div class="rank-tools no-print">` + "\n" + `<nav class="rank-periods" aria-label="{{t "rank.periods"}}">`
	w.prev = `">← {{t "rank.prev"}}：`
	w.next = `">{{t "rank.next"}}：`
	w.choose = "\n" + `<details class="rank-choose"><summary>{{t "rank.periods"}}</summary>` + "\n<ul>"
	w.downloads = "\n</ul>\n</details>\n</nav>\n" + `<ul class="downloads">`
	w.download = `" download>{{t "ui.download"}} `
	w.methodology = `">{{t "nav.methodology"}}</a></li>` + "\n</ul>\n</div>"
	w.groupName = `{{t "rank.group"}}：`
	w.thead = "</caption>\n<thead><tr>\n" + `<th scope="col">{{t "col.rank"}}</th>` + "\n" +
		`<th scope="col">{{t "col.rank_change"}}</th>` + "\n" + `<th scope="col">{{t "col.name"}}</th>`
	w.parentTh = `<th scope="col">{{t "rank.parent"}}</th>`
	w.total = "\n" + `<th scope="col" class="num">{{t "col.total"}}</th>`
	w.gradeTh = `<th scope="col">{{t "col.grade"}}</th>`
	w.vetoTh = `<th scope="col">{{t "col.vetoed"}}</th>`
	w.vetoMark = `<span class="badge bad">{{t "rank.veto_mark"}}</span> `
	w.meanRow = `">{{t "rank.mean_row"}}</th>`
	w.charts = "\n</tr>\n</tbody>\n</table>\n</div>\n\n" + `<div class="rank-charts">` + "\n" + `<h3>{{t "rank.charts"}}`
	w.compact = `<p class="note">{{t "rank.compact"}}</p>`
	w.indicators = "\n" + `<h3>{{t "rank.indicators"}}</h3>` + "\n" + `<div class="charts-grid">`
	if err := expandAll(x, &w.hint, &w.tools, &w.prev, &w.next, &w.choose, &w.downloads, &w.download,
		&w.methodology, &w.groupName, &w.thead, &w.parentTh, &w.total, &w.gradeTh, &w.vetoTh, &w.vetoMark,
		&w.meanRow, &w.charts, &w.compact, &w.indicators); err != nil {
		return nil, err
	}
	return layoutTwin(r, w.main), nil
}

// twinLayout: a ranking needs its scheme; the size counts the cells of the
// tables.
func (d *RankingPage) twinLayout() (*render.Page, int, bool) {
	n := 16 << 10
	for _, g := range d.Groups {
		n += len(g.Rows) * (400 + 40*(len(d.Categories)+len(d.Adjustments)))
	}
	return d.Page, n, d.Scheme != nil
}

// main writes the "main" of ranking.html.
func (w *rankingWriter) main(b *bytes.Buffer, d *RankingPage) error {
	w.head(b, d)
	return writeGroups(b, d, d.Groups, w.group)
}

// head writes the title, the lead, the corrections and the tools.
func (w *rankingWriter) head(b *bytes.Buffer, d *RankingPage) {
	p := d.Page
	writeText(b, "\n<h1 class=\"rank-title\">", d.Scheme.Name, "<span class=\"rank-period\">")
	writeText(b, "", d.Period.Label, "</span></h1>\n<p class=\"lead\">")
	writeText(b, "", d.Lead, w.hint)
	writeText(b, "", d.Notice, "</p>")
	if len(d.Corrections) > 0 {
		w.corr.write(b, p, d.Corrections)
	}
	b.WriteString(w.tools)
	if d.Prev != nil {
		writeLink(b, "<a class=\"rank-step\" rel=\"prev\" href=\"", p.Rel(d.Prev.Path), w.prev, d.Prev.Label, "</a>")
	}
	if d.Next != nil {
		writeLink(b, "<a class=\"rank-step\" rel=\"next\" href=\"", p.Rel(d.Next.Path), w.next, d.Next.Label, " →</a>")
	}
	b.WriteString(w.choose)
	for _, c := range d.Periods {
		if c.Current {
			writeText(b, "\n<li><span aria-current=\"page\" title=\"", c.Title, "\">")
			writeText(b, "", c.Label, "</span></li>")
		} else {
			writeLink(b, "\n<li><a href=\"", p.Rel(c.Path), "\" title=\"", c.Title, "\">")
			writeText(b, "", c.Label, "</a></li>")
		}
	}
	b.WriteString(w.downloads)
	for _, l := range d.Downloads {
		writeLink(b, "\n<li><a href=\"", p.Rel(l.Path), w.download, l.Label, "</a></li>")
	}
	b.WriteString("\n<li><a href=\"")
	render.WriteURL(b, p.Rel(d.Methodology))
	b.WriteString(w.methodology)
}

// group writes one peer group's section: heading, table and charts.
func (w *rankingWriter) group(b *bytes.Buffer, d *RankingPage, g *RankingGroup) error {
	multi := len(d.Groups) > 1
	writeText(b, "\n<section class=\"rank-group\" id=\"", g.Anchor, "\" aria-labelledby=\"")
	writeText(b, "", g.Anchor, "-h\">\n<h2 id=\"")
	writeText(b, "", g.Anchor, "-h\">")
	if multi {
		b.WriteString(w.groupName)
	}
	writeText(b, "", g.Name, " <span class=\"muted rank-count\">（")
	render.WriteInt(b, len(g.Rows))
	writeText(b, "）</span></h2>\n<div class=\"table-wrap\">\n<table class=\"rank-table\">\n<caption class=\"rank-caption\">", d.Scheme.Name, " · ")
	writeText(b, "", d.Period.Label, " · ")
	render.WriteEscaped(b, g.Name)
	w.tableHead(b, d)
	for i := range g.Rows {
		w.row(b, d, &g.Rows[i])
	}
	w.mean(b, d, &g.Mean)
	return w.groupCharts(b, g, multi)
}

// tableHead writes the table's column heads, from the caption's end to
// the body's start.
func (w *rankingWriter) tableHead(b *bytes.Buffer, d *RankingPage) {
	b.WriteString(w.thead)
	if d.HasParent {
		b.WriteString(w.parentTh)
	}
	for _, c := range d.Categories {
		writeText(b, "<th scope=\"col\" class=\"num\">", c.Name, "<br><span class=\"rank-full\">")
		writeText(b, "", c.Full, "</span></th>")
	}
	for _, a := range d.Adjustments {
		writeText(b, "<th scope=\"col\" class=\"num\">", a.Name, "</th>")
	}
	b.WriteString(w.total)
	d.writeLastColumns(b, w.gradeTh, w.vetoTh)
	b.WriteString("\n</tr></thead>\n<tbody>")
}

// writeLastColumns writes grade when the ranking has grades and veto when
// it has vetoes: the optional columns that end each line of the table.
func (d *RankingPage) writeLastColumns(b *bytes.Buffer, grade, veto string) {
	if d.HasGrades {
		b.WriteString(grade)
	}
	if d.HasVetoes {
		b.WriteString(veto)
	}
}

// row writes one line of the 公示表.
func (w *rankingWriter) row(b *bytes.Buffer, d *RankingPage, r *RankingRow) {
	if r.Vetoed {
		b.WriteString("\n<tr class=\"vetoed\">\n<td class=\"num rank-no\">")
	} else {
		b.WriteString("\n<tr>\n<td class=\"num rank-no\">")
	}
	render.WriteInt(b, r.Rank)
	writeClassed(b, "</td>\n<td class=\"center ", r.RankChangeClass, r.RankChangeText, "</td>")
	writeLink(b, "\n<th scope=\"row\"><a href=\"", r.SheetHref, "\">", r.Name, "</a></th>")
	if d.HasParent {
		writeText(b, "<td class=\"rank-parent\">", r.Parent, "</td>")
	}
	for _, s := range r.CategoryTexts {
		writeText(b, "<td class=\"num\">", s, "</td>")
	}
	for _, c := range r.AdjustmentCells {
		if c.Zero {
			writeText(b, "<td class=\"num ", c.Class, "\"><span class=\"muted\">0.00</span></td>")
		} else {
			writeClassed(b, "<td class=\"num ", c.Class, c.Text, "</td>")
		}
	}
	writeText(b, "\n<td class=\"num rank-total\">", r.TotalText, "</td>")
	if d.HasGrades {
		writeText(b, "<td class=\"center\">", r.Grade, "</td>")
	}
	if d.HasVetoes {
		b.WriteString("<td class=\"center\">")
		if r.Vetoed {
			writeText(b, w.vetoMark, r.VetoNames, "")
		}
		b.WriteString("</td>")
	}
	b.WriteString("\n</tr>")
}

// mean writes the 参考值 row: the group means.
func (w *rankingWriter) mean(b *bytes.Buffer, d *RankingPage, m *RankingMean) {
	if d.HasParent {
		b.WriteString("\n<tr class=\"rank-mean\">\n<th scope=\"row\" colspan=\"4")
	} else {
		b.WriteString("\n<tr class=\"rank-mean\">\n<th scope=\"row\" colspan=\"3")
	}
	b.WriteString(w.meanRow)
	for _, v := range m.Categories {
		writeText(b, "<td class=\"num\">", numfmt.Points(v), "</td>")
	}
	for _, v := range m.Adjustments {
		writeText(b, "<td class=\"num\">", numfmt.Signed(v, 2), "</td>")
	}
	writeText(b, "\n<td class=\"num rank-total\">", numfmt.Points(m.Total), "</td>")
	d.writeLastColumns(b, "<td></td>", "<td></td>")
}

// groupCharts writes the end of the table and the group's charts.
func (w *rankingWriter) groupCharts(b *bytes.Buffer, g *RankingGroup, multi bool) error {
	b.WriteString(w.charts)
	if multi {
		writeText(b, " · ", g.Name, "")
	}
	b.WriteString("</h3>")
	if g.Compact {
		b.WriteString(w.compact)
	}
	b.WriteString("\n")
	if err := writeCharts(w.r, b, "", g.TotalChart, g.CategoryChart); err != nil {
		return err
	}
	if len(g.IndicatorCharts) > 0 {
		b.WriteString(w.indicators)
		if err := writeCharts(w.r, b, "\n", g.IndicatorCharts...); err != nil {
			return err
		}
		b.WriteString("\n</div>")
	}
	b.WriteString("\n</div>\n</section>")
	return nil
}

// correctionWriter is the twin of partials/correction.html, the 更正说明
// of an amended period.
type correctionWriter struct {
	meta, reason, table string
}

// newCorrectionWriter prepares the partial's text; errors go to x.
func newCorrectionWriter(x *render.NativeText) *correctionWriter {
	return &correctionWriter{
		meta:   x.Expand("</h2>\n" + `<p class="correction-meta"><strong>{{t "correction.date"}}</strong>`),
		reason: x.Expand(`　<strong>{{t "correction.reason"}}</strong>`),
		table: x.Expand("\n" + `<div class="table-wrap">` + "\n" + `<table class="correction-table">` + "\n" +
			`<thead><tr><th scope="col">{{t "col.name"}}</th><th scope="col">{{t "col.rank"}}</th><th scope="col">{{t "col.total"}}</th></tr></thead>` +
			"\n<tbody>"),
	}
}

// write writes the partial for cs (not empty) as linked from p.
func (w *correctionWriter) write(b *bytes.Buffer, p *render.Page, cs []CorrectionView) {
	for i := range cs {
		c := &cs[i]
		writeText(b, "\n<section class=\"correction\" role=\"note\">\n<h2>", c.Title, w.meta)
		writeText(b, "", c.Date, w.reason)
		writeText(b, "", c.Reason, "</p>\n<p>")
		writeText(b, "", c.Lead, "</p>")
		for j := range c.Schemes {
			w.scheme(b, p, &c.Schemes[j])
		}
		b.WriteString("\n</section>")
	}
	b.WriteString("\n")
}

// scheme writes the changed rows of one scheme.
func (w *correctionWriter) scheme(b *bytes.Buffer, p *render.Page, s *CorrectionScheme) {
	b.WriteString("\n<h3>")
	correctionLink(b, p, s.Ranking, s.Name)
	b.WriteString("</h3>")
	if len(s.Rows) == 0 {
		writeText(b, "\n<p class=\"muted\">", s.None, "</p>")
		return
	}
	b.WriteString(w.table)
	for _, r := range s.Rows {
		b.WriteString("\n<tr><th scope=\"row\">")
		correctionLink(b, p, r.Sheet, r.Name)
		writeText(b, "</th><td class=\"num\">", r.OldRank, " → ")
		writeText(b, "", r.NewRank, "</td><td class=\"num\">")
		writeText(b, "", r.OldTotal, " → ")
		writeText(b, "", r.NewTotal, "</td></tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
}

// correctionLink writes name, as a link to the site path target unless
// target is "".
func correctionLink(b *bytes.Buffer, p *render.Page, target, name string) {
	if target == "" {
		render.WriteEscaped(b, name)
		return
	}
	writeLink(b, "<a href=\"", p.Rel(target), "\">", name, "</a>")
}

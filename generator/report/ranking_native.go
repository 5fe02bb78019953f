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

func init() {
	render.RegisterNative(render.Native{
		Page:    "ranking.html",
		Mirrors: append(render.LayoutTemplates(), "ranking.html", "main", "partials/correction.html"),
		Prepare: newRankingWriter,
	})
}

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
	t := x.Expand
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
	for _, s := range []*string{&w.hint, &w.tools, &w.prev, &w.next, &w.choose, &w.downloads, &w.download,
		&w.methodology, &w.groupName, &w.thead, &w.parentTh, &w.total, &w.gradeTh, &w.vetoTh, &w.vetoMark,
		&w.meanRow, &w.charts, &w.compact, &w.indicators} {
		*s = t(*s)
	}
	if err := x.Err(); err != nil {
		return nil, err
	}
	return w.write, nil
}

// write is the NativeFunc: it handles *RankingPage with a page and a site.
func (w *rankingWriter) write(b *bytes.Buffer, data any) (bool, error) {
	d, ok := data.(*RankingPage)
	if !ok || d == nil || d.Page == nil || d.Page.Site == nil || d.Scheme == nil {
		return false, nil
	}
	b.Grow(rankingSize(d))
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

// rankingSize is about the bytes of the page, so that the buffer grows
// once.
func rankingSize(d *RankingPage) int {
	n := 16 << 10
	for _, g := range d.Groups {
		n += len(g.Rows) * (400 + 40*(len(d.Categories)+len(d.Adjustments)))
	}
	return n
}

// head writes the title, the lead, the corrections and the tools.
func (w *rankingWriter) head(b *bytes.Buffer, d *RankingPage) {
	p := d.Page
	b.WriteString("\n<h1 class=\"rank-title\">")
	render.WriteEscaped(b, d.Scheme.Name)
	b.WriteString("<span class=\"rank-period\">")
	render.WriteEscaped(b, d.Period.Label)
	b.WriteString("</span></h1>\n<p class=\"lead\">")
	render.WriteEscaped(b, d.Lead)
	b.WriteString(w.hint)
	render.WriteEscaped(b, d.Notice)
	b.WriteString("</p>")
	if len(d.Corrections) > 0 {
		w.corr.write(b, p, d.Corrections)
	}
	b.WriteString(w.tools)
	if d.Prev != nil {
		b.WriteString("<a class=\"rank-step\" rel=\"prev\" href=\"")
		render.WriteURL(b, p.Rel(d.Prev.Path))
		b.WriteString(w.prev)
		render.WriteEscaped(b, d.Prev.Label)
		b.WriteString("</a>")
	}
	if d.Next != nil {
		b.WriteString("<a class=\"rank-step\" rel=\"next\" href=\"")
		render.WriteURL(b, p.Rel(d.Next.Path))
		b.WriteString(w.next)
		render.WriteEscaped(b, d.Next.Label)
		b.WriteString(" →</a>")
	}
	b.WriteString(w.choose)
	for _, c := range d.Periods {
		b.WriteString("\n<li>")
		if c.Current {
			b.WriteString("<span aria-current=\"page\" title=\"")
			render.WriteEscaped(b, c.Title)
			b.WriteString("\">")
			render.WriteEscaped(b, c.Label)
			b.WriteString("</span>")
		} else {
			b.WriteString("<a href=\"")
			render.WriteURL(b, p.Rel(c.Path))
			b.WriteString("\" title=\"")
			render.WriteEscaped(b, c.Title)
			b.WriteString("\">")
			render.WriteEscaped(b, c.Label)
			b.WriteString("</a>")
		}
		b.WriteString("</li>")
	}
	b.WriteString(w.downloads)
	for _, l := range d.Downloads {
		b.WriteString("\n<li><a href=\"")
		render.WriteURL(b, p.Rel(l.Path))
		b.WriteString(w.download)
		render.WriteEscaped(b, l.Label)
		b.WriteString("</a></li>")
	}
	b.WriteString("\n<li><a href=\"")
	render.WriteURL(b, p.Rel(d.Methodology))
	b.WriteString(w.methodology)
}

// group writes one peer group's section: heading, table and charts.
func (w *rankingWriter) group(b *bytes.Buffer, d *RankingPage, g *RankingGroup) error {
	multi := len(d.Groups) > 1
	b.WriteString("\n<section class=\"rank-group\" id=\"")
	render.WriteEscaped(b, g.Anchor)
	b.WriteString("\" aria-labelledby=\"")
	render.WriteEscaped(b, g.Anchor)
	b.WriteString("-h\">\n<h2 id=\"")
	render.WriteEscaped(b, g.Anchor)
	b.WriteString("-h\">")
	if multi {
		b.WriteString(w.groupName)
	}
	render.WriteEscaped(b, g.Name)
	b.WriteString(" <span class=\"muted rank-count\">（")
	render.WriteInt(b, len(g.Rows))
	b.WriteString("）</span></h2>\n<div class=\"table-wrap\">\n<table class=\"rank-table\">\n<caption class=\"rank-caption\">")
	render.WriteEscaped(b, d.Scheme.Name)
	b.WriteString(" · ")
	render.WriteEscaped(b, d.Period.Label)
	b.WriteString(" · ")
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
		b.WriteString("<th scope=\"col\" class=\"num\">")
		render.WriteEscaped(b, c.Name)
		b.WriteString("<br><span class=\"rank-full\">")
		render.WriteEscaped(b, c.Full)
		b.WriteString("</span></th>")
	}
	for _, a := range d.Adjustments {
		b.WriteString("<th scope=\"col\" class=\"num\">")
		render.WriteEscaped(b, a.Name)
		b.WriteString("</th>")
	}
	b.WriteString(w.total)
	if d.HasGrades {
		b.WriteString(w.gradeTh)
	}
	if d.HasVetoes {
		b.WriteString(w.vetoTh)
	}
	b.WriteString("\n</tr></thead>\n<tbody>")
}

// row writes one line of the 公示表.
func (w *rankingWriter) row(b *bytes.Buffer, d *RankingPage, r *RankingRow) {
	if r.Vetoed {
		b.WriteString("\n<tr class=\"vetoed\">\n<td class=\"num rank-no\">")
	} else {
		b.WriteString("\n<tr>\n<td class=\"num rank-no\">")
	}
	render.WriteInt(b, r.Rank)
	b.WriteString("</td>\n<td class=\"center ")
	render.WriteEscaped(b, r.RankChangeClass)
	b.WriteString("\">")
	render.WriteEscaped(b, r.RankChangeText)
	b.WriteString("</td>\n<th scope=\"row\"><a href=\"")
	render.WriteURL(b, r.SheetHref)
	b.WriteString("\">")
	render.WriteEscaped(b, r.Name)
	b.WriteString("</a></th>")
	if d.HasParent {
		b.WriteString("<td class=\"rank-parent\">")
		render.WriteEscaped(b, r.Parent)
		b.WriteString("</td>")
	}
	for _, s := range r.CategoryTexts {
		b.WriteString("<td class=\"num\">")
		render.WriteEscaped(b, s)
		b.WriteString("</td>")
	}
	for _, c := range r.AdjustmentCells {
		b.WriteString("<td class=\"num ")
		render.WriteEscaped(b, c.Class)
		b.WriteString("\">")
		if c.Zero {
			b.WriteString("<span class=\"muted\">0.00</span>")
		} else {
			render.WriteEscaped(b, c.Text)
		}
		b.WriteString("</td>")
	}
	b.WriteString("\n<td class=\"num rank-total\">")
	render.WriteEscaped(b, r.TotalText)
	b.WriteString("</td>")
	if d.HasGrades {
		b.WriteString("<td class=\"center\">")
		render.WriteEscaped(b, r.Grade)
		b.WriteString("</td>")
	}
	if d.HasVetoes {
		b.WriteString("<td class=\"center\">")
		if r.Vetoed {
			b.WriteString(w.vetoMark)
			render.WriteEscaped(b, r.VetoNames)
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
		b.WriteString("<td class=\"num\">")
		render.WriteEscaped(b, numfmt.Points(v))
		b.WriteString("</td>")
	}
	for _, v := range m.Adjustments {
		b.WriteString("<td class=\"num\">")
		render.WriteEscaped(b, numfmt.Signed(v, 2))
		b.WriteString("</td>")
	}
	b.WriteString("\n<td class=\"num rank-total\">")
	render.WriteEscaped(b, numfmt.Points(m.Total))
	b.WriteString("</td>")
	if d.HasGrades {
		b.WriteString("<td></td>")
	}
	if d.HasVetoes {
		b.WriteString("<td></td>")
	}
}

// groupCharts writes the end of the table and the group's charts.
func (w *rankingWriter) groupCharts(b *bytes.Buffer, g *RankingGroup, multi bool) error {
	b.WriteString(w.charts)
	if multi {
		b.WriteString(" · ")
		render.WriteEscaped(b, g.Name)
	}
	b.WriteString("</h3>")
	if g.Compact {
		b.WriteString(w.compact)
	}
	b.WriteString("\n")
	if err := w.r.WriteChart(b, g.TotalChart); err != nil {
		return err
	}
	if err := w.r.WriteChart(b, g.CategoryChart); err != nil {
		return err
	}
	if len(g.IndicatorCharts) > 0 {
		b.WriteString(w.indicators)
		for _, c := range g.IndicatorCharts {
			b.WriteString("\n")
			if err := w.r.WriteChart(b, c); err != nil {
				return err
			}
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
		b.WriteString("\n<section class=\"correction\" role=\"note\">\n<h2>")
		render.WriteEscaped(b, c.Title)
		b.WriteString(w.meta)
		render.WriteEscaped(b, c.Date)
		b.WriteString(w.reason)
		render.WriteEscaped(b, c.Reason)
		b.WriteString("</p>\n<p>")
		render.WriteEscaped(b, c.Lead)
		b.WriteString("</p>")
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
		b.WriteString("\n<p class=\"muted\">")
		render.WriteEscaped(b, s.None)
		b.WriteString("</p>")
		return
	}
	b.WriteString(w.table)
	for _, r := range s.Rows {
		b.WriteString("\n<tr><th scope=\"row\">")
		correctionLink(b, p, r.Sheet, r.Name)
		b.WriteString("</th><td class=\"num\">")
		render.WriteEscaped(b, r.OldRank)
		b.WriteString(" → ")
		render.WriteEscaped(b, r.NewRank)
		b.WriteString("</td><td class=\"num\">")
		render.WriteEscaped(b, r.OldTotal)
		b.WriteString(" → ")
		render.WriteEscaped(b, r.NewTotal)
		b.WriteString("</td></tr>")
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
	b.WriteString("<a href=\"")
	render.WriteURL(b, p.Rel(target))
	b.WriteString("\">")
	render.WriteEscaped(b, name)
	b.WriteString("</a>")
}

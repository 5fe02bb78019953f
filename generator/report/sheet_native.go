package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"kaoping/generator/numfmt"
	"kaoping/generator/render"
)

// Score sheets are 93% of a province's pages. sheet.html has a native
// twin, sheetWriter, that writes the same bytes as the template with
// base.html and its partials, without html/template's reflection; it is in
// force only while those templates are the built-in ones (a site that
// overrides any of them gets its templates). Any change to sheet.html, the
// layout or its partials must be made here too: TestSheetNativeMatchesTemplate
// renders every sheet both ways and names the first byte that differs.

func init() {
	render.RegisterNative(render.Native{
		Page:    "sheet.html",
		Mirrors: append(render.LayoutTemplates(), "sheet.html", "main"),
		Prepare: newSheetWriter,
	})
}

// sheetWriter holds sheet.html's text with one Renderer's UI strings put
// in and escaped: each field is the text between two actions.
type sheetWriter struct {
	r    *render.Renderer
	lang string

	schemeFig, periodFig, rankFig, rankTitle, totalFig string
	gradeFig, vetoFig                                  string
	profile, ranking, prev, next                       string
	subtotal, meanRow, thead, how                      string
	refNote                                            string
	adjHead, adjTable                                  string
	vetoHead, noVeto                                   string
	sumHead, sumAdj, sumTotal, charts                  string

	// of is sheet.of ("第 %d 名 / 共 %d") cut at its two %d, escaped; nil
	// when the message is not of that shape (fmt then formats it).
	of    []string
	ofFmt string
}

// newSheetWriter prepares the twin for r.
func newSheetWriter(r *render.Renderer) (render.NativeFunc, error) {
	var err error
	t := func(key string) string {
		s, e := r.Message(key)
		if e != nil && err == nil {
			err = e
		}
		return render.EscapeString(s)
	}
	w := &sheetWriter{r: r, lang: r.Lang()}
	w.schemeFig = "\n\n<div class=\"figures sheet-figures\">\n<div class=\"figure\"><div class=\"label\">" + t("col.scheme") + "</div><div class=\"value sheet-small\">"
	w.periodFig = "</div></div>\n<div class=\"figure\"><div class=\"label\">" + t("col.period") + "</div><div class=\"value sheet-small\">"
	w.rankFig = "</div></div>\n<div class=\"figure\"><div class=\"label\">" + t("sheet.rank") + " · " + t("rank.group") + " "
	w.rankTitle = "\" title=\"" + t("col.rank_change") + "\">"
	w.totalFig = "</span></div></div>\n<div class=\"figure\"><div class=\"label\">" + t("col.total") + "</div><div class=\"value\">"
	w.gradeFig = "\n<div class=\"figure\"><div class=\"label\">" + t("col.grade") + "</div><div class=\"value\">"
	w.vetoFig = "\n<div class=\"figure sheet-vetoed\"><div class=\"label\">" + t("col.vetoed") + "</div><div class=\"value sheet-small bad\">" + t("rank.veto_mark") + "："
	w.profile = "\">" + t("sheet.profile") + "</a></li>\n<li><a href=\""
	w.ranking = "\">" + t("sheet.ranking") + "</a></li>"
	w.prev = "\">← " + t("rank.prev") + "："
	w.next = "\">" + t("rank.next") + "："
	w.subtotal = " <span class=\"sheet-sub\">" + t("sheet.subtotal") + " "
	w.meanRow = "<span class=\"muted\">（" + t("rank.mean_row") + " "
	w.thead = "）</span></span></h2>\n<div class=\"table-wrap\">\n<table class=\"sheet-table\">\n<thead><tr>\n<th scope=\"col\">" + t("col.indicator") +
		"</th>\n<th scope=\"col\" class=\"num\">" + t("col.value") +
		"</th>\n<th scope=\"col\" class=\"num\">" + t("col.reference") +
		"</th>\n<th scope=\"col\" class=\"num\">" + t("col.difference") +
		"</th>\n<th scope=\"col\" class=\"num\">" + t("sheet.group_rank") +
		"</th>\n<th scope=\"col\" class=\"num\">" + t("sheet.points_of") +
		"</th>\n<th scope=\"col\">" + t("col.rule") + "</th>\n</tr></thead>"
	w.how = "<span class=\"sheet-how\">" + t("sheet.how") + "：</span>"
	w.refNote = "\n<p class=\"note sheet-note\">" + t("sheet.ref_note") + "</p>"
	w.adjHead = "\n<section class=\"sheet-category\">\n<h2>" + t("sheet.adjustments") + " <span class=\"sheet-sub\">"
	w.adjTable = "</span></h2>\n<div class=\"table-wrap\">\n<table class=\"sheet-table\">\n<thead><tr><th scope=\"col\">" + t("col.adjustments") +
		"</th><th scope=\"col\" class=\"num\">" + t("col.points") + "</th><th scope=\"col\">" + t("sheet.how") + "</th></tr></thead>\n<tbody>"
	w.vetoHead = "\n<section class=\"sheet-category\">\n<h2>" + t("sheet.vetoes") + "</h2>"
	w.noVeto = "\n<p>" + t("sheet.no_veto") + "</p>"
	w.sumHead = "\n\n<section class=\"sheet-total\">\n<h2>" + t("col.total") + "</h2>\n<p class=\"sheet-sum\">" + t("sheet.indicator_points") + " "
	w.sumAdj = " ＋ " + t("col.adjustments") + " ("
	w.sumTotal = " ＝ " + t("col.total") + " <strong>"
	w.charts = "</p>\n</section>\n\n<section class=\"sheet-charts\">\n<h2>" + t("sheet.compare") + "</h2>\n<div class=\"charts-grid\">"
	w.ofFmt, _ = r.Message("sheet.of")
	if parts := strings.Split(w.ofFmt, "%d"); len(parts) == 3 && !strings.Contains(parts[0]+parts[1]+parts[2], "%") {
		for _, p := range parts {
			w.of = append(w.of, render.EscapeString(p))
		}
	}
	if err != nil {
		return nil, err
	}
	return w.write, nil
}

// write is the NativeFunc: it handles *SheetPage with a page and a site.
func (w *sheetWriter) write(b *bytes.Buffer, data any) (bool, error) {
	d, ok := data.(*SheetPage)
	if !ok || d == nil || d.Page == nil || d.Page.Site == nil || d.Entity == nil || d.Scheme == nil {
		return false, nil
	}
	b.Grow(24 << 10)
	w.r.WriteLayoutStart(b, d.Page)
	w.head(b, d)
	for i := range d.Categories {
		w.category(b, d, &d.Categories[i])
	}
	b.WriteString(w.refNote)
	w.adjustments(b, d)
	w.vetoes(b, d)
	if err := w.totalAndCharts(b, d); err != nil {
		return true, err
	}
	w.r.WriteLayoutEnd(b, d.Page)
	return true, nil
}

// head writes the title, parents, key figures and links.
func (w *sheetWriter) head(b *bytes.Buffer, d *SheetPage) {
	p := d.Page
	b.WriteString("\n<h1 class=\"sheet-title\">")
	render.WriteEscaped(b, d.Entity.Name)
	b.WriteString("</h1>")
	if len(d.Parents) > 0 {
		b.WriteString("\n<p class=\"sheet-parents\">")
		for i, a := range d.Parents {
			if i > 0 {
				b.WriteString(" › ")
			}
			b.WriteString("<a href=\"")
			render.WriteURL(b, p.Rel(a.Path))
			b.WriteString("\">")
			render.WriteEscaped(b, a.Label)
			b.WriteString("</a>")
		}
		b.WriteString("</p>")
	}
	b.WriteString(w.schemeFig)
	render.WriteEscaped(b, d.Scheme.Name)
	b.WriteString(w.periodFig)
	render.WriteEscaped(b, d.Period.Label)
	b.WriteString(w.rankFig)
	render.WriteEscaped(b, d.Group)
	b.WriteString("</div><div class=\"value\">")
	w.rankOf(b, d.Rank, d.N)
	b.WriteString(" <span class=\"sheet-change ")
	render.WriteEscaped(b, render.SignClassInt(d.RankChange))
	b.WriteString(w.rankTitle)
	render.WriteEscaped(b, numfmt.RankChange(d.RankChange, w.lang))
	b.WriteString(w.totalFig)
	render.WriteEscaped(b, numfmt.Points(d.Total))
	b.WriteString("</div></div>")
	if d.Grade != "" {
		b.WriteString(w.gradeFig)
		render.WriteEscaped(b, d.Grade)
		b.WriteString("</div></div>")
	}
	if d.Vetoed {
		b.WriteString(w.vetoFig)
		render.WriteEscaped(b, d.VetoNames)
		b.WriteString("</div></div>")
	}
	b.WriteString("\n</div>\n\n<ul class=\"downloads no-print sheet-links\">\n<li><a href=\"")
	render.WriteURL(b, p.Rel(d.Profile))
	b.WriteString(w.profile)
	render.WriteURL(b, p.Rel(d.Ranking))
	b.WriteString(w.ranking)
	if d.Prev != nil {
		b.WriteString("<li><a rel=\"prev\" href=\"")
		render.WriteURL(b, p.Rel(d.Prev.Path))
		b.WriteString(w.prev)
		render.WriteEscaped(b, d.Prev.Label)
		b.WriteString("</a></li>")
	}
	if d.Next != nil {
		b.WriteString("<li><a rel=\"next\" href=\"")
		render.WriteURL(b, p.Rel(d.Next.Path))
		b.WriteString(w.next)
		render.WriteEscaped(b, d.Next.Label)
		b.WriteString(" →</a></li>")
	}
	b.WriteString("\n</ul>")
}

// rankOf writes {{tf "sheet.of" .Rank .N}}.
func (w *sheetWriter) rankOf(b *bytes.Buffer, rank, n int) {
	if w.of == nil {
		render.WriteEscaped(b, fmt.Sprintf(w.ofFmt, rank, n))
		return
	}
	var num [20]byte
	b.WriteString(w.of[0])
	b.Write(strconv.AppendInt(num[:0], int64(rank), 10))
	b.WriteString(w.of[1])
	b.Write(strconv.AppendInt(num[:0], int64(n), 10))
	b.WriteString(w.of[2])
}

// category writes one category's table.
func (w *sheetWriter) category(b *bytes.Buffer, d *SheetPage, c *SheetCategory) {
	b.WriteString("\n<section class=\"sheet-category\">\n<h2>")
	render.WriteEscaped(b, c.Name)
	b.WriteString(w.subtotal)
	render.WriteEscaped(b, numfmt.Points(c.Subtotal))
	b.WriteString(" / ")
	render.WriteEscaped(b, numfmt.Fixed(c.Full, 2))
	b.WriteString(w.meanRow)
	render.WriteEscaped(b, numfmt.Points(c.Mean))
	b.WriteString(w.thead)
	for i := range c.Rows {
		w.indicator(b, d.Page, &c.Rows[i])
	}
	b.WriteString("\n</table>\n</div>\n</section>")
}

// indicator writes one indicator's two table rows.
func (w *sheetWriter) indicator(b *bytes.Buffer, p *render.Page, row *SheetIndicator) {
	var num [20]byte
	b.WriteString("\n<tbody class=\"sheet-ind\">\n<tr>\n<th scope=\"row\"><a href=\"")
	render.WriteURL(b, p.Rel(row.Path))
	b.WriteString("\">")
	render.WriteEscaped(b, row.Name)
	b.WriteString("</a></th>\n<td class=\"num\">")
	if row.Value != nil {
		render.WriteEscaped(b, numfmt.Value(*row.Value, row.Format, row.Decimals, w.lang))
	} else {
		b.WriteString("<span class=\"missing\">—</span>")
	}
	b.WriteString("</td>\n<td class=\"num\">")
	if row.Reference != nil {
		render.WriteEscaped(b, numfmt.Value(*row.Reference, row.Format, row.Decimals, w.lang))
	} else {
		b.WriteString(numfmt.Missing)
	}
	b.WriteString("</td>\n<td class=\"num ")
	render.WriteEscaped(b, row.DiffClass)
	b.WriteString("\">")
	if row.Diff != "" {
		render.WriteEscaped(b, row.Diff)
		if row.DiffMark != "" {
			b.WriteString(" <span class=\"sheet-mark\">")
			render.WriteEscaped(b, row.DiffMark)
			b.WriteString("</span>")
		}
	} else {
		b.WriteString("—")
	}
	b.WriteString("</td>\n<td class=\"num\">")
	if row.Rank != 0 {
		b.Write(strconv.AppendInt(num[:0], int64(row.Rank), 10))
		b.WriteString(" / ")
		b.Write(strconv.AppendInt(num[:0], int64(row.N), 10))
	} else {
		b.WriteString("—")
	}
	b.WriteString("</td>\n<td class=\"num\"><strong>")
	render.WriteEscaped(b, numfmt.Points(row.Points))
	b.WriteString("</strong> / ")
	render.WriteEscaped(b, numfmt.Fixed(row.Weight, 2))
	b.WriteString("</td>\n<td>")
	render.WriteEscaped(b, row.Rule)
	b.WriteString("</td>\n</tr>\n<tr class=\"sheet-explain\">\n<td colspan=\"7\">")
	if row.Missing != "" {
		b.WriteString("<span class=\"missing\">")
		render.WriteEscaped(b, row.Missing)
		b.WriteString("。</span>")
	}
	b.WriteString(w.how)
	render.WriteEscaped(b, row.Explain)
	b.WriteString("</td>\n</tr>\n</tbody>")
}

// adjustments writes the table of additions and deductions, if any.
func (w *sheetWriter) adjustments(b *bytes.Buffer, d *SheetPage) {
	if len(d.Adjustments) == 0 {
		return
	}
	b.WriteString(w.adjHead)
	render.WriteEscaped(b, numfmt.Signed(d.AdjustmentSum, 2))
	b.WriteString(w.adjTable)
	for _, a := range d.Adjustments {
		b.WriteString("\n<tr><th scope=\"row\">")
		render.WriteEscaped(b, a.Name)
		b.WriteString("</th><td class=\"num ")
		render.WriteEscaped(b, render.SignClass(a.Points))
		b.WriteString("\">")
		render.WriteEscaped(b, numfmt.Signed(a.Points, 2))
		b.WriteString("</td><td>")
		render.WriteEscaped(b, a.Explain)
		b.WriteString("</td></tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>\n</section>")
}

// vetoes writes the vetoes section of a scheme that has vetoes.
func (w *sheetWriter) vetoes(b *bytes.Buffer, d *SheetPage) {
	if len(d.Scheme.Vetoes) == 0 {
		return
	}
	b.WriteString(w.vetoHead)
	if len(d.Vetoes) > 0 {
		for _, v := range d.Vetoes {
			b.WriteString("<p class=\"warning\">")
			render.WriteEscaped(b, v)
			b.WriteString("</p>")
		}
	} else {
		b.WriteString(w.noVeto)
	}
	b.WriteString("\n</section>")
}

// totalAndCharts writes the total's sum, the summary and the charts.
func (w *sheetWriter) totalAndCharts(b *bytes.Buffer, d *SheetPage) error {
	b.WriteString(w.sumHead)
	render.WriteEscaped(b, numfmt.Points(d.IndicatorSum))
	if len(d.Adjustments) > 0 {
		b.WriteString(w.sumAdj)
		render.WriteEscaped(b, numfmt.Signed(d.AdjustmentSum, 2))
		b.WriteString(")")
	}
	b.WriteString(w.sumTotal)
	render.WriteEscaped(b, numfmt.Points(d.Total))
	b.WriteString("</strong></p>\n<p>")
	render.WriteEscaped(b, d.Summary)
	b.WriteString(w.charts)
	if d.Radar != nil {
		if err := w.r.WriteChart(b, d.Radar); err != nil {
			return err
		}
	}
	for _, c := range []*render.Chart{d.RankChart, d.TotalChart} {
		if c == nil {
			continue
		}
		b.WriteString("<div class=\"sheet-history\">")
		if err := w.r.WriteChart(b, c); err != nil {
			return err
		}
		b.WriteString("</div>")
	}
	b.WriteString("\n</div>\n</section>\n")
	return nil
}

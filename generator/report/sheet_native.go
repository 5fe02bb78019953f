package report

import (
	"bytes"

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

func init() { registerLayoutTwin("sheet.html", newSheetWriter) }

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

	// of is {{tf "sheet.of" .Rank .N}}.
	of *render.IntMessage
}

// newSheetWriter prepares the twin for r.
func newSheetWriter(r *render.Renderer) (render.NativeFunc, error) {
	x := r.NativeText()
	t := x.T
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
	w.of = x.IntMessage("sheet.of", 2)
	if err := x.Err(); err != nil {
		return nil, err
	}
	return layoutTwin(r, w.main), nil
}

// twinLayout: a sheet needs its entity and scheme; sheets differ little
// in size.
func (d *SheetPage) twinLayout() (*render.Page, int, bool) {
	return d.Page, 24 << 10, d.Entity != nil && d.Scheme != nil
}

// main writes the "main" of sheet.html.
func (w *sheetWriter) main(b *bytes.Buffer, d *SheetPage) error {
	w.head(b, d)
	for i := range d.Categories {
		w.category(b, d, &d.Categories[i])
	}
	b.WriteString(w.refNote)
	w.adjustments(b, d)
	w.vetoes(b, d)
	return w.totalAndCharts(b, d)
}

// head writes the title, parents, key figures and links.
func (w *sheetWriter) head(b *bytes.Buffer, d *SheetPage) {
	p := d.Page
	writeText(b, "\n<h1 class=\"sheet-title\">", d.Entity.Name, "</h1>")
	if len(d.Parents) > 0 {
		b.WriteString("\n<p class=\"sheet-parents\">")
		for i, a := range d.Parents {
			if i > 0 {
				b.WriteString(" › ")
			}
			writeLink(b, "<a href=\"", p.Rel(a.Path), "\">", a.Label, "</a>")
		}
		b.WriteString("</p>")
	}
	writeText(b, w.schemeFig, d.Scheme.Name, w.periodFig)
	writeText(b, "", d.Period.Label, w.rankFig)
	writeText(b, "", d.Group, "</div><div class=\"value\">")
	w.of.Write(b, d.Rank, d.N)
	writeText(b, " <span class=\"sheet-change ", render.SignClassInt(d.RankChange), w.rankTitle)
	writeText(b, "", numfmt.RankChange(d.RankChange, w.lang), w.totalFig)
	writeText(b, "", numfmt.Points(d.Total), "</div></div>")
	if d.Grade != "" {
		writeText(b, w.gradeFig, d.Grade, "</div></div>")
	}
	if d.Vetoed {
		writeText(b, w.vetoFig, d.VetoNames, "</div></div>")
	}
	b.WriteString("\n</div>\n\n<ul class=\"downloads no-print sheet-links\">\n<li><a href=\"")
	render.WriteURL(b, p.Rel(d.Profile))
	b.WriteString(w.profile)
	render.WriteURL(b, p.Rel(d.Ranking))
	b.WriteString(w.ranking)
	if d.Prev != nil {
		writeLink(b, "<li><a rel=\"prev\" href=\"", p.Rel(d.Prev.Path), w.prev, d.Prev.Label, "</a></li>")
	}
	if d.Next != nil {
		writeLink(b, "<li><a rel=\"next\" href=\"", p.Rel(d.Next.Path), w.next, d.Next.Label, " →</a></li>")
	}
	b.WriteString("\n</ul>")
}

// category writes one category's table.
func (w *sheetWriter) category(b *bytes.Buffer, d *SheetPage, c *SheetCategory) {
	writeText(b, "\n<section class=\"sheet-category\">\n<h2>", c.Name, w.subtotal)
	writeText(b, "", numfmt.Points(c.Subtotal), " / ")
	writeText(b, "", numfmt.Fixed(c.Full, 2), w.meanRow)
	writeText(b, "", numfmt.Points(c.Mean), w.thead)
	for i := range c.Rows {
		w.indicator(b, d.Page, &c.Rows[i])
	}
	b.WriteString("\n</table>\n</div>\n</section>")
}

// indicator writes one indicator's two table rows.
func (w *sheetWriter) indicator(b *bytes.Buffer, p *render.Page, row *SheetIndicator) {
	writeLink(b, "\n<tbody class=\"sheet-ind\">\n<tr>\n<th scope=\"row\"><a href=\"", p.Rel(row.Path), "\">", row.Name, "</a></th>\n<td class=\"num\">")
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
	writeText(b, "</td>\n<td class=\"num ", row.DiffClass, "\">")
	if row.Diff != "" {
		render.WriteEscaped(b, row.Diff)
		writeWith(b, " <span class=\"sheet-mark\">", row.DiffMark, "</span>")
	} else {
		b.WriteString("—")
	}
	b.WriteString("</td>\n<td class=\"num\">")
	if row.Rank != 0 {
		writeRankOf(b, row.Rank, row.N)
	} else {
		b.WriteString("—")
	}
	writeText(b, "</td>\n<td class=\"num\"><strong>", numfmt.Points(row.Points), "</strong> / ")
	writeText(b, "", numfmt.Fixed(row.Weight, 2), "</td>\n<td>")
	writeText(b, "", row.Rule, "</td>\n</tr>\n<tr class=\"sheet-explain\">\n<td colspan=\"7\">")
	writeWith(b, "<span class=\"missing\">", row.Missing, "。</span>")
	writeText(b, w.how, row.Explain, "</td>\n</tr>\n</tbody>")
}

// adjustments writes the table of additions and deductions, if any.
func (w *sheetWriter) adjustments(b *bytes.Buffer, d *SheetPage) {
	if len(d.Adjustments) == 0 {
		return
	}
	writeText(b, w.adjHead, numfmt.Signed(d.AdjustmentSum, 2), w.adjTable)
	for _, a := range d.Adjustments {
		writeText(b, "\n<tr><th scope=\"row\">", a.Name, "</th>")
		writeClassed(b, "<td class=\"num ", render.SignClass(a.Points), numfmt.Signed(a.Points, 2), "</td>")
		writeText(b, "<td>", a.Explain, "</td></tr>")
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
			writeText(b, "<p class=\"warning\">", v, "</p>")
		}
	} else {
		b.WriteString(w.noVeto)
	}
	b.WriteString("\n</section>")
}

// totalAndCharts writes the total's sum, the summary and the charts.
func (w *sheetWriter) totalAndCharts(b *bytes.Buffer, d *SheetPage) error {
	writeText(b, w.sumHead, numfmt.Points(d.IndicatorSum), "")
	if len(d.Adjustments) > 0 {
		writeText(b, w.sumAdj, numfmt.Signed(d.AdjustmentSum, 2), ")")
	}
	writeText(b, w.sumTotal, numfmt.Points(d.Total), "</strong></p>\n<p>")
	writeText(b, "", d.Summary, w.charts)
	if err := w.r.WriteChart(b, d.Radar); err != nil {
		return err
	}
	for _, c := range []*render.Chart{d.RankChart, d.TotalChart} {
		if c != nil { // {{with .RankChart}}<div class="sheet-history">{{chart .}}</div>{{end}}
			b.WriteString("<div class=\"sheet-history\">")
			if err := w.r.WriteChart(b, c); err != nil {
				return err
			}
			b.WriteString("</div>")
		}
	}
	b.WriteString("\n</div>\n</section>\n")
	return nil
}

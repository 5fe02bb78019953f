package report

import (
	"bytes"
	"fmt"

	"kaoping/generator/render"
)

// Entity profiles are re-rendered whenever any period changes (each shows
// every period), so they dominate an incremental build: a province has
// 8,977 of them. entity.html has a native twin, entityWriter, that writes
// the same bytes as the template with base.html and its partials, without
// html/template's reflection, in force only while those templates are the
// built-in ones. Any change to entity.html, the layout or its partials
// must be made here too: TestEntityNativeMatchesTemplate renders every
// profile of its sites both ways and names the first byte that differs.

func init() { registerLayoutTwin("entity.html", newEntityWriter) }

// entityWriter holds entity.html's text with one Renderer's UI strings put
// in and escaped: each field is the text between two actions.
type entityWriter struct {
	r *render.Renderer

	parent, group, children, notScored string
	latest, lead, notLatest            string
	figRank, figTotal, figDiff         string
	figMean, figGrade, figVetoed       string
	figChange, sheetLink, rankingLink  string
	trends, trendNote, keyIndicators   string
	periodsHead, ytd, single, vetoed   string
	rowRanking                         string
	childHead, childName, childKind    string
	childBelow, childCols, compare     string

	// tooMany is {{tf "ent.too_many" .Count}}.
	tooMany *render.IntMessage
}

// newEntityWriter prepares the twin for r.
func newEntityWriter(r *render.Renderer) (render.NativeFunc, error) {
	x := r.NativeText()
	t := x.T
	w := &entityWriter{r: r}
	w.parent = t("ent.parent") + "：<a href=\""
	w.group = t("col.group") + "："
	w.children = "<a href=\"#children\">" + t("ent.children") + " "
	w.notScored = "\n<p class=\"note\">" + t("ent.not_scored") + "</p>"
	w.latest = "\n<p class=\"lead\">" + t("ent.latest") + "："
	w.lead = " · " + t("col.group") + "："
	w.notLatest = "（" + t("ent.not_latest") + "）"
	w.figRank = "</p>\n<div class=\"figures\">\n  <div class=\"figure\"><div class=\"label\">" + t("col.rank") + "</div><div class=\"value\">"
	w.figTotal = "</span></div></div>\n  <div class=\"figure\"><div class=\"label\">" + t("col.total") + "</div><div class=\"value\">"
	w.figDiff = "</div></div>\n  <div class=\"figure\"><div class=\"label\">" + t("ent.vs_mean") + "</div><div class=\"value "
	w.figMean = "</div><div class=\"label\">" + t("ent.group_mean") + " "
	w.figGrade = "</div></div>\n  <div class=\"figure\"><div class=\"label\">" + t("col.grade") + "</div><div class=\"value\">"
	w.figVetoed = "<div class=\"label bad\">" + t("col.vetoed") + "</div>"
	w.figChange = "</div>\n  <div class=\"figure\"><div class=\"label\">" + t("col.rank_change") + "</div><div class=\"value "
	w.sheetLink = "\">" + t("ent.sheet") + "</a> · <a href=\""
	w.rankingLink = "\">" + t("ent.ranking") + "</a></p>"
	w.trends = "\n<h3>" + t("ent.trends") + "</h3>"
	w.trendNote = "<p class=\"note\">" + t("ent.trend_note") + "</p>"
	w.keyIndicators = "\n<h3>" + t("ent.key_indicators") + "</h3>\n<div class=\"charts-grid charts-2\">"
	w.periodsHead = "\n\n<h3>" + t("ent.periods") + "</h3>\n<div class=\"table-wrap\">\n<table class=\"entity-periods\">\n<thead><tr>\n  <th scope=\"col\">" +
		t("col.period") + "</th><th scope=\"col\">" + t("ent.basis") + "</th>\n  <th scope=\"col\">" +
		t("col.rank") + "</th><th scope=\"col\">" + t("col.rank_change") + "</th>\n  <th scope=\"col\">" +
		t("col.total") + "</th><th scope=\"col\">" + t("ent.group_mean") + "</th><th scope=\"col\">" + t("ent.vs_mean") + "</th>\n  <th scope=\"col\">" +
		t("col.grade") + "</th><th scope=\"col\">" + t("ent.ranking") + "</th>\n</tr></thead>\n<tbody>"
	w.ytd = "<span class=\"badge\">" + t("ent.ytd") + "</span>"
	w.single = t("ent.single")
	w.vetoed = " <span class=\"badge bad\">" + t("col.vetoed") + "</span>"
	w.rowRanking = "\">" + t("ent.ranking") + "</a></td>\n</tr>"
	w.childHead = "\n<section aria-labelledby=\"children\">\n<h2 id=\"children\">" + t("ent.children") +
		"</h2>\n<div class=\"table-wrap\">\n<table class=\"entity-children\">\n<thead>\n<tr>\n  <th scope=\"col\""
	w.childName = ">" + t("col.name") + "</th><th scope=\"col\""
	w.childKind = ">" + t("ent.kind") + "</th>"
	w.childBelow = ">" + t("ent.below") + "</th>"
	w.childCols = "\n  <th scope=\"col\">" + t("col.total") + "</th><th scope=\"col\">" + t("col.rank") + "</th><th scope=\"col\">" + t("col.grade") + "</th>"
	w.compare = "\n<h3>" + t("ent.compare") + "</h3>"
	w.tooMany = x.IntMessage("ent.too_many", 1)
	if err := x.Err(); err != nil {
		return nil, err
	}
	return layoutTwin(r, w.main), nil
}

// twinLayout: a profile needs its entity; most are of about that size.
func (d *EntityPage) twinLayout() (*render.Page, int, bool) { return d.Page, 32 << 10, d.Entity != nil }

// main writes the "main" of entity.html.
func (w *entityWriter) main(b *bytes.Buffer, d *EntityPage) error {
	w.head(b, d)
	for _, s := range d.Schemes {
		if s == nil || s.Scheme == nil {
			return fmt.Errorf("profile %s: a scheme section without its scheme", d.Entity.ID)
		}
		if err := w.scheme(b, d, s); err != nil {
			return err
		}
	}
	if len(d.Children) > 0 {
		if err := w.childTable(b, d); err != nil {
			return err
		}
	}
	b.WriteString("\n")
	return nil
}

// head writes the name, kind and the line of parent, group and children.
func (w *entityWriter) head(b *bytes.Buffer, d *EntityPage) {
	writeText(b, "\n<h1>", d.Entity.Name, " <span class=\"badge entity-kind\">")
	writeText(b, "", d.Kind, "</span></h1>\n<p class=\"entity-meta muted\">")
	if d.Parent != nil {
		writeLink(b, w.parent, d.Page.Rel(d.Parent.Path), "\">", d.Parent.Name, "</a>（")
		writeText(b, "", d.Parent.Kind, "）")
	}
	if d.Entity.Group != "" {
		if d.Parent != nil {
			b.WriteString(" · ")
		}
		writeText(b, w.group, d.Entity.Group, "")
	}
	if len(d.Children) > 0 {
		if d.Parent != nil || d.Entity.Group != "" {
			b.WriteString(" · ")
		}
		b.WriteString(w.children)
		render.WriteInt(b, len(d.Children))
		b.WriteString("</a>")
	}
	b.WriteString("\n</p>")
	if len(d.Schemes) == 0 {
		b.WriteString(w.notScored)
	}
}

// scheme writes one scheme's section: latest figures, trends, periods.
func (w *entityWriter) scheme(b *bytes.Buffer, d *EntityPage, s *EntitySchemeView) error {
	writeText(b, "\n<section class=\"entity-scheme\" aria-labelledby=\"scheme-", s.Scheme.ID, "\">\n<h2 id=\"scheme-")
	writeText(b, "", s.Scheme.ID, "\">")
	writeLink(b, "<a href=\"", d.Page.Rel(s.Overview), "\">", s.Scheme.Name, "</a></h2>")
	if s.Latest != nil {
		w.latestFigures(b, s, s.Latest)
	}
	if s.TotalChart != nil {
		if err := w.trendCharts(b, s); err != nil {
			return err
		}
	}
	b.WriteString(w.periodsHead)
	for i := range s.Rows {
		w.periodRow(b, &s.Rows[i])
	}
	b.WriteString("\n</tbody>\n</table>\n</div>\n</section>")
	return nil
}

// latestFigures writes the lead line, the figures and the links of the
// latest result.
func (w *entityWriter) latestFigures(b *bytes.Buffer, s *EntitySchemeView, r *PeriodRow) {
	writeText(b, w.latest, r.Label, "")
	writeWith(b, w.lead, s.Group, "")
	if s.NotLatest {
		b.WriteString(w.notLatest)
	}
	b.WriteString(w.figRank)
	render.WriteInt(b, r.Rank)
	b.WriteString("<span class=\"figure-unit\"> / ")
	render.WriteInt(b, r.N)
	writeText(b, w.figTotal, r.TotalText, "")
	writeClassed(b, w.figDiff, r.DiffClass, r.DiffText, w.figMean)
	writeText(b, "", r.GroupMeanText, w.figGrade)
	writeGrade(b, r.Grade)
	b.WriteString("</div>")
	if r.Vetoed {
		b.WriteString(w.figVetoed)
	}
	writeClassed(b, w.figChange, r.RankChangeClass, r.RankChangeText, "</div></div>\n</div>\n<p class=\"entity-links\"><a href=\"")
	render.WriteURL(b, r.SheetHref)
	b.WriteString(w.sheetLink)
	render.WriteURL(b, r.RankingHref)
	b.WriteString(w.rankingLink)
}

// trendCharts writes the total and rank trends and the key indicators.
func (w *entityWriter) trendCharts(b *bytes.Buffer, s *EntitySchemeView) error {
	b.WriteString(w.trends)
	if s.HasDerived {
		b.WriteString(w.trendNote)
	}
	b.WriteString("\n<div class=\"charts-grid charts-2\">")
	if err := writeCharts(w.r, b, "\n", s.TotalChart, s.RankChart); err != nil {
		return err
	}
	b.WriteString("\n</div>")
	if len(s.KeyCharts) == 0 {
		return nil
	}
	b.WriteString(w.keyIndicators)
	if err := writeCharts(w.r, b, "\n", s.KeyCharts...); err != nil {
		return err
	}
	b.WriteString("\n</div>")
	return nil
}

// periodRow writes one row of the table of every period.
func (w *entityWriter) periodRow(b *bytes.Buffer, r *PeriodRow) {
	if r.Derived {
		b.WriteString("\n<tr class=\"ytd\">")
	} else {
		b.WriteString("\n<tr>")
	}
	writeLink(b, "\n  <th scope=\"row\"><a href=\"", r.SheetHref, "\">", r.Label, "</a></th>\n  <td class=\"center\">")
	if r.Derived {
		b.WriteString(w.ytd)
	} else {
		b.WriteString(w.single)
	}
	b.WriteString("</td>\n  <td class=\"num\">")
	writeRankOf(b, r.Rank, r.N)
	writeClassed(b, "</td>\n  <td class=\"num ", r.RankChangeClass, r.RankChangeText, "</td>")
	writeText(b, "\n  <td class=\"num\">", r.TotalText, "</td>")
	writeText(b, "\n  <td class=\"num\">", r.GroupMeanText, "</td>")
	writeClassed(b, "\n  <td class=\"num ", r.DiffClass, r.DiffText, "</td>")
	b.WriteString("\n  <td class=\"center\">")
	writeGrade(b, r.Grade)
	if r.Vetoed {
		b.WriteString(w.vetoed)
	}
	b.WriteString("</td>\n  <td class=\"center\"><a href=\"")
	render.WriteURL(b, r.RankingHref)
	b.WriteString(w.rowRanking)
}

// childTable writes the drill-down table and the comparisons below it.
func (w *entityWriter) childTable(b *bytes.Buffer, d *EntityPage) error {
	rowspan := ""
	if len(d.ChildSchemes) > 0 {
		rowspan = " rowspan=\"2\""
	}
	b.WriteString(w.childHead)
	b.WriteString(rowspan)
	b.WriteString(w.childName)
	b.WriteString(rowspan)
	b.WriteString(w.childKind)
	if d.HasBelow {
		b.WriteString("<th scope=\"col\"")
		b.WriteString(rowspan)
		b.WriteString(w.childBelow)
	}
	for _, s := range d.ChildSchemes {
		writeText(b, "\n  <th scope=\"colgroup\" colspan=\"3\">", s.Name, "</th>")
	}
	b.WriteString("\n</tr>")
	if len(d.ChildSchemes) > 0 {
		b.WriteString("\n<tr>")
		for range d.ChildSchemes {
			b.WriteString(w.childCols)
		}
		b.WriteString("\n</tr>")
	}
	b.WriteString("\n</thead>\n<tbody>")
	for i := range d.Children {
		w.childRow(b, d, &d.Children[i])
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
	if len(d.Comparisons) > 0 {
		b.WriteString(w.compare)
	}
	for _, c := range d.Comparisons {
		if err := w.comparison(b, d, c); err != nil {
			return err
		}
	}
	b.WriteString("\n</section>")
	return nil
}

// childRow writes one child with its latest result in each scheme.
func (w *entityWriter) childRow(b *bytes.Buffer, d *EntityPage, c *ChildRow) {
	writeLink(b, "\n<tr>\n  <th scope=\"row\"><a href=\"", c.Href, "\">", c.Name, "</a></th>")
	writeText(b, "\n  <td class=\"center\">", c.Kind, "</td>")
	if d.HasBelow {
		b.WriteString("<td>")
		writeGrade(b, c.Below)
		b.WriteString("</td>")
	}
	for i := range c.Cells {
		cell := &c.Cells[i]
		if !cell.Scored {
			b.WriteString("\n  <td class=\"num missing\">—</td><td class=\"num missing\">—</td><td class=\"center missing\">—</td>")
			continue
		}
		writeLink(b, "\n  <td class=\"num\"><a href=\"", cell.SheetHref, "\">", cell.TotalText, "</a>")
		writeWith(b, " <span class=\"muted\">", cell.Period, "</span>")
		b.WriteString("</td>\n  <td class=\"num\">")
		writeRankOf(b, cell.Rank, cell.N)
		b.WriteString("</td>\n  <td class=\"center\">")
		writeGrade(b, cell.Grade)
		b.WriteString("</td>")
	}
	b.WriteString("\n</tr>")
}

// comparison writes one descendants' comparison: its chart, or a note
// linking the ranking when there are too many to draw.
func (w *entityWriter) comparison(b *bytes.Buffer, d *EntityPage, c *Comparison) error {
	if c == nil {
		return fmt.Errorf("profile %s: a nil comparison", d.Entity.ID)
	}
	if c.Chart != nil {
		b.WriteString("\n")
		return w.r.WriteChart(b, c.Chart)
	}
	if c.Scheme == nil {
		return fmt.Errorf("profile %s: a comparison without its scheme", d.Entity.ID)
	}
	b.WriteString("\n<p class=\"note\">")
	w.tooMany.Write(b, c.Count)
	writeLink(b, " <a href=\"", d.Page.Rel(c.Ranking), "\">", c.Scheme.Name, " · ")
	writeText(b, "", c.Period, "</a></p>")
	return nil
}

// writeGrade writes {{if .X}}{{.X}}{{else}}—{{end}}: s escaped, or a dash
// when s is empty.
func writeGrade(b *bytes.Buffer, s string) {
	if s == "" {
		b.WriteString("—")
		return
	}
	render.WriteEscaped(b, s)
}

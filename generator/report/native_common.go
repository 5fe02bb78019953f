package report

import (
	"bytes"

	"kaoping/generator/render"
)

// What the native twins of sheet.html, ranking.html, compare.html and
// entity.html share: registering a twin of a page that base.html lays
// out, the NativeFunc that writes a page's "main" inside the layout, and
// writers of the few action patterns that recur in the four templates.
// Each writer's doc comment gives the template text it stands for, so that
// a twin still reads next to its template line by line.

// registerLayoutTwin registers prepare as the twin of page, whose "main"
// base.html lays out; partials names the further templates page includes.
func registerLayoutTwin(page string, prepare func(*render.Renderer) (render.NativeFunc, error), partials ...string) {
	render.RegisterNative(render.Native{
		Page:    page,
		Mirrors: append(append(render.LayoutTemplates(), page, "main"), partials...),
		Prepare: prepare,
	})
}

// twinData is the data of a page a layout twin writes.
type twinData interface {
	// twinLayout is the page of the data; about the bytes of the page, so
	// that the buffer grows once; and whether the data has what the twin
	// needs (if not, the template runs and reports what is amiss).
	twinLayout() (p *render.Page, size int, ok bool)
}

// layoutTwin is the NativeFunc of a twin that writes its page's "main"
// with main: it declines data that is not a D, or not ready, or without a
// page with a site, and writes base.html's text around main's.
func layoutTwin[T any, D interface {
	*T
	twinData
}](r *render.Renderer, main func(*bytes.Buffer, D) error) render.NativeFunc {
	return func(b *bytes.Buffer, data any) (bool, error) {
		d, ok := data.(D)
		if !ok || d == nil {
			return false, nil
		}
		p, size, ready := d.twinLayout()
		if !ready || p == nil || p.Site == nil {
			return false, nil
		}
		b.Grow(size)
		r.WriteLayoutStart(b, p)
		if err := main(b, d); err != nil {
			return true, err
		}
		r.WriteLayoutEnd(b, p)
		return true, nil
	}
}

// writeGroups writes each of d's groups with group, up to the first
// error, and the newline that follows them: the "main" of ranking.html
// and compare.html after the head.
func writeGroups[D, G any](b *bytes.Buffer, d D, groups []G, group func(*bytes.Buffer, D, G) error) error {
	for _, g := range groups {
		if err := group(b, d, g); err != nil {
			return err
		}
	}
	b.WriteString("\n")
	return nil
}

// writeCharts writes {{range .}}before{{chart .}}{{end}}: each chart
// (nothing for a nil one) after before.
func writeCharts(r *render.Renderer, b *bytes.Buffer, before string, charts ...*render.Chart) error {
	for _, c := range charts {
		b.WriteString(before)
		if err := r.WriteChart(b, c); err != nil {
			return err
		}
	}
	return nil
}

// expandAll expands each of texts in place (render.NativeText.Expand) and
// returns the first error.
func expandAll(x *render.NativeText, texts ...*string) error {
	for _, s := range texts {
		*s = x.Expand(*s)
	}
	return x.Err()
}

// writeText writes before{{.S}}after: s between two pieces of template
// text, escaped as html/template prints it in text or a quoted attribute.
func writeText(b *bytes.Buffer, before, s, after string) {
	b.WriteString(before)
	render.WriteEscaped(b, s)
	b.WriteString(after)
}

// writeWith writes {{with .S}}before{{.}}after{{end}}: nothing when s is
// empty.
func writeWith(b *bytes.Buffer, before, s, after string) {
	if s != "" {
		writeText(b, before, s, after)
	}
}

// writeClassed writes before{{.Class}}">{{.Text}}after: an element whose
// class attribute ends with a value, and its text.
func writeClassed(b *bytes.Buffer, before, class, text, after string) {
	b.WriteString(before)
	render.WriteEscaped(b, class)
	b.WriteString("\">")
	render.WriteEscaped(b, text)
	b.WriteString(after)
}

// writeLink writes before{{.Href}}mid{{.Text}}after: a link (href already
// made relative to the page) and its text.
func writeLink(b *bytes.Buffer, before, href, mid, text, after string) {
	b.WriteString(before)
	render.WriteURL(b, href)
	b.WriteString(mid)
	render.WriteEscaped(b, text)
	b.WriteString(after)
}

// writeRankOf writes {{.Rank}} / {{.N}}: a rank among n.
func writeRankOf(b *bytes.Buffer, rank, n int) {
	render.WriteInt(b, rank)
	b.WriteString(" / ")
	render.WriteInt(b, n)
}

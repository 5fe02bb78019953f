package templates

import (
	"bytes"
	"context"
	"html"
	"io"

	"github.com/a-h/templ"
	templruntime "github.com/a-h/templ/runtime"

	"kaoping/generator/report"
)

// A page is rendered once and written for every place it is read from:
// the site, and the zip of a period's report (a bundle), whose links to
// pages it does not hold are grey text. Only the links, the Markdown (whose
// links may leave a bundle) and the site's slots (whose .Root depends on
// it) differ between the two, so Render leaves them as holes in a Doc, and
// Doc.WriteTo fills them for one place; a page no zip holds is rendered
// with RenderFinal, which fills each hole as it comes. Either way the
// holes are written by writeHole, the link markup by writeLink.

// Doc is a page rendered once, with its links, Markdown and slots as holes.
type Doc struct {
	buf   []byte
	holes []hole
	page  *report.Page
	env   *Env // what the page was rendered with
	tb    templruntime.Buffer
}

// hole is a part of a Doc that is written for each place: a link around
// the bytes buf[start:end] (its text), or Markdown or a slot at start
// (end = start).
type hole struct {
	start, end int
	kind       holeKind
	target     string // link: the site path; slot: the slot's name; markdown: the source
	attrs      templ.OrderedAttributes
	base       string // markdown: the site path its links are written from
}

type holeKind uint8

const (
	linkHole holeKind = iota
	markdownHole
	slotHole
)

// Write appends to the Doc (the writer templ's buffer flushes into).
func (d *Doc) Write(p []byte) (int, error) {
	d.buf = append(d.buf, p...)
	return len(p), nil
}

// Reset empties d, keeping its memory.
func (d *Doc) Reset() {
	d.buf, d.holes, d.page, d.env = d.buf[:0], d.holes[:0], nil, nil
}

// Render renders the page of a page model (one of the report package's
// *…Page types) into d, for env: the site's (Bundle nil), or a bundle's
// when the site has a base_url (the page's own URLs then differ).
func Render(ctx context.Context, d *Doc, env *Env, model any) error {
	return render(ctx, d, env, model, false)
}

// RenderFinal is Render for a page written for env alone (no bundle
// holds it): each hole is filled as it comes, so that d holds the
// finished page (Bytes) and nothing is copied or filled again.
func RenderFinal(ctx context.Context, d *Doc, env *Env, model any) error {
	return render(ctx, d, env, model, true)
}

// Bytes is the page of a Doc rendered with RenderFinal, valid until the
// Doc is used again.
func (d *Doc) Bytes() []byte { return d.buf }

func render(ctx context.Context, d *Doc, env *Env, model any, final bool) error {
	c, page, err := component(model)
	if err != nil {
		return err
	}
	d.Reset()
	d.page, d.env = page, env
	pe := &pageEnv{Env: env, page: page, lang: page.Lang(), doc: d, final: final}
	if env.Bundle == nil && page.Site != nil {
		pe.baseURL = page.Site.BaseURL
	}
	d.tb.Reset(d) // templ's buffer, kept with the Doc for the next page
	pe.flush = d.tb.Flush
	if err := c.Render(context.WithValue(ctx, envKey{}, pe), &d.tb); err != nil {
		return err
	}
	return d.tb.Flush()
}

// Portable reports whether d may be written for a bundle, besides the
// place it was rendered for: its URLs outside the holes (the stylesheet,
// the scripts, the logo) are relative, which they are unless the site has
// a base_url.
func (d *Doc) Portable() bool {
	return d.env.Bundle != nil || d.page.Site == nil || d.page.Site.BaseURL == ""
}

// WriteTo writes the page for env: the site's (Bundle nil) or a bundle's,
// into b. A Doc that is not Portable can only be written for the env it
// was rendered with.
func (d *Doc) WriteTo(b *bytes.Buffer, env *Env) error {
	pe := &pageEnv{Env: env, page: d.page, lang: d.page.Lang()}
	if env.Bundle == nil && d.page.Site != nil {
		pe.baseURL = d.page.Site.BaseURL
	}
	ctx := context.WithValue(context.Background(), envKey{}, pe)
	b.Grow(len(d.buf) + 64*len(d.holes))
	at := 0
	for _, h := range d.holes {
		b.Write(d.buf[at:h.start])
		if err := writeHole(ctx, b, pe, h, d.buf[h.start:h.end]); err != nil {
			return err
		}
		at = h.end
	}
	b.Write(d.buf[at:])
	return nil
}

// writeHole writes hole h, whose text (a link's) is text, for the page
// of pe.
func writeHole(ctx context.Context, b *bytes.Buffer, pe *pageEnv, h hole, text []byte) error {
	switch h.kind {
	case linkHole:
		writeLink(b, pe, h.target, h.attrs, text)
	case markdownHole:
		return writeMarkdown(ctx, b, h.base, h.target)
	case slotHole:
		return writeSlot(b, pe, h.target)
	}
	return nil
}

// hole records a hole at the current end of the Doc, with what render
// writes in it (a link's text) rendered into the Doc.
func (pe *pageEnv) hole(ctx context.Context, h hole, render func() error) error {
	if err := pe.flush(); err != nil {
		return err
	}
	h.start = len(pe.doc.buf)
	if render != nil {
		if err := render(); err != nil {
			return err
		}
		if err := pe.flush(); err != nil {
			return err
		}
	}
	h.end = len(pe.doc.buf)
	if pe.final {
		// The hole in place: its text moves behind the link's start tag.
		text := bytes.Clone(pe.doc.buf[h.start:h.end])
		b := bytes.NewBuffer(pe.doc.buf[:h.start])
		err := writeHole(ctx, b, pe, h, text)
		pe.doc.buf = b.Bytes()
		return err
	}
	pe.doc.holes = append(pe.doc.holes, h)
	return nil
}

// link is a link to a site path around its children (the link's text).
// In a bundle, a link to a page the bundle does not hold is grey text
// instead.
func link(target string) templ.Component { return linkAttrs(target, nil) }

// linkAttrs is link with more attributes on the <a>.
func linkAttrs(target string, attrs templ.OrderedAttributes) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		children := templ.GetChildren(ctx)
		ctx = templ.ClearChildren(ctx)
		return current(ctx).hole(ctx, hole{kind: linkHole, target: target, attrs: attrs}, func() error {
			return children.Render(ctx, w)
		})
	})
}

// writeLink writes a link to the site path target around text, as seen
// from the page of pe: <a href="…"> with attrs, or, in a bundle that does
// not hold target, <span class="not-in-bundle" title="…">.
func writeLink(w *bytes.Buffer, pe *pageEnv, target string, attrs templ.OrderedAttributes, text []byte) {
	u, ok := pe.href(target)
	if !ok {
		w.WriteString(`<span class="not-in-bundle" title="`)
		w.WriteString(html.EscapeString(pe.Bundle.Note))
		w.WriteString(`">`)
		w.Write(text)
		w.WriteString("</span>")
		return
	}
	w.WriteString(`<a href="`)
	w.WriteString(html.EscapeString(string(u)))
	w.WriteString(`"`)
	for _, a := range attrs {
		switch v := a.Value.(type) {
		case string:
			w.WriteString(" " + a.Key + `="`)
			w.WriteString(html.EscapeString(v))
			w.WriteString(`"`)
		case bool:
			if v {
				w.WriteString(" " + a.Key)
			}
		}
	}
	w.WriteString(">")
	w.Write(text)
	w.WriteString("</a>")
}

// markdown places Markdown source in the page as HTML. Relative links in
// it are written for the page at site path base (a note is written for its
// period page, periods/<P>.html) and rebased for the page that shows it.
func markdown(src string) templ.Component { return markdownFor("", src) }

// markdownFor is markdown with its links written for the page at base
// ("" for the page that shows it).
func markdownFor(base, src string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		return current(ctx).hole(ctx, hole{kind: markdownHole, target: src, base: base}, nil)
	})
}

// slot places the site's slot name, if it has one, in the page.
func slot(name string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		pe := current(ctx)
		if pe.Slots == nil || !pe.Slots.Has(name) {
			return nil
		}
		return pe.hole(ctx, hole{kind: slotHole, target: name}, nil)
	})
}

// writeSlot runs the site's slot name for the page of pe.
func writeSlot(w io.Writer, pe *pageEnv, name string) error {
	d := SlotData{Title: pe.page.Title, Root: rootURL(pe.page.Path, pe.baseURL), Path: pe.page.Path,
		Period: pe.page.Period, PeriodLabel: pe.page.PeriodLabel, Lang: pe.lang}
	if pe.page.Site != nil {
		d.SiteTitle = pe.page.Site.Title
	}
	return pe.Slots.Render(w, name, d)
}

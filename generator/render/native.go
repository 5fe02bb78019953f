package render

import (
	"bytes"
	"html/template"
	"sort"
	"sync"
)

// A page family with very many pages (a province's 130,000 score sheets)
// can have a native twin: Go code that writes exactly the bytes its page
// template, the layout and the partials produce. html/template evaluates
// fields and calls functions through reflection; a twin does neither and
// costs a fraction.
//
// A twin is used only while every template it mirrors is the built-in one:
// a site that overrides the page, the layout, a partial or a block it uses
// (or defines one of them anew in another file) gets its templates
// executed as usual. Options.Plain and Options.NoNative turn twins off,
// so that tests can compare the two paths byte for byte.

// NativeFunc writes the page for data to b. It returns handled = false,
// having written nothing, for data it does not know; the page template
// then runs instead.
type NativeFunc func(b *bytes.Buffer, data any) (handled bool, err error)

// Native is the twin of one page template.
type Native struct {
	// Page is the page template it stands for, e.g. "sheet.html".
	Page string
	// Mirrors names every template whose built-in text it reproduces: the
	// page, the templates it defines ("main"), and LayoutTemplates when it
	// writes the layout with WriteLayoutStart and WriteLayoutEnd.
	Mirrors []string
	// Prepare makes the writer for one Renderer (its language and UI
	// strings), once, when the Renderer is made. An error leaves the page
	// to its template.
	Prepare func(r *Renderer) (NativeFunc, error)
}

var (
	nativesMu sync.Mutex
	natives   = map[string]Native{}
)

// RegisterNative adds a page's twin; page families call it from an init
// function. A second twin of the same page panics.
func RegisterNative(n Native) {
	nativesMu.Lock()
	defer nativesMu.Unlock()
	if _, dup := natives[n.Page]; dup {
		panic("render: two native writers for " + n.Page)
	}
	natives[n.Page] = n
}

// LayoutTemplates are the templates WriteLayoutStart and WriteLayoutEnd
// reproduce: base.html, its blocks and the partials it includes.
func LayoutTemplates() []string {
	return []string{layoutName, "title", "head", "partials/header.html", "partials/nav.html", "partials/breadcrumbs.html", "partials/footer.html"}
}

// enableNatives gives each page with a registered twin its writer when
// every template the twin mirrors comes from the built-in files.
func (r *Renderer) enableNatives(byName map[string]source) {
	nativesMu.Lock()
	list := make([]Native, 0, len(natives))
	for _, n := range natives {
		list = append(list, n)
	}
	nativesMu.Unlock()
	sort.Slice(list, func(i, j int) bool { return list[i].Page < list[j].Page })
	for _, n := range list {
		pt := r.pages[n.Page]
		if pt == nil || !builtinOnly(pt.t, n.Mirrors, byName) {
			continue
		}
		if r.layout == nil {
			r.layout = r.newLayout()
		}
		if f, err := n.Prepare(r); err == nil && f != nil {
			pt.native = f
		}
	}
}

// builtinOnly reports whether each named template of t exists and was
// parsed from a built-in file (a template defined inside a file names
// that file as its Tree.ParseName).
func builtinOnly(t *template.Template, names []string, byName map[string]source) bool {
	for _, name := range names {
		x := t.Lookup(name)
		if x == nil || x.Tree == nil {
			return false
		}
		s, ok := byName[x.Tree.ParseName]
		if !ok || s.site {
			return false
		}
	}
	return true
}

// Native reports whether page is written by its native twin.
func (r *Renderer) Native(page string) bool {
	pt, ok := r.pages[page]
	return ok && pt.native != nil
}

// Message is the template function t: the UI string key in the site's
// language, or an error naming a key that no catalog has.
func (r *Renderer) Message(key string) (string, error) {
	s, ok := lookupOK(r.messages, r.lang, key)
	if !ok {
		return "", errUnknownMessage(key)
	}
	return s, nil
}

// EscapeString is s as html/template prints a string in text or in a
// quoted attribute.
func EscapeString(s string) string { return escapeString(s) }

// WriteEscaped writes s to b as html/template prints a string in text or
// in quoted attributes (htmlEscape, on a buffer without an interface call
// per piece).
func WriteEscaped(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if !htmlSpecial[s[i]] {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(htmlEntity(s[i]))
		last = i + 1
	}
	b.WriteString(s[last:])
}

// htmlSpecial marks the bytes htmlEscape replaces.
var htmlSpecial = [256]bool{0: true, '"': true, '&': true, '\'': true, '+': true, '<': true, '>': true}

// htmlEntity is what htmlEscape writes for a byte of htmlSpecial.
func htmlEntity(c byte) string {
	switch c {
	case 0:
		return "\uFFFD"
	case '"':
		return "&#34;"
	case '&':
		return "&amp;"
	case '\'':
		return "&#39;"
	case '+':
		return "&#43;"
	case '<':
		return "&lt;"
	}
	return "&gt;"
}

// WriteURL writes s to b as html/template prints a string that starts a
// quoted href or src (URL filter, normalizer and attribute escaper).
func WriteURL(b *bytes.Buffer, s string) {
	if plainURL(s) {
		b.WriteString(s)
		return
	}
	b.WriteString(slowEscape(escapeURLStart, s))
}

// WriteChart writes what the template function chart writes for c
// (nothing for nil).
func (r *Renderer) WriteChart(b *bytes.Buffer, c *Chart) error {
	if c == nil {
		return nil
	}
	b.Grow(chartSize(c))
	return r.writeChart(b, c)
}

// SignClass is the template function signclass of a number: "pos" above
// zero, "neg" below, "" for zero, NaN and infinities.
func SignClass(v float64) string { return signClass(v, "pos", "neg") }

// SignClassInt is signclass of an *int such as a rank change: "" for nil.
func SignClassInt(v *int) string {
	if v == nil {
		return ""
	}
	return SignClass(float64(*v))
}

// layout holds the text of base.html and its partials with the UI strings
// of one Renderer put in and escaped.
type layout struct {
	skip, nav, crumbs, credits string
}

func (r *Renderer) newLayout() *layout {
	msg := func(key string) string { return escapeString(lookup(r.messages, r.lang, key)) }
	return &layout{
		skip:   "\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">" + msg("ui.skip") + "</a>\n<header class=\"site-header\">\n  <div class=\"wrap\">\n    <p class=\"site-title\"><a href=\"",
		nav:    "\n<nav class=\"site-nav\" aria-label=\"" + msg("ui.nav") + "\">\n  <ul class=\"wrap\">",
		crumbs: "\n<nav class=\"breadcrumbs wrap\" aria-label=\"" + msg("ui.breadcrumbs") + "\">\n  <ol>",
		credits: "</p>\n    <p class=\"credits\">" + msg("ui.generated") + " · " + msg("ui.charts_by") +
			" (<a href=\"",
	}
}

// WriteLayoutStart writes what base.html and its partials put before the
// page's "main" template, for page p (not nil, with a Site), and
// WriteLayoutEnd what they put after it. Only a native twin whose Mirrors
// include LayoutTemplates may call them.
func (r *Renderer) WriteLayoutStart(b *bytes.Buffer, p *Page) {
	l := r.layout
	site := p.Site
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	WriteEscaped(b, p.Lang())
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if p.Title != "" {
		WriteEscaped(b, p.Title)
		b.WriteString(" · ")
	}
	WriteEscaped(b, site.Title)
	b.WriteString("</title>\n<link rel=\"icon\" href=\"")
	WriteURL(b, p.Rel("assets/favicon.svg"))
	b.WriteString("\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"")
	WriteURL(b, p.Rel("assets/site.css"))
	b.WriteString("\">")
	b.WriteString(l.skip)
	WriteURL(b, p.Rel("index.html"))
	b.WriteString("\">")
	WriteEscaped(b, site.Title)
	b.WriteString("</a></p>")
	if site.Subtitle != "" {
		b.WriteString("\n    <p class=\"site-subtitle\">")
		WriteEscaped(b, site.Subtitle)
		b.WriteString("</p>")
	}
	b.WriteString("\n  </div>")
	if p.PrintHeader != "" {
		b.WriteString("\n  <p class=\"print-header\">")
		WriteEscaped(b, p.PrintHeader)
		b.WriteString("</p>")
	}
	b.WriteString("\n</header>\n\n")
	if len(site.Nav) > 0 {
		b.WriteString(l.nav)
		for _, it := range site.Nav {
			b.WriteString("\n    <li><a href=\"")
			WriteURL(b, p.Rel(it.Path))
			b.WriteByte('"')
			if it.Key == p.Section {
				b.WriteString(" aria-current=\"page\"")
			}
			b.WriteByte('>')
			WriteEscaped(b, it.Label)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n  </ul>\n</nav>")
	}
	b.WriteString("\n\n")
	if len(p.Crumbs) > 0 {
		b.WriteString(l.crumbs)
		for _, c := range p.Crumbs {
			if c.Path != "" {
				b.WriteString("\n    <li><a href=\"")
				WriteURL(b, p.Rel(c.Path))
				b.WriteString("\">")
			} else {
				b.WriteString("\n    <li aria-current=\"page\">")
			}
			WriteEscaped(b, c.Label)
			if c.Path != "" {
				b.WriteString("</a>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("\n  </ol>\n</nav>")
	}
	b.WriteString("\n\n<main id=\"main\">\n")
}

// WriteLayoutEnd: see WriteLayoutStart.
func (r *Renderer) WriteLayoutEnd(b *bytes.Buffer, p *Page) {
	site := p.Site
	b.WriteString("\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n    <p>")
	WriteEscaped(b, site.Title)
	if site.Subtitle != "" {
		b.WriteString(" · ")
		WriteEscaped(b, site.Subtitle)
	}
	b.WriteString(r.layout.credits)
	WriteURL(b, p.Rel("assets/ECHARTS-LICENSE"))
	b.WriteString("\">Apache-2.0</a>)</p>\n  </div>\n</footer>\n\n<script src=\"")
	WriteURL(b, p.Rel("assets/site.js"))
	b.WriteString("\"></script>\n</body>\n</html>\n")
}

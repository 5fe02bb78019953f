package render

import (
	"bytes"
	"html"
	"html/template"
	"path"
	"strings"
)

// UnlinkOutside rewrites every link of a rendered page that leaves a
// limited site into plain text: <a href="…" …>text</a> becomes
// <span class="not-in-bundle" title="title">text</span>. A link leaves the
// site when its href is empty (Page.Rel's answer for a target the site's
// Only filter refuses) or when it is a relative URL that, resolved against
// the page's site path from, names a path keep refuses (a link written by
// hand in a note, say); keep nil accepts every path. Links with a scheme,
// protocol-relative or to a fragment of the page are kept, and every kept
// link byte for byte. It relies on what html/template writes: quoted
// attributes, no ">" inside them, and no nested links.
func UnlinkOutside(page []byte, from string, keep func(string) bool, title string) []byte {
	return appendUnlinked(make([]byte, 0, len(page)), page, from, keep, unlinkOpen(title))
}

// unlinkOpen is the opening tag that replaces a link leaving the site.
func unlinkOpen(title string) []byte {
	return []byte(`<span class="not-in-bundle" title="` + html.EscapeString(title) + `">`)
}

// appendUnlinked appends to dst the page with its links leaving the site
// (see UnlinkOutside) turned into text opened by open.
func appendUnlinked(dst, page []byte, from string, keep func(string) bool, open []byte) []byte {
	rest := page
	for {
		i := indexTag(rest)
		if i < 0 {
			return append(dst, rest...)
		}
		end := bytes.IndexByte(rest[i:], '>')
		if end < 0 {
			return append(dst, rest...)
		}
		tag := rest[i : i+end+1]
		if !leaves(tag, from, keep) {
			dst = append(dst, rest[:i+end+1]...)
			rest = rest[i+end+1:]
			continue
		}
		dst = append(dst, rest[:i]...)
		dst = append(dst, open...)
		rest = rest[i+end+1:]
		if j := bytes.Index(rest, []byte("</a>")); j >= 0 {
			dst = append(dst, rest[:j]...)
			dst = append(dst, "</span>"...)
			rest = rest[j+len("</a>"):]
		}
	}
}

// leaves reports whether the <a> tag links outside the set keep accepts.
func leaves(tag []byte, from string, keep func(string) bool) bool {
	k := bytes.Index(tag, []byte(` href="`))
	if k < 0 {
		return false
	}
	v := tag[k+len(` href="`):]
	q := bytes.IndexByte(v, '"')
	if q < 0 {
		return false
	}
	href := html.UnescapeString(string(v[:q]))
	if href == "" {
		return true
	}
	if keep == nil || isExternal(href) {
		return false
	}
	target, _ := splitSuffix(href)
	if target == "" {
		return false // "?x" on the page itself
	}
	if strings.HasPrefix(target, "/") {
		return true // absolute on the host: not part of a folder opened from disk
	}
	target = path.Join(path.Dir(from), target)
	return target == ".." || strings.HasPrefix(target, "../") || !keep(target)
}

// indexTag finds the next opening <a> tag ("<a " or "<a>") in b.
func indexTag(b []byte) int {
	off := 0
	for {
		i := bytes.Index(b[off:], []byte("<a"))
		if i < 0 {
			return -1
		}
		i += off
		if i+2 < len(b) && (b[i+2] == ' ' || b[i+2] == '>' || b[i+2] == '\n' || b[i+2] == '\t') {
			return i
		}
		off = i + 2
	}
}

// Localizer makes, from a page of the site as it was written, the page's
// copy in a self-contained part of the site that is opened from disk (a
// period's bundle): the same bytes, except that
//
//   - with a base URL (Site.BaseURL), whose links are all absolute, each
//     href or src attribute that Page.Rel wrote as base URL + "/" + site
//     path becomes the relative URL Page.Rel writes without one, so that
//     the copy does not need the network;
//   - each link leaving the part becomes text, as UnlinkOutside does.
//
// So a site page is rendered once and its copies are derived from its
// bytes. A Localizer may be used by several goroutines at once.
type Localizer struct {
	prefix []byte // the base URL + "/" as html/template writes it in an attribute; nil: no base URL
	open   []byte // what replaces an <a …> tag leaving the part
}

// NewLocalizer prepares the copies of a site's pages. baseURL is the
// site's Site.BaseURL ("" for none); title is the tooltip of the links
// turned into text.
func NewLocalizer(baseURL, title string) *Localizer {
	return &Localizer{prefix: attrPrefix(baseURL), open: unlinkOpen(title)}
}

// attrPrefix is how html/template writes the URL base + "/" (Page.Rel's
// prefix of every link) in an attribute, or nil when the site has no base
// URL or html/template refuses it (an unsafe scheme: every link is then
// "#ZgotmplZ" and none is rewritten). Asking html/template itself keeps
// the escaping exact; site paths are slugs, which it writes unchanged, so
// an attribute is that prefix followed by the site path as it is.
func attrPrefix(base string) []byte {
	if base == "" {
		return nil
	}
	var buf bytes.Buffer
	tpl := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	if err := tpl.Execute(&buf, strings.TrimRight(base, "/")+"/"); err != nil {
		return nil
	}
	v := strings.TrimSuffix(strings.TrimPrefix(buf.String(), `<a href="`), `">`)
	if !strings.HasSuffix(v, "/") {
		return nil
	}
	return []byte(v)
}

// Append appends to dst the copy of page, the site page at site path from,
// in the part whose site paths keep accepts, and returns the extended
// slice.
func (l *Localizer) Append(dst, page []byte, from string, keep func(string) bool) []byte {
	if l.prefix != nil {
		page = l.rebase(make([]byte, 0, len(page)), page, from)
	}
	return appendUnlinked(dst, page, from, keep, l.open)
}

// rebase appends to dst the page with each href="<prefix>target" or
// src="<prefix>target" written relative to the page at site path from,
// as Page.Rel writes it for a site without a base URL.
func (l *Localizer) rebase(dst, page []byte, from string) []byte {
	rest := page
	for {
		i := bytes.Index(rest, l.prefix)
		if i < 0 {
			return append(dst, rest...)
		}
		head := rest[:i]
		if !endsURLAttr(head) {
			dst = append(dst, rest[:i+len(l.prefix)]...)
			rest = rest[i+len(l.prefix):]
			continue
		}
		dst = append(dst, head...)
		rest = rest[i+len(l.prefix):]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			end = len(rest)
		}
		target, suffix := splitSuffix(string(rest[:end]))
		if target == "" {
			target = "index.html" // Page.Rel's "" (the home page) is never written so: a hand-written base URL
		}
		dst = append(dst, relPath(from, target)...)
		dst = append(dst, suffix...)
		rest = rest[end:]
	}
}

// endsURLAttr reports whether b ends with the opening of an href or src
// attribute's value: whitespace, the name, `="`.
func endsURLAttr(b []byte) bool {
	for _, name := range []string{`href="`, `src="`} {
		if n := len(b) - len(name); n > 0 && string(b[n:]) == name {
			switch b[n-1] {
			case ' ', '\n', '\t', '\r':
				return true
			}
		}
	}
	return false
}

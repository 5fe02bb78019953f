package render

import (
	"bytes"
	"html"
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
	open := []byte(`<span class="not-in-bundle" title="` + html.EscapeString(title) + `">`)
	var out bytes.Buffer
	out.Grow(len(page))
	rest := page
	for {
		i := indexTag(rest)
		if i < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		end := bytes.IndexByte(rest[i:], '>')
		if end < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		tag := rest[i : i+end+1]
		if !leaves(tag, from, keep) {
			out.Write(rest[:i+end+1])
			rest = rest[i+end+1:]
			continue
		}
		out.Write(rest[:i])
		out.Write(open)
		rest = rest[i+end+1:]
		if j := bytes.Index(rest, []byte("</a>")); j >= 0 {
			out.Write(rest[:j])
			out.WriteString("</span>")
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

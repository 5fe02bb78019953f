package templates_test

import (
	"html"
	"path"
	"strings"
	"testing"
)

// pageRefs are the URLs of a page's href and src attributes (links,
// scripts, stylesheets, images), unescaped, with the attribute each is in.
// The pages quote every attribute with ", which a value escapes.
func pageRefs(page string) (attrs, urls []string) {
	for rest := page; ; {
		i := strings.Index(rest, `="`)
		if i < 0 {
			return attrs, urls
		}
		name := rest[:i]
		rest = rest[i+2:]
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			return attrs, urls
		}
		for _, a := range []string{"href", "src"} {
			if strings.HasSuffix(name, " "+a) || strings.HasSuffix(name, "\n"+a) || strings.HasSuffix(name, "\t"+a) {
				attrs = append(attrs, a)
				urls = append(urls, html.UnescapeString(rest[:end]))
			}
		}
		rest = rest[end+1:]
	}
}

// pageIDs are the values of a page's id attributes.
func pageIDs(page string) []string {
	var ids []string
	for rest := page; ; {
		i := strings.Index(rest, ` id="`)
		if i < 0 {
			return ids
		}
		rest = rest[i+5:]
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			return ids
		}
		ids = append(ids, html.UnescapeString(rest[:end]))
		rest = rest[end+1:]
	}
}

// external reports whether u leaves the site (a URL scheme, or //host).
func external(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}

// resolveRef is the site path the relative URL u of the page at from
// names, without query or fragment; false when it climbs out of the site.
func resolveRef(from, u string) (string, bool) {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if u == "" {
		return from, true
	}
	p := path.Join(path.Dir(from), u)
	if p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(u, "/") {
		return "", false
	}
	return p, true
}

// TestEveryLinkResolves renders every page of the demo as a build writes
// it, checks that no id is used twice on a page, and follows every href
// and src: each is a fragment of the page or
// names a file the build writes (a page, a result file, an asset, a
// bundle), relative to the page, so the site works from file:// and under
// any subpath. Nothing is loaded from another host; only a link a note
// writes may leave the site.
func TestEveryLinkResolves(t *testing.T) {
	t.Parallel()
	s := demoSite(t)
	have := sitePaths(t, s, true)
	checked := 0
	for _, j := range s.Model().Jobs() {
		pg := page(t, s, j.Path)
		// Ids are unique on a page: the fragments and the charts' containers
		// (site.js finds each chart's option by its id) depend on it.
		ids := map[string]bool{}
		for _, id := range pageIDs(pg) {
			if ids[id] {
				t.Errorf("%s: id %q twice", j.Path, id)
			}
			ids[id] = true
		}
		attrs, urls := pageRefs(pg)
		for i, u := range urls {
			switch {
			case strings.HasPrefix(u, "#"):
				if id := u[1:]; id != "" && !ids[id] {
					t.Errorf("%s: link to #%s, which the page does not hold", j.Path, id)
				}
				continue
			case external(u):
				if attrs[i] == "src" || !strings.HasPrefix(j.Path, "periods/") && j.Path != "index.html" {
					t.Errorf("%s: %s=%q leaves the site", j.Path, attrs[i], u)
				}
				continue
			}
			target, ok := resolveRef(j.Path, u)
			if !ok || !have[target] {
				t.Errorf("%s: %s=%q names %q, which the build does not write", j.Path, attrs[i], u, target)
			}
			checked++
		}
	}
	if checked < 50000 {
		t.Errorf("only %d links checked", checked)
	}
	t.Logf("%d links of %d pages", checked, len(s.Model().Jobs()))
}

// TestNoteLinksOnHome: a note is written for its period's page
// (periods/<period>.html); the home page shows its beginning, one folder
// up, and its relative links and images must still reach the same files.
func TestNoteLinksOnHome(t *testing.T) {
	p := loadDemo(t)
	p.Data.Notes["2026-03"] = "见[上月通报](2026-02.html)、[本月排名](../schemes/basic/2026-03.html#g1)和[最高检](https://www.spp.gov.cn/)。![徽标](../assets/favicon.svg)\n"
	s := newSite(t, p, optsWithZips)
	have := sitePaths(t, s, true)
	for _, at := range []string{"index.html", "periods/2026-03.html"} {
		pg := page(t, s, at)
		start := strings.Index(pg, "见")
		if start < 0 {
			t.Fatalf("%s does not show the note", at)
		}
		end := start + strings.Index(pg[start:], "</p>")
		attrs, urls := pageRefs(pg[start:end])
		if len(urls) != 4 {
			t.Fatalf("%s: the note has %d links, want 4: %s", at, len(urls), pg[start:end])
		}
		want := []string{"periods/2026-02.html", "schemes/basic/2026-03.html", "", "assets/favicon.svg"}
		for i, u := range urls {
			if external(u) {
				if want[i] != "" {
					t.Errorf("%s: %s=%q leaves the site", at, attrs[i], u)
				}
				continue
			}
			if target, ok := resolveRef(at, u); !ok || target != want[i] || !have[target] {
				t.Errorf("%s: %s=%q names %q, want %s", at, attrs[i], u, target, want[i])
			}
		}
	}
}

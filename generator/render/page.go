package render

import (
	"path"
	"strings"
)

// Site is what every page of one site shares.
type Site struct {
	Title    string
	Subtitle string
	// BaseURL, when set (config.toml base_url), makes every link absolute:
	// BaseURL + "/" + site path. Empty means relative links, which work from
	// file:// and under any subpath.
	BaseURL string
	// Lang is "zh-CN" (default) or "en".
	Lang string
	// Nav is the navigation bar, in order (see NewNav).
	Nav []NavItem
	// Only, when not nil, limits the links of a page to the site paths it
	// accepts (from is the page's own path, to the link's target): a
	// per-period bundle holds only that period's pages. Rel returns "" for
	// a target refused, and UnlinkOutside turns the links that became empty
	// into plain text, so that nothing in a bundle points outside it.
	Only func(from, to string) bool
}

// NavItem is one entry of the navigation bar. Key identifies the section
// (a Page whose Section equals Key marks the entry as current); Path is a
// site path such as "archive.html".
type NavItem struct {
	Key   string
	Label string
	Path  string
}

// Crumb is one step of the breadcrumbs. An empty Path marks the current
// page (shown, not linked).
type Crumb struct {
	Label string
	Path  string
}

// Page is the context every template receives as .Page: where the page is
// and what frames it. Page data handed to Renderer.Execute must have a
// field or method Page returning *Page.
type Page struct {
	Site *Site
	// Path is the page's own site path, slash-separated, without leading
	// slash: "index.html", "schemes/basic/2024-Q1/ranking.html".
	Path string
	// Title is the page title (the <title> is "Title · Site.Title").
	Title string
	// Section is the NavItem.Key of the navigation entry this page belongs to.
	Section string
	// Crumbs are the breadcrumbs, from the home page to this page.
	Crumbs []Crumb
	// PrintHeader is shown only on paper, under the site title: typically
	// the scheme and the period ("基层院业绩考评 · 2024年第一季度").
	PrintHeader string
}

// Lang is the site language, "zh-CN" unless the site says "en".
func (p *Page) Lang() string {
	if p.Site != nil && p.Site.Lang == "en" {
		return "en"
	}
	return "zh-CN"
}

// Rel returns the URL of the site path target as seen from this page: a
// relative URL ("../../assets/site.css"), or BaseURL + "/" + target when the
// site has a base_url. A fragment or query on target is kept; "" means the
// home page; a target with a URL scheme ("https:", "mailto:") or starting
// with "#" or "//" is returned unchanged. A target ending in "/" stays a
// folder link, but from file:// only links to files work, so link to
// ".../index.html". When the site has an Only filter that refuses the
// target, Rel returns "" (see UnlinkOutside).
func (p *Page) Rel(target string) string {
	if isExternal(target) {
		return target
	}
	target, suffix := splitSuffix(target)
	target = strings.TrimLeft(target, "/")
	if target == "" {
		target = "index.html"
	}
	dir := strings.HasSuffix(target, "/")
	target = path.Clean(target)
	if dir && target != "." {
		target += "/"
	}
	if p.Site != nil && p.Site.Only != nil && !p.Site.Only(p.Path, target) {
		return ""
	}
	if p.Site != nil && p.Site.BaseURL != "" {
		return strings.TrimRight(p.Site.BaseURL, "/") + "/" + strings.TrimPrefix(target, "./") + suffix
	}
	return relPath(p.Path, target) + suffix
}

// Depth is the number of folders between the site root and the page.
func (p *Page) Depth() int { return strings.Count(strings.TrimLeft(p.Path, "/"), "/") }

// relPath is the relative URL from the page at site path from to the site
// path to (both slash-separated, cleaned, no leading slash). It runs for
// every link of every page, so it works on the strings without splitting
// them.
func relPath(from, to string) string {
	from = strings.TrimLeft(from, "/")
	fromDir := ""
	if i := strings.LastIndexByte(from, '/'); i >= 0 {
		fromDir = from[:i+1] // with its slash
	}
	// Skip the folders the two paths share, whole segments only.
	common := 0
	for {
		i := strings.IndexByte(fromDir[common:], '/')
		if i < 0 {
			break
		}
		seg := fromDir[common : common+i+1]
		if !strings.HasPrefix(to[min(common, len(to)):], seg) || common+len(seg) > len(to) {
			break
		}
		common += len(seg)
	}
	up := strings.Count(fromDir[common:], "/")
	rest := to[common:]
	if up == 0 {
		if rest == "" {
			return "./"
		}
		return rest
	}
	var b strings.Builder
	b.Grow(3*up + len(rest))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(rest)
	return b.String()
}

// isExternal reports whether u is not a site path: it has a URL scheme,
// is protocol-relative or is a fragment of the current page.
func isExternal(u string) bool {
	if strings.HasPrefix(u, "#") || strings.HasPrefix(u, "//") {
		return true
	}
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}

// splitSuffix separates a query or fragment from a path.
func splitSuffix(u string) (p, suffix string) {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i], u[i:]
	}
	return u, ""
}

// Navigation keys, in the order of the navigation bar.
const (
	NavHome        = "home"
	NavPeriods     = "periods"
	NavRankings    = "rankings"
	NavIndicators  = "indicators"
	NavCompare     = "compare"
	NavMethodology = "methodology"
	NavArchive     = "archive"
)

var navOrder = []string{NavHome, NavPeriods, NavRankings, NavIndicators, NavCompare, NavMethodology, NavArchive}

// NewNav builds the navigation bar (首页, 考核期, 排名, 指标, 对比, 考核办法,
// 归档) in lang from the site path of each section's page; sections without
// a path are left out.
func NewNav(lang string, paths map[string]string) []NavItem {
	var items []NavItem
	for _, key := range navOrder {
		p, ok := paths[key]
		if !ok {
			continue
		}
		items = append(items, NavItem{Key: key, Label: lookup(nil, lang, "nav."+key), Path: p})
	}
	return items
}

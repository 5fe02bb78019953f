package templates

import (
	"path"
	"strings"
)

// siteURL is the URL of the site path target as seen from the page at
// site path from: relative ("../../assets/site.css"), or baseURL + "/" +
// target when the site has a base_url. A fragment or query on target is
// kept; "" means the home page; a target with a URL scheme ("https:",
// "mailto:") or starting with "#" or "//" is returned unchanged. A target
// ending in "/" stays a folder link, but from file:// only links to files
// work, so link to ".../index.html".
func siteURL(from, target, baseURL string) string {
	if isExternal(target) {
		return target
	}
	target, suffix := splitSuffix(target)
	target = sitePath(target)
	if baseURL != "" {
		return strings.TrimRight(baseURL, "/") + "/" + strings.TrimPrefix(target, "./") + suffix
	}
	return relPath(from, target) + suffix
}

// sitePath cleans a site path: no leading slash, "" is the home page, a
// trailing slash kept.
func sitePath(target string) string {
	target = strings.TrimLeft(target, "/")
	if target == "" {
		target = "index.html"
	}
	if isClean(target) {
		return target
	}
	dir := strings.HasSuffix(target, "/")
	target = path.Clean(target)
	if dir && target != "." {
		target += "/"
	}
	return target
}

// isClean reports whether path.Clean leaves the site path p as it is
// (but for a trailing slash, which sitePath keeps): no empty, "." or ".."
// segment. The paths of the site's own pages always are.
func isClean(p string) bool {
	start := 0
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		switch seg := p[start:i]; {
		case seg == "" && i < len(p), seg == ".", seg == "..":
			return false
		}
		start = i + 1
	}
	return true
}

// relPath is the relative URL from the page at site path from to the site
// path to (both slash-separated, cleaned, no leading slash).
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
	// One allocation: every link of every page goes through here.
	var b strings.Builder
	b.Grow(3*up + len(rest))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(rest)
	return b.String()
}

// rootURL is the URL of the site's root folder from the page at from:
// "", "../", "../../" …, or the base URL with a trailing slash.
func rootURL(from, baseURL string) string {
	if baseURL != "" {
		return strings.TrimRight(baseURL, "/") + "/"
	}
	return strings.Repeat("../", strings.Count(strings.TrimLeft(from, "/"), "/"))
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

// resolve is the site path a relative URL written on the page at site
// path from points to, and false when it leaves the site.
func resolve(from, rel string) (string, bool) {
	rel, _ = splitSuffix(rel)
	if rel == "" {
		return from, true
	}
	p := path.Join(path.Dir(from), rel)
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	return p, true
}

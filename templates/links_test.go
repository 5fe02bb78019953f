package templates

import (
	"path"
	"strings"
	"testing"

	"kaoping/generator/report"
)

func TestSiteURL(t *testing.T) {
	const base = "https://intranet.example/kaoping/"
	tests := []struct {
		base, page, target, want string
	}{
		// depth 0
		{"", "index.html", "assets/site.css", "assets/site.css"},
		{"", "index.html", "index.html", "index.html"},
		{"", "index.html", "", "index.html"},
		// depth 1
		{"", "periods/2024-Q1.html", "assets/site.css", "../assets/site.css"},
		{"", "periods/2024-Q1.html", "periods/2024-Q2.html", "2024-Q2.html"},
		{"", "periods/2024-Q1.html", "", "../index.html"},
		// depth 2
		{"", "entities/st/index.html", "entities/st/basic.html#trend", "basic.html#trend"},
		{"", "entities/st/index.html", "entities/xc/index.html", "../xc/index.html"},
		// depth 3
		{"", "schemes/basic/2024-Q1/x.html", "assets/site.css", "../../../assets/site.css"},
		{"", "schemes/basic/2024-Q1/x.html", "/assets/site.js?v=1", "../../../assets/site.js?v=1"},
		{"", "schemes/basic/2024-Q1/x.html", "schemes/basic/2023-Q4/x.html", "../2023-Q4/x.html"},
		{"", "schemes/basic/2024-Q1/x.html", "schemes/basic/2024-Q1/", "./"},
		{"", "schemes/basic/2024-Q1/x.html", "schemes/", "../../"},
		// a folder whose name starts like another's is not shared
		{"", "schemes/basic2/a.html", "schemes/basic/b.html", "../basic/b.html"},
		// untouched
		{"", "a/b.html", "https://example.com/x", "https://example.com/x"},
		{"", "a/b.html", "#sec", "#sec"},
		{"", "a/b.html", "mailto:x@example.com", "mailto:x@example.com"},
		{"", "a/b.html", "//host/x", "//host/x"},
		// base_url
		{base, "schemes/basic/2024-Q1/x.html", "assets/site.css", base + "assets/site.css"},
		{base, "index.html", "", base + "index.html"},
		{base, "a/b.html", "entities/st/index.html#x", base + "entities/st/index.html#x"},
	}
	for _, tt := range tests {
		if got := siteURL(tt.page, tt.target, tt.base); got != tt.want {
			t.Errorf("siteURL(%q, %q, %q) = %q, want %q", tt.page, tt.target, tt.base, got, tt.want)
		}
	}
}

func TestRootURL(t *testing.T) {
	for from, want := range map[string]string{"index.html": "", "a/b.html": "../", "a/b/c.html": "../../"} {
		if got := rootURL(from, ""); got != want {
			t.Errorf("rootURL(%q) = %q, want %q", from, got, want)
		}
	}
	if got := rootURL("a/b.html", "https://x/y"); got != "https://x/y/" {
		t.Errorf("rootURL with base = %q", got)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		from, rel, want string
		ok              bool
	}{
		{"periods/2024-Q1.html", "2024-Q2.html", "periods/2024-Q2.html", true},
		{"periods/2024-Q1.html", "../entities/st.html#x", "entities/st.html", true},
		{"periods/2024-Q1.html", "../../etc/passwd", "", false},
		{"index.html", "?q=1", "index.html", true},
	}
	for _, tt := range tests {
		got, ok := resolve(tt.from, tt.rel)
		if got != tt.want || ok != tt.ok {
			t.Errorf("resolve(%q, %q) = %q, %v; want %q, %v", tt.from, tt.rel, got, ok, tt.want, tt.ok)
		}
	}
}

// TestHrefInBundle: in a bundle, a link to a site path the bundle does
// not hold is no link (the component shows text), whatever its query or
// fragment; a held one, a fragment and another host's URL stay links; and
// the site's base_url is not used (Render drops it for bundles).
func TestHrefInBundle(t *testing.T) {
	env := &Env{Bundle: &Bundle{Holds: func(p string) bool { return p == "schemes/basic/2026-03.html" || p == "index.html" }, Note: "n"}}
	pe := &pageEnv{Env: env, page: &report.Page{Path: "schemes/basic/2026-03/zz-st.html"}, lang: "zh-CN"}
	for _, tc := range []struct {
		target, want string
		ok           bool
	}{
		{"schemes/basic/2026-03.html#g1", "../2026-03.html#g1", true},
		{"", "../../../index.html", true},
		{"schemes/basic/2026-02.html", "", false},
		{"schemes/basic/2026-02.html?x=1#y", "", false},
		{"entities/zz-st.html", "", false},
		{"#top", "#top", true},
		{"https://www.spp.gov.cn/", "https://www.spp.gov.cn/", true},
	} {
		u, ok := pe.href(tc.target)
		if string(u) != tc.want || ok != tc.ok {
			t.Errorf("href(%q) = %q, %v; want %q, %v", tc.target, u, ok, tc.want, tc.ok)
		}
	}
	// On the site, everything is a link.
	pe.Env = &Env{}
	if u, ok := pe.href("entities/zz-st.html"); !ok || u != "../../../entities/zz-st.html" {
		t.Errorf("site href = %q, %v", u, ok)
	}
}

// TestIsClean: isClean may say "not clean" of a path path.Clean leaves
// alone (sitePath then cleans it anyway), but never "clean" of one it
// would change; the site's own paths are clean.
func TestIsClean(t *testing.T) {
	for _, p := range []string{"a/b.html", "a//b.html", "a/./b.html", "a/../b.html", "./a", "../a", "a/.", "a/..", "a/b/", ".", "..", "a/.b/c..d.html", "index.html", "/a"} {
		if isClean(p) && path.Clean(p) != strings.TrimSuffix(p, "/") {
			t.Errorf("isClean(%q) = true, but path.Clean gives %q", p, path.Clean(p))
		}
	}
	for _, p := range []string{"index.html", "schemes/basic/2024-Q1/zz-st.html", "assets/site.css", "schemes/", "a/.b/c..d.html"} {
		if !isClean(p) {
			t.Errorf("isClean(%q) = false, want true", p)
		}
	}
}

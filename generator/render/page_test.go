package render

import "testing"

func TestRel(t *testing.T) {
	site := &Site{Title: "t"}
	withBase := &Site{Title: "t", BaseURL: "https://intranet.example/kaoping/"}
	tests := []struct {
		site   *Site
		page   string
		target string
		want   string
	}{
		// depth 0
		{site, "index.html", "assets/site.css", "assets/site.css"},
		{site, "index.html", "index.html", "index.html"},
		{site, "index.html", "", "index.html"},
		// depth 1
		{site, "periods/2024-Q1.html", "assets/site.css", "../assets/site.css"},
		{site, "periods/2024-Q1.html", "periods/2024-Q2.html", "2024-Q2.html"},
		{site, "periods/2024-Q1.html", "", "../index.html"},
		// depth 2
		{site, "entities/st/index.html", "entities/st/basic.html#trend", "basic.html#trend"},
		{site, "entities/st/index.html", "entities/xc/index.html", "../xc/index.html"},
		// depth 3
		{site, "schemes/basic/2024-Q1/ranking.html", "assets/site.css", "../../../assets/site.css"},
		{site, "schemes/basic/2024-Q1/ranking.html", "/assets/site.js?v=1", "../../../assets/site.js?v=1"},
		{site, "schemes/basic/2024-Q1/ranking.html", "schemes/basic/2023-Q4/ranking.html", "../2023-Q4/ranking.html"},
		{site, "schemes/basic/2024-Q1/ranking.html", "schemes/basic/2024-Q1/", "./"},
		{site, "schemes/basic/2024-Q1/ranking.html", "schemes/", "../../"},
		// untouched
		{site, "a/b.html", "https://example.com/x", "https://example.com/x"},
		{site, "a/b.html", "#sec", "#sec"},
		{site, "a/b.html", "mailto:x@example.com", "mailto:x@example.com"},
		// base_url
		{withBase, "schemes/basic/2024-Q1/ranking.html", "assets/site.css", "https://intranet.example/kaoping/assets/site.css"},
		{withBase, "index.html", "", "https://intranet.example/kaoping/index.html"},
		{withBase, "a/b.html", "entities/st/index.html#x", "https://intranet.example/kaoping/entities/st/index.html#x"},
	}
	for _, tt := range tests {
		p := &Page{Site: tt.site, Path: tt.page}
		if got := p.Rel(tt.target); got != tt.want {
			t.Errorf("Page{%q}.Rel(%q) = %q, want %q", tt.page, tt.target, got, tt.want)
		}
	}
}

func TestDepthAndLang(t *testing.T) {
	p := &Page{Site: &Site{Lang: "en"}, Path: "schemes/basic/2024-Q1/ranking.html"}
	if p.Depth() != 3 || p.Lang() != "en" {
		t.Errorf("Depth, Lang = %d, %q; want 3, en", p.Depth(), p.Lang())
	}
	if l := (&Page{Site: &Site{}}).Lang(); l != "zh-CN" {
		t.Errorf("default Lang = %q, want zh-CN", l)
	}
}

func TestNewNav(t *testing.T) {
	nav := NewNav("zh-CN", map[string]string{NavArchive: "archive.html", NavHome: "index.html", NavRankings: "rankings.html"})
	want := []NavItem{{NavHome, "首页", "index.html"}, {NavRankings, "排名", "rankings.html"}, {NavArchive, "归档", "archive.html"}}
	if len(nav) != len(want) {
		t.Fatalf("NewNav = %v, want %v", nav, want)
	}
	for i := range want {
		if nav[i] != want[i] {
			t.Errorf("nav[%d] = %v, want %v", i, nav[i], want[i])
		}
	}
	if en := NewNav("en", map[string]string{NavMethodology: "m.html"}); en[0].Label != "Methodology" {
		t.Errorf("English label = %q", en[0].Label)
	}
}

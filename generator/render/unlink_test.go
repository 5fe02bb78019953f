package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

func TestRelOnly(t *testing.T) {
	// The bundle of 2024-Q1 holds its period page and the assets; a page
	// of no period (the methodology) links only to the assets.
	only := func(from, to string) bool {
		if strings.HasPrefix(to, "assets/") {
			return true
		}
		return strings.Contains(from, "2024-Q1") && strings.Contains(to, "2024-Q1")
	}
	site := &Site{Title: "t", Only: only, BaseURL: ""}
	tests := []struct{ page, target, want string }{
		{"schemes/basic/2024-Q1.html", "periods/2024-Q1.html", "../../periods/2024-Q1.html"},
		{"schemes/basic/2024-Q1.html", "periods/2024-Q2.html", ""},
		{"schemes/basic/2024-Q1.html", "periods/2024-Q2.html#note", ""},
		{"schemes/basic/2024-Q1.html", "/assets/site.css", "../../assets/site.css"},
		{"methods/basic.html", "periods/2024-Q1.html", ""},
		{"methods/basic.html", "https://example.org/", "https://example.org/"}, // not a site path
		{"methods/basic.html", "#top", "#top"},
	}
	for _, tt := range tests {
		p := &Page{Site: site, Path: tt.page}
		if got := p.Rel(tt.target); got != tt.want {
			t.Errorf("Rel(%q) from %s = %q, want %q", tt.target, tt.page, got, tt.want)
		}
	}
}

func TestUnlinkOutsideEmpty(t *testing.T) {
	const note = `不在本包中 "x"`
	span := `<span class="not-in-bundle" title="不在本包中 &#34;x&#34;">`
	tests := []struct{ name, in, want string }{
		{"no empty link", `<a href="a.html">A</a> <abbr>x</abbr>`, `<a href="a.html">A</a> <abbr>x</abbr>`},
		{"one", `<p><a href="">Old</a> and <a href="b.html">B</a></p>`, `<p>` + span + `Old</span> and <a href="b.html">B</a></p>`},
		{"attributes dropped", `<a class="rank-step" rel="prev" href="">← 上一期</a>`, span + `← 上一期</span>`},
		{"aria-current", `<li><a href="" aria-current="page">首页</a></li>`, `<li>` + span + `首页</span></li>`},
		{"inner markup", `<a href=""><strong>甲</strong> 1</a><a href="c.html">C</a>`, span + `<strong>甲</strong> 1</span><a href="c.html">C</a>`},
		{"two in a row", `<a href="">1</a><a href="">2</a>`, span + `1</span>` + span + `2</span>`},
		{"not a link tag", `<abbr href="">x</abbr><area href="">`, `<abbr href="">x</abbr><area href="">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(UnlinkOutside([]byte(tt.in), "periods/2024-Q1.html", nil, note)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestUnlinkOutsideRelative: with a set of kept paths, relative links
// that resolve outside it are turned into text too (a note's own links).
func TestUnlinkOutsideRelative(t *testing.T) {
	keep := func(p string) bool { return p == "periods/2024-Q1.html" || p == "index.html" || p == "assets/site.css" }
	const from = "schemes/basic/2024-Q1.html"
	span := `<span class="not-in-bundle" title="n">`
	tests := []struct{ in, want string }{
		{`<a href="../../periods/2024-Q1.html#note">ok</a>`, `<a href="../../periods/2024-Q1.html#note">ok</a>`},
		{`<a href="../../index.html">home</a>`, `<a href="../../index.html">home</a>`},
		{`<a href="../../periods/2024-Q2.html">Q2</a>`, span + `Q2</span>`},
		{`<a href="2024-Q1/zz-st.html">sheet</a>`, span + `sheet</span>`},
		{`<a href="../../../../etc/x.html">up</a>`, span + `up</span>`},
		{`<a href="/intranet/x.html">abs</a>`, span + `abs</span>`},
		{`<a href="https://example.org/x">web</a>`, `<a href="https://example.org/x">web</a>`},
		{`<a href="#top">top</a>`, `<a href="#top">top</a>`},
		{`<a href="">empty</a>`, span + `empty</span>`},
		{`<a class="x" href="../../periods/2024-Q1.html?a=1&amp;b=2">q</a>`, `<a class="x" href="../../periods/2024-Q1.html?a=1&amp;b=2">q</a>`},
	}
	for _, tt := range tests {
		if got := string(UnlinkOutside([]byte(tt.in), from, keep, "n")); got != tt.want {
			t.Errorf("%s\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
}

// TestUnlinkTemplateOutput runs the rewrite on what html/template writes
// for an empty URL, so that a change of html/template's output is caught.
func TestUnlinkTemplateOutput(t *testing.T) {
	tpl := template.Must(template.New("x").Parse(`<a href="{{.}}" title="t">名称</a>`))
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, ""); err != nil {
		t.Fatal(err)
	}
	got := string(UnlinkOutside(buf.Bytes(), "index.html", nil, "n"))
	if got != `<span class="not-in-bundle" title="n">名称</span>` {
		t.Errorf("html/template wrote %s; rewritten to %s", buf.String(), got)
	}
}

func TestWriterRecord(t *testing.T) {
	dir := t.TempDir()
	got := map[string][32]byte{}
	w := &Writer{Dir: dir, Record: func(name string, sum [32]byte) { got[name] = sum }}
	if err := w.WriteFile("data/a.txt", []byte("abc")); err != nil {
		t.Fatal(err)
	}
	// sha256("abc") begins ba7816bf (FIPS 180-2, appendix B.1).
	if s, ok := got["data/a.txt"]; !ok || s[0] != 0xba || s[1] != 0x78 || s[2] != 0x16 || s[3] != 0xbf {
		t.Errorf("recorded %x for data/a.txt (recorded: %v)", s, ok)
	}
}

// TestLocalizer: with a base URL, the links Page.Rel wrote through it
// become the relative links it writes without one, then the links leaving
// the part become text.
func TestLocalizer(t *testing.T) {
	keep := func(p string) bool {
		return strings.HasPrefix(p, "assets/") || strings.Contains(p, "2024-Q1") || p == "index.html"
	}
	const from = "schemes/basic/2024-Q1/zz-st.html"
	span := `<span class="not-in-bundle" title="n">`
	tpl := template.Must(template.New("x").Parse(`<link href="{{.Page.Rel "assets/site.css"}}">` +
		`<a href="{{.Page.Rel "schemes/basic/2024-Q1.html#top"}}">R</a>` +
		`<a class="x"
   href="{{.Page.Rel "periods/2024-Q2.html"}}">Q2</a>` +
		`<script src="{{.Page.Rel "assets/site.js"}}"></script>` +
		`<a href="{{.Page.Rel ""}}">home</a>` +
		`<p>{{.Text}}</p><a href="https://example.org/x">web</a>`))
	run := func(base string) []byte {
		var buf bytes.Buffer
		page := &Page{Site: &Site{BaseURL: base}, Path: from}
		if err := tpl.Execute(&buf, map[string]any{"Page": page, "Text": `href="` + base + `/assets/x"`}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	plain := run("")
	want := `<link href="../../../assets/site.css"><a href="../2024-Q1.html#top">R</a>` + span + `Q2</span>` +
		`<script src="../../../assets/site.js"></script><a href="../../../index.html">home</a>` +
		`<p>href=&#34;/assets/x&#34;</p><a href="https://example.org/x">web</a>`
	if got := string(NewLocalizer("", "n").Append(nil, plain, from, keep)); got != want {
		t.Errorf("without a base URL:\n got  %s\n want %s", got, want)
	}
	for _, base := range []string{"https://kp.example.org/site", "https://kp.example.org/site/", "/site", "https://例子.cn/考评?a=1&b=2"} {
		page := run(base)
		if bytes.Equal(page, plain) {
			t.Fatalf("%s: the template did not use the base URL: %s", base, page)
		}
		got := string(NewLocalizer(base, "n").Append(nil, page, from, keep))
		text := template.HTMLEscapeString(`href="` + base + `/assets/x"`) // text, not a link: left as it is
		if w := strings.Replace(want, `href=&#34;/assets/x&#34;`, text, 1); got != w {
			t.Errorf("base %s:\n got  %s\n want %s", base, got, w)
		}
	}
	// An unsafe base URL makes every link "#ZgotmplZ": nothing to rebase.
	if l := NewLocalizer("javascript:alert(1)", "n"); l.prefix != nil {
		t.Errorf("prefix %q for an unsafe base URL", l.prefix)
	}
}

package templates

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"kaoping/generator/report"
)

// renderMarkdown places src on the page at site path from, in a bundle
// holding the site paths held when held is not nil.
func renderMarkdown(t *testing.T, src, from string, held []string) string {
	t.Helper()
	return renderMarkdownFor(t, "", src, from, "", held)
}

// renderMarkdownFor is renderMarkdown of Markdown written for the page at
// base, on a site with baseURL.
func renderMarkdownFor(t *testing.T, base, src, from, baseURL string, held []string) string {
	t.Helper()
	env := &Env{}
	if held != nil {
		env.Bundle = &Bundle{Holds: func(p string) bool { return strings.Contains(" "+strings.Join(held, " ")+" ", " "+p+" ") }, Note: "不在本包"}
	}
	ctx := context.WithValue(context.Background(), envKey{}, &pageEnv{Env: env, page: &report.Page{Path: from}, lang: "zh-CN", baseURL: baseURL})
	var buf bytes.Buffer
	if err := writeMarkdown(ctx, &buf, base, src); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		// Heading ids keep Chinese (goldmark's default drops it), repeats
		// are numbered, an id of nothing is "heading".
		{"chinese heading ids", "# 一、办案质量\n\n## 案件比 Case Ratio\n\n## 一、办案质量\n\n## !!!\n",
			[]string{`<h1 id="一办案质量">`, `<h2 id="案件比-case-ratio">`, `<h2 id="一办案质量-1">`, `<h2 id="heading">`}, nil},
		{"raw html off", "说明 <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">块</div>\n",
			[]string{"<!-- raw HTML omitted -->"}, []string{"<script", "<img", "onerror", "onclick", "<div"}},
		{"javascript link dropped", "[点我](javascript:alert(1)) [也点我](JavaScript:alert(2)) [数据](data:text/html;base64,PHNjcmlwdD4=)",
			[]string{`<a href="">点我</a>`, `<a href="">也点我</a>`}, []string{"javascript:", "JavaScript:", "data:text/html"}},
		{"remote image becomes link", "![图表](https://example.com/x.png \"t\") ![](//cdn.example.com/y.png)",
			[]string{`<a href="https://example.com/x.png" title="t">图表</a>`, `<a href="//cdn.example.com/y.png">//cdn.example.com/y.png</a>`},
			[]string{"<img"}},
		{"relative image kept", "![徽标](../assets/logo.png)", []string{`<img src="../assets/logo.png" alt="徽标">`}, nil},
		{"gfm", "| 单位 | 得分 |\n| --- | ---: |\n| 甲 | 1 |\n\n~~删除~~ https://example.com\n\n- [x] 已完成\n",
			[]string{"<table>", `<td style="text-align:right">1</td>`, "<del>删除</del>", `<a href="https://example.com">https://example.com</a>`, `checked="" disabled="" type="checkbox"`}, nil},
		// CJK: a line break between Chinese characters is no space.
		{"cjk line break", "第一行\n第二行", []string{"第一行第二行"}, nil},
		{"escaped text", "A & B < C > D \"E\"", []string{"A &amp; B &lt; C &gt; D &quot;E&quot;"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderMarkdown(t, tt.src, "periods/2026-03.html", nil)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %s:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output contains %s:\n%s", w, out)
				}
			}
		})
	}
}

// TestMarkdownInBundle: in a period's bundle, a note's relative link to a
// page the bundle does not hold becomes its text (formatting kept), a
// link that climbs out of the site too; links to pages it holds,
// fragments and links to other hosts stay links. On the site every link
// stays.
func TestMarkdownInBundle(t *testing.T) {
	const src = "[上月](2026-02.html) [**本月排名**](../schemes/basic/2026-03.html) [通报](2026-03.html#note) " +
		"[本节](#note) [最高检](https://www.spp.gov.cn/) [外面](../../x.html) [档案](../entities/zz-st.html?x=1)"
	held := []string{"periods/2026-03.html", "schemes/basic/2026-03.html"}
	bundle := renderMarkdown(t, src, "periods/2026-03.html", held)
	for _, want := range []string{
		"<p>上月 ",
		`<a href="../schemes/basic/2026-03.html"><strong>本月排名</strong></a>`,
		`<a href="2026-03.html#note">通报</a>`,
		`<a href="#note">本节</a>`,
		`<a href="https://www.spp.gov.cn/">最高检</a>`,
		" 外面 ", " 档案</p>",
	} {
		if !strings.Contains(bundle, want) {
			t.Errorf("bundle: output lacks %s:\n%s", want, bundle)
		}
	}
	for _, bad := range []string{"2026-02.html", "x.html", "zz-st.html"} {
		if strings.Contains(bundle, bad) {
			t.Errorf("bundle: output still links %s:\n%s", bad, bundle)
		}
	}
	site := renderMarkdown(t, src, "periods/2026-03.html", nil)
	if n := strings.Count(site, "<a href="); n != 7 {
		t.Errorf("site: %d links, want all 7:\n%s", n, site)
	}
}

// TestMarkdownRebase: Markdown written for one page (a note, for its
// period page) keeps its relative links and images on another (the home
// page shows the note's beginning): they reach the same site paths.
// Fragments, other hosts and targets outside the site are left alone.
func TestMarkdownRebase(t *testing.T) {
	const src = "[上月](2026-02.html) [排名](../schemes/basic/2026-03.html#g1) [本节](#note) [最高检](https://www.spp.gov.cn/) " +
		"[外面](../../x.html) ![徽标](../assets/logo.png)"
	for _, tc := range []struct {
		name, from, baseURL string
		want                []string
	}{
		{"same page", "periods/2026-03.html", "", []string{`href="2026-02.html"`, `href="../schemes/basic/2026-03.html#g1"`, `href="#note"`, `src="../assets/logo.png"`}},
		{"home", "index.html", "", []string{`href="periods/2026-02.html"`, `href="schemes/basic/2026-03.html#g1"`, `href="#note"`, `src="assets/logo.png"`}},
		{"deeper", "schemes/basic/2026-03/zz-st.html", "", []string{`href="../../../periods/2026-02.html"`, `href="../2026-03.html#g1"`, `src="../../../assets/logo.png"`}},
		{"base_url", "index.html", "https://kp.example/", []string{`href="https://kp.example/periods/2026-02.html"`, `href="https://kp.example/schemes/basic/2026-03.html#g1"`}},
	} {
		out := renderMarkdownFor(t, "periods/2026-03.html", src, tc.from, tc.baseURL, nil)
		for _, w := range append(tc.want, `href="https://www.spp.gov.cn/"`, `href="../../x.html"`) {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %s:\n%s", tc.name, w, out)
			}
		}
	}
}

package render

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"chinese heading ids", "# 一、办案质量\n\n## 案件比 Case Ratio\n\n## 一、办案质量\n\n## !!!\n",
			[]string{`<h1 id="一办案质量">`, `<h2 id="案件比-case-ratio">`, `<h2 id="一办案质量-1">`, `<h2 id="heading">`}, nil},
		{"raw html off", "说明 <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">块</div>\n",
			[]string{"<!-- raw HTML omitted -->"}, []string{"<script", "<img", "onerror", "onclick", "<div"}},
		{"javascript link dropped", "[点我](javascript:alert(1))", []string{`<a href="">点我</a>`}, []string{"javascript:"}},
		{"remote image becomes link", "![图表](https://example.com/x.png \"t\") ![](//cdn.example.com/y.png)",
			[]string{`<a href="https://example.com/x.png" title="t">图表</a>`, `<a href="//cdn.example.com/y.png">//cdn.example.com/y.png</a>`},
			[]string{"<img"}},
		{"relative image kept", "![徽标](../assets/logo.png)", []string{`<img src="../assets/logo.png" alt="徽标">`}, nil},
		{"gfm", "| 单位 | 得分 |\n| --- | ---: |\n| 甲 | 1 |\n\n~~删除~~ https://example.com\n\n- [x] 已完成\n",
			[]string{"<table>", `<td style="text-align:right">1</td>`, "<del>删除</del>", `<a href="https://example.com">https://example.com</a>`, `checked="" disabled="" type="checkbox"`}, nil},
		{"cjk line break", "第一行\n第二行", []string{"第一行第二行"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(r.Markdown(tt.src))
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

package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"kaoping/generator/diag"
)

// testPage is a page template used by the tests: it exercises the layout,
// text escaping, number formatting, a chart and Markdown.
const testPage = `{{define "main"}}<h1>{{.Name}}</h1>
<p class="rate">{{num .Rate "percent" 1}}</p>
<p class="change">{{rankchange .Change}}</p>
{{chart .Chart}}
<div class="markdown">{{markdown .Note}}</div>
{{end}}`

type testData struct {
	Page   *Page
	Name   string
	Rate   *float64
	Change *int
	Chart  *Chart
	Note   string
}

// newTestRenderer writes files into a site templates folder and loads it.
func newTestRenderer(t *testing.T, files map[string]string) (*Renderer, error) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return New(Options{Dir: dir})
}

func testSite() *Site {
	return &Site{
		Title:    "枣庄市检察机关业绩考评",
		Subtitle: "2024年",
		Nav:      NewNav("zh-CN", map[string]string{NavHome: "index.html", NavRankings: "rankings.html", NavArchive: "archive.html"}),
	}
}

const evil = `</script><script>alert(1)</script>`

func TestExecuteEscapesEverything(t *testing.T) {
	r, err := newTestRenderer(t, map[string]string{"test.html": testPage})
	if err != nil {
		t.Fatal(err)
	}
	chart, err := BarReference(Spec{Title: "案件比 " + evil, Format: "ratio", Decimals: 2},
		[]string{"山亭区" + evil, "市中区\u2028"}, []float64{1.2, 1.5}, 1.35, "平均值")
	if err != nil {
		t.Fatal(err)
	}
	rate := 0.1234
	change := 2
	page := &Page{Site: testSite(), Path: "schemes/basic/2024-Q1/ranking.html", Title: "排名" + evil, Section: NavRankings,
		Crumbs: []Crumb{{"首页", "index.html"}, {"排名", ""}}, PrintHeader: "基层院业绩考评 · 2024年第一季度"}
	var buf bytes.Buffer
	err = r.Execute(&buf, "test.html", testData{Page: page, Name: evil, Rate: &rate, Change: &change, Chart: chart,
		Note: "# 说明\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n"})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()

	// Exactly two script elements: the chart's JSON and assets/site.js.
	if n := strings.Count(strings.ToLower(out), "<script"); n != 2 {
		t.Errorf("found %d <script elements, want 2:\n%s", n, out)
	}
	for _, bad := range []string{"<script>alert", "onerror=", "<img"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	// The chart's JSON is intact and still holds the name, as data.
	m := regexp.MustCompile(`<script type="application/json" id="(c[0-9a-f]{12})-option">(.*?)</script>`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no chart JSON in output:\n%s", out)
	}
	if m[1] != chart.ID() {
		t.Errorf("chart JSON id %s, want %s", m[1], chart.ID())
	}
	if strings.ContainsAny(m[2], "<>&\u2028\u2029") {
		t.Errorf("chart JSON holds a raw <, >, &, U+2028 or U+2029: %s", m[2])
	}
	var opt map[string]any
	if err := json.Unmarshal([]byte(m[2]), &opt); err != nil {
		t.Fatalf("chart JSON does not parse: %v\n%s", err, m[2])
	}
	if !strings.Contains(m[2], `山亭区\u003c/script\u003e`) {
		t.Errorf("name not HTML-escaped in JSON: %s", m[2])
	}
	for _, want := range []string{
		`<html lang="zh-CN">`,
		`<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>`,
		`href="../../../assets/site.css"`,
		`<script src="../../../assets/site.js"></script>`,
		`<a href="../../../rankings.html" aria-current="page">排名</a>`,
		`<li aria-current="page">排名</li>`,
		`<p class="rate">12.3%</p>`,
		`<p class="change">↑2</p>`,
		`class="print-header">基层院业绩考评 · 2024年第一季度<`,
		`role="img" aria-label="案件比 &lt;/script&gt;`,
		`style="height:200px"`, // max(200, 80 + 26·2 bars)
		`<th scope="row">山亭区&lt;/script&gt;`,
		`<td class="num">1:1.20</td>`,
		`<h1 id="说明">说明</h1>`,
		`<!-- raw HTML omitted -->`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestExecuteConcurrent(t *testing.T) {
	r, err := newTestRenderer(t, map[string]string{"test.html": testPage})
	if err != nil {
		t.Fatal(err)
	}
	render := func(i int) string {
		v := float64(i) / 100
		var buf bytes.Buffer
		p := &Page{Site: testSite(), Path: "a/b.html"}
		if err := r.Execute(&buf, "test.html", testData{Page: p, Name: "n", Rate: &v}); err != nil {
			t.Error(err)
		}
		return buf.String()
	}
	want := make([]string, 16)
	for i := range want {
		want[i] = render(i)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := render(i); got != want[i] {
				t.Errorf("parallel render %d differs", i)
			}
		}()
	}
	wg.Wait()
}

func TestOverrideBuiltin(t *testing.T) {
	r, err := newTestRenderer(t, map[string]string{
		"test.html":            testPage,
		"partials/footer.html": `<footer>本院自定义页脚 {{.Page.Site.Title}}</footer>`,
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Execute(&buf, "test.html", testData{Page: &Page{Site: testSite(), Path: "index.html"}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "<footer>本院自定义页脚 枣庄市检察机关业绩考评</footer>") {
		t.Errorf("site footer not used:\n%s", out)
	}
	if strings.Contains(out, "Apache ECharts") {
		t.Errorf("built-in footer still rendered")
	}
	// The layout itself can be overridden too.
	r, err = newTestRenderer(t, map[string]string{"test.html": testPage, "base.html": `<!DOCTYPE html><body>{{template "main" .}}</body>`})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := r.Execute(&buf, "test.html", testData{Page: &Page{Site: testSite()}, Name: "x"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "<!DOCTYPE html><body><h1>x</h1>") {
		t.Errorf("site layout not used: %s", buf.String())
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []diag.Pos
	}{
		{"page syntax", map[string]string{"bad.html": "{{define \"main\"}}\n<p>\n{{.Name</p>\n{{end}}"},
			[]diag.Pos{{File: "templates/bad.html", Line: 3}}},
		{"unknown function", map[string]string{"partials/nav.html": "<nav>\n{{nosuch .}}</nav>"},
			[]diag.Pos{{File: "templates/partials/nav.html", Line: 2}}},
		{"two bad pages listed", map[string]string{"a.html": "{{if}}", "b.html": "\n\n{{end}}"},
			[]diag.Pos{{File: "templates/a.html", Line: 1}, {File: "templates/b.html", Line: 3}}},
		{"unsafe context", map[string]string{"c.html": "{{define \"main\"}}\n<a href=\"{{.Page.Path}}\n{{end}}"},
			[]diag.Pos{{File: "templates/c.html"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newTestRenderer(t, tt.files)
			var le *diag.ListError
			if !errors.As(err, &le) {
				t.Fatalf("error = %v, want a *diag.ListError", err)
			}
			if len(le.List) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(le.List), len(tt.want), err)
			}
			for i, w := range tt.want {
				got := le.List[i].Pos
				if got.File != w.File || (w.Line > 0 && got.Line != w.Line) {
					t.Errorf("problem %d at %+v, want %+v (%s)", i, got, w, le.List[i].EN)
				}
				if le.List[i].ZH == "" || le.List[i].EN == "" {
					t.Errorf("problem %d lacks a message in both languages", i)
				}
			}
		})
	}
}

func TestUnknownPageAndMessage(t *testing.T) {
	r, err := newTestRenderer(t, map[string]string{"t.html": `{{t "no.such.key"}}`})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Execute(&bytes.Buffer{}, "nosuch.html", nil); err == nil {
		t.Error("unknown page: no error")
	}
	var buf bytes.Buffer
	err = r.Execute(&buf, "t.html", nil)
	if err == nil || !strings.Contains(err.Error(), "no.such.key") {
		t.Errorf("unknown UI string: error %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("failed page wrote %q", buf.String())
	}
}

func TestFuncs(t *testing.T) {
	r, err := New(Options{Lang: "en", Messages: map[string]Message{"x.hello": {"你好 %s", "hello %s"}}})
	if err != nil {
		t.Fatal(err)
	}
	fm := r.funcMap()
	call := func(name string, args ...any) any {
		t.Helper()
		out, err := callFunc(fm[name], args...)
		if err != nil {
			t.Fatalf("%s%v: %v", name, args, err)
		}
		return out
	}
	f := 12.345
	var nilF *float64
	one := -1
	tests := []struct {
		got, want any
	}{
		{call("num", &f, "days", 1), "12.3 days"},
		{call("num", nilF, "number", 2), "—"},
		{call("num", nil, "number", 2), "—"},
		{call("num", 3, "number", 0), "3"},
		{call("num", math.NaN(), "percent", 1), "—"},
		{call("wan", 12345), "12.3k"},
		{call("rankchange", &one), "↓1"},
		{call("rankchange", nil), "new"},
		{call("signed", 0.5, 1), "+0.5"},
		{call("points", 9.999), "10.00"},
		{call("tf", "x.hello", "kaoping"), "hello kaoping"},
		{call("t", "nav.home"), "Home"},
		{call("missing", nilF), true},
		{call("missing", 0.0), false},
		{call("signclass", -2), "neg"},
		{call("better", 2.0, -1.0), "bad"},
		{call("better", -2.0, -1.0), "good"},
		{call("add", 1, 2), 3},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %v, want %v", i, tt.got, tt.want)
		}
	}
	if _, err := callFunc(fm["num"], "12", "number", 2); err == nil {
		t.Error("num of a string: no error")
	}
}

package render

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSamplePage renders a ranking-like page with every kind of chart, as
// a whole site folder (assets included), and checks that each chart has a
// distinct id and its option. Set KP_SAMPLE_DIR to keep the output and
// open it in a browser: schemes/basic/2024-Q1/ranking.html.
func TestSamplePage(t *testing.T) {
	dir := os.Getenv("KP_SAMPLE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	page := `{{define "main"}}<h1>{{.Page.Title}}</h1>
<div class="markdown">{{markdown .Note}}</div>
<div class="table-wrap"><table><caption>公示表</caption><thead><tr><th>{{t "col.rank"}}</th><th>{{t "col.rank_change"}}</th><th>{{t "col.name"}}</th><th>{{t "col.total"}}</th><th>结案率</th></tr></thead><tbody>
{{range $i, $n := .Names}}<tr><td class="num">{{add $i 1}}</td><td class="center">{{rankchange (index $.Changes $i)}}</td><th scope="row">{{$n}}</th><td class="num">{{points (index $.Totals $i)}}</td><td class="num">{{num (index $.Rates $i) "percent" 1}}</td></tr>
{{end}}</tbody></table></div>
<div class="charts-grid">{{range .Charts}}{{chart .}}{{end}}</div>
{{end}}`
	r, err := newTestRenderer(t, map[string]string{"sample.html": page})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"市中区人民检察院", "薛城区人民检察院", "峄城区人民检察院", "台儿庄区人民检察院", "山亭区人民检察院</script><b>x", "滕州市人民检察院"}
	rates := []float64{0.934, 0.912, 0.887, math.NaN(), 0.95, 0.901}
	totals := []float64{101.23, 99.5, 97.25, 95, 94.1, 90}
	one, two, m1 := 1, 2, -1
	changes := []*int{&one, nil, &m1, &two, nil, &m1}
	c1, err := BarReference(Spec{Title: "结案率（对照平均值）", Format: "percent", Decimals: 1, Corner: "单位"}, names, rates, 0.917, "平均值")
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := StackedBars(Spec{Title: "类别得分", Format: "number", Decimals: 2}, names, []Series{{Name: "办案质量", Values: []float64{45, 44, 43, 40, 41, 39}}, {Name: "办案效率", Values: []float64{30, 29, 28, 30, 27, 26}}, {Name: "办案效果", Values: []float64{26.23, 26.5, 26.25, 25, 26.1, 25}}})
	c3, _ := RankLines(Spec{Title: "名次走势"}, []string{"2023年第三季度", "2023年第四季度", "2024年第一季度"}, []Series{{Name: "市中区", Values: []float64{3, 2, 1}}, {Name: "薛城区", Values: []float64{1, 1, 2}}})
	c4, _ := Heatmap(Spec{Title: "受理案件数", Format: "number", Decimals: 0}, names[:4], []string{"2023-Q3", "2023-Q4", "2024-Q1"}, [][]float64{{12000, 13500, 15000}, {8000, math.NaN(), 9000}, {5000, 5200, 5400}, {3000, 3100, 26000}})
	c5, _ := Radar(Spec{Title: "类别得分率", Format: "number", Decimals: 1}, []RadarAxis{{"办案质量", 100}, {"办案效率", 100}, {"办案效果", 100}, {"队伍建设", 100}}, []Series{{Name: "市中区", Values: []float64{90, 85, 95, 80}}, {Name: "全市平均", Values: []float64{85, 80, 88, 82}, Dashed: true}})
	c6, _ := GroupedBars(Spec{Title: "受理案件数（同比）", Format: "number", Decimals: 0}, names, []Series{{Name: "2023年", Values: []float64{12000, 9000, 5000, 3000, 4000, 20000}}, {Name: "2024年", Values: []float64{15000, 9500, 5400, 3100, 4200, 23000}}})
	site := testSite()
	site.Nav = NewNav("zh-CN", map[string]string{NavHome: "index.html", NavPeriods: "periods/index.html", NavRankings: "rankings.html", NavIndicators: "indicators/index.html", NavCompare: "compare.html", NavMethodology: "methodology.html", NavArchive: "archive.html"})
	p := &Page{Site: site, Path: "schemes/basic/2024-Q1/ranking.html", Title: "基层院业绩考评 · 2024年第一季度 · 公示表", Section: NavRankings,
		Crumbs: []Crumb{{"首页", "index.html"}, {"2024年第一季度", "periods/2024-Q1.html"}, {"公示表", ""}}, PrintHeader: "基层院业绩考评 · 2024年第一季度"}
	w := &Writer{Dir: dir}
	if _, err := r.CopyAssets(w); err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Page": p, "Names": names, "Rates": rates, "Totals": totals, "Changes": changes,
		"Charts": []*Chart{c1, c2, c3, c4, c5, c6}, "Note": "## 本期说明\n\n本季度全市**结案率**同比上升。<script>alert(1)</script>\n\n![外部图片](https://example.com/x.png)"}
	if err := w.Page(r, p.Path, "sample.html", data); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	ids := map[string]bool{}
	for _, c := range data["Charts"].([]*Chart) {
		ids[c.ID()] = true
		if !strings.Contains(out, `data-chart="`+c.ID()+`-option"`) || !strings.Contains(out, `<script type="application/json" id="`+c.ID()+`-option">`) {
			t.Errorf("chart %s (%s) not placed with its option", c.ID(), c.Title)
		}
	}
	if len(ids) != 6 {
		t.Errorf("%d distinct chart ids, want 6", len(ids))
	}
	if _, err := os.Stat(filepath.Join(dir, "assets", "echarts.min.js")); err != nil {
		t.Error(err)
	}
}

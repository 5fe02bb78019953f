package render

import (
	"bytes"
	"html/template"
	"math"
	"testing"
)

// chartTemplate is how charts were placed before chartHTML wrote them
// directly: the reference chartHTML must reproduce byte for byte.
const chartTemplate = `<figure class="chart">
<figcaption>{{.Title}}</figcaption>
<div class="chart-box" id="{{.ID}}" data-chart="{{.ID}}-option" role="img" aria-label="{{.Title}}" style="height:{{.Height}}px"></div>
<script type="application/json" id="{{.ID}}-option">{{.JS}}</script>
{{- with .Data}}{{if .Rows}}
<details class="chart-data"><summary>{{t "chart.data"}}</summary>
<div class="table-wrap"><table>
<thead><tr><th scope="col">{{if .Corner}}{{.Corner}}{{else}}{{t "chart.item"}}{{end}}</th>{{range .Columns}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- $t := .}}
{{- range .Rows}}
<tr><th scope="row">{{.Label}}</th>{{range .Values}}<td class="num">{{num . $t.Format $t.Decimals}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table></div>
</details>
{{- end}}{{end}}
</figure>
`

type chartView struct {
	*Chart
	ID string
	JS template.JS
}

func TestChartHTMLMatchesTemplate(t *testing.T) {
	nan := math.NaN()
	odd := `A<b> & "q" 'a' +1 ` + "\x00"
	for _, lang := range []string{"zh-CN", "en"} {
		r, err := New(Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		tmpl := template.Must(template.New("chart").Funcs(r.funcMap()).Parse(chartTemplate))
		var charts []*Chart
		add := func(c *Chart, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			charts = append(charts, c)
		}
		add(Lines(Spec{Title: odd, Format: "percent", Decimals: 1, Corner: odd}, []string{"Q1", odd}, []Series{{Name: odd, Values: []float64{0.5, nan}}, {Name: "b", Values: []float64{-0.25, 1}}}))
		add(Lines(Spec{Title: "无表头", Format: "ratio", Decimals: 2}, []string{"Q1"}, []Series{{Name: "甲", Values: []float64{1.234}}}))
		add(BarReference(Spec{Title: "案件比", Format: "days", Decimals: 1}, []string{"甲", "乙"}, []float64{12.5, nan}, 13, "平均值"))
		empty := *charts[0]
		empty.Data = Table{}
		charts = append(charts, &empty)
		for i, c := range charts {
			var want bytes.Buffer
			if err := tmpl.Execute(&want, chartView{Chart: c, ID: c.id, JS: c.json}); err != nil {
				t.Fatal(err)
			}
			got, err := r.chartHTML(c)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("%s chart %d:\ngot:  %s\nwant: %s", lang, i, got, want.String())
			}
		}
		if got, err := r.chartHTML(nil); got != "" || err != nil {
			t.Errorf("nil chart = %q, %v", got, err)
		}
	}
}

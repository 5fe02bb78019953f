package report

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"kaoping/generator/numfmt"
	"kaoping/generator/render"
)

// rankCompactLimit is the largest group drawn with one labelled horizontal
// bar per member. Larger groups (a province's prosecutors: 50–500 in a
// group) get compact vertical bars without names on the axis: the shape
// of the distribution and the reference line stay readable on one screen
// and on A4, names show in the tooltip, and the chart's data table and the
// 公示表 above it list every member.
const rankCompactLimit = 40

// rankBars draws values by name against a reference line: labelled
// horizontal bars (render.BarReference) for up to rankCompactLimit names,
// compact vertical bars beyond.
func rankBars(spec render.Spec, names []string, values []float64, ref float64, refLabel string) (*render.Chart, error) {
	if len(names) <= rankCompactLimit {
		return render.BarReference(spec, names, values, ref, refLabel)
	}
	return rankCompactBars(spec, names, values, ref, refLabel)
}

// rankFormatter names the site.js formatter of a format (see TEMPLATES.md).
func rankFormatter(format string, decimals int) string {
	d := strconv.Itoa(max(0, decimals))
	switch format {
	case numfmt.Percent:
		return "kp:pct:" + d
	case numfmt.Ratio:
		return "kp:ratio:" + d
	case numfmt.Days:
		return "kp:days:" + d
	}
	return "kp:num:" + d
}

// rankPoint is a chart data value: the display value rounded to 10
// decimals, or "-" (ECharts' empty item) when missing.
func rankPoint(v float64, format string) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return math.Round(numfmt.Display(v, format)*1e10) / 1e10
}

// rankCompactBars draws one thin vertical bar per name, in the given
// order, with no names on the axis and a dashed reference line.
//
// A province's prosecutor ranking draws a dozen such charts of 8,000 bars
// per group; through go-echarts and encoding/json (reflection over a
// struct per bar) they cost a fifth of the page. rankCompactJSON writes
// the same option directly; rankCompactBarsEcharts is the reference it is
// tested against and the path for inputs it does not cover.
func rankCompactBars(spec render.Spec, names []string, values []float64, ref float64, refLabel string) (*render.Chart, error) {
	if spec.Title == "" || len(names) == 0 {
		return rankCompactBarsEcharts(spec, names, values, ref, refLabel)
	}
	opt, err := rankCompactJSON(spec, names, values, ref, refLabel)
	if err != nil {
		return nil, err
	}
	return render.NewChart(spec.Title, spec.Key, rankCompactHeight(spec), opt, rankCompactTable(spec, names, values, ref, refLabel))
}

// rankCompactHeight is the height of a compact chart: the spec's, else 240.
func rankCompactHeight(spec render.Spec) int {
	if spec.Height > 0 {
		return spec.Height
	}
	return 240
}

// rankCompactAxis is the value axis formatter: percents with %, else 万.
func rankCompactAxis(spec render.Spec) string {
	if spec.Format == numfmt.Percent {
		return "{value}%"
	}
	return "kp:wan"
}

// rankCompactValue is values[i], NaN past the end.
func rankCompactValue(values []float64, i int) float64 {
	if i < len(values) {
		return values[i]
	}
	return math.NaN()
}

// rankCompactRef reports whether the reference line is drawn, and its label.
func rankCompactRef(spec render.Spec, ref float64, refLabel string) (string, bool) {
	if math.IsNaN(ref) || math.IsInf(ref, 0) {
		return "", false
	}
	return refLabel + " " + numfmt.Fixed(numfmt.Display(ref, spec.Format), spec.Decimals), true
}

// rankCompactTable is the chart's data table: every name, then the reference.
func rankCompactTable(spec render.Spec, names []string, values []float64, ref float64, refLabel string) render.Table {
	t := render.Table{Corner: spec.Corner, Columns: []string{spec.Title}, Format: spec.Format, Decimals: spec.Decimals,
		Rows: make([]render.Row, len(names), len(names)+1)}
	cells := make([]float64, len(names)) // one backing array for the rows' single values
	for i, n := range names {
		cells[i] = rankCompactValue(values, i)
		t.Rows[i] = render.Row{Label: n, Values: cells[i : i+1 : i+1]}
	}
	if _, ok := rankCompactRef(spec, ref, refLabel); ok {
		t.Rows = append(t.Rows, render.Row{Label: refLabel, Values: []float64{ref}})
	}
	return t
}

// rankCompactBarsEcharts is rankCompactBars through go-echarts.
func rankCompactBarsEcharts(spec render.Spec, names []string, values []float64, ref float64, refLabel string) (*render.Chart, error) {
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithColorsOpts(opts.Colors{"#5b8db8"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "28", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: types.FuncStr(rankFormatter(spec.Format, spec.Decimals)),
			AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)},
			AxisTick: &opts.AxisTick{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(rankCompactAxis(spec))}}),
	)
	data := make([]opts.BarData, len(names))
	for i := range names {
		data[i] = opts.BarData{Value: rankPoint(rankCompactValue(values, i), spec.Format)}
	}
	so := []charts.SeriesOpts{charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "15%"})}
	if label, ok := rankCompactRef(spec, ref, refLabel); ok {
		so = append(so,
			charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: label, YAxis: rankPoint(ref, spec.Format)}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				LineStyle: &opts.LineStyle{Color: "#a61b1b", Type: "dashed", Width: 1.5},
				Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: "#a61b1b", Position: "insideEndTop"},
			}))
	}
	bar.SetXAxis(names).AddSeries(spec.Title, data, so...)
	return render.NewChart(spec.Title, spec.Key, rankCompactHeight(spec), bar, rankCompactTable(spec, names, values, ref, refLabel))
}

// rawOption is a chart option already written as JSON, one value per
// top-level key, for render.NewChart (which marshals it with sorted keys
// and HTML escaping, as it does a go-echarts option).
type rawOption map[string]any

func (rawOption) Validate()              {}
func (o rawOption) JSON() map[string]any { return o }

// rankCompactJSON is the option rankCompactBarsEcharts builds, written
// directly: the same keys in the same order, values formatted as
// encoding/json formats them.
func rankCompactJSON(spec render.Spec, names []string, values []float64, ref float64, refLabel string) (rawOption, error) {
	str := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a string always marshals
	xData, err := json.Marshal(names)
	if err != nil {
		return nil, err
	}
	series := make([]byte, 0, 64+16*len(names))
	series = append(series, `[{"name":`...)
	series = append(series, str(spec.Title)...)
	series = append(series, `,"type":"bar","barCategoryGap":"15%","data":[`...)
	for i := range names {
		if i > 0 {
			series = append(series, ',')
		}
		series = append(series, `{"value":`...)
		series = appendRankPoint(series, rankCompactValue(values, i), spec.Format)
		series = append(series, '}')
	}
	series = append(series, ']')
	if label, ok := rankCompactRef(spec, ref, refLabel); ok {
		series = append(series, `,"markLine":{"data":[{"name":`...)
		series = append(series, str(label)...)
		series = append(series, `,"yAxis":`...)
		series = appendRankPoint(series, ref, spec.Format)
		series = append(series, `}],"symbol":["none","none"],"label":{"show":true,"color":"#a61b1b","position":"insideEndTop","formatter":"{b}"},"lineStyle":{"color":"#a61b1b","width":1.5,"type":"dashed"}}`...)
	}
	series = append(series, "}]"...)
	return rawOption{
		"color":   json.RawMessage(`["#5b8db8"]`),
		"grid":    json.RawMessage(`[{"left":"8","top":"28","right":"16","bottom":"8","containLabel":true}]`),
		"legend":  json.RawMessage(`{"show":false}`),
		"series":  json.RawMessage(series),
		"title":   json.RawMessage(`{}`),
		"tooltip": json.RawMessage(`{"trigger":"axis","valueFormatter":` + str(rankFormatter(spec.Format, spec.Decimals)) + `,"axisPointer":{"type":"shadow"}}`),
		"xAxis":   json.RawMessage(`[{"type":"category","data":` + string(xData) + `,"axisLabel":{"show":false,"showMinLabel":null,"showMaxLabel":null},"axisTick":{"show":false}}]`),
		"yAxis":   json.RawMessage(`[{"type":"value","axisLabel":{"formatter":` + str(rankCompactAxis(spec)) + `,"showMinLabel":null,"showMaxLabel":null}}]`),
	}, nil
}

// appendRankPoint appends rankPoint(v, format) as encoding/json writes
// it: a float64, or "-" for a missing value.
func appendRankPoint(b []byte, v float64, format string) []byte {
	p, ok := rankPoint(v, format).(float64)
	if !ok {
		return append(b, `"-"`...)
	}
	// encoding/json's float64 encoder: 'f' unless the magnitude is below
	// 1e-6 or from 1e21 on, then 'e' with a two-digit exponent trimmed.
	f := byte('f')
	if a := math.Abs(p); a != 0 && (a < 1e-6 || a >= 1e21) {
		f = 'e'
	}
	b = strconv.AppendFloat(b, p, f, -1, 64)
	if n := len(b); f == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}

// rankSortedByValue returns the positions 0..n-1 ordered best value
// first (by sign: +1 highest first, −1 lowest first, 0 highest first),
// missing values last; ties keep the given (rank) order.
func rankSortedByValue(values []float64, sign float64) []int {
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	if sign == 0 {
		sign = 1
	}
	// slices.SortStableFunc, not sort.SliceStable: a province group sorts
	// 8,000 members for each of a dozen charts. Both are stable with the
	// same order, so the result is the same.
	slices.SortStableFunc(idx, func(a, b int) int {
		va, vb := values[a], values[b]
		ma, mb := math.IsNaN(va), math.IsNaN(vb)
		switch {
		case ma || mb:
			return cmpBool(mb, ma) // missing last
		case sign*va > sign*vb:
			return -1
		case sign*va < sign*vb:
			return 1
		}
		return 0
	})
	return idx
}

// cmpBool orders true before false: -1 when only a is true, 1 when only
// b is, 0 when they are equal.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

package report

import (
	"math"
	"sort"
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
func rankCompactBars(spec render.Spec, names []string, values []float64, ref float64, refLabel string) (*render.Chart, error) {
	bar := charts.NewBar()
	axis := "kp:wan"
	if spec.Format == numfmt.Percent {
		axis = "{value}%"
	}
	bar.SetGlobalOptions(
		charts.WithColorsOpts(opts.Colors{"#5b8db8"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "28", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: types.FuncStr(rankFormatter(spec.Format, spec.Decimals)),
			AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)},
			AxisTick: &opts.AxisTick{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(axis)}}),
	)
	data := make([]opts.BarData, len(names))
	t := render.Table{Corner: spec.Corner, Columns: []string{spec.Title}, Format: spec.Format, Decimals: spec.Decimals}
	for i, n := range names {
		v := math.NaN()
		if i < len(values) {
			v = values[i]
		}
		data[i] = opts.BarData{Value: rankPoint(v, spec.Format)}
		t.Rows = append(t.Rows, render.Row{Label: n, Values: []float64{v}})
	}
	so := []charts.SeriesOpts{charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "15%"})}
	if !math.IsNaN(ref) && !math.IsInf(ref, 0) {
		label := refLabel + " " + numfmt.Fixed(numfmt.Display(ref, spec.Format), spec.Decimals)
		so = append(so,
			charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: label, YAxis: rankPoint(ref, spec.Format)}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				LineStyle: &opts.LineStyle{Color: "#a61b1b", Type: "dashed", Width: 1.5},
				Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: "#a61b1b", Position: "insideEndTop"},
			}))
		t.Rows = append(t.Rows, render.Row{Label: refLabel, Values: []float64{ref}})
	}
	bar.SetXAxis(names).AddSeries(spec.Title, data, so...)
	height := spec.Height
	if height <= 0 {
		height = 240
	}
	return render.NewChart(spec.Title, spec.Key, height, bar, t)
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
	sort.SliceStable(idx, func(a, b int) bool {
		va, vb := values[idx[a]], values[idx[b]]
		ma, mb := math.IsNaN(va), math.IsNaN(vb)
		if ma || mb {
			return !ma && mb
		}
		return sign*va > sign*vb
	})
	return idx
}

package chart

import (
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"kaoping/generator/numfmt"
)

// Spec describes what all chart constructors share.
type Spec struct {
	Title string // caption and accessible name
	Key   string // optional, see Chart.Key
	// Height in CSS pixels; 0 picks one from the amount of data.
	Height int
	// Format and Decimals are the values' indicator format ("number",
	// "percent", "ratio", "days") and decimals. Values are given raw (rates
	// for percents); charts plot display values (100·rate) and label axes
	// with 万 for large numbers.
	Format   string
	Decimals int
	// Corner heads the row labels of the fallback data table.
	Corner string
	// Cue colours values against the reference by which way is better
	// (charts with a reference); the zero Cue draws one colour.
	Cue Cue
	// Home is the label of the site's own unit (config home) among the
	// chart's categories or series, "" for none: its label is bold and its
	// bar, dot or line stands out.
	Home string
}

// Cue says which way an indicator is better, so that a chart can colour
// each value as better or worse than the reference.
type Cue struct {
	// Direction is +1 when higher is better, -1 when lower is, 0 for
	// neither (one colour).
	Direction int
	// Better and Worse name the two colours in the legend: "不劣于平均值",
	// "劣于平均值".
	Better, Worse string
}

// Series is one named sequence of raw values; NaN is missing.
type Series struct {
	Name   string
	Values []float64
	// Dashed draws a line series dashed (a reference such as the group mean).
	Dashed bool
}

// RadarAxis is one spoke of a radar chart.
type RadarAxis struct {
	Name string
	Max  float64
}

// palette: restrained blues first; red is kept for reference lines and
// grey for dashed reference series, so no member's colour is either.
var palette = opts.Colors{"#1f3a5f", "#5b8db8", "#c9a227", "#2a7f8f", "#5b8c5a", "#a9c4de", "#7a5c99", "#b5651d"}

const (
	referenceColor = "#a61b1b"
	dashedColor    = "#8c8c8c"
)

// Options are built from go-echarts' option types (package opts, and
// charts.SingleSeries for a series) by top-level key, and encoded once
// with encoding/json by NewChart. The chart types of go-echarts
// (charts.NewBar and the like) are not used: they fill every option's
// defaults by reflection, which cost more than the rest of a score sheet,
// and they add nothing these charts need.

// common is what every chart but the heatmap shares: palette, a legend
// when there is more than one series, the grid. gridTop is the room
// above the plot ("" = enough for the legend, if any).
func common(nSeries int, gridTop string) Option {
	if gridTop == "" {
		gridTop = "16"
		if nSeries > 1 {
			gridTop = "36"
		}
	}
	legend := nSeries > 1
	return Option{
		Color:  once("palette", func() any { return palette }),
		Legend: once("legend|"+strconv.FormatBool(legend), func() any { return opts.Legend{Show: opts.Bool(legend), Type: "scroll", Top: "0"} }),
		Grid: once("grid|"+gridTop, func() any {
			return []opts.Grid{{Left: "8", Right: "40", Top: gridTop, Bottom: "8", ContainLabel: opts.Bool(true)}}
		}),
		Title: once("title", func() any { return opts.Title{} }),
	}
}

// shared holds option parts that many charts have in common, built once
// (a province's 400,000 charts have a few dozen distinct tooltips,
// legends, grids and value axes): key -> go-echarts value. They are
// encoded with each chart: encoding/json writes them faster than it
// re-reads (compacts) a part encoded beforehand as json.RawMessage.
var shared sync.Map

// once is the option part that make builds, built the first time key is
// asked for. The key must say everything make's result depends on, and
// the result is never modified.
func once(key string, make func() any) any {
	if v, ok := shared.Load(key); ok {
		return v
	}
	v, _ := shared.LoadOrStore(key, make())
	return v
}

// series makes one series of an option.
func series(name, kind string, data any, options ...charts.SeriesOpts) charts.SingleSeries {
	s := charts.SingleSeries{Name: name, Type: kind, Data: data}
	s.ConfigureSeriesOpts(options...)
	return s
}

// valueFormatter is the site.js formatter for tooltips in format f.
func valueFormatter(spec Spec) string {
	d := strconv.Itoa(max(0, spec.Decimals))
	switch spec.Format {
	case numfmt.Percent:
		return "kp:pct:" + d
	case numfmt.Ratio:
		return "kp:ratio:" + d
	case numfmt.Days:
		return "kp:days:" + d
	}
	return "kp:num:" + d
}

// axisFormatter labels a value axis: percents with "%", others with 万.
func axisFormatter(spec Spec) string {
	if spec.Format == numfmt.Percent {
		return "{value}%"
	}
	return "kp:wan"
}

// point is a value as a chart data item: the display value, or "-" (the
// ECharts mark for an empty item) when missing. Values are rounded to 10
// decimals to keep float noise out of the page.
func point(v float64, format string) any {
	d := numfmt.Display(v, format)
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return "-"
	}
	if r := math.Round(d*1e10) / 1e10; !math.IsInf(r, 0) {
		return r
	}
	return d // beyond 1e298 there are no decimals to round
}

// float32Of is v as the float32 of go-echarts' option types, a value
// beyond float32's range held at its largest (encoding/json cannot write
// the infinity a plain conversion would give) and NaN as 0, which those
// types leave out (ECharts then takes the bound from the data).
func float32Of(v float64) float32 {
	if math.IsNaN(v) {
		return 0
	}
	return float32(math.Max(-math.MaxFloat32, math.Min(math.MaxFloat32, v)))
}

// barHeight fits horizontal bars: 26 px a bar plus room for axis and legend.
func barHeight(spec Spec, n int) int {
	if spec.Height > 0 {
		return spec.Height
	}
	return max(200, 80+26*n)
}

// labelRunes is the total length of the category labels, in characters.
func labelRunes(labels []string) int {
	n := 0
	for _, l := range labels {
		n += utf8.RuneCountInString(l)
	}
	return n
}

func table(spec Spec, columns []string) Table {
	return Table{Corner: spec.Corner, Columns: columns, Format: spec.Format, Decimals: spec.Decimals}
}

// at returns values[i], or NaN when the series is shorter.
func at(values []float64, i int) float64 {
	if i < len(values) {
		return values[i]
	}
	return math.NaN()
}

// barData is values as the data of a bar or line series: plain values
// (ECharts reads 12.5 as it reads {"value": 12.5}, and a province's
// charts hold millions of them).
func barData(values []float64, n int, format string) []any {
	data := make([]any, n)
	for i := range data {
		data[i] = point(at(values, i), format)
	}
	return data
}

// StackedBars draws one horizontal bar per name made of one segment per
// series (category subtotals making up a total), first name on top.
func StackedBars(spec Spec, names []string, series []Series) (*Chart, error) {
	return bars(spec, names, series, true)
}

// GroupedBars draws, for each category, one bar per series side by side
// (units compared across indicators, or a unit across periods).
func GroupedBars(spec Spec, categories []string, series []Series) (*Chart, error) {
	return bars(spec, categories, series, false)
}

func bars(spec Spec, cats []string, ss []Series, stacked bool) (*Chart, error) {
	o := common(len(ss), "")
	o.Tooltip = opts.Tooltip{Trigger: "axis", ValueFormatter: types.FuncStr(valueFormatter(spec)), AxisPointer: &opts.AxisPointer{Type: "shadow"}}
	sc := barsScale(spec, len(cats), ss, stacked)
	value := sc.apply(opts.XAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(sc.formatter(spec))}})
	height := spec.Height
	if stacked {
		o.XAxis = []opts.XAxis{value}
		o.YAxis = []opts.YAxis{{Type: "category", Inverse: opts.Bool(true), Data: categories(cats, spec.Home)}}
		height = barHeight(spec, len(cats))
	} else {
		label := &opts.AxisLabel{Interval: "0"}
		if labelRunes(cats) > 24 {
			label.Rotate = 30 // long Chinese names would overlap
			// the first rotated label reaches left of the plot
			top := "16"
			if len(ss) > 1 {
				top = "36"
			}
			o.Grid = once("grid|"+top+"|left40", func() any {
				return []opts.Grid{{Left: "40", Right: "40", Top: top, Bottom: "8", ContainLabel: opts.Bool(true)}}
			})
		}
		o.XAxis = []opts.XAxis{{Type: "category", Data: categories(cats, spec.Home), AxisLabel: label}}
		o.YAxis = []opts.YAxis{yAxisOf(value)}
		if height <= 0 {
			height = 360
		}
	}
	list := make([]charts.SingleSeries, len(ss))
	names := make([]string, len(ss))
	for j, s := range ss {
		names[j] = s.Name
		var so []charts.SeriesOpts
		if stacked {
			so = append(so, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Stack = "total" }))
		}
		list[j] = series(s.Name, types.ChartBar, barData(s.Values, len(cats), spec.Format), so...)
	}
	o.Series = list
	return NewChart(spec.Title, spec.Key, height, o, rowsByCategory(spec, cats, ss, names))
}

// barsScale is the value axis of stacked or grouped bars: from zero to
// the longest bar (the sum of a category's segments when stacked) in
// whole steps, rates not past 100 %; with a value below zero, ECharts'
// own axis.
func barsScale(spec Spec, n int, ss []Series, stacked bool) scale {
	longest := make([]float64, n)
	for i := range longest {
		for _, s := range ss {
			v := at(s.Values, i)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			if v < 0 {
				return scale{}
			}
			if stacked {
				longest[i] += v
			} else {
				longest[i] = math.Max(longest[i], v)
			}
		}
	}
	lo, hi, ok := span(spec.Format, longest)
	if !ok {
		return scale{}
	}
	return zeroScale(spec.Format, lo, hi)
}

// rowsByCategory makes the fallback table: a row per category, a column
// per series; the rows and their values take one allocation each.
func rowsByCategory(spec Spec, cats []string, series []Series, names []string) Table {
	t := table(spec, names)
	if len(cats) == 0 {
		return t
	}
	t.Rows = make([]Row, len(cats))
	values := make([]float64, len(cats)*len(series))
	for i, c := range cats {
		row := values[i*len(series) : (i+1)*len(series) : (i+1)*len(series)]
		for j, s := range series {
			row[j] = at(s.Values, i)
		}
		t.Rows[i] = Row{Label: c, Values: row}
	}
	return t
}

// Lines draws one line per series over the periods (trends); a Dashed
// series (such as the group mean) is drawn dashed in grey.
func Lines(spec Spec, periods []string, series []Series) (*Chart, error) {
	return lines(spec, periods, series, false)
}

// RankLines draws ranks over the periods with the y axis inverted (rank 1
// at the top) and labelled 第N名 / #N.
func RankLines(spec Spec, periods []string, series []Series) (*Chart, error) {
	spec.Format, spec.Decimals = numfmt.Number, 0
	return lines(spec, periods, series, true)
}

func lines(spec Spec, periods []string, ss []Series, rank bool) (*Chart, error) {
	o := common(len(ss), "")
	tip, axis := valueFormatter(spec), axisFormatter(spec)
	if rank {
		tip = "kp:rank"
	}
	o.Tooltip = once("tooltip|axis|"+tip, func() any { return opts.Tooltip{Trigger: "axis", ValueFormatter: types.FuncStr(tip)} })
	o.YAxis = []opts.YAxis{lineAxis(spec, ss, rank, axis)}
	o.XAxis = []opts.XAxis{{Type: "category", Data: periods}}
	list := make([]charts.SingleSeries, len(ss))
	names := make([]string, len(ss))
	for j, s := range ss {
		names[j] = s.Name
		data := barData(s.Values, len(periods), spec.Format)
		so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true)})}
		if s.Dashed {
			so = append(so, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Color: dashedColor}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: dashedColor}))
		} else if spec.Home != "" && s.Name == spec.Home {
			// The site's own unit: a thicker line with larger points.
			so = append(so, charts.WithLineStyleOpts(opts.LineStyle{Width: 4}),
				charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.SymbolSize = 8 }))
		}
		list[j] = series(s.Name, types.ChartLine, data, so...)
	}
	o.Series = list
	height := spec.Height
	if height <= 0 {
		height = 320
	}
	return NewChart(spec.Title, spec.Key, height, o, rowsByCategory(spec, periods, ss, names))
}

// lineAxis is the value axis of a line chart: whole steps around the
// values (a line's position, not its length, carries the value, so the
// axis need not start at zero), rates not past 100 %. A rank axis runs
// from 1 at the top to the worst rank shown, in whole steps; when the
// worst rank is less than half a step past the last step (第30名 just
// above 第32名) its label is left out, as the two would overlap.
func lineAxis(spec Spec, ss []Series, rank bool, formatter string) opts.YAxis {
	vals := make([][]float64, len(ss))
	for j, s := range ss {
		vals[j] = s.Values
	}
	lo, hi, ok := span(spec.Format, vals...)
	if rank {
		y := opts.YAxis{Type: "value", Inverse: opts.Bool(true), Min: 1, Max: "dataMax", MinInterval: 1, AxisLabel: &opts.AxisLabel{Formatter: "kp:rank"}}
		if !ok || hi < 2 || hi > 1e9 {
			return y
		}
		worst := math.Ceil(hi)
		step := math.Max(1, niceStep((worst-1)/5))
		y.Max, y.MinInterval, y.MaxInterval = worst, step, step
		if r := math.Mod(worst, step); r != 0 && r < step/2 {
			y.AxisLabel = &opts.AxisLabel{Formatter: "kp:rank", ShowMaxLabel: opts.Bool(false)}
		}
		return y
	}
	y := opts.YAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(formatter)}, Scale: opts.Bool(true)}
	if !ok {
		return y
	}
	sc := trimmedScale(spec.Format, lo, hi, false)
	if sc.step <= 0 {
		return y
	}
	return yAxisOf(sc.apply(opts.XAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(sc.formatter(spec))}}))
}

// Radar draws one polygon per series over the axes (category achievement
// of a unit against its group). Values are in the axes' units.
func Radar(spec Spec, axes []RadarAxis, ss []Series) (*Chart, error) {
	o := common(len(ss), "")
	ind := make([]*opts.Indicator, len(axes))
	cats := make([]string, len(axes))
	for i, a := range axes {
		ind[i] = &opts.Indicator{Name: a.Name, Max: float32Of(a.Max)}
		cats[i] = a.Name
	}
	vf := valueFormatter(spec)
	o.Tooltip = once("tooltip|item|"+vf, func() any { return opts.Tooltip{Trigger: "item", ValueFormatter: types.FuncStr(vf)} })
	// go-echarts' radar has no radius: shrunk so that long axis names fit.
	o.Radar = radarWithRadius{opts.RadarComponent{Indicator: ind, Shape: "polygon", Center: []string{"50%", "55%"},
		AxisName: &opts.AxisName{Color: "#1f2328"}}, "62%"}
	list := make([]charts.SingleSeries, len(ss))
	names := make([]string, len(ss))
	for j, s := range ss {
		names[j] = s.Name
		vals := make([]any, len(axes))
		for i := range axes {
			vals[i] = point(at(s.Values, i), spec.Format)
		}
		so := []charts.SeriesOpts{charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.15)})}
		if s.Dashed {
			so = append(so, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed"}))
		}
		list[j] = series(s.Name, types.ChartRadar, []opts.RadarData{{Name: s.Name, Value: vals}}, so...)
	}
	o.Series = list
	o.Legend = opts.Legend{Show: opts.Bool(len(ss) > 1), Type: "scroll", Top: "0", Data: names}
	height := spec.Height
	if height <= 0 {
		height = 380
	}
	return NewChart(spec.Title, spec.Key, height, o, rowsByCategory(spec, cats, ss, names))
}

// Heatmap draws values[r][c] for rows × columns (entities × periods),
// light to dark blue, darker the better: with spec.Cue.Direction −1 (lower
// is better) the smallest value is darkest; with 0, the largest. The
// legend under it is the colour scale with the least and the greatest
// value at its ends. Missing cells are left empty.
func Heatmap(spec Spec, rows, columns []string, values [][]float64) (*Chart, error) {
	lo, hi := math.Inf(1), math.Inf(-1)
	var data [][3]any // x, y, value
	t := table(spec, columns)
	for r, name := range rows {
		row := Row{Label: name, Values: make([]float64, len(columns))}
		for c := range columns {
			v := math.NaN()
			if r < len(values) {
				v = at(values[r], c)
			}
			row.Values[c] = v
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			dv := numfmt.Display(v, spec.Format)
			lo, hi = math.Min(lo, dv), math.Max(hi, dv)
			data = append(data, [3]any{c, r, point(v, spec.Format)})
		}
		t.Rows = append(t.Rows, row)
	}
	if len(data) == 0 {
		lo, hi = 0, 1
	}
	showLabels := len(rows)*len(columns) <= 150
	ramp := []string{"#eef3f9", "#5b8db8", "#1f3a5f"}
	if spec.Cue.Direction < 0 {
		ramp = []string{"#1f3a5f", "#5b8db8", "#eef3f9"}
	}
	// The scale's end labels: ECharts puts text[0] at the max end.
	var ends []string
	if len(data) > 0 {
		ends = []string{axisValue(hi, spec), axisValue(lo, spec)}
	}
	o := Option{
		Color:   heatmapColors,
		Legend:  opts.Legend{Show: opts.Bool(false)},
		Grid:    []opts.Grid{{Left: "8", Right: "16", Top: "8", Bottom: "56", ContainLabel: opts.Bool(true)}},
		Title:   opts.Title{},
		Tooltip: opts.Tooltip{Trigger: "item", ValueFormatter: types.FuncStr(valueFormatter(spec))},
		XAxis:   []opts.XAxis{{Type: "category", Data: columns, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}},
		YAxis:   []opts.YAxis{{Type: "category", Data: categories(rows, spec.Home), Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}},
		VisualMap: []opts.VisualMap{{
			Type: "continuous", Calculable: opts.Bool(false), Min: float32Of(lo), Max: float32Of(hi),
			Orient: "horizontal", Left: "center", Bottom: "0", Text: ends,
			InRange: &opts.VisualMapInRange{Color: ramp},
		}},
		Series: []charts.SingleSeries{series(spec.Title, types.ChartHeatMap, data,
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(showLabels), Formatter: valueFormatter(spec)}))},
	}
	height := spec.Height
	if height <= 0 {
		height = max(240, 110+30*len(rows))
	}
	return NewChart(spec.Title, spec.Key, height, o, t)
}

// axisValue writes a display value as the indicator shows it: 1:1.38,
// 93.5%, 12.
func axisValue(d float64, spec Spec) string {
	switch spec.Format {
	case numfmt.Ratio:
		return "1:" + numfmt.Fixed(d, spec.Decimals)
	case numfmt.Percent:
		return numfmt.Fixed(d, spec.Decimals) + "%"
	}
	return numfmt.Fixed(d, spec.Decimals)
}

// heatmapColors is ECharts' default palette, which a heatmap's option
// carries (its cells take the visual map's colours).
var heatmapColors = opts.Colors{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// radarWithRadius is a radar component with ECharts' radius setting.
type radarWithRadius struct {
	opts.RadarComponent
	Radius string `json:"radius"`
}

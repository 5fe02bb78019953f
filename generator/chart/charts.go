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

// referenceLine marks a reference value on a bar series: a dashed red
// line labelled label, across the value axis (x for horizontal bars, y
// for vertical ones), its label at position.
func referenceLine(label string, at any, horizontal bool, position string) []charts.SeriesOpts {
	item := charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: label, YAxis: at})
	if horizontal {
		item = charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: label, XAxis: at})
	}
	return []charts.SeriesOpts{item, charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
		Symbol:    []string{"none", "none"},
		LineStyle: &opts.LineStyle{Color: referenceColor, Type: "dashed", Width: 1.5},
		Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: referenceColor, Position: position},
	})}
}

// BarReference draws one horizontal bar per name (first name on top) with
// a dashed red line at the reference value ref (skipped when ref is NaN),
// labelled refLabel and the value: an indicator against its reference.
func BarReference(spec Spec, names []string, values []float64, ref float64, refLabel string) (*Chart, error) {
	o := common(1, "28") // room above the plot for the reference label
	o.Tooltip = opts.Tooltip{Trigger: "axis", ValueFormatter: types.FuncStr(valueFormatter(spec)), AxisPointer: &opts.AxisPointer{Type: "shadow"}}
	o.XAxis = []opts.XAxis{valueAxisRange(opts.XAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(axisFormatter(spec))}}, spec, values, ref)}
	o.YAxis = []opts.YAxis{{Type: "category", Inverse: opts.Bool(true), Data: names}}
	t := table(spec, []string{spec.Title})
	for i, n := range names {
		t.Rows = append(t.Rows, Row{Label: n, Values: []float64{at(values, i)}})
	}
	var refLine []charts.SeriesOpts
	if !math.IsNaN(ref) && !math.IsInf(ref, 0) {
		refLine = referenceLine(refLabel+" "+refText(ref, spec), point(ref, spec.Format), true, "start")
		t.Rows = append(t.Rows, Row{Label: refLabel, Values: []float64{ref}})
	}
	o.Series = []charts.SingleSeries{series(spec.Title, types.ChartBar, barData(values, len(names), spec.Format), refLine...)}
	return NewChart(spec.Title, spec.Key, barHeight(spec, len(names)), o, t)
}

// CompactBars draws one thin vertical bar per name, in the given order,
// with no names on the axis (they are in the tooltip and the data table)
// and a dashed reference line: the shape of a large group (hundreds of
// members) on one screen.
func CompactBars(spec Spec, names []string, values []float64, ref float64, refLabel string) (*Chart, error) {
	o := Option{
		Color:   opts.Colors{"#5b8db8"},
		Legend:  opts.Legend{Show: opts.Bool(false)},
		Grid:    []opts.Grid{{Left: "8", Right: "16", Top: "28", Bottom: "8", ContainLabel: opts.Bool(true)}},
		Title:   opts.Title{},
		Tooltip: opts.Tooltip{Trigger: "axis", ValueFormatter: types.FuncStr(valueFormatter(spec)), AxisPointer: &opts.AxisPointer{Type: "shadow"}},
		XAxis: []opts.XAxis{{Type: "category", Data: names, AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)},
			AxisTick: &opts.AxisTick{Show: opts.Bool(false)}}},
		YAxis: []opts.YAxis{{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(axisFormatter(spec))}}},
	}
	t := Table{Corner: spec.Corner, Columns: []string{spec.Title}, Format: spec.Format, Decimals: spec.Decimals,
		Rows: make([]Row, len(names), len(names)+1)}
	cells := make([]float64, len(names)) // one backing array for the rows' single values
	for i, n := range names {
		cells[i] = at(values, i)
		t.Rows[i] = Row{Label: n, Values: cells[i : i+1 : i+1]}
	}
	so := []charts.SeriesOpts{charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "15%"})}
	if !math.IsNaN(ref) && !math.IsInf(ref, 0) {
		label := refLabel + " " + numfmt.Fixed(numfmt.Display(ref, spec.Format), spec.Decimals)
		so = append(so, referenceLine(label, point(ref, spec.Format), false, "insideEndTop")...)
		t.Rows = append(t.Rows, Row{Label: refLabel, Values: []float64{ref}})
	}
	o.Series = []charts.SingleSeries{series(spec.Title, types.ChartBar, barData(values, len(names), spec.Format), so...)}
	height := spec.Height
	if height <= 0 {
		height = 240
	}
	return NewChart(spec.Title, spec.Key, height, o, t)
}

// refText writes the reference value as the indicator shows it: 1:1.38
// for a ratio, 12.3% for a percent.
func refText(ref float64, spec Spec) string {
	switch spec.Format {
	case numfmt.Ratio, numfmt.Percent:
		return numfmt.Value(ref, spec.Format, spec.Decimals, "")
	}
	return numfmt.Fixed(numfmt.Display(ref, spec.Format), spec.Decimals)
}

// valueAxisRange sets the value axis of an indicator bar chart so that the
// reference line is always inside it, and, when the values cluster far from
// zero (案件比 1.31 against 1.44, 认罪认罚 85–95 %), starts the axis near
// them so the differences the page is about can be seen. Bounds are
// rounded to a nice step so the axis labels stay short.
func valueAxisRange(x opts.XAxis, spec Spec, values []float64, ref float64) opts.XAxis {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range append(append([]float64(nil), values...), ref) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		d := numfmt.Display(v, spec.Format)
		lo, hi = math.Min(lo, d), math.Max(hi, d)
	}
	if math.IsInf(lo, 0) || lo < 0 || hi <= 0 {
		return x
	}
	step := niceStep((hi - lo) / 4)
	if hi == lo {
		step = niceStep(hi / 4)
	}
	min := 0.0
	// Rates, ratios and durations that cluster start a little below the
	// smallest value; counts and scores (totals) keep a zero baseline, so
	// a 公示 chart never exaggerates a gap between totals.
	if spec.Format != numfmt.Number && spec.Format != "" && lo >= hi/2 {
		min = math.Max(0, math.Floor((lo-step)/step)*step)
	}
	top := math.Ceil(hi/step) * step
	if top == hi { // leave room after the longest bar
		top = hi + step
	}
	if math.IsInf(top, 0) { // values near the largest float64: ECharts picks the range
		return x
	}
	x.Min, x.Max = min, top
	return x
}

// niceStep rounds a positive span up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if x <= m*p {
			return m * p
		}
	}
	return 10 * p
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
	valueAxis := &opts.AxisLabel{Formatter: types.FuncStr(axisFormatter(spec))}
	height := spec.Height
	if stacked {
		o.XAxis = []opts.XAxis{{Type: "value", AxisLabel: valueAxis}}
		o.YAxis = []opts.YAxis{{Type: "category", Inverse: opts.Bool(true), Data: cats}}
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
		o.XAxis = []opts.XAxis{{Type: "category", Data: cats, AxisLabel: label}}
		o.YAxis = []opts.YAxis{{Type: "value", AxisLabel: valueAxis}}
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
	o.YAxis = once("yAxis|lines|"+strconv.FormatBool(rank)+"|"+axis, func() any {
		if rank {
			// The axis ends at the worst rank shown, never past the group.
			return []opts.YAxis{{Type: "value", Inverse: opts.Bool(true), Min: 1, Max: "dataMax", MinInterval: 1, AxisLabel: &opts.AxisLabel{Formatter: "kp:rank"}}}
		}
		return []opts.YAxis{{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(axis)}, Scale: opts.Bool(true)}}
	})
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
// light to dark blue; missing cells are left empty.
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
	o := Option{
		Color:   heatmapColors,
		Legend:  opts.Legend{Show: opts.Bool(false)},
		Grid:    []opts.Grid{{Left: "8", Right: "16", Top: "8", Bottom: "56", ContainLabel: opts.Bool(true)}},
		Title:   opts.Title{},
		Tooltip: opts.Tooltip{Trigger: "item", ValueFormatter: types.FuncStr(valueFormatter(spec))},
		XAxis:   []opts.XAxis{{Type: "category", Data: columns, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}},
		YAxis:   []opts.YAxis{{Type: "category", Data: rows, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}},
		VisualMap: []opts.VisualMap{{
			Type: "continuous", Calculable: opts.Bool(false), Min: float32Of(lo), Max: float32Of(hi),
			Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#eef3f9", "#5b8db8", "#1f3a5f"}},
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

// heatmapColors is ECharts' default palette, which a heatmap's option
// carries (its cells take the visual map's colours).
var heatmapColors = opts.Colors{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// radarWithRadius is a radar component with ECharts' radius setting.
type radarWithRadius struct {
	opts.RadarComponent
	Radius string `json:"radius"`
}

package render

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

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

const referenceColor = "#a61b1b"

// common returns the options every chart shares: palette, no animation
// delay games, a legend when there is more than one series.
// gridTop is the room above the plot ("" = enough for the legend, if any).
func common(spec Spec, nSeries int, gridTop string) []charts.GlobalOpts {
	if gridTop == "" {
		gridTop = "16"
		if nSeries > 1 {
			gridTop = "36"
		}
	}
	return []charts.GlobalOpts{
		charts.WithColorsOpts(palette),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(nSeries > 1), Type: "scroll", Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "40", Top: gridTop, Bottom: "8", ContainLabel: opts.Bool(true)}),
	}
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
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return math.Round(numfmt.Display(v, format)*1e10) / 1e10
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

// BarReference draws one horizontal bar per name (first name on top) with
// a dashed red line at the reference value ref (skipped when ref is NaN),
// labelled refLabel and the value: an indicator against its reference.
func BarReference(spec Spec, names []string, values []float64, ref float64, refLabel string) (*Chart, error) {
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(common(spec, 1, "28"), // room above the plot for the reference label
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: typesFunc(valueFormatter(spec)), AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithXAxisOpts(valueAxisRange(opts.XAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: typesFunc(axisFormatter(spec))}}, spec, values, ref)),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)...)
	data := make([]opts.BarData, len(names))
	t := table(spec, []string{spec.Title})
	for i, n := range names {
		v := at(values, i)
		data[i] = opts.BarData{Value: point(v, spec.Format)}
		t.Rows = append(t.Rows, Row{Label: n, Values: []float64{v}})
	}
	var seriesOpts []charts.SeriesOpts
	if !math.IsNaN(ref) && !math.IsInf(ref, 0) {
		label := refLabel + " " + refText(ref, spec)
		seriesOpts = append(seriesOpts,
			charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: label, XAxis: point(ref, spec.Format)}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				LineStyle: &opts.LineStyle{Color: referenceColor, Type: "dashed", Width: 1.5},
				Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: referenceColor, Position: "start"},
			}))
		t.Rows = append(t.Rows, Row{Label: refLabel, Values: []float64{ref}})
	}
	bar.SetXAxis(names).AddSeries(spec.Title, data, seriesOpts...)
	bar.XYReversal()
	return NewChart(spec.Title, spec.Key, barHeight(spec, len(names)), bar, t)
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
	x.Min = min
	x.Max = math.Ceil(hi/step) * step
	if x.Max == hi { // leave room after the longest bar
		x.Max = hi + step
	}
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

func bars(spec Spec, cats []string, series []Series, stacked bool) (*Chart, error) {
	bar := charts.NewBar()
	valueAxis := &opts.AxisLabel{Formatter: typesFunc(axisFormatter(spec))}
	g := append(common(spec, len(series), ""),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: typesFunc(valueFormatter(spec)), AxisPointer: &opts.AxisPointer{Type: "shadow"}}))
	height := spec.Height
	gridLeft := ""
	if stacked {
		g = append(g,
			charts.WithXAxisOpts(opts.XAxis{Type: "value", AxisLabel: valueAxis}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}))
		height = barHeight(spec, len(cats))
	} else {
		label := &opts.AxisLabel{Interval: "0"}
		if labelRunes(cats) > 24 {
			label.Rotate = 30 // long Chinese names would overlap
			gridLeft = "40"   // the first rotated label reaches left of the plot
		}
		g = append(g,
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: label}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", AxisLabel: valueAxis}))
		if height <= 0 {
			height = 360
		}
	}
	if gridLeft != "" {
		g = append(g, func(bc *charts.BaseConfiguration) { bc.GridList[0].Left = gridLeft })
	}
	bar.SetGlobalOptions(g...)
	bar.SetXAxis(cats)
	names := make([]string, len(series))
	for j, s := range series {
		names[j] = s.Name
		data := make([]opts.BarData, len(cats))
		for i := range cats {
			data[i] = opts.BarData{Value: point(at(s.Values, i), spec.Format)}
		}
		var so []charts.SeriesOpts
		if stacked {
			so = append(so, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Stack = "total" }))
		}
		bar.AddSeries(s.Name, data, so...)
	}
	if stacked {
		bar.XYReversal()
	}
	return NewChart(spec.Title, spec.Key, height, bar, rowsByCategory(spec, cats, series, names))
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

func lines(spec Spec, periods []string, series []Series, rank bool) (*Chart, error) {
	height := spec.Height
	if height <= 0 {
		height = 320
	}
	if js, ok := linesJSON(spec, periods, series, rank); ok {
		return newChartFast(spec.Title, spec.Key, height, js, rowsByCategory(spec, periods, series, seriesNames(series))), nil
	}
	return linesEcharts(spec, periods, series, rank)
}

// seriesNames lists the series' names.
func seriesNames(series []Series) []string {
	names := make([]string, len(series))
	for j, s := range series {
		names[j] = s.Name
	}
	return names
}

// linesEcharts is lines through go-echarts: the reference for linesJSON
// and the path for inputs it does not cover.
func linesEcharts(spec Spec, periods []string, series []Series, rank bool) (*Chart, error) {
	line := charts.NewLine()
	y := opts.YAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: typesFunc(axisFormatter(spec))}, Scale: opts.Bool(true)}
	tip := valueFormatter(spec)
	if rank {
		// The axis ends at the worst rank shown, never past the group.
		y = opts.YAxis{Type: "value", Inverse: opts.Bool(true), Min: 1, Max: "dataMax", MinInterval: 1, AxisLabel: &opts.AxisLabel{Formatter: "kp:rank"}}
		tip = "kp:rank"
	}
	line.SetGlobalOptions(append(common(spec, len(series), ""),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", ValueFormatter: typesFunc(tip)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(y),
	)...)
	line.SetXAxis(periods)
	names := make([]string, len(series))
	for j, s := range series {
		names[j] = s.Name
		data := make([]opts.LineData, len(periods))
		for i := range periods {
			data[i] = opts.LineData{Value: point(at(s.Values, i), spec.Format)}
		}
		so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true)})}
		if s.Dashed {
			so = append(so, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Color: "#8c8c8c"}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: "#8c8c8c"}))
		}
		line.AddSeries(s.Name, data, so...)
	}
	height := spec.Height
	if height <= 0 {
		height = 320
	}
	return NewChart(spec.Title, spec.Key, height, line, rowsByCategory(spec, periods, series, names))
}

// Radar draws one polygon per series over the axes (category achievement
// of a unit against its group). Values are in the axes' units.
func Radar(spec Spec, axes []RadarAxis, series []Series) (*Chart, error) {
	if js, ok := radarJSON(spec, axes, series); ok {
		height := spec.Height
		if height <= 0 {
			height = 380
		}
		cats := make([]string, len(axes))
		for i, a := range axes {
			cats[i] = a.Name
		}
		return newChartFast(spec.Title, spec.Key, height, js, rowsByCategory(spec, cats, series, seriesNames(series))), nil
	}
	return radarEcharts(spec, axes, series)
}

// radarEcharts is Radar through go-echarts: the reference for radarJSON
// and the path for inputs it does not cover.
func radarEcharts(spec Spec, axes []RadarAxis, series []Series) (*Chart, error) {
	radar := charts.NewRadar()
	ind := make([]*opts.Indicator, len(axes))
	cats := make([]string, len(axes))
	for i, a := range axes {
		ind[i] = &opts.Indicator{Name: a.Name, Max: float32(a.Max)}
		cats[i] = a.Name
	}
	radar.SetGlobalOptions(append(common(spec, len(series), ""),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", ValueFormatter: typesFunc(valueFormatter(spec))}),
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: ind, Shape: "polygon", Center: []string{"50%", "55%"},
			AxisName: &opts.AxisName{Color: "#1f2328"}}),
	)...)
	names := make([]string, len(series))
	for j, s := range series {
		names[j] = s.Name
		vals := make([]any, len(axes))
		for i := range axes {
			vals[i] = point(at(s.Values, i), spec.Format)
		}
		so := []charts.SeriesOpts{charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.15)})}
		if s.Dashed {
			so = append(so, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed"}))
		}
		radar.AddSeries(s.Name, []opts.RadarData{{Name: s.Name, Value: vals}}, so...)
	}
	height := spec.Height
	if height <= 0 {
		height = 380
	}
	// go-echarts has no radar radius: shrink it so that long axis names fit.
	radius := patched{radar, func(o map[string]any) {
		if c, ok := o["radar"].(opts.RadarComponent); ok {
			o["radar"] = radarWithRadius{c, "62%"}
		}
	}}
	return NewChart(spec.Title, spec.Key, height, radius, rowsByCategory(spec, cats, series, names))
}

// Heatmap draws values[r][c] for rows × columns (entities × periods),
// light to dark blue; missing cells are left empty.
func Heatmap(spec Spec, rows, columns []string, values [][]float64) (*Chart, error) {
	hm := charts.NewHeatMap()
	lo, hi := math.Inf(1), math.Inf(-1)
	var data []opts.HeatMapData
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
			data = append(data, opts.HeatMapData{Value: [3]any{c, r, point(v, spec.Format)}})
		}
		t.Rows = append(t.Rows, row)
	}
	if len(data) == 0 {
		lo, hi = 0, 1
	}
	showLabels := len(rows)*len(columns) <= 150
	hm.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "8", Bottom: "56", ContainLabel: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", ValueFormatter: typesFunc(valueFormatter(spec))}),
		// HeatMap.SetXAxis does not reach the option in go-echarts 2.6: set the data here.
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: columns, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type: "continuous", Calculable: opts.Bool(false), Min: float32(lo), Max: float32(hi),
			Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#eef3f9", "#5b8db8", "#1f3a5f"}},
		}),
	)
	hm.AddSeries(spec.Title, data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(showLabels), Formatter: valueFormatter(spec)}))
	height := spec.Height
	if height <= 0 {
		height = max(240, 110+30*len(rows))
	}
	return NewChart(spec.Title, spec.Key, height, hm, t)
}

// patched adjusts a go-echarts option where go-echarts has no field for
// an ECharts setting.
type patched struct {
	echartsOption
	patch func(map[string]any)
}

// JSON implements echartsOption.
func (p patched) JSON() map[string]any {
	o := p.echartsOption.JSON()
	p.patch(o)
	return o
}

// radarWithRadius is a radar component with ECharts' radius setting.
type radarWithRadius struct {
	opts.RadarComponent
	Radius string `json:"radius"`
}

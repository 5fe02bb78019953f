package chart

import (
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"kaoping/generator/numfmt"
)

// The colours of a value against its reference (Spec.Cue): a dark blue
// for better and a light orange for worse, far apart in lightness so that
// they stay apart in greyscale and on a black-and-white printout; dots
// differ in shape too (circle, diamond). plainColor is a chart without a
// cue.
const (
	betterColor = "#1f3a5f"
	worseColor  = "#e8a23a"
	plainColor  = "#5b8db8"
	homeBorder  = "#000000"
)

// Values cluster far from zero when the smallest is at least half the
// largest (案件比 1.2–1.4, rates 90–99 %, totals 85–98): bars from zero
// would all look the same length, and bars on a trimmed axis would
// exaggerate the differences. Such values are drawn as dots on a trimmed
// axis (docs/DECISIONS.md, "Bars from zero, dots when values cluster").
func clustered(lo, hi float64) bool { return lo > 0 && lo >= hi/2 }

// BarReference draws one value per name (first name on top) against a
// dashed red line at the reference value ref (skipped when ref is NaN),
// labelled refLabel and the value: an indicator against its reference.
// Values that cluster far from zero are dots on a trimmed axis, others
// bars from zero; with a Cue, each is coloured better or worse than the
// reference.
func BarReference(spec Spec, names []string, values []float64, ref float64, refLabel string) (*Chart, error) {
	return refChart(spec, names, values, ref, refLabel, false)
}

// CompactBars is BarReference for a large group (hundreds of members):
// thin vertical bars (or dots), in the given order, with no names on the
// axis (they are in the tooltip and the data table): the shape of the
// group on one screen.
func CompactBars(spec Spec, names []string, values []float64, ref float64, refLabel string) (*Chart, error) {
	return refChart(spec, names, values, ref, refLabel, true)
}

func refChart(spec Spec, names []string, values []float64, ref float64, refLabel string, compact bool) (*Chart, error) {
	hasRef := !math.IsNaN(ref) && !math.IsInf(ref, 0)
	lo, hi, ok := span(spec.Format, values, []float64{ref})
	dots := ok && clustered(lo, hi)
	var sc scale
	if dots {
		sc = trimmedScale(spec.Format, lo, hi, true)
	} else if ok {
		sc = zeroScale(spec.Format, lo, hi)
	}
	valueAxis := sc.apply(opts.XAxis{Type: "value", AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(sc.formatter(spec))}})

	cue := spec.Cue.Direction != 0 && hasRef
	o := Option{
		Legend: opts.Legend{Show: opts.Bool(false)},
		Title:  opts.Title{},
	}
	// One series, or two (better, worse) with a legend under the plot;
	// the reference label sits above it.
	bottom, extra := "8", 0
	if cue {
		o.Legend = opts.Legend{Show: opts.Bool(true), Bottom: "0", ItemWidth: 12, ItemHeight: 10}
		bottom, extra = "30", 22
	}
	trigger := "axis"
	if cue || dots {
		trigger = "item" // the series name (better/worse) is the point of the tooltip
	}
	o.Tooltip = opts.Tooltip{Trigger: trigger, ValueFormatter: types.FuncStr(valueFormatter(spec)), AxisPointer: &opts.AxisPointer{Type: "shadow"}}
	cats := categories(names, spec.Home)
	if compact {
		o.Grid = []opts.Grid{{Left: "8", Right: "16", Top: "28", Bottom: bottom, ContainLabel: opts.Bool(true)}}
		o.XAxis = []opts.XAxis{{Type: "category", Data: cats, AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)},
			AxisTick: &opts.AxisTick{Show: opts.Bool(false)}}}
		o.YAxis = []opts.YAxis{yAxisOf(valueAxis)}
	} else {
		o.Grid = []opts.Grid{{Left: "8", Right: "40", Top: "28", Bottom: bottom, ContainLabel: opts.Bool(true)}}
		o.XAxis = []opts.XAxis{valueAxis}
		o.YAxis = []opts.YAxis{{Type: "category", Inverse: opts.Bool(true), Data: cats}}
	}

	t := Table{Corner: spec.Corner, Columns: []string{spec.Title}, Format: spec.Format, Decimals: spec.Decimals,
		Rows: make([]Row, len(names), len(names)+1)}
	cells := make([]float64, len(names)) // one backing array for the rows' single values
	for i, n := range names {
		cells[i] = at(values, i)
		t.Rows[i] = Row{Label: n, Values: cells[i : i+1 : i+1]}
	}
	var refLine []charts.SeriesOpts
	if hasRef {
		if compact {
			refLine = referenceLine(refLabel+" "+refText(ref, spec), point(ref, spec.Format), false, "insideEndTop")
		} else {
			refLine = referenceLine(refLabel+" "+refText(ref, spec), point(ref, spec.Format), true, "start")
		}
		t.Rows = append(t.Rows, Row{Label: refLabel, Values: []float64{ref}})
	}

	kind := types.ChartBar
	if dots {
		kind = types.ChartScatter
	}
	home := -1
	for i, n := range names {
		if spec.Home != "" && n == spec.Home {
			home = i
		}
	}
	// mark says which series draws value i: 0 better (or the only one), 1 worse.
	mark := func(i int) int {
		if !cue {
			return 0
		}
		v := at(values, i)
		if float64(spec.Cue.Direction)*(v-ref) < 0 {
			return 1
		}
		return 0
	}
	styles := []struct {
		name, color, symbol string
	}{{spec.Title, plainColor, "circle"}}
	if cue {
		styles = []struct{ name, color, symbol string }{
			{spec.Cue.Better, betterColor, "circle"},
			{spec.Cue.Worse, worseColor, "diamond"},
		}
	}
	list := make([]charts.SingleSeries, len(styles))
	colors := make(opts.Colors, len(styles))
	for k, st := range styles {
		data := make([]any, len(names))
		for i := range names {
			if mark(i) != k {
				data[i] = "-"
				continue
			}
			data[i] = item(point(at(values, i), spec.Format), i == home, dots)
		}
		so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: st.color})}
		if k == 0 {
			so = append(so, refLine...)
		}
		if dots {
			so = append(so, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Symbol, s.SymbolSize = st.symbol, 10 }))
		} else {
			if compact {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "15%"}))
			}
			if cue { // the two series share each category's one slot
				so = append(so, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Stack = "cue" }))
			}
		}
		list[k] = series(st.name, kind, data, so...)
		colors[k] = st.color
	}
	o.Color = colors
	o.Series = list
	height := spec.Height
	if height <= 0 {
		if compact {
			height = 240
		} else {
			height = barHeight(spec, len(names))
		}
	}
	return NewChart(spec.Title, spec.Key, height+extra, o, t)
}

// homeItem is a data item of the site's own unit: outlined in black, a
// dot drawn larger.
type homeItem struct {
	Value      any             `json:"value"`
	SymbolSize int             `json:"symbolSize,omitempty"`
	ItemStyle  *opts.ItemStyle `json:"itemStyle"`
}

// item is value as a data item: plain, or outlined for the site's own unit.
func item(v any, home, dot bool) any {
	if !home || v == "-" {
		return v
	}
	h := homeItem{Value: v, ItemStyle: &opts.ItemStyle{BorderColor: homeBorder, BorderWidth: 2}}
	if dot {
		h.SymbolSize = 14
	}
	return h
}

// category is a category axis entry with its own text style.
type category struct {
	Value     string          `json:"value"`
	TextStyle *opts.TextStyle `json:"textStyle"`
}

// categories is names as the data of a category axis, the site's own
// unit (home) in bold.
func categories(names []string, home string) any {
	if home == "" {
		return names
	}
	out := make([]any, len(names))
	found := false
	for i, n := range names {
		out[i] = n
		if n == home {
			out[i] = category{Value: n, TextStyle: &opts.TextStyle{FontWeight: "bold", Color: "#000000"}}
			found = true
		}
	}
	if !found {
		return names
	}
	return out
}

// yAxisOf is a value axis built as an x axis, as a y axis.
func yAxisOf(x opts.XAxis) opts.YAxis {
	return opts.YAxis{Type: x.Type, Min: x.Min, Max: x.Max, MinInterval: x.MinInterval, MaxInterval: x.MaxInterval, AxisLabel: x.AxisLabel}
}

// referenceLine marks a reference value on a series: a dashed red line
// labelled label, across the value axis (x for horizontal bars, y for
// vertical ones), its label at position.
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

// refText writes the reference value as the indicator shows it: 1:1.38
// for a ratio, 12.3% for a percent.
func refText(ref float64, spec Spec) string {
	switch spec.Format {
	case numfmt.Ratio, numfmt.Percent:
		return numfmt.Value(ref, spec.Format, spec.Decimals, "")
	}
	return numfmt.Fixed(numfmt.Display(ref, spec.Format), spec.Decimals)
}

// scale is a value axis on the display scale: its bounds and the step
// between its labels. Bounds are whole steps, so every label is a round
// number a step from the next, and none crowds the last one (`93% 95%`).
// The zero scale leaves the axis to ECharts.
type scale struct {
	min, max, step float64
}

// apply sets the axis' bounds and fixes its label step (minInterval =
// maxInterval = step: ECharts then puts a label on every step and nowhere
// else).
func (s scale) apply(x opts.XAxis) opts.XAxis {
	if s.step <= 0 {
		return x
	}
	x.Min, x.Max, x.MinInterval, x.MaxInterval = s.min, s.max, s.step, s.step
	return x
}

// decimals is how many decimals the labels need to tell the steps apart.
func (s scale) decimals() int {
	if s.step <= 0 || s.step >= 1 {
		return 0
	}
	return int(math.Max(0, -math.Floor(math.Log10(s.step)+1e-9)))
}

// formatter labels the axis: percents with "%", large numbers with 万,
// others with as many decimals as the step has.
func (s scale) formatter(spec Spec) string {
	if s.step <= 0 {
		return axisFormatter(spec)
	}
	d := strconv.Itoa(s.decimals())
	if spec.Format == numfmt.Percent {
		return "kp:pct:" + d
	}
	if math.Max(math.Abs(s.min), math.Abs(s.max)) >= 1e4 {
		return "kp:wan"
	}
	return "kp:num:" + d
}

// span is the least and the greatest finite display value of vals; ok is
// false when there is none.
func span(format string, vals ...[]float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, vs := range vals {
		for _, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			d := numfmt.Display(v, format)
			if math.IsInf(d, 0) || math.Abs(d) > 1e300 {
				continue
			}
			lo, hi = math.Min(lo, d), math.Max(hi, d)
		}
	}
	return lo, hi, !math.IsInf(lo, 0)
}

// zeroScale is the axis of bars: from zero to a whole step at or past
// the greatest value, about five steps; a rate axis ends at 100 %. Values
// below zero leave the axis to ECharts (which keeps zero in it for bars).
func zeroScale(format string, lo, hi float64) scale {
	if lo < 0 || hi <= 0 {
		return scale{}
	}
	step := niceStep(hi / 5)
	top := roundTo(math.Ceil(hi/step-1e-9)*step, step)
	if format == numfmt.Percent && hi <= 100 && top > 100 {
		top = 100
	}
	return scale{0, top, step}
}

// trimmedScale is the axis of dots and lines: whole steps around the
// values, about three steps across them; pad keeps a step between the
// extreme values and the ends (a dot on the frame is hard to see). It
// never goes below zero for values that are not, nor past 100 % for
// rates that are not.
func trimmedScale(format string, lo, hi float64, pad bool) scale {
	step := niceStep((hi - lo) / 3)
	if hi == lo {
		step = 1
		if hi != 0 {
			step = niceStep(math.Abs(hi) / 10)
		}
	}
	min := roundTo(math.Floor(lo/step+1e-9)*step, step)
	max := roundTo(math.Ceil(hi/step-1e-9)*step, step)
	if pad || min == max {
		if min >= lo {
			min = roundTo(min-step, step)
		}
		if max <= hi {
			max = roundTo(max+step, step)
		}
	}
	if lo >= 0 && min < 0 {
		min = 0
	}
	if format == numfmt.Percent && hi <= 100 && max > 100 {
		max = 100
	}
	if math.IsInf(min, 0) || math.IsInf(max, 0) || math.IsNaN(min) || math.IsNaN(max) {
		return scale{}
	}
	return scale{min, max, step}
}

// roundTo rounds x to the decimals of step, so that 1.2500000000000002
// is 1.25 in the page.
func roundTo(x, step float64) float64 {
	if step >= 1 {
		return math.Round(x)
	}
	p := math.Pow(10, math.Ceil(-math.Log10(step)-1e-9))
	return math.Round(x*p) / p
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

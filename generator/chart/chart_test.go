package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestChartIDDeterministic(t *testing.T) {
	names := []string{"山亭区", "市中区", "薛城区"}
	build := func(spec Spec, values []float64) *Chart {
		t.Helper()
		c, err := BarReference(spec, names, values, 1.3, "平均值")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	spec := Spec{Title: "案件比", Format: "ratio", Decimals: 2}
	a := build(spec, []float64{1.2, 1.4, 1.3})
	b := build(spec, []float64{1.2, 1.4, 1.3})
	if a.ID() != b.ID() || a.OptionJSON() != b.OptionJSON() {
		t.Errorf("same chart, different ids or JSON: %s %s", a.ID(), b.ID())
	}
	if !regexp.MustCompile(`^c[0-9a-f]{12}$`).MatchString(a.ID()) {
		t.Errorf("id %q is not c + 12 hex digits", a.ID())
	}
	others := map[string]*Chart{
		"other value": build(spec, []float64{1.2, 1.4, 1.31}),
		"other title": build(Spec{Title: "案件比（同比）", Format: "ratio", Decimals: 2}, []float64{1.2, 1.4, 1.3}),
		"other key":   build(Spec{Title: "案件比", Key: "2", Format: "ratio", Decimals: 2}, []float64{1.2, 1.4, 1.3}),
	}
	for what, c := range others {
		if c.ID() == a.ID() {
			t.Errorf("%s: same id %s", what, c.ID())
		}
	}
}

// option decodes a chart's option JSON.
func option(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(c.OptionJSON()), &m); err != nil {
		t.Fatalf("%s: %v", c.Title, err)
	}
	if strings.Contains(c.OptionJSON(), "NaN") || strings.Contains(c.OptionJSON(), "Inf") {
		t.Errorf("%s: non-finite number in JSON", c.Title)
	}
	return m
}

// dig walks a decoded option by keys and indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			s, _ := v.([]any)
			if k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

func TestChartOptions(t *testing.T) {
	nan := math.NaN()
	spec := Spec{Title: "结案率", Format: "percent", Decimals: 1}

	bar, err := BarReference(spec, []string{"甲", "乙"}, []float64{0.905, nan}, 0.9, "平均值")
	if err != nil {
		t.Fatal(err)
	}
	o := option(t, bar)
	// Percent values are plotted as display values: 0.905 → 90.5; missing → "-".
	if got := dig(o, "series", 0, "data", 0); got != 90.5 {
		t.Errorf("bar value = %v, want 90.5", got)
	}
	if got := dig(o, "series", 0, "data", 1); got != "-" {
		t.Errorf("missing bar value = %v, want \"-\"", got)
	}
	if got := dig(o, "series", 0, "markLine", "data", 0, "xAxis"); got != 90.0 {
		t.Errorf("reference line at %v, want 90", got)
	}
	if got := dig(o, "series", 0, "markLine", "data", 0, "name"); got != "平均值 90.0%" {
		t.Errorf("reference label %v, want 平均值 90.0%%", got)
	}
	// The reference must lie inside the axis, which starts at 0 unless the
	// values cluster far from it.
	if mn, mx := dig(o, "xAxis", 0, "min"), dig(o, "xAxis", 0, "max"); mn == nil || mx == nil || mx.(float64) < 90 {
		t.Errorf("axis range [%v, %v] does not hold the reference 90", mn, mx)
	}
	// 90 % and 90.5 % cluster: dots on an axis of 0.2 % steps.
	if got := dig(o, "series", 0, "type"); got != "scatter" {
		t.Errorf("series type %v, want scatter", got)
	}
	if got := dig(o, "xAxis", 0, "axisLabel", "formatter"); got != "kp:pct:1" {
		t.Errorf("percent axis formatter %v", got)
	}
	if got := dig(o, "tooltip", "valueFormatter"); got != "kp:pct:1" {
		t.Errorf("tooltip formatter %v", got)
	}
	if _, ok := o["toolbox"]; ok {
		t.Error("empty toolbox kept")
	}
	if len(bar.Data.Rows) != 3 || bar.Data.Rows[2].Label != "平均值" {
		t.Errorf("fallback rows = %+v, want two units and the reference", bar.Data.Rows)
	}

	count := Spec{Title: "受理案件数", Format: "number", Decimals: 0}
	st, err := StackedBars(count, []string{"甲", "乙"}, []Series{{Name: "质量", Values: []float64{30, 20}}, {Name: "效率", Values: []float64{10}}})
	if err != nil {
		t.Fatal(err)
	}
	o = option(t, st)
	if dig(o, "series", 1, "stack") != "total" || dig(o, "series", 1, "data", 1) != "-" {
		t.Errorf("stacked series = %v", dig(o, "series", 1))
	}
	// Segments 30+10 and 20: from 0 to 40 in steps of niceStep(40/5) = 10.
	if dig(o, "xAxis", 0, "axisLabel", "formatter") != "kp:num:0" || dig(o, "xAxis", 0, "max") != 40.0 || dig(o, "yAxis", 0, "inverse") != true {
		t.Errorf("stacked axes = %v / %v", dig(o, "xAxis"), dig(o, "yAxis"))
	}

	gb, err := GroupedBars(count, []string{"2024-Q1", "2024-Q2"}, []Series{{Name: "甲", Values: []float64{1, 2}}, {Name: "乙", Values: []float64{3, 4}}})
	if err != nil {
		t.Fatal(err)
	}
	o = option(t, gb)
	if dig(o, "series", 0, "stack") != nil || dig(o, "legend", "show") != true {
		t.Errorf("grouped bars: stack %v, legend %v", dig(o, "series", 0, "stack"), dig(o, "legend"))
	}

	rl, err := RankLines(Spec{Title: "排名"}, []string{"Q1", "Q2", "Q3"}, []Series{{Name: "甲", Values: []float64{3, nan, 1}}})
	if err != nil {
		t.Fatal(err)
	}
	o = option(t, rl)
	if dig(o, "yAxis", 0, "inverse") != true || dig(o, "yAxis", 0, "min") != 1.0 || dig(o, "yAxis", 0, "axisLabel", "formatter") != "kp:rank" {
		t.Errorf("rank axis = %v", dig(o, "yAxis", 0))
	}

	ln, err := Lines(spec, []string{"Q1", "Q2"}, []Series{{Name: "甲", Values: []float64{0.5, 0.6}}, {Name: "平均", Values: []float64{0.55, 0.58}, Dashed: true}})
	if err != nil {
		t.Fatal(err)
	}
	o = option(t, ln)
	if dig(o, "series", 1, "lineStyle", "type") != "dashed" || dig(o, "series", 0, "data", 1) != 60.0 {
		t.Errorf("lines = %v", dig(o, "series"))
	}

	rd, err := Radar(Spec{Title: "类别得分率", Format: "number", Decimals: 1}, []RadarAxis{{"质量", 100}, {"效率", 100}}, []Series{{Name: "甲", Values: []float64{80, 90}}})
	if err != nil {
		t.Fatal(err)
	}
	o = option(t, rd)
	if dig(o, "radar", "indicator", 1, "name") != "效率" || dig(o, "radar", "radius") != "62%" || dig(o, "series", 0, "data", 0, "value", 1) != 90.0 {
		t.Errorf("radar = %v", o)
	}

	hm, err := Heatmap(spec, []string{"甲", "乙"}, []string{"Q1", "Q2"}, [][]float64{{0.5, nan}, {0.7, 0.9}})
	if err != nil {
		t.Fatal(err)
	}
	o = option(t, hm)
	// Three cells with values; the missing one is left out. Cell [x, y, dv].
	if n := len(dig(o, "series", 0, "data").([]any)); n != 3 {
		t.Errorf("heatmap has %d cells, want 3", n)
	}
	if got := dig(o, "series", 0, "data", 2); got == nil || got.([]any)[2] != 90.0 {
		t.Errorf("heatmap cell = %v, want [1 1 90]", got)
	}
	if dig(o, "xAxis", 0, "data", 1) != "Q2" {
		t.Errorf("heatmap columns = %v", dig(o, "xAxis"))
	}
	if dig(o, "visualMap", 0, "min") != 50.0 || dig(o, "visualMap", 0, "max") != 90.0 {
		t.Errorf("visualMap = %v, want min 50 max 90", dig(o, "visualMap"))
	}
	// The legend's ends carry the numbers, the greatest first (ECharts
	// puts text[0] at the max end); higher is better (or no direction):
	// the greatest value is darkest.
	if dig(o, "visualMap", 0, "text", 0) != "90.0%" || dig(o, "visualMap", 0, "text", 1) != "50.0%" || dig(o, "visualMap", 0, "inRange", "color", 2) != "#1f3a5f" {
		t.Errorf("visualMap = %v", dig(o, "visualMap"))
	}
	lower := spec
	lower.Cue.Direction = -1
	hm, _ = Heatmap(lower, []string{"甲", "乙"}, []string{"Q1", "Q2"}, [][]float64{{0.5, nan}, {0.7, 0.9}})
	if o = option(t, hm); dig(o, "visualMap", 0, "inRange", "color", 0) != "#1f3a5f" {
		t.Errorf("lower is better: the least value is not darkest: %v", dig(o, "visualMap", 0, "inRange"))
	}
}

func TestScales(t *testing.T) {
	for _, tc := range []struct {
		name           string
		format         string
		values         []float64
		ref            float64
		dots           bool
		min, max, step float64
	}{
		// 案件比 1.31–1.44, ref 1.37: clustered (1.31 ≥ 1.44/2), so dots on a
		// trimmed axis: step niceStep((1.44 − 1.31)/3 = 0.0433) = 0.05;
		// min floor(1.31/0.05 = 26.2)·0.05 = 1.30, max ceil(28.8)·0.05 = 1.45.
		{"clustered ratio", "ratio", []float64{1.31, 1.44, 1.35}, 1.37, true, 1.30, 1.45, 0.05},
		// Rates 92 %–100 %: dots; step niceStep(8/3 = 2.67) = 5; min 90;
		// max 100 is the greatest value, padded a step to 105, then held
		// at 100: a rate axis never goes past 100 %.
		{"rates capped", "percent", []float64{0.92, 1.0}, 0.95, true, 90, 100, 5},
		// 0–30 spread, ref 40 beyond the bars: not clustered, bars from 0;
		// step niceStep(40/5 = 8) = 10; max ceil(40/10)·10 = 40.
		{"reference beyond bars", "number", []float64{0, 10, 30}, 40, false, 0, 40, 10},
		// Totals 30–92: 30 < 92/2, bars from zero; step niceStep(18.4) = 20,
		// max ceil(92/20 = 4.6)·20 = 100.
		{"spread totals", "number", []float64{30, 92}, 80, false, 0, 100, 20},
		// Totals 70–92 cluster: dots; step niceStep(22/3 = 7.33) = 10;
		// min floor(7)·10 = 70 is the least value, padded to 60; max 100.
		{"clustered totals", "number", []float64{70, 92}, 80, true, 60, 100, 10},
		// Rates 45 %–99 %: bars; step niceStep(19.8) = 20, max 100.
		{"rate bars", "percent", []float64{0.45, 0.99}, 0.7, false, 0, 100, 20},
	} {
		c, err := BarReference(Spec{Title: tc.name, Format: tc.format, Decimals: 2}, []string{"a", "b", "c"}, tc.values, tc.ref, "ref")
		if err != nil {
			t.Fatal(err)
		}
		o := option(t, c)
		kind := "bar"
		if tc.dots {
			kind = "scatter"
		}
		if got := dig(o, "series", 0, "type"); got != kind {
			t.Errorf("%s: series type %v, want %s", tc.name, got, kind)
		}
		mn, _ := dig(o, "xAxis", 0, "min").(float64)
		mx, _ := dig(o, "xAxis", 0, "max").(float64)
		lo, _ := dig(o, "xAxis", 0, "minInterval").(float64)
		hi, _ := dig(o, "xAxis", 0, "maxInterval").(float64)
		if math.Abs(mn-tc.min) > 1e-12 || math.Abs(mx-tc.max) > 1e-12 || lo != tc.step || hi != tc.step {
			t.Errorf("%s: axis [%v, %v] step %v/%v, want [%v, %v] step %v", tc.name, mn, mx, lo, hi, tc.min, tc.max, tc.step)
		}
	}
}

// TestCue: with a direction, each value is drawn by the series of its
// side of the reference, and the site's own unit stands out.
func TestCue(t *testing.T) {
	nan := math.NaN()
	spec := Spec{Title: "案件比", Format: "ratio", Decimals: 2, Home: "乙",
		Cue: Cue{Direction: -1, Better: "不劣于平均值", Worse: "劣于平均值"}}
	// Lower is better against 1.3: 1.2 and 1.3 (equal) are not worse,
	// 1.5 is; the missing value is in neither.
	c, err := BarReference(spec, []string{"甲", "乙", "丙", "丁"}, []float64{1.2, 1.5, 1.3, nan}, 1.3, "平均值")
	if err != nil {
		t.Fatal(err)
	}
	o := option(t, c)
	if dig(o, "series", 0, "name") != "不劣于平均值" || dig(o, "series", 1, "name") != "劣于平均值" || dig(o, "legend", "show") != true {
		t.Errorf("series %v / %v, legend %v", dig(o, "series", 0, "name"), dig(o, "series", 1, "name"), dig(o, "legend"))
	}
	better := []any{1.2, "-", 1.3, "-"}
	for i, want := range better {
		if got := dig(o, "series", 0, "data", i); got != want {
			t.Errorf("better[%d] = %v, want %v", i, got, want)
		}
	}
	if dig(o, "series", 1, "data", 0) != "-" || dig(o, "series", 1, "data", 1, "value") != 1.5 ||
		dig(o, "series", 1, "data", 1, "itemStyle", "borderWidth") != 2.0 || dig(o, "series", 1, "data", 3) != "-" {
		t.Errorf("worse = %v", dig(o, "series", 1, "data"))
	}
	if dig(o, "series", 0, "symbol") == dig(o, "series", 1, "symbol") || dig(o, "color", 0) == dig(o, "color", 1) {
		t.Errorf("better and worse look the same: %v %v", dig(o, "series", 0, "symbol"), dig(o, "color"))
	}
	if dig(o, "yAxis", 0, "data", 1, "textStyle", "fontWeight") != "bold" || dig(o, "yAxis", 0, "data", 0) != "甲" {
		t.Errorf("home label = %v", dig(o, "yAxis", 0, "data"))
	}

	// Higher is better: the same values swap sides.
	spec.Cue.Direction = 1
	c, _ = BarReference(spec, []string{"甲", "乙", "丙"}, []float64{1.2, 1.5, 1.3}, 1.3, "平均值")
	o = option(t, c)
	if dig(o, "series", 1, "data", 0) != 1.2 || dig(o, "series", 0, "data", 1, "value") != 1.5 {
		t.Errorf("higher is better: %v", dig(o, "series"))
	}
}

// TestRankAxis: the rank axis ends at the worst rank; its label is left
// out when it would crowd the last step's.
func TestRankAxis(t *testing.T) {
	for _, tc := range []struct {
		worst    float64
		step     float64
		showLast bool
	}{
		// step niceStep((32 − 1)/5 = 6.2) = 10; 32 is 2 past 30, under half
		// a step: 第30名 and 第32名 would overlap.
		{32, 10, false},
		// 28 is 8 past 20, more than half a step: both labels fit.
		{28, 10, true},
		// step niceStep(5/5) = 1: every rank has its label.
		{6, 1, true},
	} {
		c, err := RankLines(Spec{Title: "排名"}, []string{"Q1", "Q2"}, []Series{{Name: "甲", Values: []float64{1, tc.worst}}})
		if err != nil {
			t.Fatal(err)
		}
		y := dig(option(t, c), "yAxis", 0).(map[string]any)
		show, _ := dig(y, "axisLabel", "showMaxLabel").(bool)
		if y["max"] != tc.worst || y["minInterval"] != tc.step || y["maxInterval"] != tc.step || (dig(y, "axisLabel", "showMaxLabel") == nil) != tc.showLast || (!tc.showLast && show) {
			t.Errorf("worst %v: axis %v", tc.worst, y)
		}
	}
}

// everyChart makes one chart of each constructor from the same labels
// and values (values[i] for label i; the first value also as the
// reference and as the radar's maximum).
func everyChart(t *testing.T, spec Spec, labels []string, values []float64) map[string]*Chart {
	t.Helper()
	ref := values[0]
	series := []Series{{Name: labels[0], Values: values}, {Name: labels[len(labels)-1], Values: values, Dashed: true}}
	axes := make([]RadarAxis, len(labels))
	grid := make([][]float64, len(labels))
	for i, l := range labels {
		axes[i] = RadarAxis{Name: l, Max: values[i]}
		grid[i] = values
	}
	out := map[string]*Chart{}
	add := func(name string, c *Chart, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s %v: %v", name, values, err)
		}
		out[name] = c
	}
	c, err := BarReference(spec, labels, values, ref, labels[0])
	add("BarReference", c, err)
	c, err = CompactBars(spec, labels, values, ref, labels[0])
	add("CompactBars", c, err)
	c, err = StackedBars(spec, labels, series)
	add("StackedBars", c, err)
	c, err = GroupedBars(spec, labels, series)
	add("GroupedBars", c, err)
	c, err = Lines(spec, labels, series)
	add("Lines", c, err)
	c, err = RankLines(spec, labels, series)
	add("RankLines", c, err)
	c, err = Radar(spec, axes, series)
	add("Radar", c, err)
	c, err = Heatmap(spec, labels, labels, grid)
	add("Heatmap", c, err)
	return out
}

// TestOptionsValidJSON: every constructor gives an option that is JSON
// with no NaN or infinity in it, whatever finite or missing values it is
// given: missing ones (NaN, ±Inf), zero, negative ones, and values far
// beyond any count (float32's range, which go-echarts' types use for a
// radar's and a heatmap's bounds, and float64's).
func TestOptionsValidJSON(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	labels := []string{"甲", "乙", "丙", "丁"}
	for _, values := range [][]float64{
		{1.2, 1.4, 1.3, 1.25},
		{nan, inf, math.Inf(-1), 1},
		{0, 0, 0, 0},
		{-3, 2, -1e40, 5},
		{1e39, 2e40, 3, 4},
		{1e300, 1e299, 1e298, 1},
		{math.MaxFloat64, math.MaxFloat64 / 2, math.SmallestNonzeroFloat64, 0},
		{nan, nan, nan, nan},
	} {
		for _, format := range []string{"number", "percent", "ratio", "days"} {
			for name, c := range everyChart(t, Spec{Title: "指标", Format: format, Decimals: 2}, labels, values) {
				js := c.OptionJSON()
				var v any
				if err := json.Unmarshal([]byte(js), &v); err != nil {
					t.Errorf("%s %s %v: %v", name, format, values, err)
				}
				if strings.Contains(js, "NaN") || strings.Contains(js, "Inf") {
					t.Errorf("%s %s %v: non-finite number in %s", name, format, values, js)
				}
			}
		}
	}
}

// TestLabelsEscaped: titles, names and series that hold markup are in the
// option as JSON escapes (\u003c, \u003e, \u0026, \u2028, \u2029), so
// that the option cannot end the <script> element it is placed in, and
// they decode to the same text.
func TestLabelsEscaped(t *testing.T) {
	evil := "</script><script>alert(1)</script>\"><img src=x onerror=alert(1)>&\u2028\u2029"
	labels := []string{evil, "乙" + evil, "丙", "丁"}
	for name, c := range everyChart(t, Spec{Title: "标题" + evil, Key: evil, Format: "percent", Decimals: 1}, labels, []float64{0.9, 0.8, 0.7, 0.95}) {
		js := c.OptionJSON()
		if strings.ContainsAny(js, "<>&\u2028\u2029") {
			t.Errorf("%s: unescaped markup in %s", name, js)
		}
		if !strings.Contains(js, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\"\u003e\u003cimg src=x onerror=alert(1)\u003e\u0026\u2028\u2029`) {
			t.Errorf("%s: the label is not in the option, escaped: %s", name, js)
		}
		var v any
		if err := json.Unmarshal([]byte(js), &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(fmt.Sprint(v), evil) {
			t.Errorf("%s: the label does not decode to itself", name)
		}
		if c.Title != "标题"+evil {
			t.Errorf("%s: title %q", name, c.Title)
		}
		inTable := false
		for _, r := range c.Data.Rows {
			inTable = inTable || r.Label == labels[1]
		}
		for _, col := range c.Data.Columns {
			inTable = inTable || col == labels[1]
		}
		if !inTable {
			t.Errorf("%s: the data table lacks %q", name, labels[1])
		}
	}
}

// TestIDsDistinct: the id is c + 12 hex digits, the same for the same
// chart and different for any difference in kind, title, key or data,
// so that one page's charts never share an id.
func TestIDsDistinct(t *testing.T) {
	labels := []string{"甲", "乙", "丙"}
	ids := map[string]string{}
	for _, spec := range []Spec{{Title: "案件比", Format: "ratio", Decimals: 2}, {Title: "案件比", Key: "g2", Format: "ratio", Decimals: 2}, {Title: "结案率", Format: "ratio", Decimals: 2}} {
		for _, values := range [][]float64{{1.2, 1.4, 1.3}, {1.2, 1.4, 1.31}} {
			a, b := everyChart(t, spec, labels, values), everyChart(t, spec, labels, values)
			for name, c := range a {
				if c.ID() != b[name].ID() || c.OptionJSON() != b[name].OptionJSON() {
					t.Errorf("%s %v: two builds differ", name, spec)
				}
				if !regexp.MustCompile(`^c[0-9a-f]{12}$`).MatchString(c.ID()) {
					t.Errorf("%s: id %q", name, c.ID())
				}
				what := fmt.Sprint(name, spec, values)
				if other, dup := ids[c.ID()]; dup {
					t.Errorf("%s and %s share the id %s", what, other, c.ID())
				}
				ids[c.ID()] = what
			}
		}
	}
	if len(ids) != 8*3*2 {
		t.Errorf("%d ids", len(ids))
	}
}

// TestCompactBars: the compact chart of a large group (the rankings use
// it above 40 members) is one vertical bar per member in the order given,
// with no names on the axis (they are in the tooltip and the table), a
// fixed height, the reference line, and a table of every member and the
// reference.
func TestCompactBars(t *testing.T) {
	const n = 500
	names := make([]string, n)
	values := make([]float64, n)
	for i := range names {
		names[i] = "检察官" + strconv.Itoa(i)
		values[i] = float64(n - i)
	}
	c, err := CompactBars(Spec{Title: "总分", Format: "number", Decimals: 2}, names, values, 250.5, "平均值")
	if err != nil {
		t.Fatal(err)
	}
	o := option(t, c)
	if dig(o, "xAxis", 0, "type") != "category" || dig(o, "xAxis", 0, "axisLabel", "show") != false || dig(o, "yAxis", 0, "type") != "value" {
		t.Errorf("axes %v / %v", dig(o, "xAxis"), dig(o, "yAxis"))
	}
	if got := len(dig(o, "xAxis", 0, "data").([]any)); got != n || dig(o, "xAxis", 0, "data", 499) != "检察官499" {
		t.Errorf("%d names on the axis", got)
	}
	if got := len(dig(o, "series", 0, "data").([]any)); got != n || dig(o, "series", 0, "data", 0) != float64(n) {
		t.Errorf("%d bars, first %v", got, dig(o, "series", 0, "data", 0))
	}
	if dig(o, "series", 0, "markLine", "data", 0, "yAxis") != 250.5 || dig(o, "series", 0, "markLine", "data", 0, "name") != "平均值 250.50" {
		t.Errorf("reference line %v", dig(o, "series", 0, "markLine"))
	}
	if c.Height != 240 || len(c.Data.Rows) != n+1 || c.Data.Rows[n].Label != "平均值" || c.Data.Rows[n].Values[0] != 250.5 {
		t.Errorf("height %d, %d rows", c.Height, len(c.Data.Rows))
	}
	// Labelled horizontal bars for a small group, for comparison.
	b, _ := BarReference(Spec{Title: "总分", Format: "number", Decimals: 2}, names[:40], values[:40], 480, "平均值")
	if dig(option(t, b), "yAxis", 0, "type") != "category" || b.Height != 80+26*40 {
		t.Errorf("40 labelled bars: %v, height %d", dig(option(t, b), "yAxis"), b.Height)
	}
}

// TestRawPartsEscaped: an option part encoded beforehand (json.RawMessage)
// that holds "</script>" is escaped in the option like every string, so
// it cannot end the element the page puts the option in.
func TestRawPartsEscaped(t *testing.T) {
	js, err := safeJSON(Option{Title: json.RawMessage(`{"text":"</script><b>&\u2028"}`), Series: []string{"<i>"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&", "\u2028"} {
		if strings.Contains(string(js), bad) {
			t.Errorf("option %s holds %q", js, bad)
		}
	}
}

package render

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestFastChartsMatchGoEcharts builds many line, rank and radar charts
// both ways, directly (linesJSON, radarJSON) and through go-echarts, and
// requires the same option bytes, id and table.
func TestFastChartsMatchGoEcharts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"枣庄1院检察官01", "组内平均", "A <b>&amp;</b>", `quo"te\`, "line\u2028sep", "tab\there", "平均值 +1", "x"}
	formats := []string{"number", "percent", "ratio", "days"}
	value := func() float64 {
		switch rng.IntN(8) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1)
		case 2:
			return rng.Float64() * 1e-8
		case 3:
			return rng.Float64() * 1e22
		case 4:
			return float64(rng.IntN(200))
		}
		return rng.NormFloat64() * 100
	}
	for n := range 600 {
		spec := Spec{Title: names[rng.IntN(len(names))], Key: fmt.Sprint("k", n%3), Format: formats[rng.IntN(len(formats))],
			Decimals: rng.IntN(4), Corner: "期", Height: rng.IntN(2) * 260}
		var cats []string
		for i := range 1 + rng.IntN(9) {
			cats = append(cats, fmt.Sprintf("%s%d", names[rng.IntN(len(names))], i))
		}
		var series []Series
		for j := range 1 + rng.IntN(3) {
			s := Series{Name: names[(n+j)%len(names)], Dashed: rng.IntN(2) == 0}
			for range len(cats) - rng.IntN(2) { // sometimes one value short
				s.Values = append(s.Values, value())
			}
			series = append(series, s)
		}
		switch n % 3 {
		case 0, 1:
			rank := n%3 == 1
			if rank {
				spec.Format, spec.Decimals = "number", 0
			}
			fast, err := lines(spec, cats, series, rank)
			if err != nil {
				t.Fatal(err)
			}
			slow, err := linesEcharts(spec, cats, series, rank)
			if err != nil {
				t.Fatal(err)
			}
			sameChart(t, fmt.Sprintf("lines %d", n), fast, slow)
		case 2:
			axes := make([]RadarAxis, len(cats))
			for i, c := range cats {
				axes[i] = RadarAxis{Name: c, Max: []float64{100, 110, 0.3, 1234.5678}[rng.IntN(4)]}
			}
			fast, err := Radar(spec, axes, series)
			if err != nil {
				t.Fatal(err)
			}
			slow, err := radarEcharts(spec, axes, series)
			if err != nil {
				t.Fatal(err)
			}
			sameChart(t, fmt.Sprintf("radar %d", n), fast, slow)
		}
	}
}

// TestFastChartsFallBack checks that inputs the direct writers leave to
// go-echarts still give its output.
func TestFastChartsFallBack(t *testing.T) {
	spec := Spec{Title: "t", Format: "number"}
	for _, tc := range []struct {
		name   string
		cats   []string
		series []Series
	}{
		{"no periods", nil, []Series{{Name: "a"}}},
		{"no series", []string{"Q1"}, nil},
		{"unnamed series", []string{"Q1"}, []Series{{Values: []float64{1}}}},
	} {
		if _, ok := linesJSON(spec, tc.cats, tc.series, false); ok {
			t.Errorf("%s: linesJSON took it", tc.name)
		}
		fast, err := Lines(spec, tc.cats, tc.series)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := linesEcharts(spec, tc.cats, tc.series, false)
		if err != nil {
			t.Fatal(err)
		}
		sameChart(t, tc.name, fast, slow)
	}
	if _, ok := radarJSON(spec, []RadarAxis{{Name: "a", Max: 0}}, []Series{{Name: "s"}}); ok {
		t.Error("radarJSON took an axis without a maximum")
	}
}

func sameChart(t *testing.T, what string, fast, slow *Chart) {
	t.Helper()
	if fast.OptionJSON() != slow.OptionJSON() {
		t.Fatalf("%s: option differs\nfast: %s\nslow: %s", what, fast.OptionJSON(), slow.OptionJSON())
	}
	if fast.ID() != slow.ID() || fast.Height != slow.Height || fmt.Sprint(fast.Data) != fmt.Sprint(slow.Data) {
		t.Fatalf("%s: id/height/table differ: %s %d %v / %s %d %v", what, fast.ID(), fast.Height, fast.Data, slow.ID(), slow.Height, slow.Data)
	}
}

package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"kaoping/generator/render"
)

// TestRankCompactJSONMatchesEcharts builds many compact bar charts both
// ways, directly (rankCompactJSON) and through go-echarts, and requires
// the same option bytes, id, height and data table.
func TestRankCompactJSONMatchesEcharts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"枣庄1院检察官01", "案件比", "A <b>&amp;</b>", `quo"te\`, "line\u2028sep", "tab\there", "平均值 +1", "x", "bad \xff utf8"}
	formats := []string{"number", "percent", "ratio", "days", ""}
	value := func() float64 {
		switch rng.IntN(9) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1 - 2*rng.IntN(2))
		case 2:
			return rng.Float64() * 1e-8
		case 3:
			return rng.Float64() * 1e22
		case 4:
			return float64(rng.IntN(200))
		case 5:
			return math.Copysign(0, -1)
		}
		return rng.NormFloat64() * 100
	}
	for n := range 400 {
		spec := render.Spec{Title: words[rng.IntN(len(words))], Key: fmt.Sprint("k", n%3), Format: formats[rng.IntN(len(formats))],
			Decimals: rng.IntN(4), Corner: "名称", Height: rng.IntN(2) * 200}
		var names []string
		var values []float64
		for i := range 1 + rng.IntN(60) {
			names = append(names, fmt.Sprintf("%s%d", words[rng.IntN(len(words))], i))
			values = append(values, value())
		}
		values = values[:len(values)-rng.IntN(2)] // sometimes one value short
		ref := value()
		label := words[rng.IntN(len(words))]
		fast, err := rankCompactBars(spec, names, values, ref, label)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := rankCompactBarsEcharts(spec, names, values, ref, label)
		if err != nil {
			t.Fatal(err)
		}
		if fast.OptionJSON() != slow.OptionJSON() {
			t.Fatalf("chart %d: option differs\nfast: %s\nslow: %s", n, fast.OptionJSON(), slow.OptionJSON())
		}
		if fast.ID() != slow.ID() || fast.Height != slow.Height || fast.Title != slow.Title ||
			fmt.Sprint(fast.Data) != fmt.Sprint(slow.Data) {
			t.Fatalf("chart %d: id, height, title or table differ:\n%+v\n%+v", n, fast, slow)
		}
	}
}

// TestRankSortedByValueMatchesSliceStable holds rankSortedByValue to the
// sort.SliceStable ordering it replaced: best first by sign, missing
// last, ties in the given order.
func TestRankSortedByValueMatchesSliceStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 300 {
		values := make([]float64, rng.IntN(200))
		for i := range values {
			switch rng.IntN(6) {
			case 0:
				values[i] = math.NaN()
			case 1:
				values[i] = float64(rng.IntN(5)) // ties
			default:
				values[i] = rng.NormFloat64()
			}
		}
		sign := []float64{1, -1, 0}[n%3]
		want := make([]int, len(values))
		for i := range want {
			want[i] = i
		}
		s := sign
		if s == 0 {
			s = 1
		}
		sort.SliceStable(want, func(a, b int) bool {
			va, vb := values[want[a]], values[want[b]]
			ma, mb := math.IsNaN(va), math.IsNaN(vb)
			if ma || mb {
				return !ma && mb
			}
			return s*va > s*vb
		})
		if got := rankSortedByValue(values, sign); !slices.Equal(got, want) {
			t.Fatalf("case %d (sign %v): got %v, want %v", n, sign, got, want)
		}
	}
}

package report

import (
	"math"
	"slices"

	"kaoping/generator/chart"
)

// rankCompactLimit is the largest group drawn with one labelled horizontal
// bar per member. Larger groups (a province's prosecutors: 50–500 in a
// group) get compact vertical bars without names on the axis: the shape
// of the distribution and the reference line stay readable on one screen
// and on A4, names show in the tooltip, and the chart's data table and the
// 公示表 above it list every member.
const rankCompactLimit = 40

// rankBars draws values by name against a reference line: labelled
// horizontal bars (chart.BarReference) for up to rankCompactLimit names,
// compact vertical bars beyond.
func rankBars(spec chart.Spec, names []string, values []float64, ref float64, refLabel string) (*chart.Chart, error) {
	if len(names) <= rankCompactLimit {
		return chart.BarReference(spec, names, values, ref, refLabel)
	}
	return chart.CompactBars(spec, names, values, ref, refLabel)
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

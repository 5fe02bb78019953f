package scoring

import (
	"math"
	"slices"
	"sort"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/formula"
)

// indicatorRun is one indicator within one group: the members' values and
// what the methods need.
type indicatorRun struct {
	ind    *config.Indicator
	w      float64
	sign   float64   // +1 higher, −1 lower, 0 none
	scale  float64   // display units per value unit: 100 for percent, else 1
	have   []int     // members with a value, in member order
	v, dv  []float64 // value and display value by member (0 when missing)
	points []float64 // by member
	st     *IndicatorStats
	scores []*IndicatorScore
	nums   []float64 // backing store: value, display value, deviation per member
}

// setDeviation records member k's deviation (d or z).
func (r *indicatorRun) setDeviation(k int, d float64) {
	r.nums[3*k+2] = d
	r.scores[k].Deviation = &r.nums[3*k+2]
}

// scoreIndicator computes one indicator for the members of a group: the
// values, the group's statistics, each member's points, indicator ranks
// and the missing-value policy. rows are the members' rows in pd.
func (e *Engine) scoreIndicator(ind *config.Indicator, pd *dataset.PeriodData, members []*dataset.Entity, rows []int) ([]*IndicatorScore, *IndicatorStats) {
	n := len(members)
	run := &indicatorRun{
		ind: ind, w: ind.Weight, sign: ind.Sign(), scale: 1,
		v: make([]float64, n), dv: make([]float64, n), points: make([]float64, n),
		st: &IndicatorStats{}, scores: make([]*IndicatorScore, n),
	}
	if ind.Format == "percent" {
		run.scale = 100
	}
	c := e.inds[ind]
	// One allocation for the scores and one for the numbers they point to
	// (value, display value, deviation per member): Score runs on
	// thousands of entities per period.
	slab := make([]IndicatorScore, n)
	run.nums = make([]float64, 3*n)
	var value, validIf *binding
	if c != nil {
		value = e.bind(c.value, pd)
		if c.validIf != nil {
			validIf = e.bind(c.validIf, pd)
		}
	}
	for k := range members {
		sc := &slab[k]
		sc.Band, sc.Missing = -1, true
		run.scores[k] = sc
		if c == nil {
			continue
		}
		v, ok := c.value.EvalValues(value.values(pd, rows[k]))
		if !ok {
			continue
		}
		if validIf != nil && !c.validIf.TestValues(validIf.values(pd, rows[k])) {
			sc.Invalid = true
			continue
		}
		dv := v * run.scale
		if math.IsInf(dv, 0) {
			continue // 100·v overflowed: not finite, so missing (SPEC §5)
		}
		sc.Missing = false
		run.nums[3*k], run.nums[3*k+1] = v, dv
		sc.Value, sc.Display = &run.nums[3*k], &run.nums[3*k+1]
		run.v[k], run.dv[k] = v, dv
		run.have = append(run.have, k)
	}
	run.stats()
	if len(run.have) == 0 {
		// V is empty: every member gets 0 (SPEC §6); Problems reports it.
		run.st.NoValues = true
		return run.scores, run.st
	}
	run.rankValues()
	switch ind.Method {
	case "mean_relative":
		run.meanRelative(e.pooled(c, pd, rows, run.have))
	case "efficacy":
		run.efficacy()
	case "bands":
		run.bands()
	case "rank":
		run.rank()
	case "target":
		run.target()
	case "zscore":
		run.zscore()
	case "range":
		run.rangeMethod()
	case "direct":
		run.direct()
	}
	run.missing()
	run.alerts()
	for k, sc := range run.scores {
		sc.Points = run.points[k]
		sc.Reference = run.st.Reference
	}
	return run.scores, run.st
}

// binding is a formula's names resolved for one period: each name is a
// constant (which wins over a field of the same name) or a column of the
// period's values. It evaluates the formula on many rows without a
// lookup by name; not safe for concurrent use (env is reused).
type binding struct {
	consts []float64 // constant value by name slot
	cols   []int     // column by name slot: -2 for a constant, -1 for a field pd lacks
	env    []float64 // the values of the last row
}

const constantSlot = -2

func (e *Engine) bind(f *formula.Formula, pd *dataset.PeriodData) *binding {
	names := f.Names()
	b := &binding{consts: make([]float64, len(names)), cols: make([]int, len(names)), env: make([]float64, len(names))}
	for i, n := range names {
		if v, ok := e.consts[n]; ok {
			b.consts[i], b.cols[i] = v, constantSlot
			continue
		}
		b.cols[i] = pd.Column(n)
	}
	return b
}

// values returns the values of the formula's names for row of pd (NaN
// when missing), in the slot order of EvalValues.
func (b *binding) values(pd *dataset.PeriodData, row int) []float64 {
	vals := pd.RowValues(row)
	for i, c := range b.cols {
		switch {
		case c == constantSlot:
			b.env[i] = b.consts[i]
		case c >= 0 && vals != nil:
			b.env[i] = vals[c] // NaN when missing
		default:
			b.env[i] = math.NaN()
		}
	}
	return b.env
}

// pooled evaluates the formula on the sums of each field over the members
// that have a value (reference = "pooled"); nil when not computable. A
// member's missing field adds 0.
func (e *Engine) pooled(c *compiled, pd *dataset.PeriodData, rows []int, have []int) *float64 {
	if c == nil || c.value == nil {
		return nil
	}
	b := e.bind(c.value, pd)
	for i, col := range b.cols {
		if col == constantSlot {
			b.env[i] = b.consts[i]
			continue
		}
		sum := 0.0
		for _, k := range have {
			x, _ := pd.At(rows[k], col)
			sum += x
		}
		b.env[i] = sum
	}
	v, ok := c.value.EvalValues(b.env)
	if !ok {
		return nil
	}
	return &v
}

// stats fills N, Mean, Median, Min, Max and Sigma over V (value units).
func (r *indicatorRun) stats() {
	m := len(r.have)
	r.st.N = m
	if m == 0 {
		return
	}
	vals := make([]float64, m)
	for i, k := range r.have {
		vals[i] = r.v[k]
	}
	sort.Float64s(vals)
	lo, hi := vals[0], vals[m-1]
	// The mean is taken from the smallest value so that equal values give
	// exactly that value (a plain sum/n can be off by one unit in the last
	// place, which would make z-scores of identical values nonzero).
	var sum float64
	for _, x := range vals {
		sum += x - lo
	}
	mean := lo + sum/float64(m)
	median := vals[m/2]
	if m%2 == 0 {
		median = (vals[m/2-1] + vals[m/2]) / 2
	}
	sigma := 0.0
	if hi != lo {
		var ss float64
		for _, x := range vals {
			ss += (x - mean) * (x - mean)
		}
		sigma = math.Sqrt(ss / float64(m))
	}
	r.st.Mean, r.st.Median, r.st.Min, r.st.Max, r.st.Sigma = ptr(mean), ptr(median), ptr(lo), ptr(hi), ptr(sigma)
}

// rankValues sets each member's indicator rank within V, best first by
// direction; equal values (within eps) share the best rank (1, 2, 2, 4).
// Without a direction the rank stays 0, except that the rank method
// (which requires a direction) would then rank higher values first.
func (r *indicatorRun) rankValues() {
	sgn := r.sign
	if sgn == 0 {
		sgn = 1
	}
	// Best first, equal values in member order: with the member index as
	// the last key the order is total, so this gives exactly what a stable
	// sort on the value alone gives (values are never NaN), with pdqsort's
	// fewer comparisons.
	keyed := make([]rankKey, len(r.have))
	for i, k := range r.have {
		keyed[i] = rankKey{sgn * r.v[k], k}
	}
	slices.SortFunc(keyed, func(a, b rankKey) int {
		switch {
		case a.x > b.x:
			return -1
		case b.x > a.x:
			return 1
		}
		return a.k - b.k
	})
	order := make([]int, len(keyed))
	for i, kk := range keyed {
		order[i] = kk.k
	}
	rank := 0
	for i, k := range order {
		if i == 0 || math.Abs(r.v[k]-r.v[order[i-1]]) > eps {
			rank = i + 1
		}
		r.scores[k].Rank = rank
	}
	if r.sign == 0 && r.ind.Method != "rank" {
		for _, k := range order {
			r.scores[k].Rank = 0
		}
	}
}

// rankKey is a member k of V and its value x, signed so that larger is better.
type rankKey struct {
	x float64
	k int
}

// alerts sets each member's 预警 (SPEC §6): with dref the display value of
// the reference (mean_relative's ref, else the mean of V), u = s·(dref − dv)
// is how much worse than the reference the member is; red when u ≥ R,
// yellow when u ≥ Y, with eps of tolerance so that a value exactly at a
// threshold, up to rounding, is flagged. Members without a value, and
// all members when the reference is not computable, get no alert.
func (r *indicatorRun) alerts() {
	a := r.ind.Alert
	if a == nil || r.sign == 0 {
		return
	}
	ref := r.st.Mean
	if r.ind.Method == "mean_relative" {
		ref = r.st.Reference
	}
	if ref == nil {
		return
	}
	dref := *ref * r.scale
	if math.IsInf(dref, 0) || math.IsNaN(dref) {
		return
	}
	for _, k := range r.have {
		switch u := r.sign * (dref - r.dv[k]); {
		case u >= a.Red-eps:
			r.scores[k].Alert = AlertRed
		case u >= a.Yellow-eps:
			r.scores[k].Alert = AlertYellow
		}
	}
}

// missing applies the missing-value policy to the members without a value.
func (r *indicatorRun) missing() {
	if len(r.have) == len(r.scores) {
		return
	}
	fill := 0.0
	switch r.ind.Missing {
	case "zero":
	case "full":
		fill = r.w
	default: // "average"
		var sum float64
		for _, k := range r.have {
			sum += r.points[k]
		}
		fill = sum / float64(len(r.have))
	}
	for k, sc := range r.scores {
		if sc.Missing {
			r.points[k] = fill
		}
	}
}

// num returns *p, or def when p is nil (config.Load fills the defaults;
// this only guards a hand-built Config).
func num(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}

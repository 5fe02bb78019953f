package scoring

import "math"

// The eight methods of SPEC §6. Each sets r.points for the members in
// r.have; thresholds and absolute deviations are in display units.

// meanRelative: 优于平均值加分，低于平均值减分. ref is in value units, nil
// when it cannot be computed (pooled formula missing), which gives d = 0.
func (r *indicatorRun) meanRelative(pooled *float64) {
	ind := r.ind
	var ref *float64
	switch ind.Reference {
	case "median":
		ref = r.st.Median
	case "pooled":
		ref = pooled
	default:
		ref = r.st.Mean
	}
	r.st.Reference = ref
	step := num(ind.Step, 0)
	base := num(ind.Base, r.w)
	for _, k := range r.have {
		d := 0.0
		if ref != nil {
			d = deviation(ind.Deviation == "absolute", r.v[k], r.dv[k], *ref, r.scale)
		}
		r.setDeviation(k, d)
		r.points[k] = curve(base, r.sign*d*step, num(ind.MaxMinus, 0), num(ind.MaxPlus, 0))
	}
}

// deviation is d of mean_relative. absolute: dv − dref in display units.
// relative: (v − ref)/|ref| × 100; when ref = 0, 0 if v = 0, else ±Inf
// by the sign of v − ref.
func deviation(absolute bool, v, dv, ref, scale float64) float64 {
	if absolute {
		return dv - ref*scale
	}
	if ref == 0 {
		switch {
		case v == 0:
			return 0
		case v > ref:
			return math.Inf(1)
		default:
			return math.Inf(-1)
		}
	}
	return (v - ref) / math.Abs(ref) * 100
}

// curve is max(0, base + clamp(x, −maxMinus, +maxPlus)); an infinite x
// (d = ±∞) is clamped to the cap like any other.
func curve(base, x, maxMinus, maxPlus float64) float64 {
	if math.IsNaN(x) {
		x = 0 // only with a direction missing (s = 0) and d = ±∞
	}
	return math.Max(0, base+clamp(x, -maxMinus, maxPlus))
}

// zscore: 标准分, z = (v − mean)/σ with the population σ; σ = 0 gives 0.
func (r *indicatorRun) zscore() {
	ind := r.ind
	mean, sigma := *r.st.Mean, *r.st.Sigma
	r.st.Reference = r.st.Mean
	base := num(ind.Base, r.w)
	step := num(ind.Step, 0)
	for _, k := range r.have {
		z := 0.0
		if sigma != 0 {
			z = (r.v[k] - mean) / sigma
		}
		r.setDeviation(k, z)
		r.points[k] = curve(base, r.sign*z*step, num(ind.MaxMinus, 0), num(ind.MaxPlus, 0))
	}
}

// efficacy: 功效系数法 over the display values of V.
func (r *indicatorRun) efficacy() {
	ind := r.ind
	lo, hi := r.dv[r.have[0]], r.dv[r.have[0]]
	for _, k := range r.have {
		lo, hi = math.Min(lo, r.dv[k]), math.Max(hi, r.dv[k])
	}
	if r.sign < 0 {
		lo, hi = hi, lo // lower is better: the best is the smallest
	}
	if ind.Best != nil {
		hi = *ind.Best
	}
	if ind.Worst != nil {
		lo = *ind.Worst
	}
	r.st.Hi, r.st.Lo = ptr(hi), ptr(lo)
	floor := num(ind.Floor, 0.6)
	for _, k := range r.have {
		if hi == lo {
			r.points[k] = r.w
			continue
		}
		x := clamp((r.dv[k]-lo)/(hi-lo), 0, 1)
		r.points[k] = r.w * (floor + (1-floor)*x)
	}
}

// bands: the points of the first band that holds dv (min inclusive, max
// exclusive); none: 0.
func (r *indicatorRun) bands() {
	for _, k := range r.have {
		dv := r.dv[k]
		for b, band := range r.ind.Bands {
			if (band.Min == nil || dv >= *band.Min) && (band.Max == nil || dv < *band.Max) {
				r.points[k] = band.Points
				r.scores[k].Band = b
				break
			}
		}
	}
}

// rank: 排名赋分 from the rank r of v within V (m = |V|).
func (r *indicatorRun) rank() {
	m := float64(len(r.have))
	for _, k := range r.have {
		rk := float64(r.scores[k].Rank)
		switch {
		case r.ind.Step != nil:
			r.points[k] = math.Max(0, r.w-(rk-1)**r.ind.Step)
		case m == 1:
			r.points[k] = r.w
		default:
			r.points[k] = r.w * (m - rk) / (m - 1)
		}
	}
}

// target: 达标. Met: w. Not met: 0, or proportional. With target = 0 and
// direction higher, only a negative dv misses it, and w·dv/0 = −∞ clamps
// to 0. With direction lower, dv = 0 counts as met when proportional.
func (r *indicatorRun) target() {
	t := num(r.ind.Target, 0)
	for _, k := range r.have {
		dv := r.dv[k]
		var p float64
		switch {
		case r.sign >= 0 && dv >= t, r.sign < 0 && dv <= t:
			p = r.w
		case !r.ind.Proportional:
			p = 0
		case r.sign >= 0:
			p = clamp(r.w*dv/t, 0, r.w)
		case dv == 0:
			p = r.w
		default:
			p = clamp(r.w*t/dv, 0, r.w)
		}
		if math.IsNaN(p) {
			p = 0
		}
		r.points[k] = p
	}
}

// rangeMethod: 合理区间. w inside [low, high]; outside, step points off per
// display unit of distance to the nearer bound, not below 0.
func (r *indicatorRun) rangeMethod() {
	low := num(r.ind.Low, math.Inf(-1))
	high := num(r.ind.High, math.Inf(1))
	step := num(r.ind.Step, 0)
	for _, k := range r.have {
		dv := r.dv[k]
		var dist float64
		switch {
		case dv < low:
			dist = low - dv
		case dv > high:
			dist = dv - high
		}
		r.points[k] = math.Max(0, r.w-step*dist)
	}
}

// direct: a score entered as data, clamp(dv, 0, w).
func (r *indicatorRun) direct() {
	for _, k := range r.have {
		r.points[k] = clamp(r.dv[k], 0, r.w)
	}
}

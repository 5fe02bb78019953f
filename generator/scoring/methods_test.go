package scoring

import (
	"math"
	"testing"

	"kaoping/generator/config"
)

func with(mods ...func(*config.Indicator)) []func(*config.Indicator) { return mods }

func lower(i *config.Indicator)   { i.Direction = "lower" }
func percent(i *config.Indicator) { i.Format = "percent" }
func step(x float64) func(*config.Indicator) {
	return func(i *config.Indicator) { i.Step = f(x) }
}
func caps(minus, plus float64) func(*config.Indicator) {
	return func(i *config.Indicator) { i.MaxMinus, i.MaxPlus = f(minus), f(plus) }
}

// TestMethodsOnX covers the methods on a single field x (formula "x").
func TestMethodsOnX(t *testing.T) {
	tests := []struct {
		name   string
		method string
		mods   []func(*config.Indicator)
		xs     map[string]float64
		want   map[string]float64
	}{
		// mean_relative, relative to the mean. mean = (80+100+120)/3 = 100;
		// d = −20 %, 0, +20 %; s·d·step = −2, 0, +2; points = 10 + that.
		{"mean_relative relative mean", "mean_relative", with(step(0.1), caps(3, 3)),
			map[string]float64{"a": 80, "b": 100, "c": 120},
			map[string]float64{"a": 8, "b": 10, "c": 12}},
		// direction lower: s = −1 flips the signs: 10 + 2, 10, 10 − 2.
		{"mean_relative lower", "mean_relative", with(step(0.1), caps(3, 3), lower),
			map[string]float64{"a": 80, "b": 100, "c": 120},
			map[string]float64{"a": 12, "b": 10, "c": 8}},
		// caps: step 0.5 gives −10, 0, +10; clamp to [−4, +2]: 6, 10, 12.
		{"mean_relative caps", "mean_relative", with(step(0.5), caps(4, 2)),
			map[string]float64{"a": 80, "b": 100, "c": 120},
			map[string]float64{"a": 6, "b": 10, "c": 12}},
		// base 5: 5 − 2, 5, 5 + 2.
		{"mean_relative base", "mean_relative", with(step(0.1), caps(3, 3), func(i *config.Indicator) { i.Base = f(5) }),
			map[string]float64{"a": 80, "b": 100, "c": 120},
			map[string]float64{"a": 3, "b": 5, "c": 7}},
		// floor at 0: base 1, step 0.2: a gets 1 + clamp(−4, −5, 5) = −3 → 0;
		// c gets 1 + 4 = 5.
		{"mean_relative max(0, …)", "mean_relative", with(step(0.2), caps(5, 5), func(i *config.Indicator) { i.Base = f(1) }),
			map[string]float64{"a": 80, "b": 100, "c": 120},
			map[string]float64{"a": 0, "b": 1, "c": 5}},
		// median reference: V = 10, 20, 60; mean 30 but median 20;
		// d = (10−20)/20·100 = −50, 0, (60−20)/20·100 = 200; ·0.01 = −0.5, 0, 2.
		{"mean_relative median", "mean_relative", with(step(0.01), caps(3, 3), func(i *config.Indicator) { i.Reference = "median" }),
			map[string]float64{"a": 10, "b": 20, "c": 60},
			map[string]float64{"a": 9.5, "b": 10, "c": 12}},
		// absolute deviation: mean 50, d = −10, 0, +10 (value units for
		// number format); ·0.1 = −1, 0, +1. (Relative would give −20 % → 8.)
		{"mean_relative absolute", "mean_relative", with(step(0.1), caps(3, 3), func(i *config.Indicator) { i.Deviation = "absolute" }),
			map[string]float64{"a": 40, "b": 50, "c": 60},
			map[string]float64{"a": 9, "b": 10, "c": 11}},
		// ref = 0 with the median of 0, 0, 5 = 0: v = 0 gives d = 0, v = 5
		// gives d = +∞, clamped to +max_plus = 3: 13.
		{"mean_relative ref 0", "mean_relative", with(step(0.1), caps(3, 3), func(i *config.Indicator) { i.Reference = "median" }),
			map[string]float64{"a": 0, "b": 0, "c": 5},
			map[string]float64{"a": 10, "b": 10, "c": 13}},
		// all values 0: ref 0 and v = 0 everywhere: d = 0, points = base.
		{"mean_relative all zero", "mean_relative", with(step(0.1), caps(3, 3)),
			map[string]float64{"a": 0, "b": 0},
			map[string]float64{"a": 10, "b": 10}},

		// efficacy, higher: hi = 100, lo = 60; r = 0, 0.5, 1;
		// points = 10·(0.6 + 0.4·r) = 6, 8, 10.
		{"efficacy higher", "efficacy", nil,
			map[string]float64{"a": 60, "b": 80, "c": 100},
			map[string]float64{"a": 6, "b": 8, "c": 10}},
		// lower: hi = 60 (smallest), lo = 100; r(60) = (60−100)/(60−100) = 1.
		{"efficacy lower", "efficacy", with(lower),
			map[string]float64{"a": 60, "b": 80, "c": 100},
			map[string]float64{"a": 10, "b": 8, "c": 6}},
		// best 90, worst 70: r = clamp(−0.5) = 0, 0.5, clamp(1.5) = 1.
		{"efficacy best worst", "efficacy", with(func(i *config.Indicator) { i.Best, i.Worst = f(90), f(70) }),
			map[string]float64{"a": 60, "b": 80, "c": 100},
			map[string]float64{"a": 6, "b": 8, "c": 10}},
		// best 90 only: lo = the smallest, 60; r(80) = 20/30 = 2/3;
		// 10·(0.6 + 0.4·2/3) = 6 + 8/3 = 8.6667; r(100) = clamp(4/3) = 1.
		{"efficacy best only", "efficacy", with(func(i *config.Indicator) { i.Best = f(90) }),
			map[string]float64{"a": 60, "b": 80, "c": 100},
			map[string]float64{"a": 6, "b": 6 + 8.0/3, "c": 10}},
		// floor 0.5: 10·(0.5 + 0.5·0.5) = 7.5 for the middle.
		{"efficacy floor", "efficacy", with(func(i *config.Indicator) { i.Floor = f(0.5) }),
			map[string]float64{"a": 60, "b": 80, "c": 100},
			map[string]float64{"a": 5, "b": 7.5, "c": 10}},
		// hi = lo (all equal): points = w.
		{"efficacy hi = lo", "efficacy", nil,
			map[string]float64{"a": 70, "b": 70},
			map[string]float64{"a": 10, "b": 10}},

		// bands [95,∞)→10, [90,95)→8, [80,90)→5: 95 is in the first (min
		// inclusive), 94.99 and 90 in the second, 89.9 in the third, 79 in none.
		{"bands", "bands", with(func(i *config.Indicator) {
			i.Bands = []config.Band{{Min: f(95), Points: 10}, {Min: f(90), Max: f(95), Points: 8}, {Min: f(80), Max: f(90), Points: 5}}
		}),
			map[string]float64{"a": 95, "b": 94.99, "c": 90, "d": 89.9, "e": 79},
			map[string]float64{"a": 10, "b": 8, "c": 8, "d": 5, "e": 0}},
		// max exclusive: (−∞,90)→3, then anything→1: 90 falls to the second.
		{"bands max exclusive", "bands", with(func(i *config.Indicator) {
			i.Bands = []config.Band{{Max: f(90), Points: 3}, {Points: 1}}
		}),
			map[string]float64{"a": 89, "b": 90},
			map[string]float64{"a": 3, "b": 1}},

		// rank without step: 50, 40, 40, 30 rank 1, 2, 2, 4; m = 4;
		// w·(m−r)/(m−1) = 10·3/3, 10·2/3, 10·2/3, 10·0/3.
		{"rank", "rank", nil,
			map[string]float64{"a": 50, "b": 40, "c": 40, "d": 30},
			map[string]float64{"a": 10, "b": 20.0 / 3, "c": 20.0 / 3, "d": 0}},
		// lower: 30 is best: ranks d1, b2, c2, a4.
		{"rank lower", "rank", with(lower),
			map[string]float64{"a": 50, "b": 40, "c": 40, "d": 30},
			map[string]float64{"a": 0, "b": 20.0 / 3, "c": 20.0 / 3, "d": 10}},
		// step 4: max(0, 10 − (r−1)·4) = 10, 6, 6, max(0, −2) = 0.
		{"rank step", "rank", with(step(4)),
			map[string]float64{"a": 50, "b": 40, "c": 40, "d": 30},
			map[string]float64{"a": 10, "b": 6, "c": 6, "d": 0}},
		// m = 1: w.
		{"rank m = 1", "rank", nil,
			map[string]float64{"a": 5},
			map[string]float64{"a": 10}},

		// target 90 higher: 95, 90 met → 10; 80 not met → 0.
		{"target higher", "target", with(func(i *config.Indicator) { i.Target = f(90) }),
			map[string]float64{"a": 95, "b": 90, "c": 80},
			map[string]float64{"a": 10, "b": 10, "c": 0}},
		// proportional: 10·80/90 = 8.8889.
		{"target higher proportional", "target", with(func(i *config.Indicator) { i.Target, i.Proportional = f(90), true }),
			map[string]float64{"a": 95, "c": 80},
			map[string]float64{"a": 10, "c": 80.0 / 9}},
		// target 5 lower: 4, 5 met; 8 not met → 0.
		{"target lower", "target", with(lower, func(i *config.Indicator) { i.Target = f(5) }),
			map[string]float64{"a": 4, "b": 5, "c": 8},
			map[string]float64{"a": 10, "b": 10, "c": 0}},
		// lower proportional: 10·5/8 = 6.25; 0 ≤ 5 met.
		{"target lower proportional", "target", with(lower, func(i *config.Indicator) { i.Target, i.Proportional = f(5), true }),
			map[string]float64{"a": 0, "c": 8},
			map[string]float64{"a": 10, "c": 6.25}},

		// zscore: V = 2,4,4,4,5,5,7,9: mean 5, population σ = 2;
		// z = −1.5, −0.5, 0, 1, 2; points = 10 + clamp(z, −1.5, 1.5).
		{"zscore", "zscore", with(step(1), caps(1.5, 1.5)),
			map[string]float64{"a": 2, "b": 4, "c": 4, "d": 4, "e": 5, "f": 5, "g": 7, "h": 9},
			map[string]float64{"a": 8.5, "b": 9.5, "c": 9.5, "d": 9.5, "e": 10, "f": 10, "g": 11, "h": 11.5}},
		// lower and step 2: 10 + clamp(−2z, −3, 3): z −1.5 → +3 → 13; −0.5 → +1 → 11;
		// 0 → 10; 1 → −2 → 8; 2 → −4 → −3 → 7.
		{"zscore lower", "zscore", with(lower, step(2), caps(3, 3)),
			map[string]float64{"a": 2, "b": 4, "c": 4, "d": 4, "e": 5, "f": 5, "g": 7, "h": 9},
			map[string]float64{"a": 13, "b": 11, "c": 11, "d": 11, "e": 10, "f": 10, "g": 8, "h": 7}},
		// σ = 0: z = 0, points = base.
		{"zscore sigma 0", "zscore", with(step(1), caps(3, 3)),
			map[string]float64{"a": 3, "b": 3},
			map[string]float64{"a": 10, "b": 10}},

		// range [10, 20], step 2: inside (bounds included) 10; 8 → 10 − 2·2 = 6;
		// 23 → 10 − 2·3 = 4; 30 → max(0, 10 − 20) = 0.
		{"range", "range", with(step(2), func(i *config.Indicator) { i.Direction, i.Low, i.High = "", f(10), f(20) }),
			map[string]float64{"a": 15, "b": 10, "c": 20, "d": 8, "e": 23, "f": 30},
			map[string]float64{"a": 10, "b": 10, "c": 10, "d": 6, "e": 4, "f": 0}},

		// direct: clamp(dv, 0, 10).
		{"direct", "direct", with(func(i *config.Indicator) { i.Direction = "" }),
			map[string]float64{"a": 7, "b": 12, "c": 0},
			map[string]float64{"a": 7, "b": 10, "c": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scoreOne(t, ind("i", "x", tt.method, 10, tt.mods...), tt.xs)
			checkPoints(t, r, "i", tt.want)
		})
	}
}

// TestMethodsOnFormula covers cases that need a formula: negative values,
// percents, fractions.
func TestMethodsOnFormula(t *testing.T) {
	tests := []struct {
		name    string
		formula string
		method  string
		mods    []func(*config.Indicator)
		data    map[string]row
		want    map[string]float64
	}{
		// ref = mean of −1, 0, 1 = 0: v = −1 → d = −∞ → −3; 0 → 0; 1 → +∞ → +3.
		{"mean_relative ref 0 both signs", "a - b", "mean_relative", with(step(0.1), caps(3, 3)),
			map[string]row{"n": {"a": 0, "b": 1}, "z": {"a": 1, "b": 1}, "p": {"a": 2, "b": 1}},
			map[string]float64{"n": 7, "z": 10, "p": 13}},
		// percent, absolute: v = 0.8, 0.9, 1.0; dv = 80, 90, 100; dref = 90;
		// d = −10, 0, +10 percentage points; ·0.2 = −2, 0, +2.
		{"mean_relative absolute percent", "a / b", "mean_relative",
			with(step(0.2), caps(3, 3), percent, func(i *config.Indicator) { i.Deviation = "absolute" }),
			map[string]row{"a": {"a": 8, "b": 10}, "b": {"a": 9, "b": 10}, "c": {"a": 10, "b": 10}},
			map[string]float64{"a": 8, "b": 10, "c": 12}},
		// percent relative is unit-free: d = (0.8−0.9)/0.9·100 = −11.11 %; ·0.1 = −1.111.
		{"mean_relative relative percent", "a / b", "mean_relative",
			with(step(0.1), caps(3, 3), percent),
			map[string]row{"a": {"a": 8, "b": 10}, "b": {"a": 9, "b": 10}, "c": {"a": 10, "b": 10}},
			map[string]float64{"a": 10 - 10.0/9, "b": 10, "c": 10 + 10.0/9}},
		// pooled, lower: A 30/10 = 3, B 4/2 = 2, C 100/0 missing (not in the
		// sums). ref = (30+4)/(10+2) = 17/6. d_A = (3−17/6)/(17/6)·100 = 100/17,
		// d_B = (2−17/6)/(17/6)·100 = −500/17. Points 10 − 10/17 = 160/17 and
		// 10 + 50/17 = 220/17; C (average) = (160+220)/17/2 = 190/17.
		{"mean_relative pooled", "items / cases", "mean_relative",
			with(step(0.1), caps(5, 5), lower, func(i *config.Indicator) { i.Reference = "pooled" }),
			map[string]row{"a": {"items": 30, "cases": 10}, "b": {"items": 4, "cases": 2}, "c": {"items": 100, "cases": 0}},
			map[string]float64{"a": 160.0 / 17, "b": 220.0 / 17, "c": 190.0 / 17}},
		// pooled not computable: A (2)/(3−1) = 1, B 2/(1−3) = −1; sums give
		// 4/(4−4) = division by zero → ref missing → d = 0 → points = base.
		{"mean_relative pooled missing", "items / (cases - other)", "mean_relative",
			with(step(0.1), caps(5, 5), func(i *config.Indicator) { i.Reference = "pooled" }),
			map[string]row{"a": {"items": 2, "cases": 3, "other": 1}, "b": {"items": 2, "cases": 1, "other": 3}},
			map[string]float64{"a": 10, "b": 10}},
		// efficacy in display units: v = 0.6, 0.8, 1.0 → dv 60, 80, 100;
		// best 90, worst 70 as above: 6, 8, 10.
		{"efficacy percent", "a / b", "efficacy",
			with(percent, func(i *config.Indicator) { i.Best, i.Worst = f(90), f(70) }),
			map[string]row{"a": {"a": 6, "b": 10}, "b": {"a": 8, "b": 10}, "c": {"a": 10, "b": 10}},
			map[string]float64{"a": 6, "b": 8, "c": 10}},
		// target in display units: 0.85 → 85 % < 90 %; proportional 10·85/90.
		{"target percent proportional", "a / b", "target",
			with(percent, func(i *config.Indicator) { i.Target, i.Proportional = f(90), true }),
			map[string]row{"a": {"a": 85, "b": 100}},
			map[string]float64{"a": 85.0 / 9}},
		// target 0 higher proportional: dv = −2 is not met, 10·(−2)/0 = −∞ → 0;
		// dv = 0 is met → 10.
		{"target 0 higher proportional", "a - b", "target",
			with(func(i *config.Indicator) { i.Target, i.Proportional = f(0), true }),
			map[string]row{"n": {"a": 0, "b": 2}, "z": {"a": 1, "b": 1}},
			map[string]float64{"n": 0, "z": 10}},
		// lower proportional with target −1: dv = 0 > −1 is not met but
		// counts as met (no division by 0) → 10; dv = 1: clamp(10·(−1)/1) = 0.
		{"target lower dv 0", "a - b", "target",
			with(lower, func(i *config.Indicator) { i.Target, i.Proportional = f(-1), true }),
			map[string]row{"z": {"a": 1, "b": 1}, "p": {"a": 2, "b": 1}},
			map[string]float64{"z": 10, "p": 0}},
		// zscore of three equal fractions 1/10: σ must be 0 (z = 0, points = base)
		// although a naive mean (0.1+0.1+0.1)/3 differs from 0.1.
		{"zscore equal fractions", "a / b", "zscore", with(step(1), caps(3, 3)),
			map[string]row{"a": {"a": 1, "b": 10}, "b": {"a": 1, "b": 10}, "c": {"a": 1, "b": 10}},
			map[string]float64{"a": 10, "b": 10, "c": 10}},
		// range in display units: 0.25 → 25 %, [10, 20] step 0.5: 10 − 0.5·5 = 7.5.
		{"range percent", "a / b", "range",
			with(percent, step(0.5), func(i *config.Indicator) { i.Direction, i.Low, i.High = "", f(10), f(20) }),
			map[string]row{"a": {"a": 1, "b": 4}},
			map[string]float64{"a": 7.5}},
		// direct below 0: dv = −3 → 0.
		{"direct negative", "a - b", "direct", with(func(i *config.Indicator) { i.Direction = "" }),
			map[string]row{"n": {"a": 0, "b": 3}},
			map[string]float64{"n": 0}},
		// bands on percent: 0.95 → 95 % is in [95, ∞).
		{"bands percent", "a / b", "bands", with(percent, func(i *config.Indicator) {
			i.Bands = []config.Band{{Min: f(95), Points: 10}, {Points: 2}}
		}),
			map[string]row{"a": {"a": 19, "b": 20}, "b": {"a": 18, "b": 20}},
			map[string]float64{"a": 10, "b": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			for id := range tt.data {
				ids = append(ids, id)
			}
			r := score(t, nil, scheme(ind("i", tt.formula, tt.method, 10, tt.mods...)), units(sortStrings(ids)...), tt.data)
			checkPoints(t, r, "i", tt.want)
		})
	}
}

// TestDeviationAndReference checks what the score sheet shows.
func TestDeviationAndReference(t *testing.T) {
	// ref = 0 (mean of −1, 0, 1): d = −∞, 0, +∞; reference 0.
	data := map[string]row{"n": {"a": 0, "b": 1}, "z": {"a": 1, "b": 1}, "p": {"a": 2, "b": 1}}
	r := score(t, nil, scheme(ind("i", "a - b", "mean_relative", 10, step(0.1), caps(3, 3))), units("n", "p", "z"), data)
	want := map[string]float64{"n": math.Inf(-1), "z": 0, "p": math.Inf(1)}
	for id, d := range want {
		sc := entity(t, r, id).Indicators["i"]
		if sc.Deviation == nil || !near(*sc.Deviation, d) || sc.Reference == nil || *sc.Reference != 0 {
			t.Errorf("%s: deviation %v reference %v; want %v and 0", id, sc.Deviation, sc.Reference, d)
		}
	}
	// zscore: reference is the mean, deviation is z. V = 1, 3: mean 2, σ 1.
	r = scoreOne(t, ind("i", "x", "zscore", 10, step(1), caps(3, 3)), map[string]float64{"a": 1, "b": 3})
	st := r.Groups[0].Stats["i"]
	if a := entity(t, r, "a").Indicators["i"]; *a.Deviation != -1 || *a.Reference != 2 || *st.Sigma != 1 {
		t.Errorf("zscore: z %v ref %v σ %v; want −1, 2, 1", *a.Deviation, *a.Reference, *st.Sigma)
	}
	// efficacy: Hi/Lo in display units; reference nil.
	r = scoreOne(t, ind("i", "x", "efficacy", 10, lower), map[string]float64{"a": 1, "b": 3})
	st = r.Groups[0].Stats["i"]
	if *st.Hi != 1 || *st.Lo != 3 || st.Reference != nil {
		t.Errorf("efficacy lower: hi %v lo %v ref %v; want 1, 3, nil", *st.Hi, *st.Lo, st.Reference)
	}
}

// TestStats checks the group statistics, median of an even count included.
func TestStats(t *testing.T) {
	r := scoreOne(t, ind("i", "x", "direct", 100), map[string]float64{"a": 10, "b": 60, "c": 20, "d": 30})
	st := r.Groups[0].Stats["i"]
	// mean 120/4 = 30; median (20+30)/2 = 25; σ = sqrt((400+900+100+0)/4) = sqrt(350).
	if st.N != 4 || *st.Mean != 30 || *st.Median != 25 || *st.Min != 10 || *st.Max != 60 || !near(*st.Sigma, math.Sqrt(350)) {
		t.Errorf("stats = N %d mean %v median %v min %v max %v σ %v", st.N, *st.Mean, *st.Median, *st.Min, *st.Max, *st.Sigma)
	}
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

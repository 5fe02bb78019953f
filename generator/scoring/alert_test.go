package scoring

import (
	"sort"
	"testing"

	"kaoping/generator/config"
)

// alerts returns each entity's alert for indicator ind.
func alerts(r *Result, ind string) map[string]Alert {
	out := map[string]Alert{}
	for _, g := range r.Groups {
		for _, er := range g.Entities {
			out[er.Entity.ID] = er.Indicators[ind].Alert
		}
	}
	return out
}

func withAlert(y, r float64) func(*config.Indicator) {
	return func(i *config.Indicator) { i.Alert = &config.Alert{Yellow: y, Red: r} }
}

// TestAlert: SPEC §6 预警. u = s·(dref − dv), red when u ≥ R, yellow when
// u ≥ Y (1e-9 tolerance), null when v is missing or the reference is not
// computable. dref is mean_relative's ref, else the mean of V.
func TestAlert(t *testing.T) {
	lower := func(i *config.Indicator) { i.Direction = "lower" }
	percent := func(i *config.Indicator) { i.Format = "percent" }
	tests := []struct {
		name string
		ind  *config.Indicator
		data map[string]row
		want map[string]Alert
	}{
		{
			// Percent, target (so the mean of V): V = .40 .30 .20 .10,
			// mean .25, dref = 25 (%). u = 25 − dv: a −15, b −5, c 5 (≥ 3:
			// yellow), d 15 (≥ 6: red). Thresholds are percentage points: in
			// value units c's u would be 0.05 < 3, no alert.
			name: "percent: thresholds in display units",
			ind:  ind("i", "x", "target", 10, percent, withAlert(3, 6), func(i *config.Indicator) { i.Target = f(30) }),
			data: map[string]row{"a": {"x": 0.4}, "b": {"x": 0.3}, "c": {"x": 0.2}, "d": {"x": 0.1}},
			want: map[string]Alert{"a": NoAlert, "b": NoAlert, "c": AlertYellow, "d": AlertRed},
		},
		{
			// Lower is better (days), zscore: V = 10 12 16 24, mean 15.5.
			// u = −(15.5 − dv) = dv − 15.5: a −5.5, b −3.5, c 0.5 (< 2),
			// d 8.5 (≥ 8: red). Flipped direction would flag a and b instead.
			name: "lower is better",
			ind: ind("i", "x", "zscore", 10, lower, withAlert(2, 8), func(i *config.Indicator) {
				i.Format, i.Step, i.MaxPlus, i.MaxMinus = "days", f(1), f(1), f(1)
			}),
			data: map[string]row{"a": {"x": 10}, "b": {"x": 12}, "c": {"x": 16}, "d": {"x": 24}},
			want: map[string]Alert{"a": NoAlert, "b": NoAlert, "c": NoAlert, "d": AlertRed},
		},
		{
			// Exactly at the thresholds: V = 10 20 30, mean 20; u = 20 − dv:
			// a 10 = R (red), b 0 = Y (yellow: Y = 0 flags the reference
			// itself), c −10 (none).
			name: "exactly at the thresholds",
			ind:  ind("i", "x", "rank", 10, withAlert(0, 10)),
			data: map[string]row{"a": {"x": 10}, "b": {"x": 20}, "c": {"x": 30}},
			want: map[string]Alert{"a": AlertRed, "b": AlertYellow, "c": NoAlert},
		},
		{
			// At a threshold up to rounding: V = .3 .6, mean
			// .44999999999999996, dref 44.99999999999999, a's dv 30, so
			// u = 14.999999999999993 (checked below), 7e-15 short of R = 15:
			// red by the 1e-9 tolerance.
			name: "at the red threshold up to rounding",
			ind:  ind("i", "x", "efficacy", 10, percent, withAlert(5, 15)),
			data: map[string]row{"a": {"x": 0.3}, "b": {"x": 0.6}},
			want: map[string]Alert{"a": AlertRed, "b": NoAlert},
		},
		{
			// The same with R = 15.000001: u is 1e-6 short, beyond the
			// tolerance, so only yellow (u ≥ 5).
			name: "short of the red threshold beyond the tolerance",
			ind:  ind("i", "x", "efficacy", 10, percent, withAlert(5, 15.000001)),
			data: map[string]row{"a": {"x": 0.3}, "b": {"x": 0.6}},
			want: map[string]Alert{"a": AlertYellow, "b": NoAlert},
		},
		{
			// Missing value: c has no x, d fails valid_if (x >= 1); V = 2 4,
			// mean 3; u = 3 − dv: a 1 (yellow, Y = 1), b −1. c and d: null,
			// whatever points the missing policy gives them.
			name: "missing value",
			ind: ind("i", "x", "bands", 10, withAlert(1, 5), func(i *config.Indicator) {
				i.ValidIf, i.Bands = "x >= 1", []config.Band{{Min: f(0), Points: 10}}
			}),
			data: map[string]row{"a": {"x": 2}, "b": {"x": 4}, "c": {"y": 1}, "d": {"x": 0.5}},
			want: map[string]Alert{"a": AlertYellow, "b": NoAlert, "c": NoAlert, "d": NoAlert},
		},
		{
			// Median reference: V = 1 2 3 10, median 2.5 (mean 4 would make
			// b red and c yellow). u = 2.5 − dv: a 1.5 (≥ 1.4: red), b 0.5
			// (≥ 0.5: yellow), c −0.5, d −7.5.
			name: "mean_relative, median reference",
			ind: ind("i", "x", "mean_relative", 10, withAlert(0.5, 1.4), func(i *config.Indicator) {
				i.Reference, i.Step, i.MaxPlus, i.MaxMinus = "median", f(0.1), f(1), f(1)
			}),
			data: map[string]row{"a": {"x": 1}, "b": {"x": 2}, "c": {"x": 3}, "d": {"x": 10}},
			want: map[string]Alert{"a": AlertRed, "b": AlertYellow, "c": NoAlert, "d": NoAlert},
		},
		{
			// Pooled reference, percent, absolute or relative deviation
			// alike: x/y for a 1/10, b 9/10, c 0/80; ref = 10/100 = .1, dref
			// 10 (the mean .333 would make a red). u = 10 − dv: a 0, b −80,
			// c 10 (≥ 5: yellow, < 20).
			name: "mean_relative, pooled reference",
			ind: ind("i", "x / y", "mean_relative", 10, percent, withAlert(5, 20), func(i *config.Indicator) {
				i.Reference, i.Step, i.MaxPlus, i.MaxMinus = "pooled", f(0.1), f(1), f(1)
			}),
			data: map[string]row{"a": {"x": 1, "y": 10}, "b": {"x": 9, "y": 10}, "c": {"x": 0, "y": 80}},
			want: map[string]Alert{"a": NoAlert, "b": NoAlert, "c": AlertYellow},
		},
		{
			// Pooled reference not computable: x / (y − z) is a 2/(3 − 1) = 1,
			// b 1/(1 − 3) = −0.5, but on the sums 3/(4 − 4): division by
			// zero, so no reference and no alert, even with [0, 0].
			name: "pooled reference not computable",
			ind: ind("i", "x / (y - z)", "mean_relative", 10, withAlert(0, 0), func(i *config.Indicator) {
				i.Reference, i.Step, i.MaxPlus, i.MaxMinus = "pooled", f(0.1), f(1), f(1)
			}),
			data: map[string]row{"a": {"x": 2, "y": 3, "z": 1}, "b": {"x": 1, "y": 1, "z": 3}},
			want: map[string]Alert{"a": NoAlert, "b": NoAlert},
		},
		{
			// No alert key: never an alert, however far below.
			name: "no alert key",
			ind:  ind("i", "x", "rank", 10),
			data: map[string]row{"a": {"x": 0}, "b": {"x": 100}},
			want: map[string]Alert{"a": NoAlert, "b": NoAlert},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			for id := range tt.data {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			r := score(t, nil, scheme(tt.ind), units(ids...), tt.data)
			got := alerts(r, "i")
			for id, w := range tt.want {
				if got[id] != w {
					t.Errorf("alert[%s] = %q; want %q", id, got[id], w)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d entities, want %d", len(got), len(tt.want))
			}
		})
	}
}

// TestAlertRoundingCase checks that the "up to rounding" case above is what
// it claims: without the tolerance a would not be red.
func TestAlertRoundingCase(t *testing.T) {
	r := score(t, nil, scheme(ind("i", "x", "efficacy", 10)), units("a", "b"), map[string]row{"a": {"x": 0.3}, "b": {"x": 0.6}})
	mean := *r.Groups[0].Stats["i"].Mean
	if u := mean*100 - 0.3*100; u >= 15 || u < 15-1e-9 {
		t.Errorf("u = %v; the case needs 15 − 1e-9 ≤ u < 15", u)
	}
}

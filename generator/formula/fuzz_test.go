package formula

import (
	"math"
	"testing"
)

// FuzzCompile checks that Compile never panics, that an accepted formula
// evaluates without panic, and that a value is never NaN or infinite.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"items / cases", "min(a, b) * 2 - max(c, 1)", "a > 1 and not (b <= 2) or c == 3",
		"a % b", "a ?? b", "((a)", "min(a)", "-(-a)", "1e308 * 10", "a / 0", "x.y[0]",
		"'s'", "0x1f", "a < b < c", "not a", "let x = 1; x", "a | b", "件数 / 案件",
		"", "(", ")", "min(", "a +* b", "1..2", "#", "$env", "a // b", "\"\\u0000\"",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	vals := []float64{0, 1, -1, 2.5, 1e308, 1e-308}
	f.Fuzz(func(t *testing.T, src string, condition bool) {
		fm, err := Compile(src, condition)
		if err != nil {
			if err.Col < 1 || err.Line < 1 || err.ZH == "" || err.EN == "" {
				t.Fatalf("Compile(%q): bad error %+v", src, err)
			}
			return
		}
		for i, v := range vals {
			lookup := func(n string) (float64, bool) {
				if len(n)%len(vals) == i%3 {
					return 0, false // some names missing
				}
				return v, true
			}
			if got, ok := fm.Eval(lookup); ok && (math.IsNaN(got) || math.IsInf(got, 0)) {
				t.Fatalf("Eval(%q) = %v; want a finite value or missing", src, got)
			}
			fm.Test(lookup)
		}
	})
}

package numfmt

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// The formatters write into stack buffers (AppendFixed); these tests hold
// them to the string-building implementation they replaced, kept here as
// the reference.

func refFixed(v float64, decimals int) string {
	if !finite(v) {
		return Missing
	}
	decimals = max(0, min(decimals, maxDecimals))
	neg := v < 0
	intPart, frac := refRoundDecimal(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), decimals)
	if strings.Trim(intPart+frac, "0") == "" {
		neg = false
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(refGroup(intPart))
	if decimals > 0 {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

func refSigned(v float64, decimals int) string {
	s := refFixed(v, decimals)
	if s == Missing || strings.HasPrefix(s, "-") || strings.Trim(s, "0.,") == "" {
		return s
	}
	return "+" + s
}

func refValue(v float64, format string, decimals int, lang string) string {
	if !finite(v) {
		return Missing
	}
	switch format {
	case Percent:
		return refFixed(v*100, decimals) + "%"
	case Ratio:
		return "1:" + refFixed(v, decimals)
	case Days:
		if lang == "en" {
			return refFixed(v, decimals) + " days"
		}
		return refFixed(v, decimals) + " 天"
	}
	return refFixed(v, decimals)
}

func refRoundDecimal(s string, decimals int) (intPart, frac string) {
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) <= decimals {
		return intPart, frac + strings.Repeat("0", decimals-len(frac))
	}
	up := frac[decimals] >= '5'
	digits := []byte(intPart + frac[:decimals])
	if up {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	n := len(digits) - decimals
	return string(digits[:n]), string(digits[n:])
}

func refGroup(digits string) string {
	if len(digits) < 5 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// formatInputs are edge cases and 300,000 random values of every size.
func formatInputs() []float64 {
	vs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 0.005, -0.005, 0.0049999, 2.675, -2.675, 9.995, -9.995,
		99.995, 999.995, 9999.995, 99999.995, 999999.5, 1e15 - 0.5, 1e20, 1e21, 1.5e300, math.MaxFloat64, -math.MaxFloat64,
		5e-324, 1e-7, 0.1 + 0.2, 12345.678, 1234.5, 10000, 9999.9999, -12345, 123456789.987654321,
		math.NaN(), math.Inf(1), math.Inf(-1)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300_000 {
		v := r.Float64() * math.Pow(10, float64(r.IntN(24)-8))
		switch r.IntN(4) {
		case 0:
			v = -v
		case 1:
			v = math.Round(v*1000) / 1000 // halves and nines on the printed digits
		case 2:
			v = float64(int64(v*100)) / 100
		}
		vs = append(vs, v)
	}
	return vs
}

func TestAppendMatchesReference(t *testing.T) {
	formats := []string{Number, Percent, Ratio, Days, ""}
	for k, v := range formatInputs() {
		d := k % 13 // 0..12: beyond maxDecimals too
		if k%97 == 0 {
			d = -1
		}
		if got, want := Fixed(v, d), refFixed(v, d); got != want {
			t.Fatalf("Fixed(%v, %d) = %q, want %q", v, d, got, want)
		}
		if got, want := Signed(v, d), refSigned(v, d); got != want {
			t.Fatalf("Signed(%v, %d) = %q, want %q", v, d, got, want)
		}
		f, lang := formats[k%len(formats)], []string{"zh-CN", "en"}[k%2]
		if got, want := Value(v, f, d, lang), refValue(v, f, d, lang); got != want {
			t.Fatalf("Value(%v, %q, %d, %q) = %q, want %q", v, f, d, lang, got, want)
		}
		if k%1000 == 0 {
			prefix := []byte("x<")
			if got := string(AppendSigned(prefix, v, d)); got != "x<"+refSigned(v, d) {
				t.Fatalf("AppendSigned(%q, %v, %d) = %q", prefix, v, d, got)
			}
			if got := string(AppendValue(prefix, v, f, d, lang)); got != "x<"+refValue(v, f, d, lang) {
				t.Fatalf("AppendValue(%q, %v) = %q", prefix, v, got)
			}
		}
	}
}

func BenchmarkFixed(b *testing.B) {
	vs := formatInputs()[:4096]
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Fixed(vs[i%len(vs)], 2)
	}
}

func BenchmarkFixedReference(b *testing.B) {
	vs := formatInputs()[:4096]
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = refFixed(vs[i%len(vs)], 2)
	}
}

// TestRankChangeTable: the texts made once equal the ones made per call.
func TestRankChangeTable(t *testing.T) {
	for c := -300; c <= 300; c++ {
		want := "持平"
		switch {
		case c > 0:
			want = "↑" + strconv.Itoa(c)
		case c < 0:
			want = "↓" + strconv.Itoa(-c)
		}
		if got := RankChange(&c, "zh-CN"); got != want {
			t.Fatalf("RankChange(%d) = %q, want %q", c, got, want)
		}
	}
	if RankChange(nil, "en") != "new" || RankChange(nil, "zh-CN") != "新进" {
		t.Fatal("RankChange(nil)")
	}
	// No previous period: nothing to compare, not "new".
	if RankChangeOf(nil, true, "zh-CN") != Missing || RankChangeOf(nil, true, "en") != Missing {
		t.Fatal("RankChangeOf(nil, no previous)")
	}
}

// Package numfmt formats numbers the way a Chinese (or English) report
// reader expects them: fixed decimals, 1:1.23 for ratios, 12.3% for
// percents, 万 for large values on chart axes, and "—" instead of any
// missing or non-finite value, so that NaN or Inf never reaches a page.
//
// Rounding is half away from zero on the shortest decimal form of the
// value (the digits Go or Excel would print for it), so 2.675 shown with two
// decimals is 2.68, as a reader rounding the printed number by hand expects,
// and not 2.67 as binary rounding of 2.67499999… would give.
//
// Grouping: the integer part is grouped with "," in threes only when it has
// five digits or more (|v| ≥ 10000 after rounding): Chinese reports write
// 1234 but 12,345. Negative numbers use the ASCII hyphen-minus '-', not
// U+2212, so that numbers copied from a page paste into Excel as numbers.
package numfmt

import (
	"math"
	"strconv"
	"strings"
)

// Missing is what every function shows for a missing or non-finite value.
const Missing = "—"

// Formats accepted by Value (config.toml's indicator `format`).
const (
	Number  = "number"
	Percent = "percent"
	Ratio   = "ratio"
	Days    = "days"
)

// maxDecimals bounds the decimals a caller may ask for.
const maxDecimals = 10

// Value formats v for display in format ("number", "percent", "ratio",
// "days"; anything else is treated as "number") with the given number of
// decimals. v is the raw value: for "percent" it is the rate, shown as
// 100·v followed by "%" (0.1234 with 1 decimal → 12.3%); "ratio" shows
// "1:" and v (1:1.23); "days" appends " 天" (lang "en": " days"). NaN and
// ±Inf give Missing.
func Value(v float64, format string, decimals int, lang string) string {
	if !finite(v) {
		return Missing
	}
	switch format {
	case Percent:
		return Fixed(v*100, decimals) + "%"
	case Ratio:
		return "1:" + Fixed(v, decimals)
	case Days:
		if lang == "en" {
			return Fixed(v, decimals) + " days"
		}
		return Fixed(v, decimals) + " 天"
	}
	return Fixed(v, decimals)
}

// Display returns the display value of v in format: 100·v for "percent"
// (SPEC §6 "display value"), v otherwise. Charts plot display values.
func Display(v float64, format string) float64 {
	if format == Percent {
		return v * 100
	}
	return v
}

// Fixed formats v with exactly decimals digits after the point (0..10),
// rounding half away from zero, grouping the integer part when it has five
// digits or more. A result that rounds to zero has no sign. NaN/Inf give
// Missing.
func Fixed(v float64, decimals int) string {
	if !finite(v) {
		return Missing
	}
	decimals = max(0, min(decimals, maxDecimals))
	neg := v < 0
	intPart, frac := roundDecimal(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), decimals)
	if strings.Trim(intPart+frac, "0") == "" {
		neg = false
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(group(intPart))
	if decimals > 0 {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Points formats a score with two decimals (e.g. 10.50).
func Points(v float64) string { return Fixed(v, 2) }

// Signed formats v with decimals and an explicit sign: +1.20, -0.50; a value
// that rounds to zero is shown without sign (0.00). The minus is ASCII '-'.
func Signed(v float64, decimals int) string {
	s := Fixed(v, decimals)
	if s == Missing || strings.HasPrefix(s, "-") || strings.Trim(s, "0.,") == "" {
		return s
	}
	return "+" + s
}

// Wan shortens a large value for a chart axis or a compact label. In
// Chinese, |v| ≥ 10000 is shown in 万 and |v| ≥ 1e8 in 亿 with three
// significant digits (12345 → 1.23万, 123456 → 12.3万); in English
// (lang "en") |v| ≥ 1000 uses k, M and B (12345 → 12.3k). Smaller values
// keep at most two decimals, trailing zeros dropped (20, 0.5, 12.35).
func Wan(v float64, lang string) string {
	if !finite(v) {
		return Missing
	}
	type unit struct {
		size   float64
		suffix string
	}
	units := []unit{{1e8, "亿"}, {1e4, "万"}}
	if lang == "en" {
		units = []unit{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}}
	}
	a := math.Abs(v)
	for _, u := range units {
		if a >= u.size {
			return trimZeros(Fixed(v/u.size, sigDecimals(a/u.size))) + u.suffix
		}
	}
	return trimZeros(Fixed(v, 2))
}

// sigDecimals is the number of decimals that leaves three significant
// digits for a value ≥ 1.
func sigDecimals(a float64) int {
	switch {
	case a >= 100:
		return 0
	case a >= 10:
		return 1
	}
	return 2
}

// RankChange shows a rank change (previous rank − rank now, positive = up):
// ↑2, ↓1, — for no change, and 新 (en "new") for nil, an entity that was
// not ranked in the previous period.
func RankChange(c *int, lang string) string {
	switch {
	case c == nil:
		if lang == "en" {
			return "new"
		}
		return "新"
	case *c > 0:
		return "↑" + strconv.Itoa(*c)
	case *c < 0:
		return "↓" + strconv.Itoa(-*c)
	}
	return Missing
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// roundDecimal rounds the non-negative decimal string s ("123.4567", as
// strconv 'f' -1 prints it) to decimals digits, half away from zero, and
// returns the integer digits and exactly decimals fraction digits.
func roundDecimal(s string, decimals int) (intPart, frac string) {
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

// group inserts "," every three digits when the integer has five or more.
func group(digits string) string {
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

// trimZeros drops trailing fraction zeros and a bare point: "1.20" → "1.2".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

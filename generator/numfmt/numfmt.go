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
	"bytes"
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
	var buf [48]byte
	return string(AppendValue(buf[:0], v, format, decimals, lang))
}

// AppendValue appends Value(v, format, decimals, lang) to dst.
func AppendValue(dst []byte, v float64, format string, decimals int, lang string) []byte {
	if !finite(v) {
		return append(dst, Missing...)
	}
	switch format {
	case Percent:
		return append(AppendFixed(dst, v*100, decimals), '%')
	case Ratio:
		return AppendFixed(append(dst, "1:"...), v, decimals)
	case Days:
		if lang == "en" {
			return append(AppendFixed(dst, v, decimals), " days"...)
		}
		return append(AppendFixed(dst, v, decimals), " 天"...)
	}
	return AppendFixed(dst, v, decimals)
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
	var buf [32]byte
	return string(AppendFixed(buf[:0], v, decimals))
}

// AppendFixed appends Fixed(v, decimals) to dst. It works in a buffer on
// the stack: profiles, rankings and sheets format hundreds of numbers a
// page, and Fixed was most of the cost of their data.
func AppendFixed(dst []byte, v float64, decimals int) []byte {
	if !finite(v) {
		return append(dst, Missing...)
	}
	decimals = max(0, min(decimals, maxDecimals))
	var tmp [40]byte
	// s[0] is room for a carry digit; then the shortest decimal form.
	s := strconv.AppendFloat(tmp[:1], math.Abs(v), 'f', -1, 64)
	digits, intLen := s[1:], len(s)-1
	if dot := bytes.IndexByte(digits, '.'); dot >= 0 {
		intLen = dot
		digits = append(digits[:dot], digits[dot+1:]...) // integer and fraction digits
	}
	if fracLen := len(digits) - intLen; fracLen <= decimals {
		for range decimals - fracLen {
			digits = append(digits, '0')
		}
	} else {
		up := digits[intLen+decimals] >= '5'
		digits = digits[:intLen+decimals]
		if up && roundUp(digits) {
			// all nines: 9.995 → 10.00; digits is still s[1:].
			s[0] = '1'
			digits = s[:len(digits)+1]
			intLen++
		}
	}
	if v < 0 && !allZeros(digits) {
		dst = append(dst, '-')
	}
	dst = appendGrouped(dst, digits[:intLen])
	if decimals > 0 {
		dst = append(dst, '.')
		dst = append(dst, digits[intLen:]...)
	}
	return dst
}

// roundUp adds one to the decimal digits in place and reports whether it
// carried out of the first digit (then they are all zeros).
func roundUp(digits []byte) (carry bool) {
	for i := len(digits) - 1; i >= 0; i-- {
		if digits[i] != '9' {
			digits[i]++
			return false
		}
		digits[i] = '0'
	}
	return true
}

// zeroText reports whether a formatted number shows zero: only 0 . and ,.
func zeroText(s []byte) bool {
	for _, c := range s {
		if c != '0' && c != '.' && c != ',' {
			return false
		}
	}
	return true
}

// allZeros reports whether digits has no digit but zeros.
func allZeros(digits []byte) bool {
	for _, c := range digits {
		if c != '0' {
			return false
		}
	}
	return true
}

// appendGrouped appends the integer digits, with "," every three digits
// when there are five or more.
func appendGrouped(dst, digits []byte) []byte {
	if len(digits) < 5 {
		return append(dst, digits...)
	}
	first := len(digits) % 3
	dst = append(dst, digits[:first]...)
	for i := first; i < len(digits); i += 3 {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, digits[i:i+3]...)
	}
	return dst
}

// Points formats a score with two decimals (e.g. 10.50).
func Points(v float64) string { return Fixed(v, 2) }

// Signed formats v with decimals and an explicit sign: +1.20, -0.50; a value
// that rounds to zero is shown without sign (0.00). The minus is ASCII '-'.
func Signed(v float64, decimals int) string {
	if !finite(v) {
		return Missing
	}
	var buf [32]byte
	return string(AppendSigned(buf[:0], v, decimals))
}

// AppendSigned appends Signed(v, decimals) to dst.
func AppendSigned(dst []byte, v float64, decimals int) []byte {
	if !finite(v) {
		return append(dst, Missing...)
	}
	start := len(dst)
	dst = AppendFixed(dst, v, decimals)
	out := dst[start:]
	if out[0] == '-' || zeroText(out) {
		return dst
	}
	dst = append(dst, 0)
	copy(dst[start+1:], dst[start:])
	dst[start] = '+'
	return dst
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

// RankChange is a rank change in a cell: ↑2, ↓1, 持平 (= in English)
// when unchanged, 新进 (new) when the member was not ranked in the
// previous period. "—" would be read as "no value", so it is kept for
// NoPrevious: a period that has no previous period to compare with.
func RankChange(c *int, lang string) string {
	return RankChangeOf(c, false, lang)
}

// RankChangeOf is RankChange, with noPrevious set when the period has no
// previous period (its first of the kind): a missing change is then "—",
// nothing to compare, rather than 新进.
func RankChangeOf(c *int, noPrevious bool, lang string) string {
	switch {
	case c == nil && noPrevious:
		return Missing
	case c == nil:
		if lang == "en" {
			return "new"
		}
		return "新进"
	case *c > 0 && *c < len(rankMoves):
		return rankMoves[*c].up
	case *c < 0 && -*c < len(rankMoves):
		return rankMoves[-*c].down
	case *c > 0:
		return "↑" + strconv.Itoa(*c)
	case *c < 0:
		return "↓" + strconv.Itoa(-*c)
	case lang == "en":
		return "="
	}
	return "持平"
}

// rankMoves are the texts of the common rank changes, made once: every
// row of a ranking or profile shows one.
var rankMoves = func() (t [128]struct{ up, down string }) {
	for i := 1; i < len(t); i++ {
		t[i].up, t[i].down = "↑"+strconv.Itoa(i), "↓"+strconv.Itoa(i)
	}
	return t
}()

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// trimZeros drops trailing fraction zeros and a bare point: "1.20" → "1.2".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

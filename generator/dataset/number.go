package dataset

import (
	"math"
	"strconv"
	"strings"
)

// parseAmount reads a cell of a period file. Only plain decimals are
// accepted: one or more digits, optionally a point and one or more digits
// (12, 12.5, 0.5). Signs, exponents, thousands separators, percent signs,
// and the short forms .5 and 5. are rejected, so that a value means
// exactly what it shows. ok is false for anything else, including numbers
// too large for float64.
func parseAmount(s string) (float64, bool) {
	digits, point, afterPoint := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if point {
				afterPoint++
			} else {
				digits++
			}
		case c == '.' && !point:
			point = true
		default:
			return 0, false
		}
	}
	if digits == 0 || (point && afterPoint == 0) {
		return 0, false
	}
	return parseFloatAny(s)
}

// parseFloatAny reads any float syntax and accepts finite values ≥ 0.
func parseFloatAny(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || v < 0 {
		return 0, false
	}
	return v, true
}

// amountHint explains, in both languages, why a cell that parseAmount
// rejected is wrong, for the common mistakes.
func amountHint(s string) (zh, en string) {
	switch {
	case strings.HasPrefix(s, "-"):
		return "不能为负数", "values cannot be negative"
	case strings.Contains(s, "%"), strings.Contains(s, "％"):
		return "字段是计数或合计，不是比率；请填写计数，比率由公式计算", "fields are counts or sums, not rates; enter the count, rates are computed by formulas"
	case strings.ContainsAny(s, ",，"):
		return "请去掉千位分隔符", "remove the thousands separators"
	case strings.ContainsAny(s, "eE") && strings.ContainsAny(s, "0123456789"):
		return "请不要使用科学计数法", "do not use scientific notation"
	case strings.HasPrefix(s, ".") || strings.HasSuffix(s, "."):
		return "小数点两侧都需要数字，如 0.5", "write digits on both sides of the decimal point, e.g. 0.5"
	}
	return "应为不小于 0 的数，如 12 或 12.5", "enter a number ≥ 0 such as 12 or 12.5"
}

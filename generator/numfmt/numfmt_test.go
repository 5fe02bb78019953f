package numfmt

import (
	"math"
	"testing"
)

func TestValue(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		v        float64
		format   string
		decimals int
		lang     string
		want     string
	}{
		{1.5, "number", 2, "zh-CN", "1.50"},
		{1234.5, "number", 1, "zh-CN", "1234.5"},       // four integer digits: no grouping
		{12345.678, "number", 2, "zh-CN", "12,345.68"}, // five: grouped
		{9999.996, "number", 2, "zh-CN", "10,000.00"},  // grouping decided after rounding
		{1234567, "number", 0, "zh-CN", "1,234,567"},
		{-12345, "number", 0, "zh-CN", "-12,345"},
		{2.675, "number", 2, "zh-CN", "2.68"}, // half away from zero on the printed digits
		{-2.675, "number", 2, "zh-CN", "-2.68"},
		{0.125, "number", 2, "zh-CN", "0.13"},
		{99.95, "number", 1, "zh-CN", "100.0"},
		{-0.004, "number", 2, "zh-CN", "0.00"}, // rounds to zero: no sign
		{3, "", 0, "zh-CN", "3"},               // empty format = number
		{0.1234, "percent", 1, "zh-CN", "12.3%"},
		{1, "percent", 0, "zh-CN", "100%"},
		{0.98765, "percent", 2, "en", "98.77%"},
		{1.234, "ratio", 2, "zh-CN", "1:1.23"},
		{12.345, "days", 1, "zh-CN", "12.3 天"},
		{12.345, "days", 1, "en", "12.3 days"},
		{nan, "number", 2, "zh-CN", Missing},
		{inf, "percent", 2, "zh-CN", Missing},
		{math.Inf(-1), "ratio", 2, "zh-CN", Missing},
		{1.5, "number", -3, "zh-CN", "2"},          // negative decimals clamp to 0
		{1, "number", 20, "zh-CN", "1.0000000000"}, // and large ones to 10
	}
	for _, tt := range tests {
		if got := Value(tt.v, tt.format, tt.decimals, tt.lang); got != tt.want {
			t.Errorf("Value(%v, %q, %d, %q) = %q, want %q", tt.v, tt.format, tt.decimals, tt.lang, got, tt.want)
		}
	}
}

func TestPointsSigned(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{Points(10.5), "10.50"},
		{Points(math.NaN()), Missing},
		{Signed(1.2, 2), "+1.20"},
		{Signed(-0.5, 2), "-0.50"},
		{Signed(0, 2), "0.00"},
		{Signed(-0.001, 2), "0.00"},
		{Signed(12345, 0), "+12,345"},
		{Signed(math.Inf(1), 2), Missing},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestWan(t *testing.T) {
	tests := []struct {
		v    float64
		lang string
		want string
	}{
		{12345, "zh-CN", "1.23万"},
		{123456, "zh-CN", "12.3万"},
		{1234567, "zh-CN", "123万"},
		{20000, "zh-CN", "2万"},
		{-15000, "zh-CN", "-1.5万"},
		{250000000, "zh-CN", "2.5亿"},
		{9999, "zh-CN", "9999"},
		{12.345, "zh-CN", "12.35"},
		{0.5, "zh-CN", "0.5"},
		{0, "zh-CN", "0"},
		{12345, "en", "12.3k"},
		{999, "en", "999"},
		{2500000, "en", "2.5M"},
		{3e9, "en", "3B"},
		{math.NaN(), "zh-CN", Missing},
	}
	for _, tt := range tests {
		if got := Wan(tt.v, tt.lang); got != tt.want {
			t.Errorf("Wan(%v, %q) = %q, want %q", tt.v, tt.lang, got, tt.want)
		}
	}
}

func TestRankChange(t *testing.T) {
	two, minusOne, zero := 2, -1, 0
	tests := []struct {
		c    *int
		lang string
		want string
	}{
		{&two, "zh-CN", "↑2"},
		{&minusOne, "zh-CN", "↓1"},
		{&zero, "zh-CN", "持平"},
		{&zero, "en", "="},
		{nil, "zh-CN", "新进"},
		{nil, "en", "new"},
	}
	for _, tt := range tests {
		if got := RankChange(tt.c, tt.lang); got != tt.want {
			t.Errorf("RankChange(%v, %q) = %q, want %q", tt.c, tt.lang, got, tt.want)
		}
	}
}

func TestDisplay(t *testing.T) {
	if got := Display(0.25, Percent); got != 25 {
		t.Errorf("Display(0.25, percent) = %v, want 25", got)
	}
	if got := Display(0.25, Ratio); got != 0.25 {
		t.Errorf("Display(0.25, ratio) = %v, want 0.25", got)
	}
}

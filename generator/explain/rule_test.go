package explain

import (
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"strings"
	"testing"

	"kaoping/generator/config"
)

func f(v float64) *float64 { return &v }

// TestRule: each method's rule names its parameters, in display units,
// in Chinese and English.
func TestRule(t *testing.T) {
	cfg := &config.Config{}
	tests := []struct {
		name string
		ind  config.Indicator
		lang string
		want []string
	}{
		{"mean_relative relative", config.Indicator{Method: "mean_relative", Direction: "lower", Weight: 14, Format: "ratio", Decimals: 2,
			Step: f(0.3), MaxPlus: f(3), MaxMinus: f(9), Base: f(11), Deviation: "relative", Reference: "mean"}, "zh-CN",
			[]string{"以组内平均值为参考值（越低越好）", "基础分 11 分", "每优于参考值 1% 加 0.3 分", "最多加 3 分、减 9 分", "最低 0 分"}},
		{"mean_relative absolute percent", config.Indicator{Method: "mean_relative", Direction: "higher", Weight: 6, Format: "percent", Decimals: 1,
			Step: f(0.5), MaxPlus: f(1), MaxMinus: f(3), Base: f(5), Deviation: "absolute", Reference: "median"}, "zh-CN",
			[]string{"以组内中位数为参考值", "每优于参考值 1 个百分点加 0.5 分", "最多加 1 分、减 3 分"}},
		{"mean_relative pooled en", config.Indicator{Method: "mean_relative", Direction: "higher", Weight: 4, Format: "percent", Decimals: 1,
			Step: f(0.1), MaxPlus: f(1), MaxMinus: f(2), Base: f(3), Deviation: "relative", Reference: "pooled"}, "en",
			[]string{"pooled group value", "base 3 points", "0.1 point(s) more for each 1% better", "at most +1 / −2"}},
		{"efficacy with best and worst", config.Indicator{Method: "efficacy", Direction: "higher", Weight: 8, Format: "percent", Decimals: 1,
			Floor: f(0.6), Best: f(95), Worst: f(75)}, "zh-CN",
			// 8 × 0.6 = 4.8 points at the not-allowed value.
			[]string{"满意值取 95.0%", "不允许值取 75.0%", "8 ×（0.6 + 0.4 × 位置）", "得分在 4.8 至 8 分之间"}},
		{"efficacy group extremes", config.Indicator{Method: "efficacy", Direction: "lower", Weight: 10, Format: "number", Decimals: 2, Floor: f(0.5)}, "zh-CN",
			[]string{"满意值取组内最优值", "不允许值取组内最差值", "越低越好", "得分在 5 至 10 分之间"}},
		{"bands", config.Indicator{Method: "bands", Direction: "lower", Weight: 6, Format: "percent", Decimals: 1,
			Bands: []config.Band{{Max: f(3), Points: 6}, {Min: f(3), Max: f(5), Points: 4.5}, {Min: f(8), Points: 1}}}, "zh-CN",
			[]string{"< 3.0% 得 6 分", "[3.0%, 5.0%) 得 4.5 分", "≥ 8.0% 得 1 分", "不在任何区间的得 0 分"}},
		{"rank with step", config.Indicator{Method: "rank", Direction: "higher", Weight: 7, Step: f(1)}, "zh-CN",
			[]string{"第 1 名（越高越好）得满分 7 分", "每后退一名减 1 分"}},
		{"rank linear", config.Indicator{Method: "rank", Direction: "lower", Weight: 5}, "zh-CN",
			[]string{"末名 0 分", "5 ×（参评数 − 名次）/（参评数 − 1）"}},
		{"target proportional lower", config.Indicator{Method: "target", Direction: "lower", Weight: 6, Format: "percent", Decimals: 1, Target: f(30), Proportional: true}, "zh-CN",
			[]string{"值 ≤ 30.0% 为达标", "得满分 6 分", "6 × 目标值 ÷ 实际值"}},
		{"target all or nothing en", config.Indicator{Method: "target", Direction: "higher", Weight: 4, Format: "number", Decimals: 0, Target: f(90)}, "en",
			[]string{"value ≥ 90 earns the full 4 points", "otherwise 0"}},
		{"zscore", config.Indicator{Method: "zscore", Direction: "lower", Weight: 7, Format: "days", Decimals: 1,
			Step: f(1.5), MaxPlus: f(2), MaxMinus: f(4), Base: f(5)}, "zh-CN",
			[]string{"标准分（越低越好）", "基础分 5 分", "一个标准差加 1.5 分", "最多加 2 分、减 4 分"}},
		{"range percent", config.Indicator{Method: "range", Weight: 8, Format: "percent", Decimals: 1, Low: f(12), High: f(25), Step: f(1)}, "zh-CN",
			[]string{"合理区间 12.0% 至 25.0%", "得满分 8 分", "每 1 个百分点扣 1 分"}},
		{"range days en", config.Indicator{Method: "range", Weight: 5, Format: "days", Decimals: 0, Low: f(10), High: f(20), Step: f(0.5)}, "en",
			[]string{"10 days to 20 days", "0.5 point(s) off per day"}},
		{"direct", config.Indicator{Method: "direct", Weight: 5}, "zh-CN", []string{"限定在 0 至 5 分之间"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rule(cfg, &tt.ind, tt.lang)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Rule = %q\nlacks %q", got, w)
				}
			}
		})
	}
}

// TestFormula writes fields and constants by their labels, operators as
// a reader writes them, and ids only in English.
func TestFormula(t *testing.T) {
	cfg := &config.Config{
		Fields:    []config.Field{{ID: "items", Label: "件数"}, {ID: "cases", Label: "受理案件数"}},
		Constants: []config.Constant{{Name: "coef", Value: 1.5, Label: "系数"}, {Name: "k", Value: 2}},
	}
	tests := []struct{ src, lang, want string }{
		{"items / cases", "zh-CN", "件数 ÷ 受理案件数"},
		{"max(items, cases) * coef", "zh-CN", "max(件数, 受理案件数) × 系数"},
		{"items * k", "zh-CN", "件数 × k"}, // no label: the name as written
		{"(x_not) > 1", "zh-CN", "(x_not) > 1"},
		{"cases >= 5 and not other != 1", "zh-CN", "受理案件数 ≥ 5 且 非 other ≠ 1"},
		{"items / cases * coef", "en", "件数 (items) ÷ 受理案件数 (cases) × 系数 (coef)"},
		{"cases <= 5 or cases == 7", "en", "受理案件数 (cases) ≤ 5 or 受理案件数 (cases) = 7"},
	}
	for _, tt := range tests {
		if got := Formula(cfg, tt.src, tt.lang); got != tt.want {
			t.Errorf("Formula(%q, %s) = %q, want %q", tt.src, tt.lang, got, tt.want)
		}
	}
}

// TestInputs puts an entity's values into the formula in words: fields
// by value, constants by value, a missing field as 缺失.
func TestInputs(t *testing.T) {
	cfg := &config.Config{
		Fields:    []config.Field{{ID: "items", Label: "件数"}, {ID: "cases", Label: "受理案件数"}},
		Constants: []config.Constant{{Name: "coef", Value: 1.5, Label: "系数"}},
	}
	vals := map[string]map[string]float64{"a": {"items": 99, "cases": 69}, "b": {"items": 3}}
	pd := dataset.NewPeriodData(period.MustParse("2024-Q1"), vals, vals)
	tests := []struct{ src, entity, lang, want string }{
		{"items / cases", "a", "zh-CN", "件数 ÷ 受理案件数 = 99 ÷ 69"},
		{"(items + cases) * coef", "a", "zh-CN", "(件数 + 受理案件数) × 系数 = (99 + 69) × 1.5"},
		{"items / cases", "b", "zh-CN", "件数 ÷ 受理案件数 = 3 ÷ 缺失"},
		{"items / cases", "b", "en", "件数 (items) ÷ 受理案件数 (cases) = 3 ÷ missing"},
	}
	for _, tt := range tests {
		if got := Inputs(cfg, tt.src, pd, tt.entity, tt.lang); got != tt.want {
			t.Errorf("Inputs(%q, %s, %s) = %q, want %q", tt.src, tt.entity, tt.lang, got, tt.want)
		}
	}
}

// TestMethodNameAndPolicies covers the short texts of the indicator pages.
func TestMethodNameAndPolicies(t *testing.T) {
	tests := []struct{ got, want string }{
		{MethodName("efficacy", "zh-CN"), "功效系数法"},
		{MethodName("zscore", "en"), "standard score"},
		{MethodName("custom", "zh-CN"), "custom"},
		{Direction(&config.Indicator{Direction: "lower"}, "zh-CN"), "越低越好"},
		{Direction(&config.Indicator{Method: "range"}, "zh-CN"), "不分高低（按规则计分）"},
		{MissingPolicy(&config.Indicator{Missing: "full", Weight: 4}, "zh-CN"), "无有效值的计满分（4 分）"},
		{MissingPolicy(&config.Indicator{Missing: "zero"}, "en"), "no value scores 0 points"},
		{MissingPolicy(&config.Indicator{Missing: "average"}, "zh-CN"), "无有效值的按组内有值单位的平均得分计"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

package explain

import (
	"math"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

// member is one member of a hand-built group: its value (v units, NaN
// for none), points, rank, deviation.
type member struct {
	id     string
	v      float64
	points float64
	rank   int
}

// handGroup builds a group whose first member is the one explained, with
// the stats given; display values are derived from the format.
func handGroup(ind *config.Indicator, st scoring.IndicatorStats, ms ...member) (*scoring.EntityResult, *scoring.Group) {
	scale := 1.0
	if ind.Format == "percent" {
		scale = 100
	}
	g := &scoring.Group{ID: "all", Stats: map[string]*scoring.IndicatorStats{ind.ID: &st}}
	for _, m := range ms {
		sc := &scoring.IndicatorScore{Points: m.points, Rank: m.rank, Band: -1, Reference: st.Reference}
		if math.IsNaN(m.v) {
			sc.Missing = true
		} else {
			v, d := m.v, m.v*scale
			sc.Value, sc.Display = &v, &d
		}
		g.Entities = append(g.Entities, &scoring.EntityResult{
			Entity:     &dataset.Entity{ID: m.id, Name: m.id},
			Indicators: map[string]*scoring.IndicatorScore{ind.ID: sc},
		})
	}
	return g.Entities[0], g
}

// TestGain: the sentence of each method, with the numbers worked by hand.
func TestGain(t *testing.T) {
	cfg := &config.Config{}
	tests := []struct {
		name string
		ind  config.Indicator
		st   scoring.IndicatorStats
		ms   []member
		lang string
		want string
	}{
		{
			// d = (1.30 − 1.20)/1.20 × 100 = 8.333%; lower is better:
			// 11 − 8.333 × 0.3 = 11 − 2.5 = 8.5 points. One unit of the
			// ratio is 100/1.20 = 83.33% of deviation, 83.33 × 0.3 = 25
			// points, so 0.25 per 0.01; 11 + 3 − 8.5 = 5.5 still to win,
			// all of it at 1.20 − 3/25 = 1.08.
			name: "mean_relative relative",
			ind: config.Indicator{ID: "cr", Name: "案件比", Method: "mean_relative", Direction: "lower", Weight: 14, Format: "ratio", Decimals: 2,
				Step: f(0.3), MaxPlus: f(3), MaxMinus: f(9), Base: f(11), Deviation: "relative", Reference: "mean"},
			st:   scoring.IndicatorStats{N: 2, Reference: f(1.2)},
			ms:   []member{{"a", 1.3, 8.5, 2}, {"b", 1.1, 13.5, 1}},
			lang: "zh-CN",
			want: "案件比每降低 0.01，得分增加 0.25 分，最多还可得 5.50 分（降至 1:1.08 即达上限；按组内平均值 1:1.20 不变计）。",
		},
		{
			name: "mean_relative relative en",
			ind: config.Indicator{ID: "cr", Name: "Case ratio", Method: "mean_relative", Direction: "lower", Weight: 14, Format: "ratio", Decimals: 2,
				Step: f(0.3), MaxPlus: f(3), MaxMinus: f(9), Base: f(11), Deviation: "relative", Reference: "mean"},
			st:   scoring.IndicatorStats{N: 2, Reference: f(1.2)},
			ms:   []member{{"a", 1.3, 8.5, 2}, {"b", 1.1, 13.5, 1}},
			lang: "en",
			want: "Each 0.01 decrease in Case ratio adds 0.25 points, at most 5.50 more (falling to 1:1.08 gets it all; holding the group mean 1:1.20 fixed).",
		},
		{
			// d = 77 − 80 = −3 percentage points: 5 − 3 × 0.5 = 3.5. 0.5
			// point per point, 0.05 per 0.1 is under 0.1 so the step shown
			// is 1 point; 5 + 1 − 3.5 = 2.5 to win, at 80 + 1/0.5 = 82.
			name: "mean_relative absolute percent",
			ind: config.Indicator{ID: "pr", Name: "认罪认罚适用率", Method: "mean_relative", Direction: "higher", Weight: 6, Format: "percent", Decimals: 1,
				Step: f(0.5), MaxPlus: f(1), MaxMinus: f(3), Base: f(5), Deviation: "absolute", Reference: "median"},
			st:   scoring.IndicatorStats{N: 2, Reference: f(0.8)},
			ms:   []member{{"a", 0.77, 3.5, 2}, {"b", 0.83, 6, 1}},
			lang: "zh-CN",
			want: "认罪认罚适用率每提高 1 个百分点，得分增加 0.50 分，最多还可得 2.50 分（达到 82.0% 即达上限；按组内中位数 80.0% 不变计）。",
		},
		{
			// pooled reference 0.5, relative: one percentage point is
			// 100/50 = 2% of deviation, × 0.1 = 0.2 points; 0.02 per 0.1
			// point is under 0.1, so the step is 1 point. 60%: d = +20%,
			// +2 → 12 points of 10 + 3; 1 to win at 50 × (1 + 3/0.1/100) = 65.
			name: "mean_relative pooled",
			ind: config.Indicator{ID: "ad", Name: "采纳率", Method: "mean_relative", Direction: "higher", Weight: 12, Format: "percent", Decimals: 1,
				Step: f(0.1), MaxPlus: f(3), MaxMinus: f(3), Base: f(10), Deviation: "relative", Reference: "pooled"},
			st:   scoring.IndicatorStats{N: 1, Reference: f(0.5)},
			ms:   []member{{"a", 0.6, 12, 1}},
			lang: "zh-CN",
			want: "采纳率每提高 1 个百分点，得分增加 0.20 分，最多还可得 1.00 分（达到 65.0% 即达上限；按全组合计值 50.0% 不变计）。",
		},
		{
			// base 8 + max_plus 1 = 9 < weight 10, and 9 is held.
			name: "mean_relative at its cap",
			ind: config.Indicator{ID: "x", Name: "X", Method: "mean_relative", Direction: "higher", Weight: 10, Decimals: 1,
				Step: f(1), MaxPlus: f(1), MaxMinus: f(3), Base: f(8), Deviation: "absolute", Reference: "mean"},
			st:   scoring.IndicatorStats{N: 2, Reference: f(5)},
			ms:   []member{{"a", 7, 9, 1}, {"b", 3, 6, 2}},
			lang: "zh-CN",
			want: "已得本项规则的最高分 9.00 分（满分 10 分），改变数值不能再加分。",
		},
		{
			// ref 0, v = 2 > 0 with lower better: d = +∞, 10 − 3 = 7.
			name: "mean_relative zero reference",
			ind: config.Indicator{ID: "x", Name: "X", Method: "mean_relative", Direction: "lower", Weight: 10, Decimals: 1,
				Step: f(1), MaxPlus: f(3), MaxMinus: f(3), Base: f(10), Deviation: "relative", Reference: "median"},
			st:   scoring.IndicatorStats{N: 3, Reference: f(0)},
			ms:   []member{{"a", 2, 7, 3}, {"b", 0, 10, 1}, {"c", 0, 10, 1}},
			lang: "zh-CN",
			want: "参考值为 0，相对偏离只看方向：回到 0 得基础分 10 分，优于 0 即得 13.00 分。",
		},
		{
			// 42 against 50: d = −8, 5 − 8 = −3, so 0 points. Points start
			// at 50 − 5/1 = 45; 1 point per unit; 5 + 0 − 0 = 5 to win at 50.
			name: "mean_relative below zero",
			ind: config.Indicator{ID: "x", Name: "结案数", Method: "mean_relative", Direction: "higher", Weight: 5, Format: "number", Decimals: 0,
				Step: f(1), MaxPlus: f(0), MaxMinus: f(10), Base: f(5), Deviation: "absolute", Reference: "mean"},
			st:   scoring.IndicatorStats{N: 2, Reference: f(50)},
			ms:   []member{{"a", 42, 0, 2}, {"b", 58, 5, 1}},
			lang: "zh-CN",
			want: "结案数达到 45 后得分开始增加，此后每提高 1，得分增加 1.00 分，最多还可得 5.00 分（达到 50 即达上限；按组内平均值 50 不变计）。",
		},
		{
			// z = (26 − 20)/4 = 1.5, lower better: 5 − 1.5 × 1.5 = 2.75.
			// 1.5/4 = 0.375 points a day (0.0375 per 0.1 day is under
			// 0.1): 0.38; 7 − 2.75 = 4.25 to win at 20 − 2/0.375 = 14.67.
			name: "zscore",
			ind: config.Indicator{ID: "d", Name: "平均办案天数", Method: "zscore", Direction: "lower", Weight: 7, Format: "days", Decimals: 1,
				Step: f(1.5), MaxPlus: f(2), MaxMinus: f(4), Base: f(5)},
			st:   scoring.IndicatorStats{N: 2, Mean: f(20), Sigma: f(4), Reference: f(20)},
			ms:   []member{{"a", 26, 2.75, 2}},
			lang: "zh-CN",
			want: "平均办案天数每降低 1 天，得分增加 0.38 分，最多还可得 4.25 分（降至 14.7 天 即达上限；按组内平均值 20.0 天、标准差 4.0 天 不变计）。",
		},
		{
			name: "zscore equal values",
			ind: config.Indicator{ID: "d", Name: "平均办案天数", Method: "zscore", Direction: "lower", Weight: 7, Format: "days", Decimals: 1,
				Step: f(1.5), MaxPlus: f(2), MaxMinus: f(4), Base: f(5)},
			st:   scoring.IndicatorStats{N: 2, Mean: f(20), Sigma: f(0), Reference: f(20)},
			ms:   []member{{"a", 20, 5, 1}},
			lang: "zh-CN",
			want: "组内数值全部相同（标准差为 0），均按基础分 5 分计；优于其他单位即可加分。",
		},
		{
			// r = (80 − 75)/(95 − 75) = 0.25: 8 × (0.6 + 0.4 × 0.25) = 5.6.
			// 8 × 0.4 / 20 = 0.16 points per percentage point; 2.4 to win.
			name: "efficacy",
			ind:  config.Indicator{ID: "e", Name: "提出率", Method: "efficacy", Direction: "higher", Weight: 8, Format: "percent", Decimals: 1, Floor: f(0.6)},
			st:   scoring.IndicatorStats{N: 3, Hi: f(95), Lo: f(75)},
			ms:   []member{{"a", 0.8, 5.6, 2}},
			lang: "zh-CN",
			want: "提出率每提高 1 个百分点，得分增加 0.16 分，最多还可得 2.40 分（达到 95.0% 即得满分；按满意值 95.0%、不允许值 75.0% 不变计）。",
		},
		{
			// the group's worst: 8 × 0.6 = 4.8, and the not-allowed value moves with it.
			name: "efficacy at the group's worst",
			ind:  config.Indicator{ID: "e", Name: "提出率", Method: "efficacy", Direction: "higher", Weight: 8, Format: "percent", Decimals: 1, Floor: f(0.6)},
			st:   scoring.IndicatorStats{N: 3, Hi: f(95), Lo: f(75)},
			ms:   []member{{"a", 0.75, 4.8, 3}},
			lang: "zh-CN",
			want: "提出率每提高 1 个百分点，得分增加 0.16 分，最多还可得 3.20 分（达到 95.0% 即得满分；按满意值 95.0%、不允许值 75.0% 不变计）。本单位的值即组内最差值（不允许值），不允许值会随本单位的改善而变化，超过组内次差值后才开始加分。",
		},
		{
			// best 100, worst 60 set; 50% is below the worst: 8 × 0.6 =
			// 4.8 until 60%. 8 × 0.4 / 40 = 0.08 a point, 0.8 per 10 points.
			name: "efficacy below a set worst",
			ind: config.Indicator{ID: "e", Name: "采纳率", Method: "efficacy", Direction: "higher", Weight: 8, Format: "percent", Decimals: 1,
				Floor: f(0.6), Best: f(100), Worst: f(60)},
			st:   scoring.IndicatorStats{N: 3, Hi: f(100), Lo: f(60)},
			ms:   []member{{"a", 0.5, 4.8, 3}},
			lang: "zh-CN",
			want: "采纳率达到 60.0% 后得分开始增加，此后每提高 10 个百分点，得分增加 0.80 分，最多还可得 3.20 分（达到 100.0% 即得满分）。",
		},
		{
			// 5.84% lies in no band (0 points). To < 5.0%: 0.84 → 0.9
			// (5.84 − 0.9 = 4.94); to < 3.0%: 2.9; up to ≥ 8.0%: 2.2 for
			// 1 point. The nearest better band is [3, 5): 4.5 points.
			name: "bands in no band",
			ind: config.Indicator{ID: "b", Name: "捕后不诉率", Method: "bands", Direction: "lower", Weight: 6, Format: "percent", Decimals: 1,
				Bands: []config.Band{{Max: f(3), Points: 6}, {Min: f(3), Max: f(5), Points: 4.5}, {Min: f(8), Points: 1}}},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.0584, 0, 1}},
			lang: "zh-CN",
			want: "再降低 0.9 个百分点（降至 5.0% 以下）可进入上一档，得 4.50 分（+4.50 分）。",
		},
		{
			// 4.0% in [3, 5): 4.0 − 1.0 = 3.0 is not below 3.0, so 1.1.
			name: "bands upper bound excluded",
			ind: config.Indicator{ID: "b", Name: "捕后不诉率", Method: "bands", Direction: "lower", Weight: 6, Format: "percent", Decimals: 1,
				Bands: []config.Band{{Max: f(3), Points: 6}, {Min: f(3), Max: f(5), Points: 4.5}, {Min: f(8), Points: 1}}},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.04, 4.5, 1}},
			lang: "zh-CN",
			want: "再降低 1.1 个百分点（降至 3.0% 以下）可进入上一档，得 6.00 分（+1.50 分）。",
		},
		{
			// 92.9% under ≥ 95.0%: 2.1 more for 10 − 8 = +2.
			name: "bands higher en",
			ind: config.Indicator{ID: "b", Name: "Rate", Method: "bands", Direction: "higher", Weight: 10, Format: "percent", Decimals: 1,
				Bands: []config.Band{{Min: f(95), Points: 10}, {Min: f(90), Max: f(95), Points: 8}}},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.929, 8, 1}},
			lang: "en",
			want: "A further increase of 2.1 percentage points (reaching 95.0%) reaches a better band: 10.00 points (+2.00).",
		},
		{
			name: "bands best band below the weight",
			ind: config.Indicator{ID: "b", Name: "Rate", Method: "bands", Direction: "higher", Weight: 10, Format: "percent", Decimals: 1,
				Bands: []config.Band{{Min: f(95), Points: 9}, {Min: f(90), Max: f(95), Points: 8}}},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.97, 9, 1}},
			lang: "zh-CN",
			want: "已得本项规则的最高分 9.00 分（满分 10 分），改变数值不能再加分。",
		},
		{
			// 30 − 27.9 = 2.1 percentage points.
			name: "target",
			ind:  config.Indicator{ID: "t", Name: "诉前羁押率", Method: "target", Direction: "higher", Weight: 4, Format: "percent", Decimals: 1, Target: f(30)},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.279, 0, 1}},
			lang: "zh-CN",
			want: "达到 30.0% 可得满分（还需提高 2.1 个百分点，+4.00 分）。",
		},
		{
			// 4 × 24/30 = 3.2; 4/30 = 0.133 a point; 0.8 to win.
			name: "target proportional",
			ind:  config.Indicator{ID: "t", Name: "诉前羁押率", Method: "target", Direction: "higher", Weight: 4, Format: "percent", Decimals: 1, Target: f(30), Proportional: true},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.24, 3.2, 1}},
			lang: "zh-CN",
			want: "诉前羁押率每提高 1 个百分点，得分增加 0.13 分，最多还可得 0.80 分（达到 30.0% 即得满分）。",
		},
		{
			// 18.25 − 15 = 3.25 days, shown with one decimal rounded up: 3.3.
			name: "target lower days",
			ind:  config.Indicator{ID: "t", Name: "办案天数", Method: "target", Direction: "lower", Weight: 5, Format: "days", Decimals: 1, Target: f(15)},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 18.25, 0, 1}},
			lang: "zh-CN",
			want: "降至 15.0 天 可得满分（还需降低 3.3 天，+5.00 分）。",
		},
		{
			name: "target lower days en",
			ind:  config.Indicator{ID: "t", Name: "Days", Method: "target", Direction: "lower", Weight: 5, Format: "days", Decimals: 1, Target: f(15)},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 18.25, 0, 1}},
			lang: "en",
			want: "Falling to 15.0 days gives full points (a further decrease of 3.3 days, +5.00).",
		},
		{
			// Values 10, 8, 8, 5 (higher better): ranks 1, 2, 2, 4 of 4.
			// d at rank 4: 6 × (4 − 4)/3 = 0; rank 2: 6 × 2/3 = 4.
			name: "rank linear with a tie",
			ind:  config.Indicator{ID: "r", Name: "办案量", Method: "rank", Direction: "higher", Weight: 6, Format: "number", Decimals: 1},
			st:   scoring.IndicatorStats{N: 4},
			ms:   []member{{"d", 5, 0, 4}, {"a", 10, 6, 1}, {"b", 8, 4, 2}, {"c", 8, 4, 2}},
			lang: "zh-CN",
			want: "达到第 2 名的 8.0（并列即同名次），可升至第 2 名，得分 4.00 分（+4.00 分）。",
		},
		{
			// step 4: rank 3 → max(0, 6 − 8) = 0 like rank 4, so the rank
			// that scores more is 2: 6 − 4 = 2.
			name: "rank with step",
			ind:  config.Indicator{ID: "r", Name: "Cases", Method: "rank", Direction: "lower", Weight: 6, Format: "days", Decimals: 1, Step: f(4)},
			st:   scoring.IndicatorStats{N: 4},
			ms:   []member{{"d", 40, 0, 4}, {"a", 10, 6, 1}, {"b", 20, 2, 2}, {"c", 30, 0, 3}},
			lang: "en",
			want: "Matching the 20.0 days of rank 2 (ties share a rank) would move it up to rank 2: 2.00 points (+2.00).",
		},
		{
			// 27.5% above 25.0%: 8 − 2.5 × 1 = 5.5; 0.1 a tenth of a point.
			name: "range",
			ind:  config.Indicator{ID: "g", Name: "不起诉率", Method: "range", Weight: 8, Format: "percent", Decimals: 1, Low: f(12), High: f(25), Step: f(1)},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.275, 5.5, 0}},
			lang: "zh-CN",
			want: "不起诉率每降低 0.1 个百分点，得分增加 0.10 分，最多还可得 2.50 分（回到 [12.0%, 25.0%] 区间即得满分）。",
		},
		{
			// 2% is 10 under 12%: 4 − 10 × 0.5 < 0, so 0 until 12 − 4/0.5 = 4%.
			name: "range far below",
			ind:  config.Indicator{ID: "g", Name: "不起诉率", Method: "range", Weight: 4, Format: "percent", Decimals: 1, Low: f(12), High: f(25), Step: f(0.5)},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 0.02, 0, 0}},
			lang: "zh-CN",
			want: "不起诉率达到 4.0% 后得分开始增加，此后每提高 1 个百分点，得分增加 0.50 分，最多还可得 4.00 分（回到 [12.0%, 25.0%] 区间即得满分）。",
		},
		{
			name: "direct",
			ind:  config.Indicator{ID: "s", Name: "民主测评", Method: "direct", Weight: 5, Format: "number", Decimals: 1},
			st:   scoring.IndicatorStats{N: 1},
			ms:   []member{{"a", 3.5, 3.5, 0}},
			lang: "zh-CN",
			want: "本项为直接录入的分值（录入 3.50，满分 5 分），不由其他数据计算，得分随录入的评分结果变化。",
		},
		{
			name: "no member has a value",
			ind:  config.Indicator{ID: "s", Name: "民主测评", Method: "direct", Weight: 5},
			st:   scoring.IndicatorStats{NoValues: true},
			ms:   []member{{"a", math.NaN(), 0, 0}},
			lang: "zh-CN",
			want: "比较组内均无数据，全组本项均得 0 分；报送数据后按规则计分。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, g := handGroup(&tt.ind, tt.st, tt.ms...)
			if got := Gain(cfg, &tt.ind, nil, e, g, nil, tt.lang); got != tt.want {
				t.Errorf("Gain =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestLossesSelection: the top three by points lost, equal losses in
// indicator order, fewer when fewer lost, none when nothing was lost.
func TestLossesSelection(t *testing.T) {
	var inds []*config.Indicator
	for _, id := range []string{"i1", "i2", "i3", "i4", "i5"} {
		inds = append(inds, &config.Indicator{ID: id, Name: id, Method: "direct", Weight: 5, Decimals: 1})
	}
	s := &config.Scheme{Indicators: inds}
	result := func(points ...float64) (*scoring.EntityResult, *scoring.Group) {
		e := &scoring.EntityResult{Entity: &dataset.Entity{ID: "a"}, Indicators: map[string]*scoring.IndicatorScore{}}
		g := &scoring.Group{ID: "all", Entities: []*scoring.EntityResult{e}, Stats: map[string]*scoring.IndicatorStats{}}
		for i, p := range points {
			v := p
			e.Indicators[inds[i].ID] = &scoring.IndicatorScore{Value: &v, Display: &v, Points: p, Band: -1}
			g.Stats[inds[i].ID] = &scoring.IndicatorStats{N: 1}
		}
		return e, g
	}
	ids := func(ls []Loss) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Indicator.ID+":"+trim(l.Lost))
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name   string
		points []float64
		want   string
	}{
		// losses 2, 1, 2, 0, 3: i5 3, then i1 and i3 with 2 in that order.
		{"ties in indicator order", []float64{3, 4, 3, 5, 2}, "i5:3 i1:2 i3:2"},
		// i1 and i3 both lose 1: in indicator order.
		{"equal losses", []float64{4, 5, 4, 5, 5}, "i1:1 i3:1"},
		// a loss of 1e-12, or of 0.004 (4.996 shows as 5.00), is no loss.
		{"fewer than three", []float64{5, 5 - 1e-12, 4.5, 4.996, 5}, "i3:0.5"},
		// 4.575 shows as 4.58 (decimal rounding), so 0.42 is lost, not 0.425.
		{"lost as shown", []float64{4.575, 5, 5, 5, 5}, "i1:0.42"},
		{"no loss", []float64{5, 5, 5, 5, 5}, ""},
	}
	for _, tt := range tests {
		e, g := result(tt.points...)
		ls := Losses(&config.Config{}, s, nil, e, g, nil, "zh-CN", TopLosses)
		if got := ids(ls); got != tt.want {
			t.Errorf("%s: Losses = %q, want %q", tt.name, got, tt.want)
		}
		for _, l := range ls {
			if l.Gain == "" {
				t.Errorf("%s: %s has no sentence", tt.name, l.Indicator.ID)
			}
		}
	}
	if got := LossesText(nil, "zh-CN"); got != "失分项：无，各项指标均得满分。\n" {
		t.Errorf("no loss: %q", got)
	}
	if got := LossesText(nil, "en"); !strings.Contains(got, "none") {
		t.Errorf("no loss en: %q", got)
	}
}

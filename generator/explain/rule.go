package explain

import (
	"fmt"
	"strings"

	"kaoping/generator/config"
)

// This file states an indicator's rule in general terms — the method and
// its parameters, with no entity's numbers — for the indicator pages and
// the 考核办法. Thresholds are shown in display units with the indicator's
// format (12.0%, 1:1.20, 15.0 天), as config.toml writes them.

// MethodName is the short name of a scoring method: 功效系数法, 区间赋分, …
// An unknown method is returned as is.
func MethodName(method, lang string) string {
	names := map[string][2]string{
		"mean_relative": {"平均值比较法", "comparison with the reference"},
		"efficacy":      {"功效系数法", "efficacy coefficient"},
		"bands":         {"区间赋分", "bands"},
		"rank":          {"排名赋分", "rank scoring"},
		"target":        {"达标计分", "target"},
		"zscore":        {"标准分", "standard score"},
		"range":         {"合理区间", "reasonable range"},
		"direct":        {"直接录入分值", "score entered as data"},
	}
	n, ok := names[method]
	switch {
	case !ok:
		return method
	case lang == "en":
		return n[1]
	}
	return n[0]
}

// Direction says which way is better: 越高越好, 越低越好, or, for methods
// without a direction (range, direct), that none applies.
func Direction(ind *config.Indicator, lang string) string {
	switch ind.Direction {
	case "higher", "lower":
		return better(ind, lang)
	}
	if lang == "en" {
		return "no direction (scored by the rule)"
	}
	return "不分高低（按规则计分）"
}

func isIdentStart(r rune) bool { return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isIdentPart(r rune) bool { return isIdentStart(r) || r >= '0' && r <= '9' }

// MissingPolicy says how a member without a value is scored.
func MissingPolicy(ind *config.Indicator, lang string) string {
	en := lang == "en"
	switch ind.Missing {
	case "zero":
		if en {
			return "no value scores 0 points"
		}
		return "无有效值的计 0 分"
	case "full":
		if en {
			return fmt.Sprintf("no value scores full points (%s)", trim(ind.Weight))
		}
		return fmt.Sprintf("无有效值的计满分（%s 分）", trim(ind.Weight))
	}
	if en {
		return "no value scores the mean of the points of the group members that have a value"
	}
	return "无有效值的按组内有值单位的平均得分计"
}

// Rule states the method of ind and its parameters in one or two
// sentences, without any entity's numbers: what the reference is, how
// far from it earns or costs how many points, the bounds. The same text
// serves the indicator page and the 考核办法.
func Rule(cfg *config.Config, ind *config.Indicator, lang string) string {
	en := lang == "en"
	w := trim(ind.Weight)
	switch ind.Method {
	case "mean_relative":
		return meanRelativeRule(ind, lang)
	case "efficacy":
		return efficacyRule(ind, lang)
	case "bands":
		return bandsRule(ind, lang)
	case "rank":
		if ind.Step != nil {
			if en {
				return fmt.Sprintf("Rank scoring: rank 1 (%s) gets the full %s points, each place lower %s point(s) less, at least 0; tied members share the better rank.", better(ind, lang), w, trim(*ind.Step))
			}
			return fmt.Sprintf("排名赋分：组内第 1 名（%s）得满分 %s 分，每后退一名减 %s 分，最低 0 分；并列者取较好名次。", better(ind, lang), w, trim(*ind.Step))
		}
		if en {
			return fmt.Sprintf("Rank scoring, linear: rank 1 (%s) gets the full %s points, the last 0, the others %s × (members − rank) / (members − 1); tied members share the better rank; a lone member gets full points.", better(ind, lang), w, w)
		}
		return fmt.Sprintf("排名线性赋分：组内第 1 名（%s）得满分 %s 分，末名 0 分，其余得 %s ×（参评数 − 名次）/（参评数 − 1）；并列者取较好名次；组内仅一个单位有值时得满分。", better(ind, lang), w, w)
	case "target":
		return targetRule(ind, lang)
	case "zscore":
		return zscoreRule(ind, lang)
	case "range":
		if en {
			return fmt.Sprintf("Reasonable range %s to %s: inside it the full %s points; outside, %s point(s) off per %s beyond the nearer bound, at least 0.",
				dispNum(ind, *ind.Low, lang), dispNum(ind, *ind.High, lang), w, trim(*ind.Step), unitName(ind, lang))
		}
		return fmt.Sprintf("合理区间 %s 至 %s：区间内得满分 %s 分；超出区间的，按超出较近边界的幅度每 %s扣 %s 分，最低 0 分。",
			dispNum(ind, *ind.Low, lang), dispNum(ind, *ind.High, lang), w, unitName(ind, lang), trim(*ind.Step))
	case "direct":
		if en {
			return fmt.Sprintf("The score is entered as data (the formula's value) and bounded to 0–%s points.", w)
		}
		return fmt.Sprintf("分值直接录入（即公式的值），限定在 0 至 %s 分之间。", w)
	}
	return MethodName(ind.Method, lang)
}

// unitName is "1 unit" of a display value: 1 个百分点 for percents, 1 天
// for days, 0.01 of a ratio is still "1".
func unitName(ind *config.Indicator, lang string) string {
	en := lang == "en"
	switch ind.Format {
	case "percent":
		if en {
			return "percentage point"
		}
		return "1 个百分点"
	case "days":
		if en {
			return "day"
		}
		return "1 天"
	}
	if en {
		return "unit"
	}
	return "1 " // a plain number: "每超出 1 扣 1 分"
}

func meanRelativeRule(ind *config.Indicator, lang string) string {
	en := lang == "en"
	refName := map[string][2]string{
		"mean":   {"组内平均值", "the group mean"},
		"median": {"组内中位数", "the group median"},
		"pooled": {"全组合计值（按全组各项数之和计算公式）", "the pooled group value (the formula on the group's summed counts)"},
	}[ind.Reference]
	if refName[0] == "" {
		refName = [2]string{"组内平均值", "the group mean"}
	}
	step, plus, minus, base := trim(*ind.Step), trim(*ind.MaxPlus), trim(*ind.MaxMinus), trim(*ind.Base)
	if ind.Deviation == "absolute" {
		if en {
			return fmt.Sprintf("Compared with %s (%s): base %s points, %s point(s) more for each %s better than the reference and %s less for each %s worse, at most +%s / −%s, never below 0.",
				refName[1], better(ind, lang), base, step, unitName(ind, lang), step, unitName(ind, lang), plus, minus)
		}
		return fmt.Sprintf("以%s为参考值（%s），按与参考值之差计分：基础分 %s 分，每优于参考值 %s加 %s 分、每劣于参考值 %s减 %s 分，最多加 %s 分、减 %s 分，最低 0 分。",
			refName[0], better(ind, lang), base, unitName(ind, lang), step, unitName(ind, lang), step, plus, minus)
	}
	if en {
		return fmt.Sprintf("Compared with %s (%s), by relative deviation (value − reference) / |reference|: base %s points, %s point(s) more for each 1%% better than the reference and %s less for each 1%% worse, at most +%s / −%s, never below 0; a zero reference counts any difference as the full bonus or deduction.",
			refName[1], better(ind, lang), base, step, step, plus, minus)
	}
	return fmt.Sprintf("以%s为参考值（%s），按相对偏离（值 − 参考值）÷ |参考值| 计分：基础分 %s 分，每优于参考值 1%% 加 %s 分、每劣于参考值 1%% 减 %s 分，最多加 %s 分、减 %s 分，最低 0 分；参考值为 0 时，有差异即按最多加分或减分计。",
		refName[0], better(ind, lang), base, step, step, plus, minus)
}

func efficacyRule(ind *config.Indicator, lang string) string {
	en := lang == "en"
	hiZH, hiEN := "组内最优值", "the best value in the group"
	if ind.Best != nil {
		hiZH, hiEN = " "+dispNum(ind, *ind.Best, lang), dispNum(ind, *ind.Best, lang)
	}
	loZH, loEN := "组内最差值", "the worst value in the group"
	if ind.Worst != nil {
		loZH, loEN = " "+dispNum(ind, *ind.Worst, lang), dispNum(ind, *ind.Worst, lang)
	}
	w, floor := trim(ind.Weight), *ind.Floor
	if en {
		return fmt.Sprintf("Efficacy coefficient (%s): satisfying value %s, not-allowed value %s; points = %s × (%s + %s × position), position = (value − not-allowed) / (satisfying − not-allowed) bounded to 0–1, so from %s to %s points; when the two values are equal everyone gets %s.",
			better(ind, lang), hiEN, loEN, w, trim(floor), trim(1-floor), trim(ind.Weight*floor), w, w)
	}
	return fmt.Sprintf("功效系数法（%s）：满意值取%s，不允许值取%s；得分 = %s ×（%s + %s × 位置），位置 =（值 − 不允许值）÷（满意值 − 不允许值），限定在 0 至 1 之间，即得分在 %s 至 %s 分之间；满意值与不允许值相等时均得满分 %s 分。",
		better(ind, lang), hiZH, loZH, w, trim(floor), trim(1-floor), trim(ind.Weight*floor), w, w)
}

func bandsRule(ind *config.Indicator, lang string) string {
	en := lang == "en"
	var parts []string
	for _, band := range ind.Bands {
		if en {
			parts = append(parts, fmt.Sprintf("%s: %s", bandText(ind, band, lang), trim(band.Points)))
		} else {
			parts = append(parts, fmt.Sprintf("%s 得 %s 分", bandText(ind, band, lang), trim(band.Points)))
		}
	}
	if en {
		return fmt.Sprintf("Bands (lower bound included, upper excluded; the first band that holds the value counts): %s; outside every band 0 points.", strings.Join(parts, "; "))
	}
	return fmt.Sprintf("区间赋分（含下限、不含上限，取第一个包含该值的区间）：%s；不在任何区间的得 0 分。", strings.Join(parts, "；"))
}

func targetRule(ind *config.Indicator, lang string) string {
	en := lang == "en"
	cmp := "≥"
	if ind.Direction == "lower" {
		cmp = "≤"
	}
	t, w := dispNum(ind, *ind.Target, lang), trim(ind.Weight)
	var miss string
	switch {
	case ind.Proportional && ind.Direction == "lower" && en:
		miss = fmt.Sprintf("otherwise %s × target / value (at most %s)", w, w)
	case ind.Proportional && ind.Direction == "lower":
		miss = fmt.Sprintf("未达标的按 %s × 目标值 ÷ 实际值 计分（不超过 %s 分）", w, w)
	case ind.Proportional && en:
		miss = fmt.Sprintf("otherwise %s × value / target (at least 0)", w)
	case ind.Proportional:
		miss = fmt.Sprintf("未达标的按 %s × 实际值 ÷ 目标值 计分（最低 0 分）", w)
	case en:
		miss = "otherwise 0"
	default:
		miss = "未达标的得 0 分"
	}
	if en {
		return fmt.Sprintf("Target: value %s %s earns the full %s points; %s.", cmp, t, w, miss)
	}
	return fmt.Sprintf("达标计分：值 %s %s 为达标，得满分 %s 分；%s。", cmp, t, w, miss)
}

func zscoreRule(ind *config.Indicator, lang string) string {
	step, plus, minus, base := trim(*ind.Step), trim(*ind.MaxPlus), trim(*ind.MaxMinus), trim(*ind.Base)
	if lang == "en" {
		return fmt.Sprintf("Standard score (%s): z = (value − group mean) / standard deviation of the group (population; 0 when all are equal); base %s points, %s point(s) more per standard deviation better than the mean and %s less per standard deviation worse, at most +%s / −%s, never below 0.",
			better(ind, lang), base, step, step, plus, minus)
	}
	return fmt.Sprintf("标准分（%s）：z =（值 − 组内平均值）÷ 组内标准差（总体标准差；全组相同时 z = 0）；基础分 %s 分，每优于平均值一个标准差加 %s 分、每劣于平均值一个标准差减 %s 分，最多加 %s 分、减 %s 分，最低 0 分。",
		better(ind, lang), base, step, step, plus, minus)
}

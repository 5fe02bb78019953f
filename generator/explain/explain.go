// Package explain puts into words how each point of a result was
// obtained: the value and the counts it came from, the reference, the
// deviation, the rule and the points, then adjustments, vetoes, total,
// rank and grade. `kaoping explain` prints it; the score sheet shows the
// same sentences, so an objection can be answered from either.
package explain

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/formula"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
)

// Find returns the result of entity id in r and its group, or nils.
func Find(r *scoring.Result, id string) (*scoring.EntityResult, *scoring.Group) {
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			if e.Entity.ID == id {
				return e, g
			}
		}
	}
	return nil, nil
}

// Entity returns the whole explanation of one entity's result in lang,
// and false when the entity is not in r.
func Entity(cfg *config.Config, r *scoring.Result, id, lang string) (string, bool) {
	e, g := Find(r, id)
	if e == nil {
		return "", false
	}
	en := lang == "en"
	s := r.Scheme
	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "%s — %s, %s (peer group %s, %d members)\n\n", e.Entity.Name, s.Name, r.Period.Period.Label(lang), g.ID, len(g.Entities))
	} else {
		fmt.Fprintf(&b, "%s — %s，%s（比较组 %s，共 %d 个单位）\n\n", e.Entity.Name, s.Name, r.Period.Period.Label(lang), groupLabel(g.ID, lang), len(g.Entities))
	}
	for _, c := range s.Categories {
		if en {
			fmt.Fprintf(&b, "[%s] subtotal %s points\n", c.Name, numfmt.Points(e.Categories[c.ID]))
		} else {
			fmt.Fprintf(&b, "【%s】小计 %s 分\n", c.Name, numfmt.Points(e.Categories[c.ID]))
		}
		for _, ind := range s.Indicators {
			if ind.Category != c.ID {
				continue
			}
			fmt.Fprintf(&b, "  · %s\n", Indicator(cfg, ind, r.Period, e, g, lang))
		}
	}
	for _, a := range s.Adjustments {
		b.WriteString(Adjustment(cfg, a, e.Adjustments[a.ID], lang))
		b.WriteString("\n")
	}
	for _, v := range s.Vetoes {
		if line := Veto(cfg, s, v, r.Period, e, lang); line != "" {
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
	b.WriteString(Summary(s, e, g, lang))
	b.WriteString("\n")
	return b.String(), true
}

func groupLabel(id, lang string) string {
	if id == "all" {
		if lang == "en" {
			return "all"
		}
		return "全部"
	}
	return id
}

// Inputs lists the counts a formula was computed from, e.g.
// "件数 items = 123，受理案件数 cases = 100".
func Inputs(cfg *config.Config, src string, pd *dataset.PeriodData, entity, lang string) string {
	f := compiled(src)
	if f == nil {
		return ""
	}
	var parts []string
	for _, name := range f.Names() {
		if v, ok := cfg.Constant(name); ok {
			parts = append(parts, fmt.Sprintf("%s = %s", name, trim(v)))
			continue
		}
		label := cfg.FieldLabel(name)
		if label != name {
			label += " " + name
		}
		if v, ok := pd.Value(entity, name); ok {
			parts = append(parts, fmt.Sprintf("%s = %s", label, trim(v)))
		} else if lang == "en" {
			parts = append(parts, label+" missing")
		} else {
			parts = append(parts, label+" 缺失")
		}
	}
	sep := "，"
	if lang == "en" {
		sep = ", "
	}
	return strings.Join(parts, sep)
}

// formulas caches compiled formulas by source: a province's score sheets
// explain the same few dozen formulas a million times.
var formulas sync.Map // string -> *formula.Formula (nil when it does not compile)

func compiled(src string) *formula.Formula {
	if f, ok := formulas.Load(src); ok {
		return f.(*formula.Formula)
	}
	f, err := formula.Compile(src, false)
	if err != nil {
		f = nil
	}
	formulas.Store(src, f)
	return f
}

// trim formats a count without trailing zeros.
func trim(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", v), "0"), ".")
}

// dv formats a display value of ind.
func dv(ind *config.Indicator, v float64, lang string) string {
	return numfmt.Value(v, ind.Format, ind.Decimals, lang)
}

// dispNum formats a threshold given in display units.
func dispNum(ind *config.Indicator, d float64, lang string) string {
	if ind.Format == "percent" {
		return numfmt.Value(d/100, "percent", ind.Decimals, lang)
	}
	return numfmt.Value(d, ind.Format, ind.Decimals, lang)
}

// Indicator explains one indicator for one entity in one sentence.
func Indicator(cfg *config.Config, ind *config.Indicator, pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group, lang string) string {
	en := lang == "en"
	sc := e.Indicators[ind.ID]
	st := g.Stats[ind.ID]
	var b strings.Builder
	fmt.Fprintf(&b, "%s", ind.Name)
	if en {
		fmt.Fprintf(&b, " (%s, %s points): ", ind.Formula, trim(ind.Weight))
	} else {
		fmt.Fprintf(&b, "（%s，满分 %s）：", ind.Formula, trim(ind.Weight))
	}
	inputs := Inputs(cfg, ind.Formula, pd, e.Entity.ID, lang)
	switch {
	case sc == nil:
		return b.String()
	case st != nil && st.NoValues:
		if en {
			fmt.Fprintf(&b, "no member of the group has a value (%s), so everyone gets 0 points.", inputs)
		} else {
			fmt.Fprintf(&b, "比较组内没有任何单位有值（%s），全组本项均得 0 分。", inputs)
		}
		return b.String()
	case sc.Missing:
		if sc.Invalid {
			if en {
				fmt.Fprintf(&b, "%s does not meet the condition %s, so the value counts as missing; ", inputs, ind.ValidIf)
			} else {
				fmt.Fprintf(&b, "%s，不满足有效条件 %s，按缺失处理；", inputs, ind.ValidIf)
			}
		} else if en {
			fmt.Fprintf(&b, "no value (%s); ", inputs)
		} else {
			fmt.Fprintf(&b, "无有效值（%s）；", inputs)
		}
		b.WriteString(missingRule(ind, sc.Points, lang))
		return b.String()
	}
	v := *sc.Value
	if en {
		fmt.Fprintf(&b, "value %s (%s)", dv(ind, v, lang), inputs)
	} else {
		fmt.Fprintf(&b, "值 %s（%s）", dv(ind, v, lang), inputs)
	}
	if sc.Rank > 0 && st != nil {
		if en {
			fmt.Fprintf(&b, ", rank %d of %d", sc.Rank, st.N)
		} else {
			fmt.Fprintf(&b, "，组内第 %d / %d 位", sc.Rank, st.N)
		}
	}
	if en {
		b.WriteString("; ")
	} else {
		b.WriteString("；")
	}
	b.WriteString(methodSentence(ind, sc, st, lang))
	return b.String()
}

// scale converts v to display units.
func missingRule(ind *config.Indicator, pts float64, lang string) string {
	en := lang == "en"
	switch ind.Missing {
	case "zero":
		if en {
			return fmt.Sprintf("missing values score 0: %s points.", numfmt.Points(pts))
		}
		return fmt.Sprintf("缺失按 0 分计：得 %s 分。", numfmt.Points(pts))
	case "full":
		if en {
			return fmt.Sprintf("missing values score full points: %s points.", numfmt.Points(pts))
		}
		return fmt.Sprintf("缺失按满分计：得 %s 分。", numfmt.Points(pts))
	}
	if en {
		return fmt.Sprintf("missing values get the mean of the points of the group members that have a value: %s points.", numfmt.Points(pts))
	}
	return fmt.Sprintf("缺失按组内有值单位的平均得分计：得 %s 分。", numfmt.Points(pts))
}

func better(ind *config.Indicator, lang string) string {
	switch {
	case lang == "en" && ind.Direction == "lower":
		return "lower is better"
	case lang == "en":
		return "higher is better"
	case ind.Direction == "lower":
		return "越低越好"
	}
	return "越高越好"
}

// methodSentence says how the points followed from the value.
func methodSentence(ind *config.Indicator, sc *scoring.IndicatorScore, st *scoring.IndicatorStats, lang string) string {
	en := lang == "en"
	pts := numfmt.Points(sc.Points)
	d := *sc.Display
	switch ind.Method {
	case "mean_relative":
		refName := map[string][2]string{"mean": {"组内平均值", "group mean"}, "median": {"组内中位数", "group median"}, "pooled": {"全组合计值", "pooled group value"}}[ind.Reference]
		ref := "—"
		if sc.Reference != nil {
			ref = dv(ind, *sc.Reference, lang)
		}
		dev := 0.0
		if sc.Deviation != nil {
			dev = *sc.Deviation
		}
		devText := deviationText(ind, dev, lang)
		adj := ind.Sign() * dev * *ind.Step
		adj = math.Max(-*ind.MaxMinus, math.Min(*ind.MaxPlus, adj))
		unit := [2]string{"1%", "1% (relative)"}
		if ind.Deviation == "absolute" {
			unit = [2]string{"1 个单位", "1 unit"}
			if ind.Format == "percent" {
				unit = [2]string{"1 个百分点", "1 percentage point"}
			}
		}
		if en {
			return fmt.Sprintf("reference (%s) %s, deviation %s (%s); %s points per %s of deviation, at most +%s / −%s: %s %s %s = %s points.",
				refName[1], ref, devText, better(ind, lang), trim(*ind.Step), unit[1], trim(*ind.MaxPlus), trim(*ind.MaxMinus),
				trim(*ind.Base), sign(adj), numfmt.Points(math.Abs(adj)), pts)
		}
		return fmt.Sprintf("参考值（%s）%s，偏离 %s（%s）；每偏离 %s 计 %s 分，最多加 %s 分、减 %s 分：%s %s %s = %s 分。",
			refName[0], ref, devText, better(ind, lang), unit[0], trim(*ind.Step), trim(*ind.MaxPlus), trim(*ind.MaxMinus),
			trim(*ind.Base), sign(adj), numfmt.Points(math.Abs(adj)), pts)
	case "efficacy":
		hi, lo := "—", "—"
		if st != nil && st.Hi != nil {
			hi = dispNum(ind, *st.Hi, lang)
		}
		if st != nil && st.Lo != nil {
			lo = dispNum(ind, *st.Lo, lang)
		}
		if en {
			return fmt.Sprintf("efficacy coefficient: satisfying value %s, not-allowed value %s, points = %s × (%s + %s × position between them) = %s points.",
				hi, lo, trim(ind.Weight), trim(*ind.Floor), trim(1-*ind.Floor), pts)
		}
		return fmt.Sprintf("功效系数法：满意值 %s，不允许值 %s，得分 = %s ×（%s + %s × 所处位置）= %s 分。",
			hi, lo, trim(ind.Weight), trim(*ind.Floor), trim(1-*ind.Floor), pts)
	case "bands":
		if sc.Band < 0 {
			if en {
				return fmt.Sprintf("%s lies in no band: 0 points.", dispNum(ind, d, lang))
			}
			return fmt.Sprintf("%s 不在任何区间内：0 分。", dispNum(ind, d, lang))
		}
		band := ind.Bands[sc.Band]
		if en {
			return fmt.Sprintf("in band %s: %s points.", bandText(ind, band, lang), pts)
		}
		return fmt.Sprintf("落在区间 %s：%s 分。", bandText(ind, band, lang), pts)
	case "rank":
		if ind.Step != nil {
			if en {
				return fmt.Sprintf("rank scoring: %s − (rank − 1) × %s = %s points.", trim(ind.Weight), trim(*ind.Step), pts)
			}
			return fmt.Sprintf("排名赋分：%s −（名次 − 1）× %s = %s 分。", trim(ind.Weight), trim(*ind.Step), pts)
		}
		if en {
			return fmt.Sprintf("rank scoring: %s × (members − rank) / (members − 1) = %s points.", trim(ind.Weight), pts)
		}
		return fmt.Sprintf("排名赋分：%s ×（参评数 − 名次）/（参评数 − 1）= %s 分。", trim(ind.Weight), pts)
	case "target":
		cmp := "≥"
		if ind.Direction == "lower" {
			cmp = "≤"
		}
		met := sc.Points >= ind.Weight-1e-9
		switch {
		case met && en:
			return fmt.Sprintf("target %s %s met: %s points.", cmp, dispNum(ind, *ind.Target, lang), pts)
		case met:
			return fmt.Sprintf("目标 %s %s，已达标：%s 分。", cmp, dispNum(ind, *ind.Target, lang), pts)
		case ind.Proportional && en:
			return fmt.Sprintf("target %s %s not met, points in proportion: %s points.", cmp, dispNum(ind, *ind.Target, lang), pts)
		case ind.Proportional:
			return fmt.Sprintf("目标 %s %s，未达标，按比例得 %s 分。", cmp, dispNum(ind, *ind.Target, lang), pts)
		case en:
			return fmt.Sprintf("target %s %s not met: 0 points.", cmp, dispNum(ind, *ind.Target, lang))
		}
		return fmt.Sprintf("目标 %s %s，未达标：0 分。", cmp, dispNum(ind, *ind.Target, lang))
	case "zscore":
		mean, z := "—", 0.0
		if sc.Reference != nil {
			mean = dv(ind, *sc.Reference, lang)
		}
		if sc.Deviation != nil {
			z = *sc.Deviation
		}
		adj := math.Max(-*ind.MaxMinus, math.Min(*ind.MaxPlus, ind.Sign()*z*(*ind.Step)))
		if en {
			return fmt.Sprintf("standard score: group mean %s, z = %.3f (%s); %s points per unit of z, at most +%s / −%s: %s %s %s = %s points.",
				mean, z, better(ind, lang), trim(*ind.Step), trim(*ind.MaxPlus), trim(*ind.MaxMinus), trim(*ind.Base), sign(adj), numfmt.Points(math.Abs(adj)), pts)
		}
		return fmt.Sprintf("标准分：组内平均 %s，z = %.3f（%s）；每个标准差 %s 分，最多加 %s 分、减 %s 分：%s %s %s = %s 分。",
			mean, z, better(ind, lang), trim(*ind.Step), trim(*ind.MaxPlus), trim(*ind.MaxMinus), trim(*ind.Base), sign(adj), numfmt.Points(math.Abs(adj)), pts)
	case "range":
		if en {
			return fmt.Sprintf("reasonable range %s–%s, %s points off per unit outside: %s points.", dispNum(ind, *ind.Low, lang), dispNum(ind, *ind.High, lang), trim(*ind.Step), pts)
		}
		return fmt.Sprintf("合理区间 %s–%s，超出部分每单位扣 %s 分：%s 分。", dispNum(ind, *ind.Low, lang), dispNum(ind, *ind.High, lang), trim(*ind.Step), pts)
	case "direct":
		if en {
			return fmt.Sprintf("score entered as data, bounded to 0–%s: %s points.", trim(ind.Weight), pts)
		}
		return fmt.Sprintf("直接录入的分值，限定在 0–%s：%s 分。", trim(ind.Weight), pts)
	}
	return pts
}

func sign(v float64) string {
	if v < 0 {
		return "−"
	}
	return "+"
}

// deviationText formats d of mean_relative: a percentage for relative
// deviation, display units (percentage points for percents) for absolute.
func deviationText(ind *config.Indicator, d float64, lang string) string {
	if math.IsInf(d, 0) {
		if lang == "en" {
			return sign(d) + "∞ (reference is 0)"
		}
		return sign(d) + "∞（参考值为 0）"
	}
	if ind.Deviation == "absolute" {
		if ind.Format == "percent" {
			if lang == "en" {
				return fmt.Sprintf("%+.*f percentage points", ind.Decimals, d)
			}
			return fmt.Sprintf("%+.*f 个百分点", ind.Decimals, d)
		}
		return fmt.Sprintf("%+.*f", ind.Decimals, d)
	}
	return fmt.Sprintf("%+.2f%%", d)
}

func bandText(ind *config.Indicator, band config.Band, lang string) string {
	switch {
	case band.Min != nil && band.Max != nil:
		return fmt.Sprintf("[%s, %s)", dispNum(ind, *band.Min, lang), dispNum(ind, *band.Max, lang))
	case band.Min != nil:
		return "≥ " + dispNum(ind, *band.Min, lang)
	case band.Max != nil:
		return "< " + dispNum(ind, *band.Max, lang)
	}
	return "—"
}

// Adjustment explains one adjustment.
func Adjustment(cfg *config.Config, a *config.Adjustment, sc *scoring.AdjustmentScore, lang string) string {
	en := lang == "en"
	label := cfg.FieldLabel(a.Field)
	if sc == nil || sc.Field == nil {
		if en {
			return fmt.Sprintf("%s: %s has no value, 0 points.", a.Name, label)
		}
		return fmt.Sprintf("%s：%s 无数据，0 分。", a.Name, label)
	}
	capText := ""
	if sc.Capped {
		if en {
			capText = fmt.Sprintf(", capped at %s", trim(*a.Cap))
		} else {
			capText = fmt.Sprintf("，超过上限 %s，按上限计", trim(*a.Cap))
		}
	}
	if en {
		return fmt.Sprintf("%s: %s = %s × %s points = %s%s: %s points.", a.Name, label, trim(*sc.Field), trim(a.Points), numfmt.Points(sc.Raw), capText, numfmt.Signed(sc.Points, 2))
	}
	return fmt.Sprintf("%s：%s = %s × 每项 %s 分 = %s%s：%s 分。", a.Name, label, trim(*sc.Field), trim(a.Points), numfmt.Points(sc.Raw), capText, numfmt.Signed(sc.Points, 2))
}

// Veto explains a veto that hit the entity ("" when it did not).
func Veto(cfg *config.Config, s *config.Scheme, v *config.Veto, pd *dataset.PeriodData, e *scoring.EntityResult, lang string) string {
	hit := false
	for _, id := range e.Vetoes {
		if id == v.ID {
			hit = true
		}
	}
	if !hit {
		return ""
	}
	grade := v.Grade
	if grade == "" && len(s.Grades) > 0 {
		grade = s.Grades[len(s.Grades)-1].Name
	}
	val, _ := pd.Value(e.Entity.ID, v.Field)
	if lang == "en" {
		return fmt.Sprintf("Veto %s: %s = %s > 0, so the entity ranks after all others and its grade is at best %s.", v.Name, cfg.FieldLabel(v.Field), trim(val), grade)
	}
	return fmt.Sprintf("一票否决 %s：%s = %s > 0，排名列于其他单位之后，等次最高为%s。", v.Name, cfg.FieldLabel(v.Field), trim(val), grade)
}

// Summary states total, rank, rank change and grade.
func Summary(s *config.Scheme, e *scoring.EntityResult, g *scoring.Group, lang string) string {
	en := lang == "en"
	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "Total %s points (indicators + adjustments); rank %d of %d", numfmt.Points(e.Total), e.Rank, len(g.Entities))
	} else {
		fmt.Fprintf(&b, "总分 %s 分（指标得分 + 加减分）；排名 %d / %d", numfmt.Points(e.Total), e.Rank, len(g.Entities))
	}
	if e.RankChange != nil {
		c := *e.RankChange
		switch {
		case c > 0 && en:
			fmt.Fprintf(&b, ", up %d on the previous period", c)
		case c > 0:
			fmt.Fprintf(&b, "，较上期上升 %d 位", c)
		case c < 0 && en:
			fmt.Fprintf(&b, ", down %d on the previous period", -c)
		case c < 0:
			fmt.Fprintf(&b, "，较上期下降 %d 位", -c)
		case en:
			b.WriteString(", unchanged from the previous period")
		default:
			b.WriteString("，与上期持平")
		}
	}
	if e.Grade != "" {
		if en {
			fmt.Fprintf(&b, "; grade %s", e.Grade)
		} else {
			fmt.Fprintf(&b, "；等次：%s", e.Grade)
		}
	}
	if en {
		b.WriteString(".")
	} else {
		b.WriteString("。")
	}
	return b.String()
}

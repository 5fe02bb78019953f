// Package explain puts into words how each point of a result was
// obtained: the value and the counts it came from, the reference, the
// deviation, the rule and the points, then adjustments, vetoes, total,
// rank and grade. `kaoping explain` prints it; the score sheet shows the
// same sentences, so an objection can be answered from either.
package explain

import (
	"fmt"
	"math"
	"strconv"
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
	// The sheet opens with where the points were lost; so does this.
	b.WriteString(LossesText(Losses(cfg, s, r.Period, e, g, nil, lang, TopLosses), lang))
	b.WriteString("\n")
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

// trim formats a count without trailing zeros: fmt's "%.6f" with the
// zeros and the point cut off the end.
func trim(v float64) string {
	var buf [32]byte
	return string(appendTrim(buf[:0], v))
}

// appendTrim appends trim(v) to b.
func appendTrim(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Appendf(b, "%.6f", v) // NaN, +Inf, -Inf as fmt spells them
	}
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 6, 64)
	i := len(b)
	for i > n && b[i-1] == '0' {
		i--
	}
	for i > n && b[i-1] == '.' {
		i--
	}
	return b[:i]
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
	return NewIndicatorText(cfg, ind, lang).Explain(pd, e, g)
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
				return plusFixed(d, ind.Decimals) + " percentage points"
			}
			return plusFixed(d, ind.Decimals) + " 个百分点"
		}
		return plusFixed(d, ind.Decimals)
	}
	return plusFixed(d, 2) + "%"
}

// plusFixed is fmt's "%+.*f": d with decimals digits and always a sign.
func plusFixed(d float64, decimals int) string {
	if math.IsNaN(d) || decimals < 0 || decimals > 20 {
		return fmt.Sprintf("%+.*f", decimals, d)
	}
	var buf [40]byte
	b := append(buf[:0], '+')
	b = strconv.AppendFloat(b, d, 'f', decimals, 64)
	if b[1] == '-' || b[1] == '+' {
		b = b[1:]
	}
	return string(b)
}

func bandText(ind *config.Indicator, band config.Band, lang string) string {
	switch {
	case band.Min != nil && band.Max != nil:
		return "[" + dispNum(ind, *band.Min, lang) + ", " + dispNum(ind, *band.Max, lang) + ")"
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
			return a.Name + ": " + label + " has no value, 0 points."
		}
		return a.Name + "：" + label + " 无数据，0 分。"
	}
	capText := ""
	if sc.Capped {
		if en {
			capText = ", capped at " + trim(*a.Cap)
		} else {
			capText = "，超过上限 " + trim(*a.Cap) + "，按上限计"
		}
	}
	if en {
		return a.Name + ": " + label + " = " + trim(*sc.Field) + " × " + trim(a.Points) + " points = " + numfmt.Points(sc.Raw) + capText + ": " + numfmt.Signed(sc.Points, 2) + " points."
	}
	return a.Name + "：" + label + " = " + trim(*sc.Field) + " × 每项 " + trim(a.Points) + " 分 = " + numfmt.Points(sc.Raw) + capText + "：" + numfmt.Signed(sc.Points, 2) + " 分。"
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
		return "Veto " + v.Name + ": " + cfg.FieldLabel(v.Field) + " = " + trim(val) + " > 0, so the entity ranks after all others and its grade is at best " + grade + "."
	}
	return "一票否决 " + v.Name + "：" + cfg.FieldLabel(v.Field) + " = " + trim(val) + " > 0，排名列于其他单位之后，等次最高为" + grade + "。"
}

// Summary states total, rank, rank change and grade.
func Summary(s *config.Scheme, e *scoring.EntityResult, g *scoring.Group, lang string) string {
	en := lang == "en"
	var b strings.Builder
	b.Grow(160)
	if en {
		b.WriteString("Total " + numfmt.Points(e.Total) + " points (indicators + adjustments); rank " + strconv.Itoa(e.Rank) + " of " + strconv.Itoa(len(g.Entities)))
	} else {
		b.WriteString("总分 " + numfmt.Points(e.Total) + " 分（指标得分 + 加减分）；排名 " + strconv.Itoa(e.Rank) + " / " + strconv.Itoa(len(g.Entities)))
	}
	if e.RankChange != nil {
		c := *e.RankChange
		switch {
		case c > 0 && en:
			b.WriteString(", up " + strconv.Itoa(c) + " on the previous period")
		case c > 0:
			b.WriteString("，较上期上升 " + strconv.Itoa(c) + " 位")
		case c < 0 && en:
			b.WriteString(", down " + strconv.Itoa(-c) + " on the previous period")
		case c < 0:
			b.WriteString("，较上期下降 " + strconv.Itoa(-c) + " 位")
		case en:
			b.WriteString(", unchanged from the previous period")
		default:
			b.WriteString("，与上期持平")
		}
	}
	if e.Grade != "" {
		if en {
			b.WriteString("; grade " + e.Grade)
		} else {
			b.WriteString("；等次：" + e.Grade)
		}
	}
	if en {
		b.WriteString(".")
	} else {
		b.WriteString("。")
	}
	return b.String()
}

package explain

// The explanations as written before they were prepared per indicator and
// formatted without fmt: the reference the faster code must match byte
// for byte (TestExplainMatchesReference).

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
	"kaoping/internal/synth"
)

// identRef matches the names of a formula.
var identRef = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// opsRef writes a formula's operators as a reader does.
var opsRef = strings.NewReplacer("*", "×", "/", "÷", ">=", "≥", "<=", "≤", "!=", "≠", "==", "=")

// wordsRef is a formula with names by their labels.
func wordsRef(cfg *config.Config, src, lang string) string {
	src = opsRef.Replace(src)
	return identRef.ReplaceAllStringFunc(src, func(name string) string {
		switch name {
		case "min", "max":
			return name
		case "and", "or", "not":
			if lang == "en" {
				return name
			}
			return map[string]string{"and": "且", "or": "或", "not": "非"}[name]
		}
		label := cfg.FieldLabel(name)
		if _, ok := cfg.Constant(name); ok {
			label = cfg.ConstantLabel(name)
		}
		if lang == "en" && label != name {
			return label + " (" + name + ")"
		}
		return label
	})
}

// inputsRef is the formula in words with the entity's values put in, e.g.
// "件数 ÷ 受理案件数 = 123 ÷ 100".
func inputsRef(cfg *config.Config, src string, pd *dataset.PeriodData, entity, lang string) string {
	values := identRef.ReplaceAllStringFunc(opsRef.Replace(src), func(name string) string {
		switch name {
		case "min", "max", "and", "or", "not":
			return name
		}
		if v, ok := cfg.Constant(name); ok {
			return trimRef(v)
		}
		if v, ok := pd.Value(entity, name); ok {
			return trimRef(v)
		}
		if lang == "en" {
			return "missing"
		}
		return "缺失"
	})
	return wordsRef(cfg, src, lang) + " = " + values
}

// trim formats a count without trailing zeros.
func trimRef(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", v), "0"), ".")
}

// dv formats a display value of ind.
func dvRef(ind *config.Indicator, v float64, lang string) string {
	return numfmt.Value(v, ind.Format, ind.Decimals, lang)
}

// dispNum formats a threshold given in display units.
func dispNumRef(ind *config.Indicator, d float64, lang string) string {
	if ind.Format == "percent" {
		return numfmt.Value(d/100, "percent", ind.Decimals, lang)
	}
	return numfmt.Value(d, ind.Format, ind.Decimals, lang)
}

// indicatorRef explains one indicator for one entity in one sentence.
func indicatorRef(cfg *config.Config, ind *config.Indicator, pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group, lang string) string {
	en := lang == "en"
	sc := e.Indicators[ind.ID]
	st := g.Stats[ind.ID]
	var b strings.Builder
	fmt.Fprintf(&b, "%s", ind.Name)
	if en {
		fmt.Fprintf(&b, " (%s points): ", trimRef(ind.Weight))
	} else {
		fmt.Fprintf(&b, "（满分 %s）：", trimRef(ind.Weight))
	}
	inputs := inputsRef(cfg, ind.Formula, pd, e.Entity.ID, lang)
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
				fmt.Fprintf(&b, "%s does not meet the condition %s, so the value counts as missing; ", inputs, wordsRef(cfg, ind.ValidIf, lang))
			} else {
				fmt.Fprintf(&b, "%s，不满足有效条件 %s，按缺失处理；", inputs, wordsRef(cfg, ind.ValidIf, lang))
			}
		} else if en {
			fmt.Fprintf(&b, "no value (%s); ", inputs)
		} else {
			fmt.Fprintf(&b, "无有效值（%s）；", inputs)
		}
		b.WriteString(missingRuleRef(ind, sc.Points, lang))
		return b.String()
	}
	v := *sc.Value
	b.WriteString(inputs)
	if _, isConst := cfg.Constant(ind.Formula); identRef.FindString(ind.Formula) != ind.Formula || isConst {
		fmt.Fprintf(&b, " = %s", dvRef(ind, v, lang)) // not one field alone
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
	b.WriteString(methodSentenceRef(ind, sc, st, lang))
	return b.String()
}

// scale converts v to display units.
func missingRuleRef(ind *config.Indicator, pts float64, lang string) string {
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

func betterRef(ind *config.Indicator, lang string) string {
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
func methodSentenceRef(ind *config.Indicator, sc *scoring.IndicatorScore, st *scoring.IndicatorStats, lang string) string {
	en := lang == "en"
	pts := numfmt.Points(sc.Points)
	d := *sc.Display
	switch ind.Method {
	case "mean_relative":
		refName := map[string][2]string{"mean": {"组内平均值", "group mean"}, "median": {"组内中位数", "group median"}, "pooled": {"全组合计值", "pooled group value"}}[ind.Reference]
		ref := "—"
		if sc.Reference != nil {
			ref = dvRef(ind, *sc.Reference, lang)
		}
		dev := 0.0
		if sc.Deviation != nil {
			dev = *sc.Deviation
		}
		devText := deviationTextRef(ind, dev, lang)
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
				refName[1], ref, devText, betterRef(ind, lang), trimRef(*ind.Step), unit[1], trimRef(*ind.MaxPlus), trimRef(*ind.MaxMinus),
				trimRef(*ind.Base), signRef(adj), numfmt.Points(math.Abs(adj)), pts)
		}
		return fmt.Sprintf("参考值（%s）%s，偏离 %s（%s）；每偏离 %s 计 %s 分，最多加 %s 分、减 %s 分：%s %s %s = %s 分。",
			refName[0], ref, devText, betterRef(ind, lang), unit[0], trimRef(*ind.Step), trimRef(*ind.MaxPlus), trimRef(*ind.MaxMinus),
			trimRef(*ind.Base), signRef(adj), numfmt.Points(math.Abs(adj)), pts)
	case "efficacy":
		hi, lo := "—", "—"
		if st != nil && st.Hi != nil {
			hi = dispNumRef(ind, *st.Hi, lang)
		}
		if st != nil && st.Lo != nil {
			lo = dispNumRef(ind, *st.Lo, lang)
		}
		if en {
			return fmt.Sprintf("efficacy coefficient: satisfying value %s, not-allowed value %s, points = %s × (%s + %s × position between them) = %s points.",
				hi, lo, trimRef(ind.Weight), trimRef(*ind.Floor), trimRef(1-*ind.Floor), pts)
		}
		return fmt.Sprintf("功效系数法：满意值 %s，不允许值 %s，得分 = %s ×（%s + %s × 所处位置）= %s 分。",
			hi, lo, trimRef(ind.Weight), trimRef(*ind.Floor), trimRef(1-*ind.Floor), pts)
	case "bands":
		if sc.Band < 0 {
			if en {
				return fmt.Sprintf("%s lies in no band: 0 points.", dispNumRef(ind, d, lang))
			}
			return fmt.Sprintf("%s 不在任何区间内：0 分。", dispNumRef(ind, d, lang))
		}
		band := ind.Bands[sc.Band]
		if en {
			return fmt.Sprintf("in band %s: %s points.", bandTextRef(ind, band, lang), pts)
		}
		return fmt.Sprintf("落在区间 %s：%s 分。", bandTextRef(ind, band, lang), pts)
	case "rank":
		if ind.Step != nil {
			if en {
				return fmt.Sprintf("rank scoring: %s − (rank − 1) × %s = %s points.", trimRef(ind.Weight), trimRef(*ind.Step), pts)
			}
			return fmt.Sprintf("排名赋分：%s −（名次 − 1）× %s = %s 分。", trimRef(ind.Weight), trimRef(*ind.Step), pts)
		}
		if en {
			return fmt.Sprintf("rank scoring: %s × (members − rank) / (members − 1) = %s points.", trimRef(ind.Weight), pts)
		}
		return fmt.Sprintf("排名赋分：%s ×（参评数 − 名次）/（参评数 − 1）= %s 分。", trimRef(ind.Weight), pts)
	case "target":
		cmp := "≥"
		if ind.Direction == "lower" {
			cmp = "≤"
		}
		met := sc.Points >= ind.Weight-1e-9
		switch {
		case met && en:
			return fmt.Sprintf("target %s %s met: %s points.", cmp, dispNumRef(ind, *ind.Target, lang), pts)
		case met:
			return fmt.Sprintf("目标 %s %s，已达标：%s 分。", cmp, dispNumRef(ind, *ind.Target, lang), pts)
		case ind.Proportional && en:
			return fmt.Sprintf("target %s %s not met, points in proportion: %s points.", cmp, dispNumRef(ind, *ind.Target, lang), pts)
		case ind.Proportional:
			return fmt.Sprintf("目标 %s %s，未达标，按比例得 %s 分。", cmp, dispNumRef(ind, *ind.Target, lang), pts)
		case en:
			return fmt.Sprintf("target %s %s not met: 0 points.", cmp, dispNumRef(ind, *ind.Target, lang))
		}
		return fmt.Sprintf("目标 %s %s，未达标：0 分。", cmp, dispNumRef(ind, *ind.Target, lang))
	case "zscore":
		mean, z := "—", 0.0
		if sc.Reference != nil {
			mean = dvRef(ind, *sc.Reference, lang)
		}
		if sc.Deviation != nil {
			z = *sc.Deviation
		}
		adj := math.Max(-*ind.MaxMinus, math.Min(*ind.MaxPlus, ind.Sign()*z*(*ind.Step)))
		if en {
			return fmt.Sprintf("standard score: group mean %s, z = %.3f (%s); %s points per unit of z, at most +%s / −%s: %s %s %s = %s points.",
				mean, z, betterRef(ind, lang), trimRef(*ind.Step), trimRef(*ind.MaxPlus), trimRef(*ind.MaxMinus), trimRef(*ind.Base), signRef(adj), numfmt.Points(math.Abs(adj)), pts)
		}
		return fmt.Sprintf("标准分：组内平均 %s，z = %.3f（%s）；每个标准差 %s 分，最多加 %s 分、减 %s 分：%s %s %s = %s 分。",
			mean, z, betterRef(ind, lang), trimRef(*ind.Step), trimRef(*ind.MaxPlus), trimRef(*ind.MaxMinus), trimRef(*ind.Base), signRef(adj), numfmt.Points(math.Abs(adj)), pts)
	case "range":
		if en {
			unit := map[string]string{"percent": "percentage point", "days": "day"}[ind.Format]
			if unit == "" {
				unit = "unit"
			}
			return fmt.Sprintf("reasonable range %s–%s, %s points off per %s outside: %s points.", dispNumRef(ind, *ind.Low, lang), dispNumRef(ind, *ind.High, lang), trimRef(*ind.Step), unit, pts)
		}
		unit := map[string]string{"percent": "1 个百分点", "days": "1 天"}[ind.Format]
		if unit == "" {
			unit = "1 "
		}
		return fmt.Sprintf("合理区间 %s–%s，每超出 %s扣 %s 分：%s 分。", dispNumRef(ind, *ind.Low, lang), dispNumRef(ind, *ind.High, lang), unit, trimRef(*ind.Step), pts)
	case "direct":
		if en {
			return fmt.Sprintf("score entered as data, bounded to 0–%s: %s points.", trimRef(ind.Weight), pts)
		}
		return fmt.Sprintf("直接录入的分值，限定在 0–%s：%s 分。", trimRef(ind.Weight), pts)
	}
	return pts
}

func signRef(v float64) string {
	if v < 0 {
		return "−"
	}
	return "+"
}

// deviationText formats d of mean_relative: a percentage for relative
// deviation, display units (percentage points for percents) for absolute.
func deviationTextRef(ind *config.Indicator, d float64, lang string) string {
	if math.IsInf(d, 0) {
		if lang == "en" {
			return signRef(d) + "∞ (reference is 0)"
		}
		return signRef(d) + "∞（参考值为 0）"
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

func bandTextRef(ind *config.Indicator, band config.Band, lang string) string {
	switch {
	case band.Min != nil && band.Max != nil:
		return fmt.Sprintf("[%s, %s)", dispNumRef(ind, *band.Min, lang), dispNumRef(ind, *band.Max, lang))
	case band.Min != nil:
		return "≥ " + dispNumRef(ind, *band.Min, lang)
	case band.Max != nil:
		return "< " + dispNumRef(ind, *band.Max, lang)
	}
	return "—"
}

// adjustmentRef explains one adjustment.
func adjustmentRef(cfg *config.Config, a *config.Adjustment, sc *scoring.AdjustmentScore, lang string) string {
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
			capText = fmt.Sprintf(", capped at %s", trimRef(*a.Cap))
		} else {
			capText = fmt.Sprintf("，超过上限 %s，按上限计", trimRef(*a.Cap))
		}
	}
	if en {
		return fmt.Sprintf("%s: %s = %s × %s points = %s%s: %s points.", a.Name, label, trimRef(*sc.Field), trimRef(a.Points), numfmt.Points(sc.Raw), capText, numfmt.Signed(sc.Points, 2))
	}
	return fmt.Sprintf("%s：%s = %s × 每项 %s 分 = %s%s：%s 分。", a.Name, label, trimRef(*sc.Field), trimRef(a.Points), numfmt.Points(sc.Raw), capText, numfmt.Signed(sc.Points, 2))
}

// vetoRef explains a veto that hit the entity ("" when it did not).
func vetoRef(cfg *config.Config, s *config.Scheme, v *config.Veto, pd *dataset.PeriodData, e *scoring.EntityResult, lang string) string {
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
		return fmt.Sprintf("Veto %s: %s = %s > 0, so the entity ranks after all others and its grade is at best %s.", v.Name, cfg.FieldLabel(v.Field), trimRef(val), grade)
	}
	return fmt.Sprintf("一票否决 %s：%s = %s > 0，排名列于其他单位之后，等次最高为%s。", v.Name, cfg.FieldLabel(v.Field), trimRef(val), grade)
}

// summaryRef states total, rank, rank change and grade.
func summaryRef(s *config.Scheme, e *scoring.EntityResult, g *scoring.Group, lang string) string {
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

// TestExplainMatchesReference explains every indicator, adjustment and
// veto of every entity of the demo site and of a generated site (every
// scoring method), in both languages, with the current code and with the
// reference above, also with the scores altered into the rarer cases
// (missing, invalid, no band, no reference, infinite deviation, a group
// without values), and requires the same text.
func TestExplainMatchesReference(t *testing.T) {
	gen := t.TempDir()
	if err := synth.WriteSite(gen, synth.Options{Cities: 1, Units: 3, Prosecutors: 3, Periods: 3, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	n := 0
	methods := map[string]bool{}
	for _, site := range []string{"../../config.toml", filepath.Join(gen, "config.toml")} {
		cfg, ps := config.Load(site)
		if ps.HasErrors() {
			t.Fatal(ps.Err("en"))
		}
		ds, ps := dataset.Load(cfg)
		if ps.HasErrors() {
			t.Fatal(ps.Err("en"))
		}
		eng, ps := scoring.Compile(cfg, scoring.KnownFields(cfg, ds))
		if ps.HasErrors() {
			t.Fatal(ps.Err("en"))
		}
		for _, s := range cfg.Schemes {
			for _, pd := range scoring.SchemePeriods(s, ds) {
				r := eng.Score(s, pd, ds.Entities)
				for _, lang := range []string{"zh-CN", "en"} {
					texts := map[string]*IndicatorText{}
					for _, ind := range s.Indicators {
						texts[ind.ID] = NewIndicatorText(cfg, ind, lang)
						methods[ind.Method] = true
					}
					for _, g := range r.Groups {
						for k, e := range g.Entities {
							for _, ind := range s.Indicators {
								check := func(what string) {
									t.Helper()
									want := indicatorRef(cfg, ind, pd, e, g, lang)
									if got := texts[ind.ID].Explain(pd, e, g); got != want {
										t.Fatalf("%s %s %s %s (%s):\ngot  %q\nwant %q", site, lang, e.Entity.ID, ind.ID, what, got, want)
									}
									if got := Indicator(cfg, ind, pd, e, g, lang); got != want {
										t.Fatalf("%s %s %s %s (%s): Indicator\ngot  %q\nwant %q", site, lang, e.Entity.ID, ind.ID, what, got, want)
									}
									if got, want := Inputs(cfg, ind.Formula, pd, e.Entity.ID, lang), inputsRef(cfg, ind.Formula, pd, e.Entity.ID, lang); got != want {
										t.Fatalf("Inputs %q, want %q", got, want)
									}
									n++
								}
								check("as scored")
								if k >= 2 {
									continue // the rare cases on two members of each group suffice
								}
								for what, alter := range rareCases(ind) {
									sc, st := e.Indicators[ind.ID], g.Stats[ind.ID]
									if sc == nil {
										continue
									}
									scCopy, stCopy := *sc, scoring.IndicatorStats{}
									if st != nil {
										stCopy = *st
									}
									if !alter(&scCopy, &stCopy) {
										continue
									}
									e.Indicators[ind.ID], g.Stats[ind.ID] = &scCopy, &stCopy
									check(what)
									e.Indicators[ind.ID], g.Stats[ind.ID] = sc, st
									if st == nil {
										delete(g.Stats, ind.ID)
									}
								}
							}
							for _, a := range s.Adjustments {
								if got, want := Adjustment(cfg, a, e.Adjustments[a.ID], lang), adjustmentRef(cfg, a, e.Adjustments[a.ID], lang); got != want {
									t.Fatalf("Adjustment %q, want %q", got, want)
								}
							}
							for _, v := range s.Vetoes {
								if got, want := Veto(cfg, s, v, pd, e, lang), vetoRef(cfg, s, v, pd, e, lang); got != want {
									t.Fatalf("Veto %q, want %q", got, want)
								}
							}
							if got, want := Summary(s, e, g, lang), summaryRef(s, e, g, lang); got != want {
								t.Fatalf("Summary %q, want %q", got, want)
							}
						}
					}
				}
			}
		}
	}
	for _, m := range []string{"mean_relative", "efficacy", "bands", "rank", "target", "zscore", "range", "direct"} {
		if !methods[m] {
			t.Errorf("no indicator scored by %s", m)
		}
	}
	t.Logf("%d sentences identical", n)
}

// rareCases alter an indicator's score and group statistics into cases a
// generated site may not reach; each reports false when it does not apply.
func rareCases(ind *config.Indicator) map[string]func(*scoring.IndicatorScore, *scoring.IndicatorStats) bool {
	inf, nan := math.Inf(1), math.NaN()
	return map[string]func(*scoring.IndicatorScore, *scoring.IndicatorStats) bool{
		"missing": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Missing, sc.Value, sc.Display = true, nil, nil
			return true
		},
		"invalid": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Missing, sc.Invalid, sc.Value, sc.Display = true, true, nil, nil
			return true
		},
		"no values": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			st.NoValues = true
			return true
		},
		"no rank, no reference": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Rank, sc.Reference, sc.Deviation, st.Hi, st.Lo = 0, nil, nil, nil, nil
			return sc.Value != nil && sc.Display != nil
		},
		"infinite deviation": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Deviation = &inf
			return sc.Value != nil && sc.Display != nil
		},
		"negative infinite deviation": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			m := math.Inf(-1)
			sc.Deviation = &m
			return sc.Value != nil && sc.Display != nil
		},
		"NaN deviation": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Deviation = &nan
			return sc.Value != nil && sc.Display != nil
		},
		"no band": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Band = -1
			return sc.Value != nil && sc.Display != nil
		},
		"full points": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Points = ind.Weight
			return sc.Value != nil && sc.Display != nil
		},
		"zero points": func(sc *scoring.IndicatorScore, st *scoring.IndicatorStats) bool {
			sc.Points = 0
			return sc.Value != nil && sc.Display != nil
		},
	}
}

// TestTrimMatchesFmt holds trim and plusFixed to the fmt verbs they replace.
func TestTrimMatchesFmt(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 2.675, 1e-7, -1e-7, 4e-7, 123456789.123456789, 1e21, -3.1e22,
		0.1 + 0.2, 100, 20.000001, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64}
	for _, v := range vals {
		if got, want := trim(v), trimRef(v); got != want {
			t.Errorf("trim(%v) = %q, want %q", v, got, want)
		}
		for _, dec := range []int{-1, 0, 1, 2, 3, 6} {
			if got, want := plusFixed(v, dec), fmt.Sprintf("%+.*f", dec, v); got != want {
				t.Errorf("plusFixed(%v, %d) = %q, want %q", v, dec, got, want)
			}
		}
	}
}

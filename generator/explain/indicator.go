package explain

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
)

// IndicatorText is Indicator's sentence for one indicator, with what does
// not depend on the entity (the name, formula and weight, the labels of
// the inputs, the method's parameters) put into words once: a province's
// score sheets explain each indicator for thousands of entities in every
// period. It is read-only once made, safe for concurrent use.
type IndicatorText struct {
	ind    *config.Indicator
	lang   string
	en     bool
	head   string // "案件比（满分 25）："
	inputs *formulaText
	cond   string // valid_if in words

	// Method sentences, cut around what varies (see methodSentence).
	lead, middle, tail string
	bands              []string // bandText of each band
}

// NewIndicatorText prepares the explanation of ind in lang.
func NewIndicatorText(cfg *config.Config, ind *config.Indicator, lang string) *IndicatorText {
	x := &IndicatorText{ind: ind, lang: lang, en: lang == "en", inputs: newFormulaText(cfg, ind.Formula, lang)}
	if ind.ValidIf != "" {
		x.cond = Formula(cfg, ind.ValidIf, lang)
	}
	if x.en {
		x.head = ind.Name + " (" + trim(ind.Weight) + " points): "
	} else {
		x.head = ind.Name + "（满分 " + trim(ind.Weight) + "）："
	}
	x.prepareMethod()
	return x
}

// Explain is Indicator for one entity e of group g in the period pd.
func (x *IndicatorText) Explain(pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group) string {
	ind, en := x.ind, x.en
	sc := e.Indicators[ind.ID]
	st := g.Stats[ind.ID]
	if sc == nil {
		return x.head
	}
	values := entityValues{pd, e.Entity.ID}
	switch {
	case st != nil && st.NoValues:
		if en {
			return x.head + "no member of the group has a value (" + x.inputs.text(values) + "), so everyone gets 0 points."
		}
		return x.head + "比较组内没有任何单位有值（" + x.inputs.text(values) + "），全组本项均得 0 分。"
	case sc.Missing:
		inputs := x.inputs.text(values)
		var why string
		switch {
		case sc.Invalid && en:
			why = inputs + " does not meet the condition " + x.cond + ", so the value counts as missing; "
		case sc.Invalid:
			why = inputs + "，不满足有效条件 " + x.cond + "，按缺失处理；"
		case en:
			why = "no value (" + inputs + "); "
		default:
			why = "无有效值（" + inputs + "）；"
		}
		return x.head + why + missingRule(ind, sc.Points, x.lang)
	}
	var b strings.Builder
	b.Grow(len(x.head) + 2*len(x.inputs.words) + 256)
	b.WriteString(x.head)
	x.inputs.writeInputs(&b, values)
	if !x.inputs.single() {
		b.WriteString(" = ")
		b.WriteString(dv(ind, *sc.Value, x.lang))
	}
	if sc.Rank > 0 && st != nil {
		var num [20]byte
		if en {
			b.WriteString(", rank ")
		} else {
			b.WriteString("，组内第 ")
		}
		b.Write(strconv.AppendInt(num[:0], int64(sc.Rank), 10))
		if en {
			b.WriteString(" of ")
		} else {
			b.WriteString(" / ")
		}
		b.Write(strconv.AppendInt(num[:0], int64(st.N), 10))
		if !en {
			b.WriteString(" 位")
		}
	}
	if en {
		b.WriteString("; ")
	} else {
		b.WriteString("；")
	}
	x.methodSentence(&b, sc, st)
	return b.String()
}

// missingRule says what the missing policy gave.
func missingRule(ind *config.Indicator, pts float64, lang string) string {
	en := lang == "en"
	switch ind.Missing {
	case "zero":
		if en {
			return "missing values score 0: " + numfmt.Points(pts) + " points."
		}
		return "缺失按 0 分计：得 " + numfmt.Points(pts) + " 分。"
	case "full":
		if en {
			return "missing values score full points: " + numfmt.Points(pts) + " points."
		}
		return "缺失按满分计：得 " + numfmt.Points(pts) + " 分。"
	}
	if en {
		return "missing values get the mean of the points of the group members that have a value: " + numfmt.Points(pts) + " points."
	}
	return "缺失按组内有值单位的平均得分计：得 " + numfmt.Points(pts) + " 分。"
}

// refNames names mean_relative's references.
var refNames = map[string][2]string{"mean": {"组内平均值", "group mean"}, "median": {"组内中位数", "group median"}, "pooled": {"全组合计值", "pooled group value"}}

// pick is zh or en by the language.
func (x *IndicatorText) pick(zh, en string) string {
	if x.en {
		return en
	}
	return zh
}

// trimPtr is trim(*p); a parameter the method requires is never nil in a
// config that loaded, and "" stands for one that is.
func trimPtr(p *float64) string {
	if p == nil {
		return ""
	}
	return trim(*p)
}

// prepareMethod words the parts of the method's sentence that depend on
// the indicator only: lead, middle and tail as methodSentence uses them.
func (x *IndicatorText) prepareMethod() {
	ind, lang := x.ind, x.lang
	pts := x.pick(" 分。", " points.")
	switch ind.Method {
	case "mean_relative":
		ref := refNames[ind.Reference]
		unit := [2]string{"1%", "1% (relative)"}
		if ind.Deviation == "absolute" {
			unit = [2]string{"1 个单位", "1 unit"}
			if ind.Format == "percent" {
				unit = [2]string{"1 个百分点", "1 percentage point"}
			}
		}
		x.lead = x.pick("参考值（"+ref[0]+"）", "reference ("+ref[1]+") ")
		x.middle = x.pick("，偏离 ", ", deviation ")
		x.tail = x.pick("（"+better(ind, lang)+"）；每偏离 "+unit[0]+" 计 "+trimPtr(ind.Step)+" 分，最多加 "+trimPtr(ind.MaxPlus)+" 分、减 "+trimPtr(ind.MaxMinus)+" 分："+trimPtr(ind.Base)+" ",
			" ("+better(ind, lang)+"); "+trimPtr(ind.Step)+" points per "+unit[1]+" of deviation, at most +"+trimPtr(ind.MaxPlus)+" / −"+trimPtr(ind.MaxMinus)+": "+trimPtr(ind.Base)+" ")
	case "efficacy":
		floor := 0.0
		if ind.Floor != nil {
			floor = *ind.Floor
		}
		x.lead = x.pick("功效系数法：满意值 ", "efficacy coefficient: satisfying value ")
		x.middle = x.pick("，不允许值 ", ", not-allowed value ")
		x.tail = x.pick("，得分 = "+trim(ind.Weight)+" ×（"+trimPtr(ind.Floor)+" + "+trim(1-floor)+" × 所处位置）= ",
			", points = "+trim(ind.Weight)+" × ("+trimPtr(ind.Floor)+" + "+trim(1-floor)+" × position between them) = ")
	case "bands":
		for _, band := range ind.Bands {
			x.bands = append(x.bands, bandText(ind, band, lang))
		}
	case "rank":
		switch {
		case ind.Step != nil:
			x.lead = x.pick("排名赋分："+trim(ind.Weight)+" −（名次 − 1）× "+trim(*ind.Step)+" = ",
				"rank scoring: "+trim(ind.Weight)+" − (rank − 1) × "+trim(*ind.Step)+" = ")
		default:
			x.lead = x.pick("排名赋分："+trim(ind.Weight)+" ×（参评数 − 名次）/（参评数 − 1）= ",
				"rank scoring: "+trim(ind.Weight)+" × (members − rank) / (members − 1) = ")
		}
		x.tail = pts
	case "target":
		cmp := "≥"
		if ind.Direction == "lower" {
			cmp = "≤"
		}
		target := ""
		if ind.Target != nil {
			target = dispNum(ind, *ind.Target, lang)
		}
		x.lead = x.pick("目标 "+cmp+" "+target, "target "+cmp+" "+target)
	case "zscore":
		x.lead = x.pick("标准分：组内平均 ", "standard score: group mean ")
		x.middle = x.pick("（"+better(ind, lang)+"）；每个标准差 "+trimPtr(ind.Step)+" 分，最多加 "+trimPtr(ind.MaxPlus)+" 分、减 "+trimPtr(ind.MaxMinus)+" 分："+trimPtr(ind.Base)+" ",
			" ("+better(ind, lang)+"); "+trimPtr(ind.Step)+" points per unit of z, at most +"+trimPtr(ind.MaxPlus)+" / −"+trimPtr(ind.MaxMinus)+": "+trimPtr(ind.Base)+" ")
	case "range":
		low, high := "", ""
		if ind.Low != nil && ind.High != nil {
			low, high = dispNum(ind, *ind.Low, lang), dispNum(ind, *ind.High, lang)
		}
		x.lead = x.pick("合理区间 "+low+"–"+high+"，每超出 "+unitName(ind, lang)+"扣 "+trimPtr(ind.Step)+" 分：",
			"reasonable range "+low+"–"+high+", "+trimPtr(ind.Step)+" points off per "+unitName(ind, lang)+" outside: ")
		x.tail = pts
	case "direct":
		x.lead = x.pick("直接录入的分值，限定在 0–"+trim(ind.Weight)+"：", "score entered as data, bounded to 0–"+trim(ind.Weight)+": ")
		x.tail = pts
	}
}

// methodSentence says how the points followed from the value.
func (x *IndicatorText) methodSentence(b *strings.Builder, sc *scoring.IndicatorScore, st *scoring.IndicatorStats) {
	ind, lang, en := x.ind, x.lang, x.en
	pts := numfmt.Points(sc.Points)
	ptsEnd := x.pick(" 分。", " points.")
	switch ind.Method {
	case "mean_relative", "zscore":
		ref := "—"
		if sc.Reference != nil {
			ref = dv(ind, *sc.Reference, lang)
		}
		dev := 0.0
		if sc.Deviation != nil {
			dev = *sc.Deviation
		}
		var adj float64
		b.WriteString(x.lead)
		b.WriteString(ref)
		if ind.Method == "mean_relative" {
			adj = ind.Sign() * dev * *ind.Step
			adj = math.Max(-*ind.MaxMinus, math.Min(*ind.MaxPlus, adj))
			b.WriteString(x.middle)
			b.WriteString(deviationText(ind, dev, lang))
			b.WriteString(x.tail)
		} else {
			adj = math.Max(-*ind.MaxMinus, math.Min(*ind.MaxPlus, ind.Sign()*dev*(*ind.Step)))
			b.WriteString(x.pick("，z = ", ", z = "))
			b.WriteString(fmt.Sprintf("%.3f", dev))
			b.WriteString(x.middle)
		}
		b.WriteString(sign(adj))
		b.WriteString(" ")
		b.WriteString(numfmt.Points(math.Abs(adj)))
		b.WriteString(" = ")
		b.WriteString(pts)
		b.WriteString(ptsEnd)
	case "efficacy":
		hi, lo := "—", "—"
		if st != nil && st.Hi != nil {
			hi = dispNum(ind, *st.Hi, lang)
		}
		if st != nil && st.Lo != nil {
			lo = dispNum(ind, *st.Lo, lang)
		}
		b.WriteString(x.lead + hi + x.middle + lo + x.tail + pts + ptsEnd)
	case "bands":
		switch {
		case sc.Band < 0 && en:
			b.WriteString(dispNum(ind, *sc.Display, lang) + " lies in no band: 0 points.")
		case sc.Band < 0:
			b.WriteString(dispNum(ind, *sc.Display, lang) + " 不在任何区间内：0 分。")
		case en:
			b.WriteString("in band " + x.bands[sc.Band] + ": " + pts + " points.")
		default:
			b.WriteString("落在区间 " + x.bands[sc.Band] + "：" + pts + " 分。")
		}
	case "rank", "range", "direct":
		b.WriteString(x.lead)
		b.WriteString(pts)
		b.WriteString(x.tail)
	case "target":
		met := sc.Points >= ind.Weight-1e-9
		b.WriteString(x.lead)
		switch {
		case met && en:
			b.WriteString(" met: " + pts + " points.")
		case met:
			b.WriteString("，已达标：" + pts + " 分。")
		case ind.Proportional && en:
			b.WriteString(" not met, points in proportion: " + pts + " points.")
		case ind.Proportional:
			b.WriteString("，未达标，按比例得 " + pts + " 分。")
		case en:
			b.WriteString(" not met: 0 points.")
		default:
			b.WriteString("，未达标：0 分。")
		}
	default:
		b.WriteString(pts)
	}
}

// entityValues are one entity's values in one period.
type entityValues struct {
	pd     *dataset.PeriodData
	entity string
}

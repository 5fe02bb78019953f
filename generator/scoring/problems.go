package scoring

import (
	"fmt"
	"kaoping/generator/diag"
	"math"
	"strings"
)

// Problems lists what check and build report about a result: the errors
// of adjustments and totals that overflow (overflows), then a warning for
// each indicator that no member of a group has a value for, so that every
// member got 0 for it (SPEC §6), in group order, then the scheme's
// indicator order, at the indicator's line in config.toml.
func (e *Engine) Problems(r *Result) diag.List {
	var l diag.List
	l.Add(e.overflows(r)...)
	for _, g := range r.Groups {
		for _, ind := range r.Scheme.Indicators {
			st := g.Stats[ind.ID]
			if st == nil || !st.NoValues {
				continue
			}
			fields := "-"
			if c := e.inds[ind]; c != nil && len(c.fields) > 0 {
				fields = strings.Join(c.fields, ", ")
			}
			l.Add(warning(e.pos(ind.Line),
				fmt.Sprintf("方案 %s、期间 %s、分组 %s：没有任何单位有指标 %s（%s）的值，所有单位该项得 0 分；请检查数据中的字段 %s 及 valid_if 条件",
					r.Scheme.ID, r.Period.ID, g.ID, ind.ID, ind.Name, fields),
				fmt.Sprintf("scheme %s, period %s, group %s: no member has a value for indicator %s (%s), so every member gets 0 for it; check the fields %s in the data and the valid_if condition",
					r.Scheme.ID, r.Period.ID, g.ID, ind.ID, ind.Name, fields)))
		}
	}
	return l
}

func warning(pos diag.Pos, zh, en string) diag.Problem {
	return diag.Problem{Severity: diag.Warning, Pos: pos, ZH: zh, EN: en}
}

// overflows are the errors of a result whose adjustments or totals
// overflow (a field of 1e308 times 2 points, with no cap): the input is
// wrong, and no page or result file can show such a number. Each is
// reported at the adjustment in config.toml, naming the period, the
// entity, the field, its value and the period's files.
func (e *Engine) overflows(r *Result) diag.List {
	var l diag.List
	files := strings.Join(r.Period.Files, "、")
	if files == "" {
		files = "data/periods"
	}
	for _, g := range r.Groups {
		for _, er := range g.Entities {
			reported := false
			for _, a := range r.Scheme.Adjustments {
				as := er.Adjustments[a.ID]
				if as == nil || as.Field == nil || isFinite(as.Points) {
					continue
				}
				reported = true
				l.Errorf(e.pos(a.Line), "方案 %s、期间 %s：%s（%s）的加减分项 %s：字段 %s 的值 %g 乘以每单位 %g 分超出了可计算的范围；请检查 %s 中该字段的数值，或为该项设置 cap",
					"scheme %s, period %s: %s (%s), adjustment %s: field %s = %g times %g points per unit overflows; check that field's value in %s, or give the adjustment a cap",
					r.Scheme.ID, r.Period.ID, er.Entity.Name, er.Entity.ID, a.ID, a.Field, *as.Field, a.Points, files)
			}
			if reported || isFinite(er.Total) {
				continue
			}
			l.Errorf(e.pos(r.Scheme.Line), "方案 %s、期间 %s：%s（%s）的总分超出了可计算的范围（各加减分项之和过大）；请检查 %s 中加减分项字段的数值",
				"scheme %s, period %s: the total of %s (%s) overflows (its adjustments add up to too much); check the adjustment fields in %s",
				r.Scheme.ID, r.Period.ID, er.Entity.Name, er.Entity.ID, files)
		}
	}
	return l
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

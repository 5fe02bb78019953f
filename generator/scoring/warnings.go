package scoring

import (
	"fmt"
	"kaoping/generator/diag"
	"strings"
)

// Warnings lists what check and build should warn about in a result: an
// indicator that no member of a group has a value for, so that every
// member got 0 for it (SPEC §6). Warnings come in group order, then the
// scheme's indicator order, at the indicator's line in config.toml.
func (e *Engine) Warnings(r *Result) diag.List {
	var l diag.List
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

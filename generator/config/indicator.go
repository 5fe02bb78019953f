package config

import (
	"fmt"
	"strings"

	"kaoping/internal/pagenames"
)

// Methods lists the scoring methods of SPEC §6, in the SPEC's order.
var Methods = []string{"mean_relative", "efficacy", "bands", "rank", "target", "zscore", "range", "direct"}

// methodParams lists, per method, the parameters it takes; a trailing "!"
// marks a required one. A parameter of another method is an error.
var methodParams = map[string][]string{
	"mean_relative": {"step!", "max_plus!", "max_minus!", "deviation", "reference", "base"},
	"efficacy":      {"floor", "best", "worst"},
	"bands":         {"bands!"},
	"rank":          {"step"},
	"target":        {"target!", "proportional"},
	"zscore":        {"step!", "max_plus!", "max_minus!", "base"},
	"range":         {"low!", "high!", "step!"},
	"direct":        {},
}

// paramNames is every method parameter, in a fixed order for messages.
var paramNames = []string{"step", "max_plus", "max_minus", "deviation", "reference", "base",
	"floor", "best", "worst", "bands", "target", "proportional", "low", "high"}

// takes reports whether method takes param, and whether it is required.
func takes(method, param string) (ok, required bool) {
	for _, p := range methodParams[method] {
		if p == param {
			return true, false
		}
		if p == param+"!" {
			return true, true
		}
	}
	return false, false
}

// paramList formats a method's parameters for messages: "step（必填）, ...".
func paramList(method string, zh bool) string {
	ps := methodParams[method]
	if len(ps) == 0 {
		if zh {
			return "无"
		}
		return "none"
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		if name, ok := strings.CutSuffix(p, "!"); ok {
			if zh {
				p = name + "（必填）"
			} else {
				p = name + " (required)"
			}
		}
		out[i] = p
	}
	return strings.Join(out, ", ")
}

// indicator converts one [[schemes.indicators]] table.
func (l *loader) indicator(t *table, r *rawIndicator) *Indicator {
	ind := &Indicator{
		Line:        l.idx.line(t.path),
		FormulaLine: t.line("formula"),
		ValidIfLine: t.line("valid_if"),
	}
	ind.ID = t.id("id", r.ID, nameRe, nameRuleZH, nameRuleEN)
	if nameRe.MatchString(ind.ID) {
		if fine, zh, en := pagenames.Indicator(ind.ID); !fine {
			t.errf("id", "id \"%[1]s\" %[2]s；请换一个 id", "id \"%[1]s\" %[3]s; choose another id", ind.ID, zh, en)
		}
	}
	ind.Name = t.str("name", r.Name, true)
	ind.Category = t.str("category", r.Category, true)
	ind.Formula = t.str("formula", r.Formula, true)
	if w := t.num("weight", r.Weight, true); w != nil {
		ind.Weight = *w
		t.atLeast("weight", w, 0, false)
	}
	ind.Format = t.enum("format", r.Format, "number", "number", "percent", "ratio", "days")
	ind.Decimals = 2
	if n, ok := t.integer("decimals", r.Decimals); ok {
		if n < 0 || n > 6 {
			t.errf("decimals", "decimals 须为 0 到 6 的整数，这里是 %d", "decimals must be an integer from 0 to 6, not %d", n)
		} else {
			ind.Decimals = n
		}
	}
	ind.Missing = t.enum("missing", r.Missing, "average", "average", "zero", "full")
	ind.ValidIf = t.str("valid_if", r.ValidIf, false)
	ind.Description = t.str("description", r.Description, false)

	ind.Method = t.str("method", r.Method, true)
	known := ind.Method != "" && t.oneOf("method", ind.Method, Methods...)
	ind.Alert = l.alert(t, r.Alert, ind.Method)
	if ind.Method == "" || !known {
		// Without a method the parameters cannot be judged; still read
		// the direction if it is there.
		if r.Direction != nil {
			ind.Direction = t.enum("direction", r.Direction, "", "higher", "lower")
		}
		return ind
	}

	l.direction(t, ind, r.Direction)
	l.params(t, ind, r)
	return ind
}

// direction reads direction: required except for range and direct, which
// have no better side; there it is checked, then ignored with a warning.
func (l *loader) direction(t *table, ind *Indicator, v any) {
	noSide := ind.Method == "range" || ind.Method == "direct"
	if v == nil {
		if !noSide {
			t.missing("direction")
		}
		return
	}
	d := t.str("direction", v, false)
	if d == "" || !t.oneOf("direction", d, "higher", "lower") {
		return
	}
	if noSide {
		t.warnf("direction", "方法 %s 不区分高低，direction 将被忽略（可删去这一行）",
			"method %s has no better side, so direction is ignored (you may delete the line)", ind.Method)
		return
	}
	ind.Direction = d
}

// params reads the method's parameters, rejects those of other methods and
// fills the defaults.
func (l *loader) params(t *table, ind *Indicator, r *rawIndicator) {
	m := ind.Method
	values := map[string]any{
		"step": r.Step, "max_plus": r.MaxPlus, "max_minus": r.MaxMinus,
		"deviation": r.Deviation, "reference": r.Reference, "base": r.Base,
		"floor": r.Floor, "best": r.Best, "worst": r.Worst, "bands": r.Bands,
		"target": r.Target, "proportional": r.Proportional, "low": r.Low, "high": r.High,
	}
	for _, p := range paramNames {
		ok, required := takes(m, p)
		switch {
		case !ok && values[p] != nil:
			t.report(p, fmt.Sprintf("参数 %s 不属于方法 %s，请删去（%s 的参数：%s）", p, m, m, paramList(m, true)),
				fmt.Sprintf("parameter %s does not belong to method %s; delete it (the parameters of %s: %s)", p, m, m, paramList(m, false)))
		case ok && required && values[p] == nil:
			t.report(p, fmt.Sprintf("缺少方法 %s 的必填参数 %s（%s 的参数：%s）", m, p, m, paramList(m, true)),
				fmt.Sprintf("parameter %s, required by method %s, is missing (the parameters of %s: %s)", p, m, m, paramList(m, false)))
		}
	}
	use := func(p string) bool { ok, _ := takes(m, p); return ok && values[p] != nil }
	num := func(p string) *float64 {
		if !use(p) {
			return nil
		}
		return t.num(p, values[p], false)
	}

	if use("step") {
		ind.Step = num("step")
		t.atLeast("step", ind.Step, 0, true)
	}
	ind.MaxPlus, ind.MaxMinus = num("max_plus"), num("max_minus")
	t.atLeast("max_plus", ind.MaxPlus, 0, false)
	t.atLeast("max_minus", ind.MaxMinus, 0, false)

	if m == "mean_relative" {
		ind.Deviation = t.enum("deviation", r.Deviation, "relative", "relative", "absolute")
		ind.Reference = t.enum("reference", r.Reference, "mean", "mean", "median", "pooled")
	}
	if m == "mean_relative" || m == "zscore" {
		ind.Base = num("base")
		if ind.Base == nil {
			w := ind.Weight
			ind.Base = &w
		}
	}
	if m == "efficacy" {
		ind.Floor = num("floor")
		if ind.Floor == nil {
			f := 0.6
			ind.Floor = &f
		} else if *ind.Floor < 0 || *ind.Floor > 1 {
			t.errf("floor", "floor 须在 0 到 1 之间，这里是 %g", "floor must be from 0 to 1, not %g", *ind.Floor)
		}
		ind.Best, ind.Worst = num("best"), num("worst")
	}
	if use("bands") {
		ind.Bands = l.bands(t, r.Bands)
	}
	ind.Target = num("target")
	if use("proportional") {
		ind.Proportional = t.boolean("proportional", r.Proportional)
	}
	ind.Low, ind.High = num("low"), num("high")
	if ind.Low != nil && ind.High != nil && *ind.Low > *ind.High {
		t.errf("high", "区间下限 low = %g 大于上限 high = %g", "low = %g is greater than high = %g", *ind.Low, *ind.High)
	}
}

// alert reads alert = [Y, R] (SPEC §6): two numbers in display units,
// 0 ≤ Y ≤ R. range and direct have no unfavourable side to measure, so
// alert there is an error. nil when absent or wrong.
func (l *loader) alert(t *table, v any, method string) *Alert {
	if v == nil {
		return nil
	}
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		gotZH, gotEN := "", ""
		if ok {
			gotZH, gotEN = fmt.Sprintf("（这里有 %d 个值）", len(arr)), fmt.Sprintf(" (here %d values)", len(arr))
		}
		t.report("alert", "alert 应为两个数 [黄色预警阈值, 红色预警阈值]，按显示单位，如 alert = [5, 10]"+gotZH,
			"alert must be two numbers [yellow threshold, red threshold] in display units, e.g. alert = [5, 10]"+gotEN)
		return nil
	}
	var th [2]float64
	for k, e := range arr {
		f := t.num(fmt.Sprintf("alert[%d]", k), e, true)
		if f == nil {
			return nil
		}
		th[k] = *f
	}
	bad := false
	for _, x := range th {
		if x < 0 {
			t.errf("alert", "alert 的阈值不能为负数，这里是 %g：阈值是比参考值差多少（按显示单位），写正数",
				"alert thresholds must not be negative, not %g: a threshold is how far worse than the reference (display units); write a positive number", x)
			bad = true
			break
		}
	}
	if !bad && th[0] > th[1] {
		t.errf("alert", "alert 的黄色阈值 %g 大于红色阈值 %g；应写作 [黄色, 红色]，黄色不大于红色",
			"alert's yellow threshold %g is greater than its red threshold %g; write [yellow, red] with yellow ≤ red", th[0], th[1])
		bad = true
	}
	if method == "range" || method == "direct" {
		t.errf("alert", "方法 %s 不区分高低，没有“较差”的一侧，不能设 alert；请删去这一行",
			"method %s has no better side, so there is no worse side to warn about; delete alert", method)
		bad = true
	}
	if bad {
		return nil
	}
	return &Alert{Yellow: th[0], Red: th[1]}
}

// bands reads bands = [{min = .., max = .., points = ..}, ...].
func (l *loader) bands(t *table, v any) []Band {
	arr, ok := v.([]any)
	if !ok {
		t.typeErr("bands", v, "区间数组，如 [{min = 90, points = 10}, {max = 90, points = 6}]",
			"an array of bands, e.g. [{min = 90, points = 10}, {max = 90, points = 6}]")
		return nil
	}
	if len(arr) == 0 {
		t.errf("bands", "bands 不能为空，至少写一个区间", "bands must not be empty; write at least one band")
		return nil
	}
	out := make([]Band, 0, len(arr))
	for k, e := range arr {
		bt := &table{l: l, path: fmt.Sprintf("%s.bands[%d]", t.path, k),
			zh: fmt.Sprintf("%s的第 %d 个区间", t.zh, k+1), en: fmt.Sprintf("band #%d of %s", k+1, t.en)}
		m, ok := e.(map[string]any)
		if !ok {
			t.typeErr(fmt.Sprintf("bands[%d]", k), e, "形如 {min = 90, points = 10} 的内联表", "an inline table like {min = 90, points = 10}")
			continue
		}
		for _, key := range l.sortedKeys(bt.path, m) {
			if key != "min" && key != "max" && key != "points" {
				bt.errf(key, "未知的键 %s（区间可用的键：min, max, points）",
					"unknown key %s (the keys of a band are: min, max, points)", key)
			}
		}
		var b Band
		if p := bt.num("points", m["points"], true); p != nil {
			b.Points = *p
		}
		b.Min, b.Max = bt.num("min", m["min"], false), bt.num("max", m["max"], false)
		switch {
		case m["min"] == nil && m["max"] == nil:
			bt.errf("", "须至少写 min 或 max 之一（min 含、max 不含）",
				"needs min or max, or both (min inclusive, max exclusive)")
		case b.Min != nil && b.Max != nil && *b.Min >= *b.Max:
			bt.errf("max", "min = %g 须小于 max = %g", "min = %g must be less than max = %g", *b.Min, *b.Max)
		}
		out = append(out, b)
	}
	return out
}

package config

import (
	"fmt"
	"math"
	"strings"

	"kaoping/generator/diag"
	"kaoping/internal/pagenames"
)

// schemeTable names the i-th [[schemes]] in messages.
func (l *loader) schemeTable(i int, id string) *table {
	t := &table{l: l, path: fmt.Sprintf("schemes[%d]", i)}
	t.zh, t.en = fmt.Sprintf("第 %d 个方案", i+1), fmt.Sprintf("scheme #%d", i+1)
	if id != "" {
		t.zh, t.en = fmt.Sprintf("第 %d 个方案 \"%s\"", i+1, diag.Value(id)), fmt.Sprintf("scheme \"%s\"", diag.Value(id))
	}
	return t
}

// child names the i-th element of an array of tables of scheme s, e.g.
// 第 3 个指标 "case_ratio" / indicator "case_ratio".
func (l *loader) child(s *table, key string, i int, zh, en, id string) *table {
	t := &table{l: l, path: fmt.Sprintf("%s.%s[%d]", s.path, key, i)}
	t.zh, t.en = fmt.Sprintf("第 %d 个%s", i+1, zh), fmt.Sprintf("%s #%d", en, i+1)
	if id != "" {
		t.zh, t.en = fmt.Sprintf("第 %d 个%s \"%s\"", i+1, zh, diag.Value(id)), fmt.Sprintf("%s \"%s\"", en, diag.Value(id))
	}
	return t
}

// rawString returns v when it is a string (for naming a table before its
// id is checked).
func rawString(v any) string {
	s, _ := v.(string)
	return s
}

// dupCheck reports ids used twice in one list of a scheme.
type dupCheck map[string]int // id -> line of first use

func (d dupCheck) check(t *table, key, id, whatZH, whatEN string) {
	if id == "" {
		return
	}
	if first, ok := d[id]; ok {
		t.report(key, fmt.Sprintf("%s \"%s\" 重复（第 %d 行已用过），同一方案内须各不相同", whatZH, diag.Value(id), first),
			fmt.Sprintf("%s \"%s\" is used twice (already on line %d); it must be unique within the scheme", whatEN, diag.Value(id), first))
		return
	}
	d[id] = t.line(key)
}

// scheme converts one [[schemes]] table and everything in it.
func (l *loader) scheme(i int, r *rawScheme, c *Config) *Scheme {
	t := l.schemeTable(i, rawString(r.ID))
	s := &Scheme{Line: l.idx.line(t.path)}
	s.ID = t.id("id", r.ID, slugRe, slugRuleZH, slugRuleEN)
	if slugRe.MatchString(s.ID) {
		if fine, zh, en := pagenames.Scheme(s.ID); !fine {
			t.errf("id", "id \"%[1]s\" %[2]s；请换一个 id", "id \"%[1]s\" %[3]s; choose another id", s.ID, zh, en)
		}
	}
	s.Name = t.str("name", r.Name, true)
	s.Kind = t.id("kind", r.Kind, nameRe, nameRuleZH, nameRuleEN)
	s.Peers, s.PeersLines = t.peers(r.Peers)
	s.Periods = t.strList("periods", r.Periods)
	seen := map[string]bool{}
	for k, p := range s.Periods {
		key := fmt.Sprintf("periods[%d]", k)
		if err := checkPeriod(p); err != nil {
			t.errf(key, "periods 中的 \"%s\" 不是有效的期间（写作 2024、2024-H1、2024-Q1、2024-03，累计期间加 -ytd）",
				"\"%s\" in periods is not a valid period (write 2024, 2024-H1, 2024-Q1, 2024-03; cumulative periods end in -ytd)", diag.Value(p))
		} else if seen[p] {
			t.errf(key, "periods 中的 \"%s\" 重复", "\"%s\" appears twice in periods", diag.Value(p))
		}
		seen[p] = true
	}
	s.TieBreak = t.strList("tie_break", r.TieBreak)

	cats := dupCheck{}
	for k, rc := range r.Categories {
		ct := l.child(t, "categories", k, "类别", "category", rawString(rc.ID))
		cat := &Category{Line: l.idx.line(ct.path)}
		cat.ID = ct.id("id", rc.ID, nameRe, nameRuleZH, nameRuleEN)
		cat.Name = ct.str("name", rc.Name, true)
		cat.Weight = ct.num("weight", rc.Weight, false)
		ct.atLeast("weight", cat.Weight, 0, false)
		cats.check(ct, "id", cat.ID, "类别 id", "category id")
		s.Categories = append(s.Categories, cat)
	}

	inds := dupCheck{}
	for k, ri := range r.Indicators {
		it := l.child(t, "indicators", k, "指标", "indicator", rawString(ri.ID))
		ind := l.indicator(it, ri)
		inds.check(it, "id", ind.ID, "指标 id", "indicator id")
		if ind.Category != "" && s.Category(ind.Category) == nil {
			it.errf("category", "类别 \"%s\" 在本方案中未定义（已定义的类别：%s）",
				"category \"%s\" is not defined in this scheme (its categories are: %s)", diag.Value(ind.Category), categoryList(s))
		}
		s.Indicators = append(s.Indicators, ind)
	}
	if len(r.Indicators) == 0 {
		t.errf("", "没有任何指标，请至少写一个 [[schemes.indicators]]",
			"has no indicators; add at least one [[schemes.indicators]]")
	}

	for k, id := range s.TieBreak {
		if s.Category(id) == nil {
			t.errf(fmt.Sprintf("tie_break[%d]", k), "tie_break 中的 \"%s\" 不是本方案的类别（已定义的类别：%s）",
				"\"%s\" in tie_break is not a category of this scheme (its categories are: %s)", diag.Value(id), categoryList(s))
		}
	}

	grades := dupCheck{}
	share, overShare := 0.0, false
	for k, rg := range r.Grades {
		gt := l.child(t, "grades", k, "等次", "grade", rawString(rg.Name))
		g := &Grade{Line: l.idx.line(gt.path)}
		g.Name = gt.str("name", rg.Name, true)
		g.Share = gt.num("share", rg.Share, false)
		if g.Share != nil {
			if *g.Share <= 0 || *g.Share > 1 {
				gt.errf("share", "share 须在 0 与 1 之间（大于 0，至多 1），这里是 %g",
					"share must be in (0, 1], not %g", *g.Share)
			} else {
				share += *g.Share
				if share > 1+1e-9 && !overShare {
					// SPEC §6 sums the shares (S_k = share_1 + ... + share_k),
					// so past 1 every remaining member already gets this
					// grade. SPEC §5's own example does this, so it is a
					// warning, not an error.
					overShare = true
					gt.warnf("share", "各等次的 share 累计为 %g，超过 1。share 是每个等次自己的比例，逐级累加（如想表示“前 90%%”，应写 0.9 减去前面各等次的 share 之和）",
						"the shares of the grades so far add up to %g, more than 1. Each share is the grade's own fraction and they add up (for \"the top 90%%\", write 0.9 minus the shares of the grades above)", share)
				}
			}
		}
		g.MinScore = gt.num("min_score", rg.MinScore, false)
		grades.check(gt, "name", g.Name, "等次名称", "grade name")
		s.Grades = append(s.Grades, g)
	}

	adjs := dupCheck{}
	for k, ra := range r.Adjustments {
		at := l.child(t, "adjustments", k, "加减分项", "adjustment", rawString(ra.ID))
		a := &Adjustment{Line: l.idx.line(at.path), FieldLine: at.line("field")}
		a.ID = at.id("id", ra.ID, nameRe, nameRuleZH, nameRuleEN)
		a.Name = at.str("name", ra.Name, true)
		a.Field = l.fieldRef(at, ra.Field, c)
		if p := at.num("points", ra.Points, true); p != nil {
			a.Points = *p
		}
		a.Cap = at.num("cap", ra.Cap, false)
		at.atLeast("cap", a.Cap, 0, false)
		adjs.check(at, "id", a.ID, "加减分项 id", "adjustment id")
		s.Adjustments = append(s.Adjustments, a)
	}

	vetoes := dupCheck{}
	for k, rv := range r.Vetoes {
		vt := l.child(t, "vetoes", k, "一票否决项", "veto", rawString(rv.ID))
		v := &Veto{Line: l.idx.line(vt.path), FieldLine: vt.line("field")}
		v.ID = vt.id("id", rv.ID, nameRe, nameRuleZH, nameRuleEN)
		v.Name = vt.str("name", rv.Name, true)
		v.Field = l.fieldRef(vt, rv.Field, c)
		v.Grade = vt.str("grade", rv.Grade, false)
		if v.Grade != "" && s.grade(v.Grade) == nil {
			vt.errf("grade", "等次 \"%s\" 在本方案中未定义（已定义的等次：%s）",
				"grade \"%s\" is not defined in this scheme (its grades are: %s)", diag.Value(v.Grade), gradeList(s))
		}
		vetoes.check(vt, "id", v.ID, "一票否决项 id", "veto id")
		s.Vetoes = append(s.Vetoes, v)
	}

	l.categoryWeights(t, s)
	return s
}

// fieldRef reads the field key of an adjustment or veto: a raw field name.
// A [fields] label there gets a hint with the name to use.
func (l *loader) fieldRef(t *table, v any, c *Config) string {
	f := t.str("field", v, true)
	if f == "" || nameRe.MatchString(f) {
		return f
	}
	if id, ok := c.FieldByLabel(f); ok {
		t.errf("field", "field 须写字段名而非标签：把 \"%s\" 改为 \"%s\"",
			"field takes the field name, not its label: write \"%s\" as \"%s\"", diag.Value(f), id)
		return f
	}
	t.report("field", fmt.Sprintf("字段名 \"%s\" 不合规：%s", diag.Value(f), nameRuleZH),
		fmt.Sprintf("field name \"%s\" is not valid: %s", diag.Value(f), nameRuleEN))
	return f
}

// categoryWeights warns about categories with no indicators and those
// whose weight is not the sum of their indicators' weights.
func (l *loader) categoryWeights(t *table, s *Scheme) {
	for k, cat := range s.Categories {
		if cat.ID == "" {
			continue
		}
		ct := l.child(t, "categories", k, "类别", "category", cat.ID)
		n, sum := 0, 0.0
		for _, ind := range s.Indicators {
			if ind.Category == cat.ID {
				n++
				sum += ind.Weight
			}
		}
		if n == 0 {
			ct.warnf("", "没有任何指标（指标用 category = \"%s\" 归入本类别）",
				"has no indicators (an indicator joins it with category = \"%s\")", diag.Value(cat.ID))
			continue
		}
		if cat.Weight != nil && math.Abs(*cat.Weight-sum) > 1e-9 {
			ct.warnf("weight", "weight = %g，但其 %d 个指标的权重合计为 %g",
				"weight = %g, but the weights of its %d indicator(s) add up to %g", *cat.Weight, n, sum)
		}
	}
}

func categoryList(s *Scheme) string {
	var ids []string
	for _, c := range s.Categories {
		if c.ID != "" {
			ids = append(ids, diag.Value(c.ID))
		}
	}
	if len(ids) == 0 {
		return "无 / none"
	}
	return strings.Join(ids, ", ")
}

func gradeList(s *Scheme) string {
	var names []string
	for _, g := range s.Grades {
		if g.Name != "" {
			names = append(names, diag.Value(g.Name))
		}
	}
	if len(names) == 0 {
		return "无 / none"
	}
	return strings.Join(names, ", ")
}

// grade returns the grade named name, or nil.
func (s *Scheme) grade(name string) *Grade {
	for _, g := range s.Grades {
		if g.Name == name {
			return g
		}
	}
	return nil
}

// The fixed forms of peers; any other part names an entity kind.
const (
	PeersAll    = "all"
	PeersParent = "parent"
	PeersGroup  = "group"
)

// peers reads the peers key: a string or a non-empty list of distinct
// strings, each "all", "parent", "group" or an entity kind. It returns the
// parts and the line of each. Whether a kind exists and stands above the
// scheme's kind depends on entities.csv, so scoring checks that
// (Engine.CheckPeers).
func (t *table) peers(v any) ([]string, []int) {
	line := t.line("peers")
	switch x := v.(type) {
	case nil:
		return []string{PeersAll}, []int{line}
	case string:
		if x == "" {
			return []string{PeersAll}, []int{line}
		}
		if !t.peerPart("peers", x) {
			return []string{PeersAll}, []int{line}
		}
		return []string{x}, []int{line}
	case []any:
		if len(x) == 0 {
			t.errf("peers", "peers 不能是空数组；全体统一比较请写 peers = \"all\"",
				"peers must not be an empty list; write peers = \"all\" to compare everyone together")
			return []string{PeersAll}, []int{line}
		}
		var parts []string
		var lines []int
		seen := map[string]bool{}
		ok := true
		for i, e := range x {
			k := fmt.Sprintf("peers[%d]", i)
			s, isStr := e.(string)
			switch {
			case !isStr:
				t.typeErr(k, e, "字符串", "a string")
				ok = false
			case !t.peerPart(k, s):
				ok = false
			case seen[s]:
				t.errf(k, "peers 中的 \"%s\" 重复", "\"%s\" appears twice in peers", diag.Value(s))
				ok = false
			}
			seen[s] = true
			parts = append(parts, s)
			lines = append(lines, t.line(k))
		}
		if !ok {
			return []string{PeersAll}, []int{line}
		}
		return parts, lines
	}
	t.typeErr("peers", v, "字符串或字符串数组", "a string or an array of strings")
	return []string{PeersAll}, []int{line}
}

// peerPart reports (at key k) a part of peers that is neither a fixed form
// nor a well-formed kind.
func (t *table) peerPart(k, s string) bool {
	if s == PeersAll || s == PeersParent || s == PeersGroup || nameRe.MatchString(s) {
		return true
	}
	t.report(k, fmt.Sprintf("peers 的值 \"%s\" 不可用：可选 \"all\"、\"parent\"、\"group\" 或一个实体类型（类型须以小写英文字母开头，只含小写字母、数字和下划线，如 procuratorate），也可以是它们组成的数组", diag.Value(s)),
		fmt.Sprintf("peers = \"%s\" is not allowed: use \"all\", \"parent\", \"group\" or an entity kind (a kind must start with a lowercase letter and hold only lowercase letters, digits and underscores, e.g. procuratorate), or a list of these", diag.Value(s)))
	return false
}

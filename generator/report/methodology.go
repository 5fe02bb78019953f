package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/explain"
)

// MethodsIndex lists the schemes' 考核办法.
type MethodsIndex struct {
	Page    *Page
	Schemes []MethodsItem
}

// MethodsItem is one scheme in the index of 考核办法.
type MethodsItem struct {
	Name, Path, Who, Peers string
	Indicators             int
	FullMarks              float64
}

// MethodologyPage is a scheme's 考核办法, generated from config.toml: who
// is scored and compared with whom, categories, indicators with their
// formulas and rules, adjustments, vetoes, grades and ranking rules. It is
// the document that is published and printed.
type MethodologyPage struct {
	Page        *Page
	Scheme      *config.Scheme
	Who         string // 考核对象
	Peers       string // 比较范围
	Periods     string // 考核期
	FullMarks   float64
	Categories  []MethCategory
	Indicators  []MethIndicator
	Constants   []MethConstant
	Adjustments []MethAdjustment
	Vetoes      []MethVeto
	GradesIntro string
	Grades      []MethGrade
	Ranking     []string // the ranking rules, one sentence each
	RankChange  string
	Appendix    []MethIDGroup // the ids config.toml uses, with their labels
}

// MethIDGroup is one table of the appendix: ids of one kind (indicators,
// fields, constants, entity kinds) with the label pages show for each.
// The appendix is the only place of the Chinese 考核办法 that shows ids,
// for whoever edits config.toml or reads the downloads.
type MethIDGroup struct {
	Name string
	Rows []MethID
}

// MethID is an id and its label.
type MethID struct {
	ID, Label string
}

// MethCategory is one category with its weight and its indicators' points.
type MethCategory struct {
	Name       string
	Weight     *float64 // as configured; nil when not set
	Points     float64  // sum of its indicators' weights
	Indicators int
	Mismatch   bool // Weight is set and differs from Points
}

// MethIndicator is one row of the indicator table, in words.
type MethIndicator struct {
	No                               int
	ID, Name, Category               string
	Formula, Direction, Method, Rule string
	Missing, ValidIf, Format         string
	Weight                           float64
	Description                      string // Markdown
	Alert                            string // the 预警 thresholds in words; "" without alert
}

// MethConstant is a named number the scheme's formulas use.
type MethConstant struct {
	Name  string // the label, or the id when there is none (en: "label (id)")
	Value float64
}

// MethAdjustment is one 加减分项 in words.
type MethAdjustment struct {
	Name, Field, Rule string
	Points            float64
	Cap               *float64
}

// MethVeto is one 一票否决 item.
type MethVeto struct {
	Name, Field, Rule, Grade string
}

// MethGrade is one 等次 and its condition in words.
type MethGrade struct {
	Name, Condition string
}

func methodologyJobs(m *Model) []Job {
	jobs := []Job{{Path: MethodologyIndexPath(), Bundle: AllBundles, Data: func() (any, error) {
		d := &MethodsIndex{Page: m.Page(MethodologyIndexPath(), m.T("考核办法", "Methodology"), NavMethodology)}
		for _, s := range m.Config.Schemes {
			full := 0.0
			for _, ind := range s.Indicators {
				full += ind.Weight
			}
			d.Schemes = append(d.Schemes, MethodsItem{Name: s.Name, Path: MethodologyPath(s.ID), Who: m.kindText(s.Kind),
				Peers: m.peersText(s), Indicators: len(s.Indicators), FullMarks: full})
		}
		return d, nil
	}}}
	for _, s := range m.Config.Schemes {
		jobs = append(jobs, Job{Path: MethodologyPath(s.ID), Bundle: AllBundles, Data: func() (any, error) {
			return m.methodologyPage(s), nil
		}})
	}
	return jobs
}

func (m *Model) methodologyPage(s *config.Scheme) *MethodologyPage {
	title := s.Name + m.T("考核办法", " — methodology")
	page := m.Page(MethodologyPath(s.ID), title, NavMethodology,
		Crumb{Label: m.T("考核办法", "Methodology"), Path: MethodologyIndexPath()})
	page.PrintHeader = title
	d := &MethodologyPage{Page: page, Scheme: s, Who: m.whoText(s), Peers: m.peersText(s), Periods: m.schemePeriodsText(s)}
	var fieldIDs []string // fields the scheme uses, in order of first use
	useField := func(f string) {
		if _, isConst := m.Config.Constant(f); !isConst && !slices.Contains(fieldIDs, f) && f != "min" && f != "max" && f != "and" && f != "or" && f != "not" {
			fieldIDs = append(fieldIDs, f)
		}
	}
	lang := m.Lang
	catName := map[string]string{}
	for _, c := range s.Categories {
		catName[c.ID] = c.Name
		mc := MethCategory{Name: c.Name, Weight: c.Weight}
		for _, ind := range s.Indicators {
			if ind.Category == c.ID {
				mc.Points += ind.Weight
				mc.Indicators++
			}
		}
		mc.Mismatch = c.Weight != nil && math.Abs(*c.Weight-mc.Points) > 1e-9
		d.Categories = append(d.Categories, mc)
	}
	used := map[string]bool{}
	for i, ind := range s.Indicators {
		d.FullMarks += ind.Weight
		mi := MethIndicator{
			No: i + 1, ID: ind.ID, Name: ind.Name, Category: catName[ind.Category],
			Formula:   explain.Formula(m.Config, ind.Formula, lang),
			Direction: explain.Direction(ind, lang),
			Method:    explain.MethodName(ind.Method, lang),
			Rule:      explain.Rule(m.Config, ind, lang),
			Missing:   explain.MissingPolicy(ind, lang),
			Format:    m.formatText(ind),
			Weight:    ind.Weight, Description: ind.Description,
			Alert: m.alertRule(ind),
		}
		if strings.HasPrefix(mi.Rule, mi.Method) {
			mi.Method = "" // the rule names its method already
		}
		if ind.ValidIf != "" {
			mi.ValidIf = explain.Formula(m.Config, ind.ValidIf, lang)
		}
		d.Indicators = append(d.Indicators, mi)
		for _, name := range methNames(ind.Formula + " " + ind.ValidIf) {
			used[name] = true
			if !isNumber(name) {
				useField(name)
			}
		}
	}
	var constIDs []MethID
	for _, c := range m.Config.Constants {
		if used[c.Name] {
			d.Constants = append(d.Constants, MethConstant{Name: explain.Formula(m.Config, c.Name, lang), Value: c.Value})
			constIDs = append(constIDs, MethID{ID: c.Name, Label: c.Label})
		}
	}
	for _, a := range s.Adjustments {
		useField(a.Field)
	}
	for _, v := range s.Vetoes {
		useField(v.Field)
	}
	for _, a := range s.Adjustments {
		d.Adjustments = append(d.Adjustments, MethAdjustment{Name: a.Name, Field: m.fieldText(a.Field), Points: a.Points, Cap: a.Cap, Rule: m.adjustmentRule(a)})
	}
	last := ""
	if len(s.Grades) > 0 {
		last = s.Grades[len(s.Grades)-1].Name
	}
	for _, v := range s.Vetoes {
		g := v.Grade
		if g == "" {
			g = last
		}
		mv := MethVeto{Name: v.Name, Field: m.fieldText(v.Field), Grade: g}
		if g != "" {
			mv.Rule = m.T(fmt.Sprintf("%s大于 0 的，排名列于其他考核对象之后，等次最高为“%s”。", m.Config.FieldLabel(v.Field), g),
				fmt.Sprintf("When %s is above 0, the member ranks after all others and its grade is at best %s.", m.Config.FieldLabel(v.Field), g))
		} else {
			mv.Rule = m.T(fmt.Sprintf("%s大于 0 的，排名列于其他考核对象之后。", m.Config.FieldLabel(v.Field)),
				fmt.Sprintf("When %s is above 0, the member ranks after all others.", m.Config.FieldLabel(v.Field)))
		}
		d.Vetoes = append(d.Vetoes, mv)
	}
	if len(s.Grades) > 0 {
		d.GradesIntro = m.T("在比较组内，自上而下依次判断，考核对象取第一个全部条件都满足的等次；名次比例按比较组人数计算并向下取整，名次并列的取同一等次。被一票否决的，取评定等次与否决项所允许最高等次中较低者。",
			"Within the peer group, a member gets the first grade (top down) whose conditions all hold; the shares count places in the group, rounded down, and tied members share the better grade. A vetoed member gets the worse of that grade and the best grade its veto allows.")
		cum := 0.0
		for i, g := range s.Grades {
			if g.Share != nil {
				cum += *g.Share
			}
			d.Grades = append(d.Grades, MethGrade{Name: g.Name, Condition: m.gradeCondition(g, cum, i == len(s.Grades)-1)})
		}
	}
	d.Ranking = m.rankingRules(s)
	d.Appendix = m.methAppendix(s, fieldIDs, constIDs)
	d.RankChange = m.T("名次变化 = 上期名次 − 本期名次，正数为上升（↑），负数为下降（↓）；名次与上期相同的标“持平”，上期未参加排名的标“新进”，没有可比上期的标“—”。上期是本方案中同一粒度（月、季、半年、年）最近的一个较早考核期；累计考核期的上期是同年前一个累计期（1 月、第一季度的累计期没有上期）。",
		"Rank change = previous rank − rank now: positive is up (↑), negative down (↓); an unchanged rank is marked =, a member not ranked in the previous period new, and — means there is no previous period to compare with. The previous period is the scheme's latest earlier period of the same length (month, quarter, half, year); for a cumulative period it is the cumulative period one step earlier in the same year (none for January or Q1).")
	return d
}

// methAppendix lists the ids the scheme's rules use with their labels:
// indicators, fields, constants and the kind of entity scored.
func (m *Model) methAppendix(s *config.Scheme, fields []string, consts []MethID) []MethIDGroup {
	inds := MethIDGroup{Name: m.T("指标", "Indicators")}
	for _, ind := range s.Indicators {
		inds.Rows = append(inds.Rows, MethID{ID: ind.ID, Label: ind.Name})
	}
	fs := MethIDGroup{Name: m.T("数据字段", "Data fields")}
	for _, f := range fields {
		l := m.Config.FieldLabel(f)
		if l == f {
			l = ""
		}
		fs.Rows = append(fs.Rows, MethID{ID: f, Label: l})
	}
	out := []MethIDGroup{
		{Name: m.T("方案", "Scheme"), Rows: []MethID{{ID: s.ID, Label: s.Name}}},
		{Name: m.T("考核对象类型", "Kind of entity scored"), Rows: []MethID{{ID: s.Kind, Label: m.kindText(s.Kind)}}},
		inds, fs,
	}
	if len(consts) > 0 {
		out = append(out, MethIDGroup{Name: m.T("常量", "Constants"), Rows: consts})
	}
	for i := range out {
		for j := range out[i].Rows {
			if r := &out[i].Rows[j]; r.Label == r.ID {
				r.Label = ""
			}
		}
	}
	return out
}

// isNumber reports whether a word of a formula is a number literal.
func isNumber(w string) bool {
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// gradeCondition states a grade's conditions, e.g. "累计前 20%（按名次，并列
// 同等）且总分不低于 85 分". cum is the sum of the shares of this grade and
// the ones above it.
func (m *Model) gradeCondition(g *config.Grade, cum float64, last bool) string {
	var parts []string
	if g.Share != nil {
		pct := strconv.FormatFloat(math.Round(cum*100*1e6)/1e6, 'f', -1, 64) // 0.2+0.7 is 89.99999…
		parts = append(parts, m.T("名次在比较组前 "+pct+"% 以内（按名次，并列同等）", "placed within the group's top "+pct+"% (by rank; ties alike)"))
	}
	if g.MinScore != nil {
		ms := strconv.FormatFloat(*g.MinScore, 'f', -1, 64)
		parts = append(parts, m.T("总分不低于 "+ms+" 分", "total at least "+ms+" points"))
	}
	switch {
	case len(parts) == 0 && last:
		return m.T("其余考核对象", "everyone else")
	case len(parts) == 0:
		return m.T("其余考核对象（无附加条件）", "everyone else (no condition)")
	case last:
		return strings.Join(parts, m.T("且", " and ")) + m.T("；其余考核对象亦为此等次", "; everyone left also gets this grade")
	}
	return strings.Join(parts, m.T("且", " and "))
}

// rankingRules states SPEC §6 "Rank" for the scheme, with its tie-break
// categories by name.
func (m *Model) rankingRules(s *config.Scheme) []string {
	out := []string{
		m.T("总分 = 各指标得分之和 + 加减分。", "Total = the sum of the indicators' points + adjustments."),
		m.T("在比较组内按总分从高到低排名。", "Members are ranked within their peer group by total, highest first."),
	}
	if len(s.Vetoes) > 0 {
		out = append(out, m.T("被一票否决的，排在其他考核对象之后（彼此之间仍按总分排序）。", "Vetoed members rank after all others (among themselves by total)."))
	}
	if len(s.TieBreak) > 0 {
		var names []string
		for _, id := range s.TieBreak {
			for _, c := range s.Categories {
				if c.ID == id {
					names = append(names, c.Name)
				}
			}
		}
		out = append(out, m.T("总分相同的，依次比较"+strings.Join(names, "、")+"得分，高者在前。",
			"On equal totals, the subtotals of "+strings.Join(names, ", ")+" decide, in that order, higher first."))
	}
	out = append(out, m.T("以上各项都相同的，名次并列，其后的名次顺延（如 1、2、2、4）。",
		"Members equal on every key share a rank, and the next rank skips (1, 2, 2, 4)."))
	return out
}

func (m *Model) adjustmentRule(a *config.Adjustment) string {
	label := m.Config.FieldLabel(a.Field)
	pts := strconv.FormatFloat(math.Abs(a.Points), 'f', -1, 64)
	verb, verbEN := "加", "plus"
	if a.Points < 0 {
		verb, verbEN = "扣", "minus"
	}
	zh := fmt.Sprintf("%s每 1 项%s %s 分", label, verb, pts)
	en := fmt.Sprintf("%s %s points per unit of %s", verbEN, pts, label)
	if a.Cap != nil {
		c := strconv.FormatFloat(*a.Cap, 'f', -1, 64)
		zh += fmt.Sprintf("，最多%s %s 分", verb, c)
		en += fmt.Sprintf(", at most %s in all", c)
	}
	return m.T(zh+"；无数据的不加不扣。", en+"; no data, no points.")
}

// fieldText is a field's label; in English with its id: 典型案例数
// (typical_cases). The Chinese page lists ids in its appendix only.
func (m *Model) fieldText(f string) string {
	return explain.Formula(m.Config, f, m.Lang)
}

// formatText names an indicator's display format.
func (m *Model) formatText(ind *config.Indicator) string {
	switch ind.Format {
	case "percent":
		return m.T("百分比", "percent")
	case "ratio":
		return m.T("比值 1:x", "ratio 1:x")
	case "days":
		return m.T("天数", "days")
	}
	return m.T("数值", "number")
}

// kindText names a kind of entity for a reader.
func (m *Model) kindText(kind string) string {
	names := map[string][2]string{
		"province":      {"省级检察院", "provincial procuratorates"},
		"city":          {"市级检察院", "city procuratorates"},
		"procuratorate": {"基层检察院", "basic procuratorates"},
		"department":    {"内设部门", "departments"},
		"prosecutor":    {"员额检察官", "quota prosecutors"},
	}
	if n, ok := names[kind]; ok {
		return m.T(n[0], n[1])
	}
	return kind
}

// whoText says who is scored: the kind in words and how many there are.
func (m *Model) whoText(s *config.Scheme) string {
	n := 0
	for _, e := range m.Data.Entities.All {
		if e.Kind == s.Kind {
			n++
		}
	}
	return m.T(fmt.Sprintf("%s（共 %d 个）", m.kindText(s.Kind), n),
		fmt.Sprintf("%s (kind %s, %d in all)", m.kindText(s.Kind), s.Kind, n))
}

// peersText says who is compared with whom, naming the groups when peers
// is "group".
func (m *Model) peersText(s *config.Scheme) string {
	parts := peerParts(s)
	within := m.T("参考值、名次和等次都在组内计算。", "references, ranks and grades are computed within each group.")
	if len(parts) > 1 {
		zh, en := m.peerPartNames(parts)
		return m.T("按"+strings.Join(zh, "、")+"划分比较组：这几项都相同的考核对象相互比较，"+within+"缺少其中某项的，按其余各项分组。",
			"By "+strings.Join(en, " and ")+": members that agree on all of these are compared with each other; "+within+" A member lacking one of them is grouped by the others.")
	}
	if len(parts) == 0 {
		return m.T("全部考核对象统一比较：参考值、名次和等次在全体考核对象中计算。",
			"All members are compared together: references, ranks and grades are computed over all of them.")
	}
	switch parts[0] {
	case config.PeersParent:
		return m.T("按上级单位分组：同一上级单位的考核对象相互比较，"+within,
			"By parent: members under the same parent are compared with each other; "+within)
	case config.PeersGroup:
		var groups []string
		seen := map[string]bool{}
		for _, e := range m.Data.Entities.All {
			if e.Kind == s.Kind && !seen[e.Group] {
				seen[e.Group] = true
				g := e.Group
				if g == "" {
					g = m.T("未分组", "no group")
				}
				groups = append(groups, g)
			}
		}
		return m.T("按业务分组比较（"+strings.Join(groups, "、")+"）：同组考核对象相互比较，"+within,
			"By group ("+strings.Join(groups, ", ")+"): members of the same group are compared with each other; "+within)
	}
	label := m.KindLabel(parts[0])
	return m.T("按所属"+label+"分组：同一"+label+"的考核对象相互比较（中间隔着内设部门等层级的也算在内），"+within+"上面没有"+label+"的归入“全部”组。",
		"By "+strings.ToLower(label)+": members under the same "+strings.ToLower(label)+" are compared with each other, whatever lies between; "+within+" Members with none above them form the group All.")
}

// peerParts are the parts of s.Peers that form groups (all but "all").
func peerParts(s *config.Scheme) []string {
	var out []string
	for _, p := range s.Peers {
		if p != config.PeersAll {
			out = append(out, p)
		}
	}
	return out
}

// peerPartNames names each part of peers in words: 上级单位, 分组, 所属基层院.
func (m *Model) peerPartNames(parts []string) (zh, en []string) {
	for _, p := range parts {
		switch p {
		case config.PeersParent:
			zh, en = append(zh, "上级单位"), append(en, "parent")
		case config.PeersGroup:
			zh, en = append(zh, "业务分组"), append(en, "group")
		default:
			zh = append(zh, "所属"+m.KindLabel(p)) // m.T picks zh or en: each is read in its own language
			en = append(en, strings.ToLower(m.KindLabel(p)))
		}
	}
	return zh, en
}

// schemePeriodsText says which periods the scheme scores.
func (m *Model) schemePeriodsText(s *config.Scheme) string {
	rs := m.Results[s.ID]
	var scope string
	if len(s.Periods) == 0 {
		scope = m.T("每个有数据的考核期", "every period with data")
		if m.Config.YTD {
			scope += m.T("，含逐月（逐季）累计考核期", ", including the cumulative (year-to-date) periods")
		}
	} else {
		labels := make([]string, len(s.Periods))
		for i, p := range s.Periods {
			labels[i] = m.PeriodLabel(p)
		}
		scope = m.T("仅以下考核期：", "only: ") + strings.Join(labels, m.T("、", ", "))
	}
	if len(rs) > 0 {
		scope += m.T(fmt.Sprintf("。目前已考评 %d 期（%s至%s）。", len(rs), rs[0].Period.Period.Label(m.Lang), rs[len(rs)-1].Period.Period.Label(m.Lang)),
			fmt.Sprintf(". %d periods scored so far (%s to %s).", len(rs), rs[0].Period.Period.Label(m.Lang), rs[len(rs)-1].Period.Period.Label(m.Lang)))
	}
	return scope
}

// methNames lists the identifiers of a formula (fields, constants, functions).
func methNames(src string) []string {
	return strings.FieldsFunc(src, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
}

package report

import (
	"math"
	"strconv"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
)

// CompareIndex lists every scheme's comparisons, latest period first.
type CompareIndex struct {
	Page    *Page
	Schemes []CompareIndexScheme
}

// CompareIndexScheme is one scheme in the comparison index.
type CompareIndexScheme struct {
	Name, Kind string // Kind: 跨地市对比 or 跨单位对比
	Periods    []PeriodLink
}

// ComparePage sets a scheme's units side by side in one period: category
// achievement, indicator values against the reference, and the change on
// the previous period (环比) and on the same period last year (同比).
type ComparePage struct {
	Page          *Page
	Scheme        *config.Scheme
	Kind          string // 跨地市对比 (kind city) or 跨单位对比
	PeriodLabel   string
	PrevLabel     string // "" when there is no previous period
	LastYearLabel string // "" when there is no same period last year
	Ranking       string // site path of the ranking of this period
	Methodology   string
	Categories    []string // category names, in config order
	HasAlerts     bool     // some indicator has `alert`: the values table has a 预警 legend
	Indicators    []CompareColumn
	// Groups is the page's peer group (every group of a scheme of one);
	// a scheme of several has a page per group and the period's page
	// lists them (Index) instead, like its rankings.
	Groups []*CompareGroup
	Index  []CompareGroupLink
	// Up is the period's list of groups, on a group's page; nil otherwise.
	Up *RankingLink
	// Parts are the pages of a group too long for one (rankPageRows),
	// which have no charts; empty for a group of one page.
	Parts []RankingChoice
}

// CompareGroupLink is a peer group on the period's comparison page.
type CompareGroupLink struct {
	Name, Path string
	Count      int
}

// CompareColumn is one indicator as a table column.
type CompareColumn struct {
	Name, Unit string // Unit of differences: 百分点 for percents, 天 for days, else ""
	Direction  string // ↑ higher is better, ↓ lower is better, "" none
}

// CompareGroup is one peer group's comparison.
type CompareGroup struct {
	Label   string // "" for the single group "all"
	Members int
	// Shown is how many units the charts show (the first and last by rank
	// when the group is large); equal to Members when all are shown.
	Shown          int
	CategoryChart  *chart.Chart
	TotalsChart    *chart.Chart  // nil when there is neither a previous nor a last-year period
	References     []CompareCell // the reference row, one per indicator
	CategoryPoints []float64     // full points per category
	Rows           []CompareRow
}

// CompareRow is one unit, its cells formatted as they are shown.
type CompareRow struct {
	ID        string // the entity's id
	Name      string
	Sheet     string // site path of the score sheet
	Rank      int
	Vetoed    bool
	Grade     string
	Total     string
	Subtotals []CompareSubtotal // one per category
	Values    []CompareCell     // indicator values against the reference
	// 环比 and 同比 of total, rank and each indicator value.
	TotalPrev, TotalYoY CompareCell
	RankPrev, RankYoY   CompareCell
	Changes             []CompareChange // one per indicator
}

// CompareSubtotal is a unit's subtotal in one category: the points and
// the achievement (points / full points, as a percent).
type CompareSubtotal struct {
	Points, Rate string
}

// CompareChange is the 环比 (Prev) and 同比 (YoY) of one indicator value.
type CompareChange struct {
	Prev, YoY CompareCell
}

// CompareCell is one formatted number with its signal: Class is good/bad
// (or up/down for ranks) and Marker the text that carries the same meaning
// (▲ better / ▼ worse than the reference), so colour is never alone.
type CompareCell struct {
	Text, Class, Marker, Title string
	Alert                      scoring.Alert // an indicator value's 预警
}

// compareChartMax is the largest number of units a comparison chart shows;
// a larger group shows its first and last compareChartMax/2 by rank.
const compareChartMax = 20

func compareJobs(m *Model) []Job {
	jobs := []Job{{Path: CompareIndexPath(), Data: func() (any, error) {
		d := &CompareIndex{Page: m.Page(CompareIndexPath(), m.T("对比", "Comparison"), NavCompare)}
		for _, s := range m.Config.Schemes {
			cs := CompareIndexScheme{Name: s.Name, Kind: m.compareKind(s)}
			rs := m.Results[s.ID]
			for i := len(rs) - 1; i >= 0; i-- {
				pd := rs[i].Period
				cs.Periods = append(cs.Periods, PeriodLink{ID: pd.ID, Label: pd.Period.Label(m.Lang), Path: ComparePath(s.ID, pd.ID), Derived: pd.Derived})
			}
			d.Schemes = append(d.Schemes, cs)
		}
		return d, nil
	}}}
	for _, s := range m.Config.Schemes {
		for _, r := range m.Results[s.ID] {
			jobs = append(jobs, groupJobs(r, ComparePath(s.ID, r.Period.ID), m.compareGroupPaths(s, r), func(gi, part int) (any, error) {
				return m.comparePage(s, r, gi, part)
			})...)
		}
	}
	return jobs
}

// compareGroupPaths are the comparison pages of r's peer groups, aligned
// with r.Groups.
func (m *Model) compareGroupPaths(s *config.Scheme, r *scoring.Result) []string {
	ids := make([]string, len(r.Groups))
	for i, g := range r.Groups {
		ids[i] = g.ID
	}
	return CompareGroupPaths(s.ID, r.Period.ID, ids)
}

// compareKind is 跨地市对比 when the scheme scores cities, 跨单位对比 otherwise.
func (m *Model) compareKind(s *config.Scheme) string {
	if s.Kind == "city" {
		return m.T("跨地市对比", "Cross-city comparison")
	}
	return m.T("跨单位对比", "Cross-unit comparison")
}

// comparePage builds the comparison of scheme s for period r: part (from
// 0) of the page of its group gi, or with gi < 0 the period's page (the
// tables of its only group, or the list of its groups).
func (m *Model) comparePage(s *config.Scheme, r *scoring.Result, gi, part int) (*ComparePage, error) {
	label := r.Period.Period.Label(m.Lang)
	kind := m.compareKind(s)
	title := s.Name + " · " + label + " · " + kind
	path := ComparePath(s.ID, r.Period.ID)
	crumbs := []Crumb{{Label: m.T("对比", "Comparison"), Path: CompareIndexPath()}}
	at := m.groupPlace(r, gi, part, path, m.compareGroupPaths(s, r), title, label)
	if gi >= 0 {
		crumbs = append(crumbs, Crumb{Label: s.Name + " · " + label, Path: path})
	}
	up, path, title, first, k, parts := at.up, at.path, at.title, at.first, at.k, at.parts
	page := m.Page(path, title, NavCompare, crumbs...)
	page.PrintHeader = title
	m.setPeriod(page, r.Period.ID, label)
	d := &ComparePage{Page: page, Scheme: s, Kind: kind, PeriodLabel: label, HasAlerts: HasAlerts(s),
		Ranking: RankingPath(s.ID, r.Period.ID), Methodology: MethodologyPath(s.ID), Up: up}
	prev, last := m.PreviousResult(s, r), m.LastYearResult(s, r)
	if prev != nil {
		d.PrevLabel = prev.Period.Period.Label(m.Lang)
	}
	if last != nil {
		d.LastYearLabel = last.Period.Period.Label(m.Lang)
	}
	if gi < 0 && len(r.Groups) > 1 {
		for j, p := range m.compareGroupPaths(s, r) {
			d.Index = append(d.Index, CompareGroupLink{Name: m.GroupLabel(s, r.Groups[j].ID), Path: p, Count: len(r.Groups[j].Entities)})
		}
		return d, nil
	}
	for _, c := range s.Categories {
		d.Categories = append(d.Categories, c.Name)
	}
	for _, ind := range s.Indicators {
		col := CompareColumn{Name: ind.Name}
		switch ind.Format {
		case numfmt.Percent:
			col.Unit = m.T("百分点", "pp")
		case numfmt.Days:
			col.Unit = m.T("天", "days")
		}
		switch ind.Direction {
		case "higher":
			col.Direction = "↑"
		case "lower":
			col.Direction = "↓"
		}
		d.Indicators = append(d.Indicators, col)
	}
	if len(r.Groups) == 0 {
		return d, nil
	}
	g := r.Groups[k]
	lo, hi := 0, len(g.Entities)
	if parts > 1 {
		lo, hi = part*rankPageRows, min((part+1)*rankPageRows, len(g.Entities))
		d.Parts = m.partChoices(first, len(g.Entities), part)
	}
	cg, err := m.compareGroup(s, r, g, k, lo, hi, parts <= 1, m.membersOf(prev), m.membersOf(last), d)
	if err != nil {
		return nil, err
	}
	d.Groups = []*CompareGroup{cg}
	return d, nil
}

// membersOf is compareByEntity(r), made once per result.
func (m *Model) membersOf(r *scoring.Result) map[string]*scoring.EntityResult {
	if r == nil {
		return map[string]*scoring.EntityResult{}
	}
	if v, ok := m.byEntity.Load(r); ok {
		return v.(map[string]*scoring.EntityResult)
	}
	v, _ := m.byEntity.LoadOrStore(r, compareByEntity(r))
	return v.(map[string]*scoring.EntityResult)
}

// compareByEntity indexes a result by entity id (nil result: empty map).
func compareByEntity(r *scoring.Result) map[string]*scoring.EntityResult {
	out := map[string]*scoring.EntityResult{}
	if r == nil {
		return out
	}
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			out[e.Entity.ID] = e
		}
	}
	return out
}

// compareFull is a category's full points: its weight, else the sum of its
// indicators' weights.
func compareFull(s *config.Scheme, c *config.Category) float64 {
	if c.Weight != nil {
		return *c.Weight
	}
	sum := 0.0
	for _, ind := range s.Indicators {
		if ind.Category == c.ID {
			sum += ind.Weight
		}
	}
	return sum
}

// compareReference is what an indicator's values are compared with in a
// group: the method's reference where it has one (mean_relative, zscore),
// else the group mean; NaN when the group has no value.
func compareReference(st *scoring.IndicatorStats) float64 {
	switch {
	case st == nil:
		return math.NaN()
	case st.Reference != nil:
		return *st.Reference
	case st.Mean != nil:
		return *st.Mean
	}
	return math.NaN()
}

// compareGroup is the comparison of group g (index gi), its members lo
// to hi (by rank), with its charts when charts is set.
func (m *Model) compareGroup(s *config.Scheme, r *scoring.Result, g *scoring.Group, gi, lo, hi int, charts bool,
	prevBy, lastBy map[string]*scoring.EntityResult, d *ComparePage) (*CompareGroup, error) {
	cg := &CompareGroup{Members: len(g.Entities), Shown: len(g.Entities)}
	if len(r.Groups) > 1 || g.ID != scoring.AllGroup {
		cg.Label = m.GroupLabel(s, g.ID)
	}
	for _, c := range s.Categories {
		cg.CategoryPoints = append(cg.CategoryPoints, compareFull(s, c))
	}
	refs := make([]float64, len(s.Indicators))
	for i, ind := range s.Indicators {
		refs[i] = compareReference(g.Stats[ind.ID])
		cg.References = append(cg.References, CompareCell{Text: numfmt.Value(refs[i], ind.Format, ind.Decimals, m.Lang)})
	}
	// One backing array per kind of cell for the whole group: a province
	// group has thousands of rows.
	nc, ni := len(s.Categories), len(s.Indicators)
	members := g.Entities[lo:hi]
	subtotals := make([]CompareSubtotal, len(members)*nc)
	values := make([]CompareCell, len(members)*ni)
	changes := make([]CompareChange, len(members)*ni)
	cg.Rows = make([]CompareRow, len(members))
	for k, e := range members {
		sheet := SheetPath(s.ID, r.Period.ID, e.Entity.ID)
		row := &cg.Rows[k]
		*row = CompareRow{ID: e.Entity.ID, Name: e.Entity.Name, Sheet: sheet, Rank: e.Rank,
			Vetoed: e.Vetoed, Grade: e.Grade, Total: numfmt.Points(e.Total),
			Subtotals: subtotals[k*nc : (k+1)*nc : (k+1)*nc],
			Values:    values[k*ni : (k+1)*ni : (k+1)*ni],
			Changes:   changes[k*ni : (k+1)*ni : (k+1)*ni]}
		for ci, c := range s.Categories {
			v := e.Categories[c.ID]
			ach := math.NaN()
			if full := cg.CategoryPoints[ci]; full > 0 {
				ach = v / full
			}
			row.Subtotals[ci] = CompareSubtotal{Points: numfmt.Points(v), Rate: numfmt.Value(ach, numfmt.Percent, 0, m.Lang)}
		}
		p, l := prevBy[e.Entity.ID], lastBy[e.Entity.ID]
		row.TotalPrev, row.TotalYoY = m.compareTotalDiff(e, p), m.compareTotalDiff(e, l)
		row.RankPrev, row.RankYoY = m.compareRankDiff(e, p, len(prevBy) > 0), m.compareRankDiff(e, l, len(lastBy) > 0)
		for i, ind := range s.Indicators {
			now := e.Indicators[ind.ID]
			row.Values[i] = m.compareValue(ind, now, refs[i])
			row.Changes[i] = CompareChange{Prev: compareValueDiff(ind, now, p), YoY: compareValueDiff(ind, now, l)}
		}
	}
	if !charts {
		return cg, nil
	}
	return cg, m.compareCharts(s, g, gi, prevBy, lastBy, d, cg)
}

// compareValue shows a value against the group's reference: ▲ when it is
// better, ▼ when worse (by the indicator's direction), nothing when equal,
// missing or without direction.
func (m *Model) compareValue(ind *config.Indicator, sc *scoring.IndicatorScore, ref float64) CompareCell {
	if sc == nil || sc.Value == nil {
		c := CompareCell{Text: numfmt.Missing, Class: "missing", Title: m.T("无有效值", "no value")}
		if sc != nil && sc.Invalid {
			c.Title = m.T("不满足有效条件，按缺失处理", "fails the validity condition: treated as missing")
		}
		return c
	}
	v := *sc.Value
	c := CompareCell{Text: numfmt.Value(v, ind.Format, ind.Decimals, m.Lang), Alert: sc.Alert}
	diff := numfmt.Display(v, ind.Format) - numfmt.Display(ref, ind.Format)
	if math.IsNaN(diff) || ind.Sign() == 0 {
		return c
	}
	// Compare on the printed digits, so that a value shown equal to the
	// reference is not marked better or worse.
	text := numfmt.Signed(diff, ind.Decimals)
	if printsZero(text, ind.Decimals) {
		return c
	}
	c.Title = m.T("与参考值之差 ", "difference from the reference ") + text
	if diff*ind.Sign() > 0 {
		c.Class, c.Marker = "good", "▲"
	} else {
		c.Class, c.Marker = "bad", "▼"
	}
	return c
}

// compareTotalDiff is total now − total then, with two decimals.
func (m *Model) compareTotalDiff(now, then *scoring.EntityResult) CompareCell {
	if then == nil {
		return CompareCell{Text: numfmt.Missing, Class: "missing"}
	}
	d := now.Total - then.Total
	text := numfmt.Signed(d, 2)
	return CompareCell{Text: text, Class: compareClass(text, d, 1, 2)}
}

// compareRankDiff is rank then − rank now (positive = up), shown ↑2 / ↓1
// and — for no change; a member not ranked then is 新 when that period
// exists, — when there is no such period at all.
func (m *Model) compareRankDiff(now, then *scoring.EntityResult, periodExists bool) CompareCell {
	if then == nil {
		if periodExists {
			return CompareCell{Text: numfmt.RankChange(nil, m.Lang)}
		}
		return CompareCell{Text: numfmt.Missing, Class: "missing"}
	}
	c := then.Rank - now.Rank
	cell := CompareCell{Text: numfmt.RankChange(&c, m.Lang), Title: m.T("当时第 "+strconv.Itoa(then.Rank)+" 名", "then #"+strconv.Itoa(then.Rank))}
	switch {
	case c > 0:
		cell.Class = "up"
	case c < 0:
		cell.Class = "down"
	}
	return cell
}

// compareValueDiff is an indicator's display value now (a, the member's
// score) − then, percentage points for percents, coloured by whether the
// change is an improvement.
func compareValueDiff(ind *config.Indicator, a *scoring.IndicatorScore, then *scoring.EntityResult) CompareCell {
	if then == nil {
		return CompareCell{Text: numfmt.Missing, Class: "missing"}
	}
	b := then.Indicators[ind.ID]
	if a == nil || b == nil || a.Value == nil || b.Value == nil {
		return CompareCell{Text: numfmt.Missing, Class: "missing"}
	}
	d := numfmt.Display(*a.Value, ind.Format) - numfmt.Display(*b.Value, ind.Format)
	text := numfmt.Signed(d, ind.Decimals)
	return CompareCell{Text: text, Class: compareClass(text, d, ind.Sign(), ind.Decimals)}
}

// compareClass is good when d (times sign) is positive once printed with
// decimals, bad when negative, "" when it prints as zero or sign is 0;
// text is numfmt.Signed(d, decimals).
func compareClass(text string, d, sign float64, decimals int) string {
	if sign == 0 || printsZero(text, decimals) {
		return ""
	}
	if d*sign > 0 {
		return "good"
	}
	return "bad"
}

// zeroTexts are numfmt.Fixed(0, d) for every number of decimals numfmt
// accepts: a difference is "no change" when it prints as one of them.
var zeroTexts = func() []string {
	out := make([]string, 11)
	for d := range out {
		out[d] = numfmt.Fixed(0, d)
	}
	return out
}()

// printsZero reports whether text, a number formatted by numfmt.Fixed or
// numfmt.Signed with decimals, is zero (numfmt drops the sign of a value
// that rounds to zero, so there is one such text per decimals).
func printsZero(text string, decimals int) bool {
	if decimals >= 0 && decimals < len(zeroTexts) {
		return text == zeroTexts[decimals]
	}
	return text == numfmt.Fixed(0, decimals)
}

// compareShown picks the members the charts show: all of a small group,
// else the first and last compareChartMax/2 by rank.
func compareShown(es []*scoring.EntityResult) []*scoring.EntityResult {
	if len(es) <= compareChartMax {
		return es
	}
	half := compareChartMax / 2
	return append(append([]*scoring.EntityResult(nil), es[:half]...), es[len(es)-half:]...)
}

// compareCharts adds the category achievement chart and the totals now vs
// previous vs last year chart of a group.
func (m *Model) compareCharts(s *config.Scheme, g *scoring.Group, gi int,
	prevBy, lastBy map[string]*scoring.EntityResult, d *ComparePage, cg *CompareGroup) error {
	shown := compareShown(g.Entities)
	cg.Shown = len(shown)
	names := make([]string, len(shown))
	ids := make([]string, len(shown))
	for i, e := range shown {
		names[i], ids[i] = e.Entity.Name, e.Entity.ID
	}
	home := m.homeLabel(ids, names)
	suffix := ""
	if cg.Label != "" {
		suffix = " · " + cg.Label
	}
	if len(shown) < len(g.Entities) {
		suffix += m.T("（前 "+strconv.Itoa(compareChartMax/2)+" 名与后 "+strconv.Itoa(compareChartMax/2)+" 名）",
			" (first and last "+strconv.Itoa(compareChartMax/2)+")")
	}
	key := "compare-" + s.ID + "-" + strconv.Itoa(gi)
	var series []chart.Series
	for ci, c := range s.Categories {
		sr := chart.Series{Name: c.Name}
		for _, e := range shown {
			v := math.NaN()
			if full := cg.CategoryPoints[ci]; full > 0 {
				v = e.Categories[c.ID] / full
			}
			sr.Values = append(sr.Values, v)
		}
		series = append(series, sr)
	}
	var err error
	cg.CategoryChart, err = chart.GroupedBars(chart.Spec{
		Title: m.T("各类别得分率", "Category achievement") + suffix, Key: key + "-cat",
		Format: numfmt.Percent, Decimals: 1, Corner: m.T("单位", "Unit"), Home: home,
	}, names, series)
	if err != nil {
		return err
	}
	if d.PrevLabel == "" && d.LastYearLabel == "" {
		return nil
	}
	totals := []chart.Series{{Name: d.PeriodLabel}}
	for _, e := range shown {
		totals[0].Values = append(totals[0].Values, e.Total)
	}
	for _, other := range []struct {
		label string
		by    map[string]*scoring.EntityResult
	}{{d.PrevLabel, prevBy}, {d.LastYearLabel, lastBy}} {
		if other.label == "" {
			continue
		}
		sr := chart.Series{Name: other.label}
		for _, e := range shown {
			v := math.NaN()
			if o := other.by[e.Entity.ID]; o != nil {
				v = o.Total
			}
			sr.Values = append(sr.Values, v)
		}
		totals = append(totals, sr)
	}
	cg.TotalsChart, err = chart.GroupedBars(chart.Spec{
		Title: m.T("总分：本期、上期与去年同期", "Totals: now, previous period, same period last year") + suffix, Key: key + "-totals",
		Format: numfmt.Number, Decimals: 2, Corner: m.T("单位", "Unit"), Home: home,
	}, names, totals)
	return err
}

package report

import (
	"math"
	"strings"
	"sync"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/explain"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
)

// SheetPage is one entity's score sheet for a scheme and period: every
// indicator's value against the reference, its points and the rule in
// words, then adjustments, vetoes, total, and the charts.
type SheetPage struct {
	Page    *Page
	Scheme  *config.Scheme
	Entity  *dataset.Entity
	Parents []RankingLink // ancestors, top first, linking to their profiles
	Profile string        // site path of the entity's profile
	Period  PeriodLink
	Ranking string // the ranking page, at the entity's group
	Group   string // group name
	N       int    // members of the group

	Rank       int
	RankChange *int
	NoPrevious bool // the period has no previous one: the change reads —
	Total      float64
	Grade      string
	Vetoed     bool
	VetoNames  string

	// Losses are the indicators that lost the most points (失分项), at most
	// explain.TopLosses, with what would win them back; none when no
	// indicator lost any.
	Losses        []SheetLoss
	Categories    []SheetCategory
	IndicatorSum  float64
	Adjustments   []SheetAdjustment
	AdjustmentSum float64
	Vetoes        []string // explain.Veto for each veto that hit
	Summary       string   // explain.Summary

	// HasAlerts: some indicator of the scheme has `alert`, so the sheet
	// shows the 预警指标 list (Alerts, possibly empty) and the legend.
	HasAlerts bool
	Alerts    []AlertItem

	Prev, Next *PeriodLink // this entity's sheet in the neighbouring periods of the same kind

	Radar      *chart.Chart
	RankChart  *chart.Chart // nil with fewer than two periods
	TotalChart *chart.Chart
}

// SheetCategory is one category: its subtotal and its indicators.
type SheetCategory struct {
	Name     string
	Subtotal float64
	Full     float64
	Mean     float64 // group mean of the subtotal
	Rows     []SheetIndicator
}

// SheetIndicator is one indicator's line of the score sheet.
type SheetIndicator struct {
	Name     string
	Path     string // the indicator's page
	Format   string
	Decimals int
	// Value and Reference are raw (v units); nil when missing.
	Value     *float64
	Reference *float64
	// Missing explains a missing value ("不满足有效条件 cases >= 5").
	Missing string
	// Diff is value − reference in display units with its unit, e.g.
	// "+1.2 个百分点"; DiffClass is good/bad by the indicator's direction and
	// DiffMark says the same in words (较好/较差), so colour never stands alone.
	Diff, DiffClass, DiffMark string
	Rank, N                   int // rank within the group's values; 0 when none
	Alert                     scoring.Alert
	Points, Weight            float64
	Rule                      string // the method in a few words
	Explain                   string // explain.Indicator: the whole computation
}

// SheetLoss is one line of the 失分项 block: explain.Loss with the
// indicator's page.
type SheetLoss struct {
	Name                 string
	Path                 string
	Points, Weight, Lost float64
	Gain                 string // explain.Gain: what would change the score
}

// SheetAdjustment is one adjustment's line.
type SheetAdjustment struct {
	Name    string
	Points  float64
	Explain string
}

func sheetJobs(m *Model) []Job {
	sx := newSheetIndex(m)
	var jobs []Job
	for _, s := range m.Config.Schemes {
		for i, r := range m.Results[s.ID] {
			for gi, g := range r.Groups {
				for _, e := range g.Entities {
					jobs = append(jobs, Job{Path: SheetPath(s.ID, r.Period.ID, e.Entity.ID), Bundle: r.Period.ID, Data: func() (any, error) {
						return sx.page(s, i, gi, e)
					}})
				}
			}
		}
	}
	return jobs
}

// sheetIndex holds what score sheets share, so that each of a province's
// 130,000 sheets builds only what is its own: per scheme the indicators'
// fixed texts (sheetScheme), per scheme and period the links, labels and
// group statistics (sheetPeriod), per entity its ancestors. It is safe for
// concurrent use; the shared parts are filled on first use.
type sheetIndex struct {
	m       *Model
	ix      *rankIndex
	schemes sync.Map // *config.Scheme -> *sheetScheme
	periods sync.Map // *scoring.Result -> *sheetPeriod
	parents sync.Map // entity id -> []RankingLink
}

func newSheetIndex(m *Model) *sheetIndex { return &sheetIndex{m: m, ix: newRankIndex(m)} }

// sheetScheme is what every sheet of a scheme shows the same way.
type sheetScheme struct {
	cats      []sheetCat
	hasAlerts bool
}

// sheetCat is a category and its indicators, in config order.
type sheetCat struct {
	c    *config.Category
	full float64
	inds []*sheetInd
}

// sheetInd is an indicator's fixed part of a sheet row.
type sheetInd struct {
	ind       *config.Indicator
	path      string
	rule      string
	text      *explain.IndicatorText
	zero      string // numfmt.Fixed(0, Decimals): a difference that shows as zero
	unit      string // sheetUnit
	notScored string // Missing of an indicator the entity was not scored on
}

func (sx *sheetIndex) scheme(s *config.Scheme) *sheetScheme {
	if v, ok := sx.schemes.Load(s); ok {
		return v.(*sheetScheme)
	}
	m := sx.m
	ss := &sheetScheme{hasAlerts: HasAlerts(s)}
	for _, c := range s.Categories {
		sc := sheetCat{c: c, full: s.CategoryFull(c)}
		for _, ind := range s.Indicators {
			if ind.Category == c.ID {
				sc.inds = append(sc.inds, m.newSheetInd(s, ind))
			}
		}
		ss.cats = append(ss.cats, sc)
	}
	v, _ := sx.schemes.LoadOrStore(s, ss)
	return v.(*sheetScheme)
}

func (m *Model) newSheetInd(s *config.Scheme, ind *config.Indicator) *sheetInd {
	return &sheetInd{
		ind: ind, path: IndicatorPath(s.ID, ind.ID), rule: m.sheetRule(ind),
		text: explain.NewIndicatorText(m.Config, ind, m.Lang),
		zero: numfmt.Fixed(0, ind.Decimals), unit: m.sheetUnit(ind.Format),
		notScored: m.T("未计分", "not scored"),
	}
}

// sheetPeriod is what the sheets of one scheme and period share.
type sheetPeriod struct {
	label, ranking string
	crumbs         []Crumb // the breadcrumbs from the rankings to the period's
	title          string  // " · 得分明细": after the entity's name
	printHeader    string  // "scheme · period · ": before the entity's name
	prev, next     int     // rankNeighbours
	noPrevious     bool    // Model.NoPrevious
	prevLabel      string
	nextLabel      string
	history        []sheetHistory // the periods of the same kind up to this one
	groups         []sheetGroup   // by group index
}

// sheetHistory is one period of the history charts.
type sheetHistory struct {
	k     int                // index in m.Results[s.ID]
	label string             // short label
	means map[string]float64 // group id -> mean total
}

// sheetGroup is a peer group's part of the sheets of its members.
type sheetGroup struct {
	name    string
	ranking string // the group's ranking page
	means   *rankGroupMeans
	refs    map[string]*float64 // indicator id -> reference (nil when none)
	ladders explain.Ladders     // the 失分项 of rank-scored indicators
}

func (sx *sheetIndex) period(s *config.Scheme, i int) *sheetPeriod {
	r := sx.m.Results[s.ID][i]
	if v, ok := sx.periods.Load(r); ok {
		return v.(*sheetPeriod)
	}
	m, rs := sx.m, sx.m.Results[s.ID]
	sp := &sheetPeriod{label: r.Period.Period.Label(m.Lang), ranking: RankingPath(s.ID, r.Period.ID)}
	sp.crumbs = []Crumb{
		{Label: m.T("考核排名", "Rankings"), Path: SchemesIndexPath()},
		{Label: s.Name, Path: SchemePath(s.ID)},
		{Label: sp.label, Path: sp.ranking},
	}
	sp.title = " · " + m.T("得分明细", "Score sheet")
	sp.printHeader = s.Name + " · " + sp.label + " · "
	sp.prev, sp.next = m.rankNeighbours(s, i)
	sp.noPrevious = m.NoPrevious(r)
	if sp.prev >= 0 {
		sp.prevLabel = rs[sp.prev].Period.Period.Label(m.Lang)
	}
	if sp.next >= 0 {
		sp.nextLabel = rs[sp.next].Period.Period.Label(m.Lang)
	}
	for _, k := range m.rankSeries(s, i) {
		if k > i {
			break
		}
		h := sheetHistory{k: k, label: rs[k].Period.Period.ShortLabel(m.Lang), means: map[string]float64{}}
		for _, g := range rs[k].Groups {
			h.means[g.ID] = sx.ix.groupMeans(s, g).Total
		}
		sp.history = append(sp.history, h)
	}
	var pages []string // the groups' own pages, when there are several
	if len(r.Groups) > 1 {
		pages = m.groupPaths(s, r)
	}
	for gi, g := range r.Groups {
		ranking := sp.ranking
		if pages != nil {
			ranking = pages[gi]
		}
		sg := sheetGroup{
			name: m.GroupLabel(s, g.ID), ranking: ranking,
			means: sx.ix.groupMeans(s, g), refs: map[string]*float64{},
			ladders: explain.NewLadders(s, g),
		}
		for _, ind := range s.Indicators {
			if ref, _ := rankIndicatorReference(g.Stats[ind.ID]); !math.IsNaN(ref) {
				sg.refs[ind.ID] = &ref
			}
		}
		sp.groups = append(sp.groups, sg)
	}
	v, _ := sx.periods.LoadOrStore(r, sp)
	return v.(*sheetPeriod)
}

// entityParents links e's ancestors, top first, to their profiles. The
// slice is shared by all of e's sheets: read-only.
func (sx *sheetIndex) entityParents(e *dataset.Entity) []RankingLink {
	if v, ok := sx.parents.Load(e.ID); ok {
		return v.([]RankingLink)
	}
	var links []RankingLink
	for _, a := range sx.m.Data.Entities.Ancestors(e.ID) {
		links = append(links, RankingLink{Label: a.Name, Path: EntityPath(a.ID)})
	}
	v, _ := sx.parents.LoadOrStore(e.ID, links)
	return v.([]RankingLink)
}

// page builds the score sheet of e, a member of group gi of the scheme's
// i-th result.
func (sx *sheetIndex) page(s *config.Scheme, i, gi int, e *scoring.EntityResult) (*SheetPage, error) {
	m := sx.m
	rs := m.Results[s.ID]
	r := rs[i]
	g := r.Groups[gi]
	sp, ss := sx.period(s, i), sx.scheme(s)
	sg := &sp.groups[gi]
	path := SheetPath(s.ID, r.Period.ID, e.Entity.ID)
	page := m.Page(path, e.Entity.Name+sp.title, NavRankings, sp.crumbs...)
	page.PrintHeader = sp.printHeader + e.Entity.Name
	m.setPeriod(page, r.Period.ID, sp.label)
	d := &SheetPage{
		Page: page, Scheme: s, Entity: e.Entity, Profile: EntityPath(e.Entity.ID),
		Parents: sx.entityParents(e.Entity),
		Period:  PeriodLink{ID: r.Period.ID, Label: sp.label, Path: sp.ranking, Derived: r.Period.Derived},
		Ranking: sg.ranking, Group: sg.name, N: len(g.Entities),
		Rank: e.Rank, RankChange: e.RankChange, NoPrevious: sp.noPrevious, Total: e.Total, Grade: e.Grade, Vetoed: e.Vetoed,
		VetoNames: s.VetoNames(e.Vetoes, m.T("、", ", ")),
		Summary:   explain.Summary(s, e, g, m.Lang),
	}
	for _, l := range explain.Losses(m.Config, s, r.Period, e, g, sg.ladders, m.Lang, explain.TopLosses) {
		d.Losses = append(d.Losses, SheetLoss{Name: l.Indicator.Name, Path: IndicatorPath(s.ID, l.Indicator.ID),
			Points: l.Points, Weight: l.Indicator.Weight, Lost: l.Lost, Gain: l.Gain})
	}
	if len(ss.cats) > 0 {
		d.Categories = make([]SheetCategory, 0, len(ss.cats))
	}
	if ss.hasAlerts {
		d.HasAlerts = true
		d.Alerts = m.alertItems(s, e, g, true)
	}
	for _, c := range ss.cats {
		sc := SheetCategory{Name: c.c.Name, Subtotal: e.Categories[c.c.ID], Full: c.full, Mean: sg.means.Categories[c.c.ID]}
		if len(c.inds) > 0 {
			sc.Rows = make([]SheetIndicator, 0, len(c.inds))
		}
		for _, si := range c.inds {
			sc.Rows = append(sc.Rows, m.sheetRow(si, r.Period, e, g, sg.refs[si.ind.ID]))
		}
		d.IndicatorSum += sc.Subtotal
		d.Categories = append(d.Categories, sc)
	}
	if len(s.Adjustments) > 0 {
		d.Adjustments = make([]SheetAdjustment, 0, len(s.Adjustments))
	}
	for _, a := range s.Adjustments {
		var pts float64
		if sc := e.Adjustments[a.ID]; sc != nil {
			pts = sc.Points
		}
		d.AdjustmentSum += pts
		d.Adjustments = append(d.Adjustments, SheetAdjustment{Name: a.Name, Points: pts, Explain: explain.Adjustment(m.Config, a, e.Adjustments[a.ID], m.Lang)})
	}
	for _, v := range s.Vetoes {
		if line := explain.Veto(m.Config, s, v, r.Period, e, m.Lang); line != "" {
			d.Vetoes = append(d.Vetoes, line)
		}
	}
	hist := m.History(s.ID, e.Entity.ID)
	if sp.prev >= 0 && hist[sp.prev] != nil {
		p := rs[sp.prev].Period
		d.Prev = &PeriodLink{ID: p.ID, Label: sp.prevLabel, Path: SheetPath(s.ID, p.ID, e.Entity.ID)}
	}
	if sp.next >= 0 && hist[sp.next] != nil {
		p := rs[sp.next].Period
		d.Next = &PeriodLink{ID: p.ID, Label: sp.nextLabel, Path: SheetPath(s.ID, p.ID, e.Entity.ID)}
	}
	if err := sx.charts(d, s, sp, ss, e, sg.means, hist); err != nil {
		return nil, err
	}
	return d, nil
}

// sheetIndicator is one indicator's line for e.
func (m *Model) sheetIndicator(s *config.Scheme, ind *config.Indicator, pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group) SheetIndicator {
	var ref *float64
	if v, _ := rankIndicatorReference(g.Stats[ind.ID]); !math.IsNaN(v) {
		ref = &v
	}
	return m.sheetRow(m.newSheetInd(s, ind), pd, e, g, ref)
}

// sheetRow is the line of indicator si for e, whose group's reference
// for it is ref (nil when none; shared, not to be changed).
func (m *Model) sheetRow(si *sheetInd, pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group, ref *float64) SheetIndicator {
	ind := si.ind
	row := SheetIndicator{
		Name: ind.Name, Path: si.path, Format: ind.Format, Decimals: ind.Decimals,
		Weight: ind.Weight, Rule: si.rule, Reference: ref,
		Explain: si.text.Explain(pd, e, g),
	}
	st := g.Stats[ind.ID]
	if st != nil {
		row.N = st.N
	}
	sc := e.Indicators[ind.ID]
	if sc == nil {
		row.Missing = si.notScored
		return row
	}
	row.Points, row.Rank, row.Alert = sc.Points, sc.Rank, sc.Alert
	if sc.Value == nil || math.IsNaN(*sc.Value) || math.IsInf(*sc.Value, 0) {
		row.Missing = m.sheetMissing(ind, sc, st)
		return row
	}
	row.Value = sc.Value
	if ref != nil {
		diff := numfmt.Display(*sc.Value, ind.Format) - numfmt.Display(*ref, ind.Format)
		signed := numfmt.Signed(diff, ind.Decimals)
		row.Diff = signed + si.unit
		// numfmt.Signed is numfmt.Fixed with a "+" before positive values.
		if strings.TrimPrefix(signed, "+") != si.zero {
			switch x := diff * ind.Sign(); {
			case x > 0:
				row.DiffClass, row.DiffMark = "good", m.T("较好", "better")
			case x < 0:
				row.DiffClass, row.DiffMark = "bad", m.T("较差", "worse")
			}
		}
	}
	return row
}

// sheetUnit is the unit of a difference in display units.
func (m *Model) sheetUnit(format string) string {
	switch format {
	case numfmt.Percent:
		return m.T(" 个百分点", " pp")
	case numfmt.Days:
		return m.T(" 天", " days")
	}
	return ""
}

// sheetMissing says why a value is missing and what the policy gave.
func (m *Model) sheetMissing(ind *config.Indicator, sc *scoring.IndicatorScore, st *scoring.IndicatorStats) string {
	if st != nil && st.NoValues {
		return m.T("全组均无数据，本项得 0 分", "no member has a value: 0 points")
	}
	why := m.T("无数据", "no data")
	if sc.Invalid {
		why = m.T("不满足有效条件 ", "fails the condition ") + explain.Formula(m.Config, ind.ValidIf, m.Lang)
	}
	switch ind.Missing {
	case "zero":
		return why + m.T("，按 0 分计", "; scored 0")
	case "full":
		return why + m.T("，按满分计", "; scored full points")
	}
	return why + m.T("，按组内平均得分计", "; scored the group's mean points")
}

// sheetRule names an indicator's method in a few words.
func (m *Model) sheetRule(ind *config.Indicator) string {
	switch ind.Method {
	case "mean_relative":
		return m.T("与参考值比较加减分", "points for deviation from the reference")
	case "efficacy":
		return m.T("功效系数法", "efficacy coefficient")
	case "bands":
		return m.T("区间赋分", "bands")
	case "rank":
		return m.T("排名赋分", "by rank")
	case "target":
		return m.T("达标赋分", "target")
	case "zscore":
		return m.T("标准分", "standard score")
	case "range":
		return m.T("合理区间", "reasonable range")
	case "direct":
		return m.T("直接录入", "entered as data")
	}
	return ind.Method
}

// charts adds the radar of category achievement against the group mean
// and the history of rank and total over the periods of the same kind as
// this one.
func (sx *sheetIndex) charts(d *SheetPage, s *config.Scheme, sp *sheetPeriod, ss *sheetScheme, e *scoring.EntityResult, gm *rankGroupMeans, hist []*scoring.EntityResult) error {
	m := sx.m
	var err error
	if len(ss.cats) > 0 {
		axes := make([]chart.RadarAxis, 0, len(ss.cats))
		own := make([]float64, 0, len(ss.cats))
		mean := make([]float64, 0, len(ss.cats))
		top := 1.0
		for _, c := range ss.cats {
			a, b := math.NaN(), math.NaN()
			if c.full > 0 {
				a, b = e.Categories[c.c.ID]/c.full, gm.Categories[c.c.ID]/c.full
				top = math.Max(top, math.Max(a, b))
			}
			axes = append(axes, chart.RadarAxis{Name: c.c.Name})
			own = append(own, a)
			mean = append(mean, b)
		}
		for k := range axes {
			axes[k].Max = math.Ceil(top*10) * 10 // display units: percent
		}
		series := []chart.Series{{Name: e.Entity.Name, Values: own}, {Name: m.T("组内平均", "Group mean"), Values: mean, Dashed: true}}
		spec := chart.Spec{Title: m.T("各类得分率（得分 ÷ 满分）", "Category achievement (points ÷ full)"), Key: "radar",
			Format: numfmt.Percent, Decimals: 1, Corner: m.T("类别", "Category"), Height: 300}
		if len(axes) >= 3 {
			d.Radar, err = chart.Radar(spec, axes, series)
		} else {
			// A radar needs three spokes; fewer categories read better as bars.
			spec.Height = 260
			cats := make([]string, len(axes))
			for k, a := range axes {
				cats[k] = a.Name
			}
			d.Radar, err = chart.GroupedBars(spec, cats, series)
		}
		if err != nil {
			return err
		}
	}
	labels := make([]string, 0, len(sp.history))
	ranks := make([]float64, 0, len(sp.history))
	totals := make([]float64, 0, len(sp.history))
	means := make([]float64, 0, len(sp.history))
	// From the entity's first result in the series on: a period without
	// one is a gap in the lines (NaN), not left out and joined across.
	with := 0
	for _, h := range sp.history {
		x := hist[h.k]
		if x == nil {
			if len(labels) > 0 {
				labels = append(labels, h.label)
				ranks, totals, means = append(ranks, math.NaN()), append(totals, math.NaN()), append(means, math.NaN())
			}
			continue
		}
		with++
		labels = append(labels, h.label)
		ranks = append(ranks, float64(x.Rank))
		totals = append(totals, x.Total)
		mv, ok := h.means[x.Group]
		if !ok {
			mv = math.NaN()
		}
		means = append(means, mv)
	}
	if with < 2 {
		return nil
	}
	corner := m.T("考核期", "Period")
	d.RankChart, err = chart.RankLines(chart.Spec{Title: m.T("历次排名", "Rank over time"), Key: "rank-history", Corner: corner, Height: 260},
		labels, []chart.Series{{Name: m.T("排名", "Rank"), Values: ranks}})
	if err != nil {
		return err
	}
	d.TotalChart, err = chart.Lines(chart.Spec{Title: m.T("历次总分", "Total over time"), Key: "total-history", Format: numfmt.Number, Decimals: 2, Corner: corner, Height: 260},
		labels, []chart.Series{{Name: e.Entity.Name, Values: totals}, {Name: m.T("组内平均", "Group mean"), Values: means, Dashed: true}})
	return err
}

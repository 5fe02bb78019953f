package report

import (
	"math"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/explain"
	"kaoping/generator/numfmt"
	"kaoping/generator/render"
	"kaoping/generator/scoring"
)

func init() { register(sheetJobs) }

// SheetPage is one entity's score sheet for a scheme and period: every
// indicator's value against the reference, its points and the rule in
// words, then adjustments, vetoes, total, and the charts.
type SheetPage struct {
	Page    *render.Page
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
	Total      float64
	Grade      string
	Vetoed     bool
	VetoNames  string

	Categories    []SheetCategory
	IndicatorSum  float64
	Adjustments   []SheetAdjustment
	AdjustmentSum float64
	Vetoes        []string // explain.Veto for each veto that hit
	Summary       string   // explain.Summary

	Prev, Next *PeriodLink // this entity's sheet in the neighbouring periods of the same kind

	Radar      *render.Chart
	RankChart  *render.Chart // nil with fewer than two periods
	TotalChart *render.Chart
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
	Points, Weight            float64
	Rule                      string // the method in a few words
	Explain                   string // explain.Indicator: the whole computation
}

// SheetAdjustment is one adjustment's line.
type SheetAdjustment struct {
	Name    string
	Points  float64
	Explain string
}

func sheetJobs(m *Model) []Job {
	ix := newRankIndex(m)
	var jobs []Job
	for _, s := range m.Config.Schemes {
		for i, r := range m.Results[s.ID] {
			for gi, g := range r.Groups {
				for _, e := range g.Entities {
					jobs = append(jobs, Job{Path: SheetPath(s.ID, r.Period.ID, e.Entity.ID), Template: "sheet.html", Data: func() (any, error) {
						return ix.sheetPage(s, i, gi, e)
					}})
				}
			}
		}
	}
	return jobs
}

// sheetPage builds the score sheet of e, a member of group gi of the
// scheme's i-th result.
func (ix *rankIndex) sheetPage(s *config.Scheme, i, gi int, e *scoring.EntityResult) (*SheetPage, error) {
	m := ix.m
	rs := m.Results[s.ID]
	r := rs[i]
	g := r.Groups[gi]
	label := r.Period.Period.Label(m.Lang)
	path := SheetPath(s.ID, r.Period.ID, e.Entity.ID)
	ranking := RankingPath(s.ID, r.Period.ID)
	page := m.Page(path, e.Entity.Name+" · "+m.T("得分明细", "Score sheet"), render.NavRankings,
		render.Crumb{Label: m.T("考核排名", "Rankings"), Path: SchemesIndexPath()},
		render.Crumb{Label: s.Name, Path: SchemePath(s.ID)},
		render.Crumb{Label: label, Path: ranking})
	page.PrintHeader = s.Name + " · " + label + " · " + e.Entity.Name
	d := &SheetPage{
		Page: page, Scheme: s, Entity: e.Entity, Profile: EntityPath(e.Entity.ID),
		Period:  PeriodLink{ID: r.Period.ID, Label: label, Path: ranking, Derived: r.Period.Derived},
		Ranking: ranking + "#" + rankGroupAnchor(gi),
		Group:   m.rankGroupName(s, g.ID), N: len(g.Entities),
		Rank: e.Rank, RankChange: e.RankChange, Total: e.Total, Grade: e.Grade, Vetoed: e.Vetoed,
		VetoNames: rankVetoNames(s, e, m.T("、", ", ")),
		Summary:   explain.Summary(s, e, g, m.Lang),
	}
	for _, a := range m.rankAncestors(e.Entity) {
		d.Parents = append(d.Parents, RankingLink{Label: a.Name, Path: EntityPath(a.ID)})
	}
	gm := ix.groupMeans(s, g)
	for _, c := range s.Categories {
		sc := SheetCategory{Name: c.Name, Subtotal: e.Categories[c.ID], Full: rankCategoryFull(s, c), Mean: gm.Categories[c.ID]}
		for _, ind := range s.Indicators {
			if ind.Category == c.ID {
				sc.Rows = append(sc.Rows, m.sheetIndicator(s, ind, r.Period, e, g))
			}
		}
		d.IndicatorSum += sc.Subtotal
		d.Categories = append(d.Categories, sc)
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
	prev, next := m.rankNeighbours(s, i)
	if prev >= 0 && m.History(s.ID, e.Entity.ID)[prev] != nil {
		p := rs[prev].Period
		d.Prev = &PeriodLink{ID: p.ID, Label: p.Period.Label(m.Lang), Path: SheetPath(s.ID, p.ID, e.Entity.ID)}
	}
	if next >= 0 && m.History(s.ID, e.Entity.ID)[next] != nil {
		p := rs[next].Period
		d.Next = &PeriodLink{ID: p.ID, Label: p.Period.Label(m.Lang), Path: SheetPath(s.ID, p.ID, e.Entity.ID)}
	}
	if err := ix.sheetCharts(d, s, i, e, gm); err != nil {
		return nil, err
	}
	return d, nil
}

// sheetIndicator is one indicator's line for e.
func (m *Model) sheetIndicator(s *config.Scheme, ind *config.Indicator, pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group) SheetIndicator {
	row := SheetIndicator{
		Name: ind.Name, Path: IndicatorPath(s.ID, ind.ID), Format: ind.Format, Decimals: ind.Decimals,
		Weight: ind.Weight, Rule: m.sheetRule(ind),
		Explain: explain.Indicator(m.Config, ind, pd, e, g, m.Lang),
	}
	st := g.Stats[ind.ID]
	if st != nil {
		row.N = st.N
	}
	if ref, _ := rankIndicatorReference(st); !math.IsNaN(ref) {
		row.Reference = &ref
	}
	sc := e.Indicators[ind.ID]
	if sc == nil {
		row.Missing = m.T("未计分", "not scored")
		return row
	}
	row.Points, row.Rank = sc.Points, sc.Rank
	if sc.Value == nil || math.IsNaN(*sc.Value) || math.IsInf(*sc.Value, 0) {
		row.Missing = m.sheetMissing(ind, sc, st)
		return row
	}
	row.Value = sc.Value
	if row.Reference != nil {
		diff := numfmt.Display(*sc.Value, ind.Format) - numfmt.Display(*row.Reference, ind.Format)
		row.Diff = numfmt.Signed(diff, ind.Decimals) + m.sheetUnit(ind.Format)
		if numfmt.Fixed(diff, ind.Decimals) != numfmt.Fixed(0, ind.Decimals) {
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
		why = m.T("不满足有效条件 ", "fails the condition ") + ind.ValidIf
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

// sheetCharts adds the radar of category achievement against the group
// mean and the history of rank and total over the periods of the same
// kind as this one.
func (ix *rankIndex) sheetCharts(d *SheetPage, s *config.Scheme, i int, e *scoring.EntityResult, gm *rankGroupMeans) error {
	m := ix.m
	var err error
	if len(s.Categories) > 0 {
		var axes []render.RadarAxis
		own := make([]float64, 0, len(s.Categories))
		mean := make([]float64, 0, len(s.Categories))
		top := 1.0
		for _, c := range s.Categories {
			full := rankCategoryFull(s, c)
			a, b := math.NaN(), math.NaN()
			if full > 0 {
				a, b = e.Categories[c.ID]/full, gm.Categories[c.ID]/full
				top = math.Max(top, math.Max(a, b))
			}
			axes = append(axes, render.RadarAxis{Name: c.Name})
			own = append(own, a)
			mean = append(mean, b)
		}
		for k := range axes {
			axes[k].Max = math.Ceil(top*10) * 10 // display units: percent
		}
		series := []render.Series{{Name: e.Entity.Name, Values: own}, {Name: m.T("组内平均", "Group mean"), Values: mean, Dashed: true}}
		spec := render.Spec{Title: m.T("各类得分率（得分 ÷ 满分）", "Category achievement (points ÷ full)"), Key: "radar",
			Format: numfmt.Percent, Decimals: 1, Corner: m.T("类别", "Category"), Height: 300}
		if len(axes) >= 3 {
			d.Radar, err = render.Radar(spec, axes, series)
		} else {
			// A radar needs three spokes; fewer categories read better as bars.
			spec.Height = 260
			cats := make([]string, len(axes))
			for k, a := range axes {
				cats[k] = a.Name
			}
			d.Radar, err = render.GroupedBars(spec, cats, series)
		}
		if err != nil {
			return err
		}
	}
	rs := m.Results[s.ID]
	hist := m.History(s.ID, e.Entity.ID)
	var labels []string
	var ranks, totals, means []float64
	for _, k := range m.rankSeries(s, i) {
		if k > i {
			break
		}
		x := hist[k]
		if x == nil {
			continue
		}
		labels = append(labels, rs[k].Period.Period.ShortLabel(m.Lang))
		ranks = append(ranks, float64(x.Rank))
		totals = append(totals, x.Total)
		mv := math.NaN()
		for _, g := range rs[k].Groups {
			if g.ID == x.Group {
				mv = ix.groupMeans(s, g).Total
			}
		}
		means = append(means, mv)
	}
	if len(labels) < 2 {
		return nil
	}
	corner := m.T("考核期", "Period")
	d.RankChart, err = render.RankLines(render.Spec{Title: m.T("历次排名", "Rank over time"), Key: "rank-history", Corner: corner, Height: 260},
		labels, []render.Series{{Name: m.T("排名", "Rank"), Values: ranks}})
	if err != nil {
		return err
	}
	d.TotalChart, err = render.Lines(render.Spec{Title: m.T("历次总分", "Total over time"), Key: "total-history", Format: numfmt.Number, Decimals: 2, Corner: corner, Height: 260},
		labels, []render.Series{{Name: e.Entity.Name, Values: totals}, {Name: m.T("组内平均", "Group mean"), Values: means, Dashed: true}})
	return err
}

package report

import (
	"strconv"
	"sync"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

// EntityPage is an entity's profile: where it sits in the hierarchy, its
// results in every scheme that scores it, over every period, and its
// children with their latest results (drill-down).
type EntityPage struct {
	Page    *Page
	Entity  *dataset.Entity
	Kind    string     // readable kind
	Parent  *EntityRef // nil for a root
	Schemes []*EntitySchemeView
	// Children, with a column per scheme in ChildSchemes.
	Children     []ChildRow
	ChildSchemes []*config.Scheme
	HasBelow     bool // some child has children (the 下属 column)
	// Comparisons of the nearest level of descendants that a scheme
	// scores (the children of a city, the prosecutors of a procuratorate).
	Comparisons []*Comparison
}

// EntityRef is a link to an entity's profile.
type EntityRef struct {
	ID, Name, Kind, Path string
}

// ChildRow is one child in the drill-down table.
type ChildRow struct {
	EntityRef
	Below string      // descendants by kind, e.g. "部门 5 · 检察官 10"
	Cells []ChildCell // aligned with EntityPage.ChildSchemes
}

// ChildCell is a child's latest result in one scheme.
type ChildCell struct {
	Scored bool
	Total  float64
	Rank   int
	N      int
	Grade  string
	Sheet  string // site path of the score sheet
	Period string // the period's short label when it is not the scheme's latest
}

// EntitySchemeView is an entity's results in one scheme.
type EntitySchemeView struct {
	Scheme     *config.Scheme
	Overview   string // site path of the scheme overview
	Latest     *PeriodRow
	NotLatest  bool   // the entity's latest result is older than the scheme's latest period
	Group      string // label of the peer group in the latest result
	Rows       []PeriodRow
	HasDerived bool          // some rows are cumulative periods
	Trends     []EntityTrend // one per kind of period the entity has results in
	// HasAlerts: some indicator of the scheme has `alert`, so the profile
	// lists the indicators in 预警 in the latest period (Alerts, possibly
	// empty), with their sheet for the details.
	HasAlerts bool
	Alerts    []AlertItem
}

// EntityTrend is an entity's trend over one run of periods of the same
// kind (按季度, 按月, 季度累计, …): its total, its rank and its key
// indicators, each against the group.
type EntityTrend struct {
	Name   string // 按季度
	Span   string // 2024年一季度至2025年四季度，8 期
	Points int    // periods on the axis
	Total  *chart.Chart
	Rank   *chart.Chart
	Keys   []*chart.Chart
}

// PeriodRow is one period of an entity's results in a scheme.
type PeriodRow struct {
	Label      string
	Sheet      string // site path of the score sheet
	Ranking    string // site path of the ranking
	Derived    bool
	Rank, N    int
	Total      float64
	GroupMean  float64
	Diff       float64 // Total − GroupMean
	Grade      string
	RankChange *int
	NoPrevious bool // the period has no previous one: the change reads —
	Vetoed     bool
}

// Comparison is a bar chart of the latest totals of some of an entity's
// descendants in one scheme.
type Comparison struct {
	Scheme  *config.Scheme
	Period  string // label
	Ranking string // site path of that period's ranking
	Chart   *chart.Chart
	Count   int
}

func entityJobs(m *Model) []Job {
	idx := sync.OnceValue(func() *entityIndex { return newEntityIndex(m) })
	jobs := make([]Job, 0, len(m.Data.Entities.All))
	for _, e := range m.Data.Entities.All {
		jobs = append(jobs, Job{Path: EntityPath(e.ID), Data: func() (any, error) {
			return m.entityPage(idx(), e)
		}})
	}
	return jobs
}

// entityRef makes a link to e's profile.
func (m *Model) entityRef(e *dataset.Entity) EntityRef {
	return EntityRef{ID: e.ID, Name: e.Name, Kind: m.KindLabel(e.Kind), Path: EntityPath(e.ID)}
}

// entityCrumbs are the breadcrumbs above a profile: 单位, then every
// ancestor, root first.
func (m *Model) entityCrumbs(e *dataset.Entity) []Crumb {
	crumbs := []Crumb{{Label: m.T("单位", "Units"), Path: EntitiesPath()}}
	for _, a := range m.Data.Entities.Ancestors(e.ID) {
		crumbs = append(crumbs, Crumb{Label: a.Name, Path: EntityPath(a.ID)})
	}
	return crumbs
}

func (m *Model) entityPage(idx *entityIndex, e *dataset.Entity) (*EntityPage, error) {
	page := m.Page(EntityPath(e.ID), e.Name, NavEntities, m.entityCrumbs(e)...)
	d := &EntityPage{
		Page:   page,
		Entity: e,
		Kind:   m.KindLabel(e.Kind),
	}
	if p := m.Data.Entities.Get(e.Parent); p != nil {
		ref := m.entityRef(p)
		d.Parent = &ref
	}
	for _, s := range m.Config.Schemes {
		if m.History(s.ID, e.ID) == nil {
			continue
		}
		v, err := m.entitySchemeView(idx, s, e)
		if err != nil {
			return nil, err
		}
		d.Schemes = append(d.Schemes, v)
	}
	m.entityChildren(idx, d, e)
	cmp, err := m.descendantComparisons(idx, e)
	if err != nil {
		return nil, err
	}
	d.Comparisons = cmp
	return d, nil
}

// periodRow describes er, the entity's result in the result of index i.
func (m *Model) periodRow(si *profileScheme, i int, derived bool, er *scoring.EntityResult) PeriodRow {
	pi := &si.periods[i]
	g := pi.group(er.Group)
	row := PeriodRow{
		Label:   pi.label,
		Sheet:   pi.sheets + er.Entity.ID + ".html",
		Ranking: pi.ranking,
		Derived: derived,
		Rank:    er.Rank, N: g.n,
		Total: er.Total, GroupMean: g.mean, Diff: er.Total - g.mean,
		Grade: er.Grade, RankChange: er.RankChange, NoPrevious: pi.noPrevious, Vetoed: er.Vetoed,
	}
	return row
}

// entityChildren fills the drill-down table: every child with, for each
// scheme that scores some child, its latest result there.
func (m *Model) entityChildren(idx *entityIndex, d *EntityPage, e *dataset.Entity) {
	children := m.Data.Entities.Children(e.ID)
	for _, s := range m.Config.Schemes {
		for _, c := range children {
			if m.History(s.ID, c.ID) != nil {
				d.ChildSchemes = append(d.ChildSchemes, s)
				break
			}
		}
	}
	for _, c := range children {
		row := ChildRow{EntityRef: m.entityRef(c), Below: m.belowSummary(c)}
		d.HasBelow = d.HasBelow || row.Below != ""
		for _, s := range d.ChildSchemes {
			row.Cells = append(row.Cells, m.childCell(idx, s, c))
		}
		d.Children = append(d.Children, row)
	}
}

// childCell is c's latest result in s (empty when never scored).
func (m *Model) childCell(idx *entityIndex, s *config.Scheme, c *dataset.Entity) ChildCell {
	hist := m.History(s.ID, c.ID)
	si := idx.schemes[s.ID]
	for i := len(hist) - 1; i >= 0; i-- {
		er := hist[i]
		if er == nil {
			continue
		}
		pi := &si.periods[i]
		cell := ChildCell{Scored: true, Total: er.Total, Rank: er.Rank, Grade: er.Grade,
			Sheet: pi.sheets + c.ID + ".html", N: pi.group(er.Group).n}
		if i != len(si.periods)-1 {
			cell.Period = pi.short
		}
		return cell
	}
	return ChildCell{}
}

// belowSummary counts e's descendants by kind, kinds in order of first
// appearance: "部门 5 · 检察官 10"; "" for a leaf.
func (m *Model) belowSummary(e *dataset.Entity) string {
	var kinds []string
	count := map[string]int{}
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		if depth > len(m.Data.Entities.All) { // a cycle; entities.csv forbids them
			return
		}
		for _, c := range m.Data.Entities.Children(id) {
			if count[c.Kind] == 0 {
				kinds = append(kinds, c.Kind)
			}
			count[c.Kind]++
			walk(c.ID, depth+1)
		}
	}
	walk(e.ID, 0)
	out := ""
	for i, k := range kinds {
		if i > 0 {
			out += " · "
		}
		out += m.KindLabel(k) + " " + strconv.Itoa(count[k])
	}
	return out
}

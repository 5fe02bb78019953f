package report

import (
	"fmt"
	"math"
	"slices"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/render"
	"kaoping/generator/scoring"
)

// profileKeyIndicators is how many indicators of the highest weight a
// profile follows over time.
const profileKeyIndicators = 4

// maxComparisonBars bounds the descendants' comparison chart; a larger
// level is left to the ranking page.
const maxComparisonBars = 80

// entitySchemeView collects e's results in s: a row per period (latest
// first), the latest summary and the trend charts over plain periods.
func (m *Model) entitySchemeView(idx *entityIndex, page *render.Page, s *config.Scheme, e *dataset.Entity) (*EntitySchemeView, error) {
	rs := m.Results[s.ID]
	hist := m.History(s.ID, e.ID)
	v := &EntitySchemeView{Scheme: s, Overview: SchemePath(s.ID)}
	latest := -1
	for i := len(rs) - 1; i >= 0; i-- {
		if hist[i] == nil {
			continue
		}
		if latest < 0 {
			latest = i
		}
		row := m.periodRow(idx, page, s, rs[i], hist[i])
		v.HasDerived = v.HasDerived || row.Derived
		v.Rows = append(v.Rows, row)
	}
	if latest < 0 {
		return v, nil
	}
	v.Latest = &v.Rows[0]
	v.NotLatest = latest != len(rs)-1
	if gid := hist[latest].Group; gid != scoring.AllGroup {
		v.Group = m.GroupLabel(s, gid)
	}

	var points []int
	for _, i := range m.trendIndexes(s) {
		if hist[i] != nil {
			points = append(points, i)
		}
	}
	v.TrendPoints = len(points)
	if len(points) == 0 {
		return v, nil
	}
	labels := make([]string, len(points))
	totals := make([]float64, len(points))
	means := make([]float64, len(points))
	ranks := make([]float64, len(points))
	groups := make([]*scoring.Group, len(points))
	for j, i := range points {
		er := hist[i]
		labels[j] = m.shortLabel(rs[i].Period)
		groups[j] = findGroup(rs[i], er.Group)
		totals[j] = er.Total
		means[j] = idx.means.of(groups[j])
		ranks[j] = float64(er.Rank)
	}
	corner := m.T("考核期", "Period")
	meanName := m.T("组内平均", "Group mean")
	var err error
	v.TotalChart, err = render.Lines(render.Spec{
		Title: m.T("总分（虚线：组内平均）", "Total (dashed: group mean)"), Key: s.ID + "/total",
		Format: "number", Decimals: 2, Corner: corner,
	}, labels, []render.Series{{Name: e.Name, Values: totals}, {Name: meanName, Values: means, Dashed: true}})
	if err != nil {
		return nil, err
	}
	v.RankChart, err = render.RankLines(render.Spec{
		Title: m.T("组内排名（第 1 名在上）", "Rank in the group (first at the top)"), Key: s.ID + "/rank", Corner: corner,
	}, labels, []render.Series{{Name: e.Name, Values: ranks}})
	if err != nil {
		return nil, err
	}
	for _, ind := range keyIndicators(s, profileKeyIndicators) {
		vals := make([]float64, len(points))
		refs := make([]float64, len(points))
		for j, i := range points {
			vals[j] = math.NaN()
			if sc := hist[i].Indicators[ind.ID]; sc != nil {
				vals[j] = valueOrNaN(sc.Value)
			}
			refs[j] = math.NaN()
			if groups[j] != nil {
				ref, _ := m.indicatorReference(ind, groups[j].Stats[ind.ID])
				refs[j] = valueOrNaN(ref)
			}
		}
		refName := m.referenceName(ind)
		c, err := render.Lines(render.Spec{
			Title:  fmt.Sprintf(m.T("%s（虚线：%s）", "%s (dashed: %s)"), ind.Name, refName),
			Key:    s.ID + "/ind/" + ind.ID,
			Format: ind.Format, Decimals: ind.Decimals, Corner: corner, Height: 260,
		}, labels, []render.Series{{Name: e.Name, Values: vals}, {Name: refName, Values: refs, Dashed: true}})
		if err != nil {
			return nil, err
		}
		v.KeyCharts = append(v.KeyCharts, c)
	}
	return v, nil
}

// descendantComparisons compares the nearest level of e's descendants that
// any scheme scores (children, else grandchildren, …): for each scheme, a
// bar chart of their totals in the scheme's latest period with the mean
// as reference. A procuratorate's departments are not scored, so its
// profile compares its prosecutors.
func (m *Model) descendantComparisons(idx *entityIndex, e *dataset.Entity) ([]*Comparison, error) {
	level := m.Data.Entities.Children(e.ID)
	for depth := 0; len(level) > 0 && depth < 8; depth++ {
		scored := false
		var out []*Comparison
		for _, s := range m.Config.Schemes {
			c, seen, err := m.levelComparison(idx, s, level)
			if err != nil {
				return nil, err
			}
			scored = scored || seen
			if c != nil {
				out = append(out, c)
			}
		}
		if scored {
			return out, nil
		}
		var next []*dataset.Entity
		for _, x := range level {
			next = append(next, m.Data.Entities.Children(x.ID)...)
		}
		level = next
	}
	return nil, nil
}

// levelComparison charts the members of level scored in s's latest
// period; seen reports whether s ever scored one of them.
func (m *Model) levelComparison(idx *entityIndex, s *config.Scheme, level []*dataset.Entity) (*Comparison, bool, error) {
	rs := m.Results[s.ID]
	if len(rs) == 0 {
		return nil, false, nil
	}
	last := len(rs) - 1
	r := rs[last]
	seen := false
	var members []*scoring.EntityResult
	for _, x := range level {
		hist := m.History(s.ID, x.ID)
		if hist == nil {
			continue
		}
		seen = true
		if hist[last] != nil {
			members = append(members, hist[last])
		}
	}
	if len(members) == 0 {
		return nil, seen, nil
	}
	slices.SortStableFunc(members, func(a, b *scoring.EntityResult) int {
		switch {
		case a.Total > b.Total:
			return -1
		case a.Total < b.Total:
			return 1
		}
		return 0
	})
	c := &Comparison{Scheme: s, Period: r.Period.Period.Label(m.Lang), Ranking: RankingPath(s.ID, r.Period.ID), Count: len(members)}
	if len(members) > maxComparisonBars {
		return c, true, nil
	}
	names := make([]string, len(members))
	values := make([]float64, len(members))
	groupSet := map[string]bool{}
	sum := 0.0
	for i, er := range members {
		names[i] = er.Entity.Name
		values[i] = er.Total
		groupSet[er.Group] = true
		sum += er.Total
	}
	ref, refName := sum/float64(len(members)), m.T("平均", "Mean")
	if len(groupSet) == 1 {
		ref, refName = idx.means.of(findGroup(r, members[0].Group)), m.T("组内平均", "Group mean")
	}
	var err error
	c.Chart, err = render.BarReference(render.Spec{
		Title:  fmt.Sprintf(m.T("%s：%s总分（%s）", "%s: totals of the %s (%s)"), s.Name, m.KindLabel(s.Kind), c.Period),
		Key:    "cmp/" + s.ID,
		Format: "number", Decimals: 2, Corner: m.KindLabel(s.Kind),
	}, names, values, ref, refName)
	return c, true, err
}

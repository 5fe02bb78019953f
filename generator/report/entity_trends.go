package report

import (
	"fmt"
	"math"
	"slices"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/dataset"
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
func (m *Model) entitySchemeView(idx *entityIndex, s *config.Scheme, e *dataset.Entity) (*EntitySchemeView, error) {
	rs := m.Results[s.ID]
	si := idx.schemes[s.ID]
	hist := m.History(s.ID, e.ID)
	v := &EntitySchemeView{Scheme: s, Overview: si.overview}
	latest := -1
	for i := len(rs) - 1; i >= 0; i-- {
		if hist[i] == nil {
			continue
		}
		if latest < 0 {
			latest = i
			v.Rows = make([]PeriodRow, 0, i+1)
		}
		row := m.periodRow(si, i, rs[i].Period.Derived, hist[i])
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
	if v.HasAlerts = HasAlerts(s); v.HasAlerts {
		if g := findGroup(rs[latest], hist[latest].Group); g != nil {
			v.Alerts = m.alertItems(s, hist[latest], g, true)
		}
	}
	err := m.trendCharts(v, si, e, hist)
	return v, err
}

// trendCharts draws e's total, rank and key indicators over each run of
// periods of one kind (trendSeries) in which e has a result. A run's axis
// goes from e's first result in it to its last; a period in between
// without a result is a gap in the lines, not a joint.
func (m *Model) trendCharts(v *EntitySchemeView, si *profileScheme, e *dataset.Entity, hist []*scoring.EntityResult) error {
	for _, ts := range si.trends {
		first, last := -1, -1
		for j, i := range ts.idxs {
			if hist[i] != nil {
				if first < 0 {
					first = j
				}
				last = j
			}
		}
		if first < 0 {
			continue
		}
		t, err := m.entityTrend(si, e, hist, ts, ts.idxs[first:last+1])
		if err != nil {
			return err
		}
		v.Trends = append(v.Trends, t)
	}
	return nil
}

// entityTrend draws one run: points are the result indexes on its axis.
func (m *Model) entityTrend(si *profileScheme, e *dataset.Entity, hist []*scoring.EntityResult, ts trendSeries, points []int) (EntityTrend, error) {
	n := len(points)
	rs := m.Results[si.scheme]
	t := EntityTrend{Name: ts.name, Points: n, Span: m.spanText(rs[points[0]].Period, rs[points[n-1]].Period, n)}
	labels := make([]string, n)
	groups := make([]groupInfo, n)
	floats := make([]float64, 3*n) // totals, means, ranks in one allocation
	totals, means, ranks := floats[:n:n], floats[n:2*n:2*n], floats[2*n:]
	for j, i := range points {
		pi := &si.periods[i]
		labels[j] = pi.short
		totals[j], means[j], ranks[j] = math.NaN(), math.NaN(), math.NaN()
		if er := hist[i]; er != nil {
			groups[j] = pi.group(er.Group)
			totals[j] = er.Total
			means[j] = groups[j].mean
			ranks[j] = float64(er.Rank)
		}
	}
	corner := m.T("考核期", "Period")
	suffix := " · " + ts.name
	var err error
	t.Total, err = chart.Lines(chart.Spec{
		Title: m.T("总分"+suffix+"（虚线：组内平均）", "Total"+suffix+" (dashed: group mean)"), Key: si.spec[0] + "/" + ts.key,
		Format: "number", Decimals: 2, Corner: corner,
	}, labels, []chart.Series{{Name: e.Name, Values: totals}, {Name: m.T("组内平均", "Group mean"), Values: means, Dashed: true}})
	if err != nil {
		return t, err
	}
	t.Rank, err = chart.RankLines(chart.Spec{
		Title: m.T("组内排名"+suffix+"（第 1 名在上）", "Rank in the group"+suffix+" (first at the top)"), Key: si.spec[1] + "/" + ts.key, Corner: corner,
	}, labels, []chart.Series{{Name: e.Name, Values: ranks}})
	if err != nil {
		return t, err
	}
	t.Keys = make([]*chart.Chart, 0, len(si.keys))
	for _, k := range si.keys {
		c, err := chart.Lines(chart.Spec{
			Title: fmt.Sprintf(k.title, ts.name), Key: k.key + "/" + ts.key,
			Format: k.ind.Format, Decimals: k.ind.Decimals, Corner: corner, Height: 260,
		}, labels, []chart.Series{{Name: e.Name, Values: m.keyValues(k.ind, hist, points)}, {Name: k.refName, Values: keyReferences(m, k.ind, groups), Dashed: true}})
		if err != nil {
			return t, err
		}
		t.Keys = append(t.Keys, c)
	}
	return t, nil
}

// keyValues are an indicator's values in the results at points (NaN
// where missing).
func (m *Model) keyValues(ind *config.Indicator, hist []*scoring.EntityResult, points []int) []float64 {
	vals := make([]float64, len(points))
	for j, i := range points {
		vals[j] = math.NaN()
		if hist[i] == nil {
			continue
		}
		if sc := hist[i].Indicators[ind.ID]; sc != nil {
			vals[j] = valueOrNaN(sc.Value)
		}
	}
	return vals
}

// keyReferences are an indicator's references in the groups (NaN where
// there is none).
func keyReferences(m *Model, ind *config.Indicator, groups []groupInfo) []float64 {
	refs := make([]float64, len(groups))
	for j, g := range groups {
		refs[j] = math.NaN()
		if g.g != nil {
			ref, _ := m.indicatorReference(ind, g.g.Stats[ind.ID])
			refs[j] = valueOrNaN(ref)
		}
	}
	return refs
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
	ids := make([]string, len(members))
	values := make([]float64, len(members))
	groupSet := map[string]bool{}
	sum := 0.0
	for i, er := range members {
		names[i], ids[i] = er.Entity.Name, er.Entity.ID
		values[i] = er.Total
		groupSet[er.Group] = true
		sum += er.Total
	}
	ref, refName := sum/float64(len(members)), m.T("平均", "Mean")
	if len(groupSet) == 1 {
		ref, refName = idx.means.of(findGroup(r, members[0].Group)), m.T("组内平均", "Group mean")
	}
	var err error
	c.Chart, err = chart.BarReference(chart.Spec{
		Title:  fmt.Sprintf(m.T("%s：%s总分（%s）", "%s: totals of the %s (%s)"), s.Name, m.KindLabel(s.Kind), c.Period),
		Key:    "cmp/" + s.ID,
		Format: "number", Decimals: 2, Corner: m.KindLabel(s.Kind),
		Home: m.homeLabel(ids, names), Cue: m.cue(1, refName),
	}, names, values, ref, refName)
	return c, true, err
}

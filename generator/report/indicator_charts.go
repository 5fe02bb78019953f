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

// trendAllMembers: a group of at most this many members gets a line per
// member; a larger one gets the reference, the minimum, the maximum and
// the latest top and bottom three.
const trendAllMembers = 8

// indicatorCharts adds to ig the latest distribution, and the trend
// lines and the heatmap of the group gid over each run of periods of one
// kind (trendSeries).
func (m *Model) indicatorCharts(s *config.Scheme, ind *config.Indicator, gid string, ig *IndicatorGroup, order map[string]int) error {
	spec := func(title, key string) chart.Spec {
		return chart.Spec{Title: title, Key: key + "/" + gid, Format: ind.Format, Decimals: ind.Decimals}
	}
	var err error
	var ids []string
	var values []float64
	for _, row := range ig.Rows {
		if row.Value != nil {
			ids = append(ids, row.ID)
			values = append(values, *row.Value)
		}
	}
	names := uniqueNames(m, ids)
	if len(ig.Rows) > maxComparisonBars {
		ig.TooMany = len(ig.Rows)
	} else if len(values) > 0 {
		sp := spec(fmt.Sprintf(m.T("%s：各单位数值（%s）%s", "%s by member (%s)%s"), ind.Name, m.T("红线："+ig.RefName, "red line: "+ig.RefName), m.directionText(ind)), "dist")
		sp.Corner = m.T("单位", "Member")
		sp.Home = m.homeLabel(ids, names)
		sp.Cue = m.cue(ind.Sign(), ig.RefName)
		ig.Distribution, err = chart.BarReference(sp, names, values, valueOrNaN(ig.Reference), ig.RefName)
		if err != nil {
			return err
		}
	}

	for _, ts := range m.trendSeries(s) {
		it, err := m.indicatorTrend(s, ind, gid, ig, order, ts)
		if err != nil {
			return err
		}
		if it != nil {
			ig.Trends = append(ig.Trends, *it)
		}
	}
	return nil
}

// indicatorTrend draws the group's values over one run of periods: the
// members of the group in any of them, in hierarchy order; nil when the
// group is in none of them.
func (m *Model) indicatorTrend(s *config.Scheme, ind *config.Indicator, gid string, ig *IndicatorGroup, order map[string]int, ts trendSeries) (*IndicatorTrend, error) {
	spec := func(title, key string) chart.Spec {
		return chart.Spec{Title: title, Key: key + "/" + gid + "/" + ts.key, Format: ind.Format, Decimals: ind.Decimals}
	}
	rs := m.Results[s.ID]
	idxs := ts.idxs
	labels := make([]string, len(idxs))
	groups := make([]*scoring.Group, len(idxs))
	var members []*dataset.Entity
	seen := map[string]bool{}
	for j, i := range idxs {
		labels[j] = m.shortLabel(rs[i].Period)
		groups[j] = findGroup(rs[i], gid)
		if groups[j] == nil {
			continue
		}
		for _, e := range groups[j].Entities {
			if !seen[e.Entity.ID] {
				seen[e.Entity.ID] = true
				members = append(members, e.Entity)
			}
		}
	}
	if len(members) == 0 {
		return nil, nil
	}
	it := &IndicatorTrend{Name: ts.name, Span: m.spanText(rs[idxs[0]].Period, rs[idxs[len(idxs)-1]].Period, len(idxs))}
	slices.SortStableFunc(members, func(a, b *dataset.Entity) int { return order[a.ID] - order[b.ID] })
	valueAt := func(id string, j int) float64 {
		if groups[j] == nil {
			return math.NaN()
		}
		if er := memberResult(m, s, id, idxs[j]); er != nil {
			if sc := er.Indicators[ind.ID]; sc != nil {
				return valueOrNaN(sc.Value)
			}
		}
		return math.NaN()
	}
	statAt := func(j int, f func(*scoring.IndicatorStats) *float64) float64 {
		if groups[j] == nil || groups[j].Stats[ind.ID] == nil {
			return math.NaN()
		}
		return valueOrNaN(f(groups[j].Stats[ind.ID]))
	}
	refs := make([]float64, len(idxs))
	for j := range idxs {
		refs[j] = statAt(j, func(st *scoring.IndicatorStats) *float64 { r, _ := m.indicatorReference(ind, st); return r })
	}
	series := []chart.Series{{Name: ig.RefName, Values: refs, Dashed: true}}
	var shown []string // member ids with a line
	if len(members) <= trendAllMembers {
		for _, e := range members {
			shown = append(shown, e.ID)
		}
	} else {
		mins := make([]float64, len(idxs))
		maxs := make([]float64, len(idxs))
		for j := range idxs {
			mins[j] = statAt(j, func(st *scoring.IndicatorStats) *float64 { return st.Min })
			maxs[j] = statAt(j, func(st *scoring.IndicatorStats) *float64 { return st.Max })
		}
		series = append(series, chart.Series{Name: m.T("组内最高", "Group maximum"), Values: maxs},
			chart.Series{Name: m.T("组内最低", "Group minimum"), Values: mins})
		shown = extremes(ig.Rows, 3)
	}
	names := uniqueNames(m, shown)
	for k, id := range shown {
		vals := make([]float64, len(idxs))
		for j := range idxs {
			vals[j] = valueAt(id, j)
		}
		series = append(series, chart.Series{Name: names[k], Values: vals})
	}
	suffix := " · " + ts.name
	title := m.T("历期数值"+suffix+"（虚线："+ig.RefName+"）", "Values over periods"+suffix+" (dashed: "+ig.RefName+")")
	if len(members) > trendAllMembers {
		title = m.T("历期数值"+suffix+"：参考值、最高、最低与最新一期前三名、后三名", "Values over periods"+suffix+": reference, maximum, minimum, and the latest top and bottom three")
	}
	sp := spec(title+m.directionText(ind), "trend")
	sp.Corner = m.T("考核期", "Period")
	sp.Home = m.homeLabel(shown, names)
	var err error
	if it.Trend, err = chart.Lines(sp, labels, series); err != nil {
		return nil, err
	}

	if len(members) > maxComparisonBars {
		ig.TooMany = len(members)
		return it, nil
	}
	ids := make([]string, len(members))
	for k, e := range members {
		ids[k] = e.ID
	}
	rows := uniqueNames(m, ids)
	grid := make([][]float64, len(members))
	for k, e := range members {
		grid[k] = make([]float64, len(idxs))
		for j := range idxs {
			grid[k][j] = valueAt(e.ID, j)
		}
	}
	// Darker is better whichever way the indicator points.
	heat := m.T("各单位历期数值"+suffix+"（颜色越深越好：越高越好）", "Values by member and period"+suffix+" (darker = better: higher is better)")
	switch {
	case ind.Sign() < 0:
		heat = m.T("各单位历期数值"+suffix+"（颜色越深越好：越低越好）", "Values by member and period"+suffix+" (darker = better: lower is better)")
	case ind.Sign() == 0: // no better side (range, direct)
		heat = m.T("各单位历期数值"+suffix+"（颜色越深数值越大）", "Values by member and period"+suffix+" (darker = larger)")
	}
	sp = spec(heat, "heatmap")
	sp.Corner = m.T("单位", "Member")
	sp.Home = m.homeLabel(ids, rows)
	sp.Cue = chart.Cue{Direction: int(ind.Sign())}
	it.Heatmap, err = chart.Heatmap(sp, rows, labels, grid)
	return it, err
}

// memberResult is entity id's result in the scheme's i-th result, or nil.
func memberResult(m *Model, s *config.Scheme, id string, i int) *scoring.EntityResult {
	if h := m.History(s.ID, id); h != nil {
		return h[i]
	}
	return nil
}

// extremes returns the ids of the first n and the last n rows with a
// value (rows are sorted best first), without repeats.
func extremes(rows []IndicatorRow, n int) []string {
	var with []string
	for _, r := range rows {
		if r.Value != nil {
			with = append(with, r.ID)
		}
	}
	if len(with) <= 2*n {
		return with
	}
	return append(slices.Clone(with[:n]), with[len(with)-n:]...)
}

// uniqueNames returns the names of the entities ids, adding the id to a
// name that two of them share, so that chart categories stay distinct.
func uniqueNames(m *Model, ids []string) []string {
	count := map[string]int{}
	for _, id := range ids {
		count[m.Data.Entities.Get(id).Name]++
	}
	out := make([]string, len(ids))
	for k, id := range ids {
		name := m.Data.Entities.Get(id).Name
		if count[name] > 1 {
			name += "（" + id + "）"
		}
		out[k] = name
	}
	return out
}

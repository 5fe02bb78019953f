package report

import (
	"math"
	"slices"
	"strconv"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"kaoping/generator/scoring"
)

// Helpers shared by the entity, indicator and scheme overview pages.

// KindLabel is a readable name of an entity kind (基层院, 检察官, …); a
// kind the site does not know is shown as written in entities.csv.
func (m *Model) KindLabel(kind string) string {
	labels := map[string][2]string{
		"province":      {"省院", "Provincial procuratorate"},
		"city":          {"市院", "City procuratorate"},
		"procuratorate": {"基层院", "Basic procuratorate"},
		"department":    {"部门", "Department"},
		"prosecutor":    {"检察官", "Prosecutor"},
	}
	if l, ok := labels[kind]; ok {
		return m.T(l[0], l[1])
	}
	return kind
}

// MembersText counts members of a kind in words: 6 个基层院, 32 名检察官
// (a bare number in a heading, 全部（6）, left readers guessing what was
// counted).
func (m *Model) MembersText(kind string, n int) string {
	if m.Lang == "en" {
		if n == 1 {
			return "1 member"
		}
		return strconv.Itoa(n) + " members"
	}
	unit := " 个"
	if kind == "prosecutor" {
		unit = " 名"
	}
	return strconv.Itoa(n) + unit + m.KindLabel(kind)
}

// NoPrevious reports whether r has no previous period to compare ranks
// with (SPEC §6 Rank change: the first period of its kind, or a January
// / Q1 cumulative period): a rank change missing there means "nothing to
// compare" (—), not 新进.
func (m *Model) NoPrevious(r *scoring.Result) bool {
	rs := m.Results[r.Scheme.ID]
	have := make([]period.Period, len(rs))
	for i, x := range rs {
		have[i] = x.Period.Period
	}
	_, ok := period.Previous(r.Period.Period, have)
	return !ok
}

// GroupLabel names a peer group for readers (scoring.GroupLabel): 全部 for
// "all", an entity key (parent, a kind) by the entity's name, the parts of
// a list joined by " / ".
func (m *Model) GroupLabel(s *config.Scheme, id string) string {
	return scoring.GroupLabel(s, m.Data.Entities, id, m.T("全部", "All"))
}

// trendSeries is one run of periods of the same kind — the same
// granularity, cumulative or not — that a trend chart may draw on one
// axis. Quarters and months never share an axis: evenly spaced, a
// month's 办案量 would look like a quarter's collapsing to a third; a
// cumulative period is not comparable with a single one either.
type trendSeries struct {
	name string // 按季度, 按月, 季度累计, …
	key  string // suffix of the chart keys: "Q", "M", "Q-ytd", …
	idxs []int  // indexes into m.Results[scheme], in time order
}

// trendSeries splits the scheme's results into trend series: plain ones
// first, years to months, then the cumulative ones.
func (m *Model) trendSeries(s *config.Scheme) []trendSeries {
	kinds := []struct {
		gran   period.Granularity
		ytd    bool
		key    string
		zh, en string
	}{
		{period.Year, false, "Y", "按年", "Yearly"},
		{period.Half, false, "H", "按半年", "Half-yearly"},
		{period.Quarter, false, "Q", "按季度", "Quarterly"},
		{period.Month, false, "M", "按月", "Monthly"},
		{period.Quarter, true, "Q-ytd", "季度累计", "Quarters, cumulative"},
		{period.Month, true, "M-ytd", "逐月累计", "Months, cumulative"},
	}
	var out []trendSeries
	for _, k := range kinds {
		ts := trendSeries{name: m.T(k.zh, k.en), key: k.key}
		for i, r := range m.Results[s.ID] {
			if p := r.Period.Period; p.Gran == k.gran && p.YTD == k.ytd {
				ts.idxs = append(ts.idxs, i)
			}
		}
		if len(ts.idxs) > 0 {
			out = append(out, ts)
		}
	}
	return out
}

// spanText names the first and last period of a run: "2024年一季度至
// 2025年四季度，8 期".
func (m *Model) spanText(first, last *dataset.PeriodData, n int) string {
	a, b := first.Period.ShortLabel(m.Lang), last.Period.ShortLabel(m.Lang)
	if n == 1 {
		return a
	}
	return m.T(a+"至"+b+"，"+strconv.Itoa(n)+" 期", a+" to "+b+", "+strconv.Itoa(n)+" periods")
}

// shortLabel is a period's compact label, for chart axes.
func (m *Model) shortLabel(pd *dataset.PeriodData) string {
	return pd.Period.ShortLabel(m.Lang)
}

// findGroup returns the group with id in r, or nil.
func findGroup(r *scoring.Result, id string) *scoring.Group {
	for _, g := range r.Groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// meanTotal is the mean total of a group's members (NaN for none).
func meanTotal(g *scoring.Group) float64 {
	if g == nil || len(g.Entities) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, e := range g.Entities {
		sum += e.Total
	}
	return sum / float64(len(g.Entities))
}

// groupMeans caches meanTotal per group, computed once per page family so
// that a province's 8,000 profiles do not each sum their groups again.
type groupMeans map[*scoring.Group]float64

func newGroupMeans(m *Model) groupMeans {
	gm := groupMeans{}
	for _, s := range m.Config.Schemes {
		for _, r := range m.Results[s.ID] {
			for _, g := range r.Groups {
				gm[g] = meanTotal(g)
			}
		}
	}
	return gm
}

// of returns the cached mean, or NaN for a nil group.
func (gm groupMeans) of(g *scoring.Group) float64 {
	if v, ok := gm[g]; ok {
		return v
	}
	return math.NaN()
}

// treeOrder numbers every entity in hierarchy order (roots in display
// order, each followed by its subtree), the order lists of entities use.
func treeOrder(es *dataset.Entities) map[string]int {
	pos := make(map[string]int, len(es.All))
	var walk func(id string)
	walk = func(id string) {
		for _, c := range es.Children(id) {
			if _, seen := pos[c.ID]; seen {
				continue
			}
			pos[c.ID] = len(pos)
			walk(c.ID)
		}
	}
	walk("")
	for _, e := range es.All { // unreachable entities (never in valid data) last
		if _, ok := pos[e.ID]; !ok {
			pos[e.ID] = len(pos)
		}
	}
	return pos
}

// keyIndicators are a scheme's indicators of the highest weight, at most
// n, in config order among equal weights: the ones an entity's profile
// follows over time.
func keyIndicators(s *config.Scheme, n int) []*config.Indicator {
	inds := slices.Clone(s.Indicators)
	slices.SortStableFunc(inds, func(a, b *config.Indicator) int {
		switch {
		case a.Weight > b.Weight:
			return -1
		case a.Weight < b.Weight:
			return 1
		}
		return 0
	})
	if len(inds) > n {
		inds = inds[:n]
	}
	return inds
}

// indicatorReference is what an indicator's values are compared with in
// a group: the method's reference (mean_relative, zscore) when it has
// one, else the group mean; with its name.
func (m *Model) indicatorReference(ind *config.Indicator, st *scoring.IndicatorStats) (*float64, string) {
	name := m.referenceName(ind)
	if st == nil {
		return nil, name
	}
	if st.Reference != nil {
		return st.Reference, name
	}
	return st.Mean, name
}

// referenceName names the reference of ind: 组内平均值, 组内中位数, 全组合计值.
func (m *Model) referenceName(ind *config.Indicator) string {
	if ind.Method == "mean_relative" {
		switch ind.Reference {
		case "median":
			return m.T("组内中位数", "Group median")
		case "pooled":
			return m.T("全组合计值", "Pooled group value")
		}
	}
	return m.T("组内平均值", "Group mean")
}

// valueOrNaN returns *p, or NaN for nil: chart values.
func valueOrNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

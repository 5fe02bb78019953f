package report

import (
	"math"
	"strconv"
	"sync"

	"kaoping/generator/config"
	"kaoping/generator/period"
	"kaoping/generator/scoring"
)

// rankIndex holds what the ranking pages, score sheets and workbooks
// share and would otherwise recompute for every page: the means of each
// peer group (computed once per group, on first use) and the periods of a
// scheme by kind. It is safe for concurrent use.
type rankIndex struct {
	m     *Model
	means sync.Map // *scoring.Group -> *rankGroupMeans
}

func newRankIndex(m *Model) *rankIndex { return &rankIndex{m: m} }

// rankGroupMeans are a peer group's mean total, category subtotals and
// adjustments: the 参考值 row of the 公示表 and the group's line on charts.
type rankGroupMeans struct {
	Total       float64
	Categories  map[string]float64
	Adjustments map[string]float64
}

// groupMeans returns the means of g under scheme s.
func (ix *rankIndex) groupMeans(s *config.Scheme, g *scoring.Group) *rankGroupMeans {
	if v, ok := ix.means.Load(g); ok {
		return v.(*rankGroupMeans)
	}
	gm := &rankGroupMeans{Categories: map[string]float64{}, Adjustments: map[string]float64{}}
	n := float64(len(g.Entities))
	if n == 0 {
		gm.Total = math.NaN()
	}
	for _, e := range g.Entities {
		gm.Total += e.Total / n
		for _, c := range s.Categories {
			gm.Categories[c.ID] += e.Categories[c.ID] / n
		}
		for _, a := range s.Adjustments {
			if sc := e.Adjustments[a.ID]; sc != nil {
				gm.Adjustments[a.ID] += sc.Points / n
			}
		}
	}
	v, _ := ix.means.LoadOrStore(g, gm)
	return v.(*rankGroupMeans)
}

// rankGroupAnchor is the element id of a group's section on the ranking
// page. Group ids may be Chinese labels, so the position is used.
func rankGroupAnchor(i int) string { return "group-" + strconv.Itoa(i+1) }

// rankSameKind reports whether two periods form one series: same
// granularity, both plain or both cumulative. Previous/next links and
// history charts follow such a series.
func rankSameKind(a, b period.Period) bool { return a.Gran == b.Gran && a.YTD == b.YTD }

// rankSeries returns the indexes in m.Results[s.ID] of the periods of the
// same kind as the one at index cur, in period order.
func (m *Model) rankSeries(s *config.Scheme, cur int) []int {
	rs := m.Results[s.ID]
	var out []int
	for i, r := range rs {
		if rankSameKind(r.Period.Period, rs[cur].Period.Period) {
			out = append(out, i)
		}
	}
	return out
}

// rankNeighbours returns the indexes of the previous and next period of the
// same kind as the one at index cur, or -1.
func (m *Model) rankNeighbours(s *config.Scheme, cur int) (prev, next int) {
	prev, next = -1, -1
	for _, i := range m.rankSeries(s, cur) {
		if i < cur {
			prev = i
		}
		if i > cur && next < 0 {
			next = i
		}
	}
	return prev, next
}

// rankIndicatorReference is what an indicator's values are compared with on
// the ranking and the sheet: the method's reference when it has one
// (mean_relative, zscore), else the group mean; isRef tells which.
func rankIndicatorReference(st *scoring.IndicatorStats) (ref float64, isRef bool) {
	switch {
	case st == nil:
		return math.NaN(), false
	case st.Reference != nil:
		return *st.Reference, true
	case st.Mean != nil:
		return *st.Mean, false
	}
	return math.NaN(), false
}

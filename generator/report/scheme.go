package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

// SchemeOverview is a scheme's front page: the latest ranking in brief,
// every member's total over the periods, and links to every ranking,
// comparison, indicator page and the 考核办法.
type SchemeOverview struct {
	Page          *Page
	Scheme        *config.Scheme
	Kind          string // scored kind, readable
	Peers         string // how members are compared, in words
	LatestLabel   string
	LatestRanking string
	NoPrevious    bool // the latest period has no previous one: rank changes read —
	Groups        []*OverviewGroup
	Periods       []OverviewPeriod // latest first
	Categories    []IndicatorCategory
	Methodology   string
}

// OverviewGroup is one peer group of the latest period.
type OverviewGroup struct {
	ID, Label string
	N         int
	Mean      float64
	Top       []OverviewRow  // the top three, or every member of a small group
	Bottom    []OverviewRow  // the bottom three; nil for a small group
	Charts    []*chart.Chart // totals over each run of periods of one kind
}

// OverviewRow is one member in the latest ranking.
type OverviewRow struct {
	ID         string // the entity's id
	Rank       int
	Name       string
	Profile    string
	Sheet      string
	Total      float64
	Diff       float64 // Total − group mean
	Grade      string
	RankChange *int
	Vetoed     bool
}

// OverviewPeriod is one row of the overview's period table: a single
// period and, beside it, the cumulative period that ends with it.
type OverviewPeriod struct {
	Label      string // the single period's label
	Plain, YTD *PeriodPages
}

// PeriodPages links one period's ranking and comparison.
type PeriodPages struct {
	Label, Ranking, Compare string
	Members                 int
}

// Sizes that decide the overview: a group of at most overviewListAll
// members is listed whole (else its top and bottom three); its totals
// over the periods are drawn as a line per member up to
// overviewLineMembers (more lines would tangle), as a heatmap of members
// × periods up to overviewHeatmapMembers, and beyond as the group's
// maximum, median, minimum and mean.
const (
	overviewListAll        = 6
	overviewLineMembers    = 8
	overviewHeatmapMembers = 200
)

func schemeOverviewJobs(m *Model) []Job {
	means := sync.OnceValue(func() groupMeans { return newGroupMeans(m) })
	order := sync.OnceValue(func() map[string]int { return treeOrder(m.Data.Entities) })
	var jobs []Job
	for _, s := range m.Config.Schemes {
		jobs = append(jobs, Job{Path: SchemePath(s.ID), Data: func() (any, error) {
			return m.schemeOverview(s, means(), order())
		}})
	}
	return jobs
}

// overviewPeers says in words how a scheme compares its members.
func (m *Model) overviewPeers(s *config.Scheme) string {
	parts := peerParts(s)
	switch {
	case len(parts) == 0:
		return m.T("全体统一比较", "all compared together")
	case len(parts) > 1:
		zh, en := m.peerPartNames(parts)
		return m.T("按"+strings.Join(zh, "、")+"比较", "compared within each "+strings.Join(en, " and "))
	case parts[0] == config.PeersParent:
		return m.T("按上级单位分组比较", "compared within each parent")
	case parts[0] == config.PeersGroup:
		return m.T("按分组比较", "compared within each group")
	}
	label := m.KindLabel(parts[0])
	return m.T("按所属"+label+"分组比较", "compared within each "+strings.ToLower(label))
}

func (m *Model) schemeOverview(s *config.Scheme, means groupMeans, order map[string]int) (*SchemeOverview, error) {
	d := &SchemeOverview{
		Page: m.Page(SchemePath(s.ID), s.Name, NavRankings,
			Crumb{Label: m.T("排名", "Rankings"), Path: SchemesIndexPath()}),
		Scheme: s, Kind: m.KindLabel(s.Kind), Peers: m.overviewPeers(s),
		Methodology: MethodologyPath(s.ID),
	}
	d.Periods = m.overviewPeriods(s)
	for _, c := range s.Categories {
		ic := IndicatorCategory{Name: c.Name}
		sum := 0.0
		for _, ind := range s.Indicators {
			if ind.Category == c.ID {
				sum += ind.Weight
				ic.Indicators = append(ic.Indicators, IndicatorEntry{Name: ind.Name, Path: IndicatorPath(s.ID, ind.ID), Weight: weightText(ind.Weight)})
			}
		}
		ic.Weight = weightText(sum)
		d.Categories = append(d.Categories, ic)
	}
	latest := m.Latest(s.ID)
	if latest == nil {
		return d, nil
	}
	d.LatestLabel = latest.Period.Period.Label(m.Lang)
	d.LatestRanking = RankingPath(s.ID, latest.Period.ID)
	d.NoPrevious = m.NoPrevious(latest)
	for _, g := range latest.Groups {
		og := &OverviewGroup{ID: g.ID, Label: m.GroupLabel(s, g.ID), N: len(g.Entities), Mean: means.of(g)}
		row := func(e *scoring.EntityResult) OverviewRow {
			return OverviewRow{ID: e.Entity.ID, Rank: e.Rank, Name: e.Entity.Name, Profile: EntityPath(e.Entity.ID),
				Sheet: SheetPath(s.ID, latest.Period.ID, e.Entity.ID), Total: e.Total, Diff: e.Total - og.Mean,
				Grade: e.Grade, RankChange: e.RankChange, Vetoed: e.Vetoed}
		}
		if len(g.Entities) <= overviewListAll {
			for _, e := range g.Entities {
				og.Top = append(og.Top, row(e))
			}
		} else {
			for _, e := range g.Entities[:3] {
				og.Top = append(og.Top, row(e))
			}
			for _, e := range g.Entities[len(g.Entities)-3:] {
				og.Bottom = append(og.Bottom, row(e))
			}
		}
		for _, ts := range m.trendSeries(s) {
			c, err := m.overviewChart(s, g, latest, means, order, ts)
			if err != nil {
				return nil, err
			}
			if c != nil {
				og.Charts = append(og.Charts, c)
			}
		}
		d.Groups = append(d.Groups, og)
	}
	return d, nil
}

// overviewChart draws the totals of the group's members over one run of
// periods of the same kind (nil when the group is in none): lines for a few members, a heatmap for many, the group's
// spread for a province's thousands.
func (m *Model) overviewChart(s *config.Scheme, latestGroup *scoring.Group, latest *scoring.Result, means groupMeans, order map[string]int, ts trendSeries) (*chart.Chart, error) {
	rs := m.Results[s.ID]
	idxs := ts.idxs
	suffix := " · " + ts.name
	gid := latestGroup.ID
	labels := make([]string, len(idxs))
	groups := make([]*scoring.Group, len(idxs))
	// Members: the latest ranking's order, then earlier members in hierarchy order.
	var members []*dataset.Entity
	seen := map[string]bool{}
	for _, e := range latestGroup.Entities {
		seen[e.Entity.ID] = true
		members = append(members, e.Entity)
	}
	var former []*dataset.Entity
	for j, i := range idxs {
		labels[j] = m.shortLabel(rs[i].Period)
		groups[j] = findGroup(rs[i], gid)
		if groups[j] == nil {
			continue
		}
		for _, e := range groups[j].Entities {
			if !seen[e.Entity.ID] {
				seen[e.Entity.ID] = true
				former = append(former, e.Entity)
			}
		}
	}
	slices.SortStableFunc(former, func(a, b *dataset.Entity) int { return order[a.ID] - order[b.ID] })
	members = append(members, former...)
	total := func(id string, j int) float64 {
		if groups[j] == nil {
			return math.NaN()
		}
		if er := memberResult(m, s, id, idxs[j]); er != nil && er.Group == gid {
			return er.Total
		}
		return math.NaN()
	}
	if !slices.ContainsFunc(groups, func(g *scoring.Group) bool { return g != nil }) {
		return nil, nil // the group has no result in this run
	}
	key := "totals/" + gid + "/" + ts.key
	corner := m.T("考核期", "Period")
	meanName := m.T("组内平均", "Group mean")
	meanSeries := make([]float64, len(idxs))
	for j := range idxs {
		meanSeries[j] = means.of(groups[j])
	}
	switch {
	case len(members) <= overviewLineMembers:
		ids := make([]string, len(members))
		for k, e := range members {
			ids[k] = e.ID
		}
		names := uniqueNames(m, ids)
		series := make([]chart.Series, 0, len(members)+1)
		for k, id := range ids {
			vals := make([]float64, len(idxs))
			for j := range idxs {
				vals[j] = total(id, j)
			}
			series = append(series, chart.Series{Name: names[k], Values: vals})
		}
		series = append(series, chart.Series{Name: meanName, Values: meanSeries, Dashed: true})
		return chart.Lines(chart.Spec{Title: m.T("各期总分"+suffix+"（虚线：组内平均）", "Totals over periods"+suffix+" (dashed: group mean)"),
			Key: key, Format: "number", Decimals: 2, Corner: corner, Height: 380, Home: m.homeLabel(ids, names)}, labels, series)
	case len(members) <= overviewHeatmapMembers:
		ids := make([]string, len(members))
		for k, e := range members {
			ids[k] = e.ID
		}
		grid := make([][]float64, len(members))
		for k, id := range ids {
			grid[k] = make([]float64, len(idxs))
			for j := range idxs {
				grid[k][j] = total(id, j)
			}
		}
		height := 0
		if len(members) > 40 {
			height = 110 + 18*len(members)
		}
		rows := uniqueNames(m, ids)
		return chart.Heatmap(chart.Spec{Title: fmt.Sprintf(m.T("各期总分%s（按%s排名排列，颜色越深分数越高）", "Totals over periods%s (in the order of the %s ranking; darker = higher)"), suffix, latest.Period.Period.ShortLabel(m.Lang)),
			Key: key, Format: "number", Decimals: 2, Corner: m.T("单位", "Member"), Height: height,
			Home: m.homeLabel(ids, rows), Cue: chart.Cue{Direction: 1}}, rows, labels, grid)
	}
	stat := func(f func([]float64) float64) []float64 {
		out := make([]float64, len(idxs))
		for j := range idxs {
			out[j] = math.NaN()
			if groups[j] == nil {
				continue
			}
			var ts []float64
			for _, e := range groups[j].Entities {
				ts = append(ts, e.Total)
			}
			slices.Sort(ts)
			out[j] = f(ts)
		}
		return out
	}
	series := []chart.Series{
		{Name: m.T("最高", "Maximum"), Values: stat(func(ts []float64) float64 { return ts[len(ts)-1] })},
		{Name: m.T("中位数", "Median"), Values: stat(sortedMedian)},
		{Name: m.T("最低", "Minimum"), Values: stat(func(ts []float64) float64 { return ts[0] })},
		{Name: meanName, Values: meanSeries, Dashed: true},
	}
	return chart.Lines(chart.Spec{Title: m.T("各期总分分布"+suffix+"：最高、中位数、最低与组内平均", "Totals over periods"+suffix+": maximum, median, minimum and group mean"),
		Key: key, Format: "number", Decimals: 2, Corner: corner}, labels, series)
}

// sortedMedian is the median of sorted, non-empty ts.
func sortedMedian(ts []float64) float64 {
	n := len(ts)
	if n%2 == 1 {
		return ts[n/2]
	}
	return (ts[n/2-1] + ts[n/2]) / 2
}

// overviewPeriods pairs each single period with the cumulative period
// that ends with it, latest first.
func (m *Model) overviewPeriods(s *config.Scheme) []OverviewPeriod {
	var out []OverviewPeriod
	row := map[string]int{}
	rs := m.Results[s.ID]
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		n := 0
		for _, g := range r.Groups {
			n += len(g.Entities)
		}
		pp := &PeriodPages{Label: r.Period.Period.Label(m.Lang), Ranking: RankingPath(s.ID, r.Period.ID),
			Compare: ComparePath(s.ID, r.Period.ID), Members: n}
		base := r.Period.Period.Base()
		k, ok := row[base.String()]
		if !ok {
			k = len(out)
			row[base.String()] = k
			out = append(out, OverviewPeriod{Label: base.Label(m.Lang)})
		}
		if r.Period.Derived {
			out[k].YTD = pp
		} else {
			out[k].Plain = pp
		}
	}
	return out
}

package report

import (
	"math"
	"sort"
	"strconv"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
)

// Summary is the headline of one scheme's results in one period, shared by
// the home page and the period pages: who was scored, how the totals are
// spread, the grades, the first and last, and who moved most.
type Summary struct {
	Scheme      *config.Scheme
	PeriodID    string
	PeriodLabel string
	Derived     bool

	Members      int     // entities scored, over all peer groups
	MembersLabel string  // what they are: 参评基层院, 参评检察官
	Groups       int     // number of peer groups
	Vetoed       int     // members hit by a veto
	Mean         float64 // mean total over all members
	Highest      SummaryEntity
	Lowest       SummaryEntity
	Grades       []SummaryGrade // in the scheme's order; empty when it has no grades

	// Tops holds the first and last members: one entry per peer group when
	// the scheme has a few groups, else one entry over all members by total.
	// A single group "all" has no label.
	Tops []SummaryTop
	// Up and Down are the largest rank changes of the period (at most 3 each).
	Up, Down []SummaryEntity
	// Compared is true when some member was ranked in the previous period
	// too, so that empty Up/Down mean "no change" rather than "no previous".
	Compared bool

	Ranking, Compare, Overview, Methodology, JSON, CSV string // site paths
}

// SummaryEntity is one member as listed in a summary, linked to its score sheet.
type SummaryEntity struct {
	ID                 string // the entity's id
	Name, Group, Sheet string
	Rank               int
	Total              float64
	Grade              string
	Vetoed             bool
	RankChange         *int
}

// SummaryGrade is how many members got a grade.
type SummaryGrade struct {
	Name  string
	Count int
}

// SummaryTop is the first and last members of one peer group (or of all
// members when Label says so).
type SummaryTop struct {
	Label       string
	Top, Bottom []SummaryEntity
}

// summaryTopN is how many first and last members a summary lists.
const summaryTopN = 3

// summaryMaxGroups is the largest number of peer groups listed one by one;
// beyond it (prosecutors grouped by procuratorate) the summary ranks all
// members by total instead.
const summaryMaxGroups = 6

// summarize computes the summary of one result. It walks the result once
// (plus sorting), so it is cheap even for a province's prosecutors.
func (m *Model) summarize(r *scoring.Result) *Summary {
	s := r.Scheme
	pid := r.Period.ID
	sum := &Summary{
		Scheme: s, PeriodID: pid, PeriodLabel: r.Period.Period.Label(m.Lang), Derived: r.Period.Derived,
		Groups: len(r.Groups), MembersLabel: m.T("参评"+m.KindLabel(s.Kind), "Members"),
		Ranking: RankingPath(s.ID, pid), Compare: ComparePath(s.ID, pid), Overview: SchemePath(s.ID),
		Methodology: MethodologyPath(s.ID), JSON: DataPath(s.ID, pid, "json"), CSV: DataPath(s.ID, pid, "csv"),
	}
	grades := map[string]int{}
	var all []*scoring.EntityResult
	total := 0.0
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			all = append(all, e)
			total += e.Total
			grades[e.Grade]++
			if e.Vetoed {
				sum.Vetoed++
			}
		}
	}
	sum.Members = len(all)
	for _, gr := range s.Grades {
		sum.Grades = append(sum.Grades, SummaryGrade{Name: gr.Name, Count: grades[gr.Name]})
	}
	if len(all) == 0 {
		sum.Mean = math.NaN()
		return sum
	}
	sum.Mean = total / float64(len(all))
	link := func(e *scoring.EntityResult) SummaryEntity {
		return SummaryEntity{
			ID: e.Entity.ID, Name: e.Entity.Name, Group: m.GroupLabel(s, e.Group), Sheet: SheetPath(s.ID, pid, e.Entity.ID),
			Rank: e.Rank, Total: e.Total, Grade: e.Grade, Vetoed: e.Vetoed, RankChange: e.RankChange,
		}
	}
	byTotal := append([]*scoring.EntityResult(nil), all...)
	sort.SliceStable(byTotal, func(i, j int) bool { return summaryBefore(byTotal[i], byTotal[j]) })
	hi, lo := byTotal[0], byTotal[0]
	for _, e := range all {
		if e.Total > hi.Total || (e.Total == hi.Total && e.Entity.ID < hi.Entity.ID) {
			hi = e
		}
		if e.Total < lo.Total || (e.Total == lo.Total && e.Entity.ID < lo.Entity.ID) {
			lo = e
		}
	}
	sum.Highest, sum.Lowest = link(hi), link(lo)

	if len(r.Groups) <= summaryMaxGroups {
		for _, g := range r.Groups {
			top, bottom := summaryEnds(g.Entities)
			st := SummaryTop{}
			if len(r.Groups) > 1 || g.ID != scoring.AllGroup {
				st.Label = m.GroupLabel(s, g.ID)
			}
			for _, e := range top {
				st.Top = append(st.Top, link(e))
			}
			for _, e := range bottom {
				st.Bottom = append(st.Bottom, link(e))
			}
			sum.Tops = append(sum.Tops, st)
		}
	} else {
		top, bottom := summaryEnds(byTotal)
		st := SummaryTop{Label: m.T("全部（按总分）", "All (by total)")}
		for _, e := range top {
			st.Top = append(st.Top, link(e))
		}
		for _, e := range bottom {
			st.Bottom = append(st.Bottom, link(e))
		}
		sum.Tops = append(sum.Tops, st)
	}

	var moved []*scoring.EntityResult
	for _, e := range all {
		if e.RankChange != nil {
			sum.Compared = true
		}
		if e.RankChange != nil && *e.RankChange != 0 {
			moved = append(moved, e)
		}
	}
	sort.SliceStable(moved, func(i, j int) bool {
		a, b := *moved[i].RankChange, *moved[j].RankChange
		if a != b {
			return a > b
		}
		return moved[i].Entity.ID < moved[j].Entity.ID
	})
	for _, e := range moved {
		if *e.RankChange > 0 && len(sum.Up) < summaryTopN {
			sum.Up = append(sum.Up, link(e))
		}
	}
	for i := len(moved) - 1; i >= 0; i-- {
		e := moved[i]
		if *e.RankChange < 0 && len(sum.Down) < summaryTopN {
			sum.Down = append(sum.Down, link(e))
		}
	}
	return sum
}

// summaryBefore orders members across groups: not vetoed first, then
// higher total, then id.
func summaryBefore(a, b *scoring.EntityResult) bool {
	if a.Vetoed != b.Vetoed {
		return !a.Vetoed
	}
	if a.Total != b.Total {
		return a.Total > b.Total
	}
	return a.Entity.ID < b.Entity.ID
}

// summaryEnds returns the first summaryTopN members of a ranked list and
// its last ones (worst last), never listing a member twice.
func summaryEnds(ranked []*scoring.EntityResult) (top, bottom []*scoring.EntityResult) {
	n := min(summaryTopN, len(ranked))
	top = ranked[:n]
	b := min(summaryTopN, len(ranked)-n)
	bottom = ranked[len(ranked)-b:]
	return top, bottom
}

// summaryChartMax is the largest number of bars in a total-score chart;
// larger schemes show the first and last summaryChartMax/2.
const summaryChartMax = 20

// totalsChart draws the members' totals, highest first, against their
// mean. A large scheme shows only its first and last members, and says so
// in the title.
func (m *Model) totalsChart(r *scoring.Result, title, key string) (*chart.Chart, error) {
	var all []*scoring.EntityResult
	for _, g := range r.Groups {
		all = append(all, g.Entities...)
	}
	if len(all) == 0 {
		return nil, nil
	}
	sort.SliceStable(all, func(i, j int) bool { return summaryBefore(all[i], all[j]) })
	mean := 0.0
	for _, e := range all {
		mean += e.Total
	}
	mean /= float64(len(all))
	shown := all
	if len(all) > summaryChartMax {
		half := summaryChartMax / 2
		shown = append(append([]*scoring.EntityResult(nil), all[:half]...), all[len(all)-half:]...)
		title += m.T("（前 "+strconv.Itoa(half)+" 名与后 "+strconv.Itoa(half)+" 名）", " (first and last "+strconv.Itoa(half)+")")
	}
	names := make([]string, len(shown))
	ids := make([]string, len(shown))
	values := make([]float64, len(shown))
	for i, e := range shown {
		names[i], ids[i] = e.Entity.Name, e.Entity.ID
		if len(r.Groups) > 1 {
			names[i] += "（" + m.GroupLabel(r.Scheme, e.Group) + "）"
		}
		values[i] = e.Total
	}
	return chart.BarReference(chart.Spec{Title: title, Key: key, Format: numfmt.Number, Decimals: 2, Corner: m.T("单位", "Unit"),
		Home: m.homeLabel(ids, names), Cue: m.cue(1, m.T("平均", "Mean"))},
		names, values, mean, m.T("平均", "Mean"))
}

// homeChartBars is the largest scheme whose home-page chart names every
// member on a bar (8 bars: 194 px); a larger one gets one thin bar
// per member, names in the tooltip and the data table, so that each
// scheme's block stays within a third of two screens.
const homeChartBars = 8

// homeChartMembers is the most members a home-page chart shows; a larger
// scheme (8,000 prosecutors of a province) shows as many evenly spaced.
const homeChartMembers = 200

// homeChart is the total-score chart of the home page: totalsChart for a
// few members, else the shape of all members' totals, highest first,
// against their mean.
func (m *Model) homeChart(r *scoring.Result, title, key string) (*chart.Chart, error) {
	var all []*scoring.EntityResult
	for _, g := range r.Groups {
		all = append(all, g.Entities...)
	}
	if len(all) <= homeChartBars {
		c, err := m.totalsChart(r, title, key)
		if c != nil {
			c.Height = 50 + 18*len(all) // tighter than a ranking's bars: 158 px for 6
		}
		return c, err
	}
	sort.SliceStable(all, func(i, j int) bool { return summaryBefore(all[i], all[j]) })
	mean := 0.0
	for _, e := range all {
		mean += e.Total
	}
	mean /= float64(len(all))
	n := strconv.Itoa(len(all))
	shown := all
	if len(all) > homeChartMembers {
		// Evenly spaced members, the first and the last among them: the
		// shape of all the totals in a chart (and a data table) of a
		// size that does not grow with the scheme.
		shown = make([]*scoring.EntityResult, homeChartMembers)
		for i := range shown {
			shown[i] = all[i*(len(all)-1)/(homeChartMembers-1)]
		}
		title += m.T("（"+n+" 名，从高到低；图中均匀取 "+strconv.Itoa(homeChartMembers)+" 名）",
			" ("+n+", highest first; "+strconv.Itoa(homeChartMembers)+" evenly spaced shown)")
	} else {
		title += m.T("（"+n+" 名，从高到低）", " ("+n+", highest first)")
	}
	names := make([]string, len(shown))
	values := make([]float64, len(shown))
	for i, e := range shown {
		names[i] = e.Entity.Name
		if len(r.Groups) > 1 {
			names[i] += "（" + m.GroupLabel(r.Scheme, e.Group) + "）"
		}
		values[i] = e.Total
	}
	return chart.CompactBars(chart.Spec{Title: title, Key: key, Height: 140, Format: numfmt.Number, Decimals: 2, Corner: m.T("单位", "Unit")},
		names, values, mean, m.T("平均", "Mean"))
}

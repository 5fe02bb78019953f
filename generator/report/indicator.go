package report

import (
	"math"
	"slices"
	"strconv"
	"sync"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/explain"
	"kaoping/generator/scoring"
)

// IndicatorPage shows one indicator of a scheme: its definition in words,
// and per peer group the latest values against the reference, their
// distribution, and the values over the periods.
type IndicatorPage struct {
	Page      *Page
	Scheme    *config.Scheme
	Indicator *config.Indicator
	Category  string // category name
	Overview  string // site path of the scheme overview
	Weight    string // full points, as written in config.toml

	Formula   string // with field labels
	Direction string
	Method    string // method name
	Rule      string // method and parameters in words
	Format    string // format in words
	Missing   string // missing policy in words
	ValidIf   string // "" when none; with field labels
	Sign      float64

	LatestLabel   string
	LatestRanking string // site path
	Groups        []*IndicatorGroup
	Others        []IndicatorLink
}

// IndicatorGroup is one peer group's values of the indicator.
type IndicatorGroup struct {
	ID, Label    string
	Members      int // members in the latest period
	WithValue    int
	NoValues     bool // nobody had a value: everyone got 0
	RefName      string
	Reference    *float64 // latest reference (v units)
	Hi, Lo       *float64 // efficacy: satisfying and not-allowed values (v units)
	Rows         []IndicatorRow
	Distribution *chart.Chart
	Trends       []IndicatorTrend // one per kind of period (按季度, 按月, …)
	TooMany      int              // members, when the per-member charts were left out
}

// IndicatorTrend is the group's values over one run of periods of the
// same kind: lines, and a heatmap of every member.
type IndicatorTrend struct {
	Name, Span     string
	Trend, Heatmap *chart.Chart
}

// IndicatorRow is one member's value in the latest period.
type IndicatorRow struct {
	ID, Name, Profile, Sheet string
	Value                    *float64 // v
	Reference                *float64 // v
	Diff                     *float64 // display units: dv − dref
	Rank                     int      // 0: no value or no direction
	Points                   float64
	Note                     string // why the value is missing
}

// IndicatorLink is a link to an indicator page.
type IndicatorLink struct {
	ID, Name, Path string
	Current        bool
}

func indicatorJobs(m *Model) []Job {
	var jobs []Job
	order := sync.OnceValue(func() map[string]int { return treeOrder(m.Data.Entities) })
	for _, s := range m.Config.Schemes {
		for _, ind := range s.Indicators {
			jobs = append(jobs, Job{Path: IndicatorPath(s.ID, ind.ID), Data: func() (any, error) {
				return m.indicatorPage(s, ind, order())
			}})
		}
	}
	return jobs
}

// formatName says how an indicator is shown: 比值（1:x.xx）, 百分比, ….
func (m *Model) formatName(ind *config.Indicator) string {
	d := strconv.Itoa(ind.Decimals)
	switch ind.Format {
	case "percent":
		return m.T("百分比，保留 "+d+" 位小数", "percentage, "+d+" decimals")
	case "ratio":
		return m.T("比值（1:x），保留 "+d+" 位小数", "ratio (1:x), "+d+" decimals")
	case "days":
		return m.T("天数，保留 "+d+" 位小数", "days, "+d+" decimals")
	}
	return m.T("数值，保留 "+d+" 位小数", "number, "+d+" decimals")
}

func (m *Model) categoryName(s *config.Scheme, id string) string {
	for _, c := range s.Categories {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}

func (m *Model) indicatorPage(s *config.Scheme, ind *config.Indicator, order map[string]int) (*IndicatorPage, error) {
	path := IndicatorPath(s.ID, ind.ID)
	d := &IndicatorPage{
		Page: m.Page(path, ind.Name+" · "+s.Name, NavIndicators,
			Crumb{Label: m.T("指标", "Indicators"), Path: IndicatorsIndexPath()},
			Crumb{Label: s.Name, Path: SchemePath(s.ID)}),
		Scheme: s, Indicator: ind, Category: m.categoryName(s, ind.Category), Overview: SchemePath(s.ID),
		Weight:    weightText(ind.Weight),
		Formula:   explain.Formula(m.Config, ind.Formula, m.Lang),
		Direction: explain.Direction(ind, m.Lang),
		Method:    explain.MethodName(ind.Method, m.Lang),
		Rule:      explain.Rule(m.Config, ind, m.Lang),
		Format:    m.formatName(ind),
		Missing:   explain.MissingPolicy(ind, m.Lang),
		Sign:      ind.Sign(),
	}
	// The breadcrumbs already name the scheme; the <title> keeps it.
	d.Page.Crumbs[len(d.Page.Crumbs)-1].Label = ind.Name
	if ind.ValidIf != "" {
		d.ValidIf = explain.Formula(m.Config, ind.ValidIf, m.Lang) +
			m.T("（不成立或无法计算时，按缺失处理）", " (when false or not computable, the value counts as missing)")
	}
	for _, o := range s.Indicators {
		d.Others = append(d.Others, IndicatorLink{ID: o.ID, Name: o.Name, Path: IndicatorPath(s.ID, o.ID), Current: o == ind})
	}
	latest := m.Latest(s.ID)
	if latest == nil {
		return d, nil
	}
	d.LatestLabel = latest.Period.Period.Label(m.Lang)
	d.LatestRanking = RankingPath(s.ID, latest.Period.ID)
	for _, g := range latest.Groups {
		ig, err := m.indicatorGroup(s, ind, latest, g, order)
		if err != nil {
			return nil, err
		}
		d.Groups = append(d.Groups, ig)
	}
	return d, nil
}

// indicatorGroup builds the latest table and the charts of one group.
func (m *Model) indicatorGroup(s *config.Scheme, ind *config.Indicator, r *scoring.Result, g *scoring.Group, order map[string]int) (*IndicatorGroup, error) {
	st := g.Stats[ind.ID]
	ref, refName := m.indicatorReference(ind, st)
	ig := &IndicatorGroup{ID: g.ID, Label: m.GroupLabel(s, g.ID), Members: len(g.Entities), RefName: refName, Reference: ref}
	if st != nil {
		ig.WithValue, ig.NoValues = st.N, st.NoValues
		ig.Hi, ig.Lo = fromDisplay(ind, st.Hi), fromDisplay(ind, st.Lo)
	}
	for _, e := range g.Entities {
		sc := e.Indicators[ind.ID]
		row := IndicatorRow{ID: e.Entity.ID, Name: e.Entity.Name, Profile: EntityPath(e.Entity.ID), Sheet: SheetPath(s.ID, r.Period.ID, e.Entity.ID), Reference: ref}
		if sc != nil {
			row.Value, row.Rank, row.Points = sc.Value, sc.Rank, sc.Points
			if sc.Value != nil && ref != nil {
				// Rounded as shown, so that 0.00 is neither better nor worse.
				diff := roundTo(displayOf(ind, *sc.Value)-displayOf(ind, *ref), ind.Decimals)
				row.Diff = &diff
			}
			if sc.Missing {
				row.Note = m.missingNote(ind, sc)
			}
		}
		ig.Rows = append(ig.Rows, row)
	}
	slices.SortStableFunc(ig.Rows, func(a, b IndicatorRow) int { return compareIndicatorRows(a, b, ind, order) })
	if err := m.indicatorCharts(s, ind, g.ID, ig, order); err != nil {
		return nil, err
	}
	return ig, nil
}

// displayOf is the display value of v (100·v for percents).
func displayOf(ind *config.Indicator, v float64) float64 {
	if ind.Format == "percent" {
		return 100 * v
	}
	return v
}

// missingNote says why a value is missing and what it scored.
func (m *Model) missingNote(ind *config.Indicator, sc *scoring.IndicatorScore) string {
	if sc.Invalid {
		return m.T("不满足有效条件 ", "fails the condition ") + explain.Formula(m.Config, ind.ValidIf, m.Lang) + m.T("，按缺失处理：", "; counted as missing: ") + explain.MissingPolicy(ind, m.Lang)
	}
	return m.T("无数据，", "no data; ") + explain.MissingPolicy(ind, m.Lang)
}

// compareIndicatorRows orders the table: members with a value first,
// by indicator rank (best first) or, without a direction, by points and
// then value; members without a value last; ties in hierarchy order.
func compareIndicatorRows(a, b IndicatorRow, ind *config.Indicator, order map[string]int) int {
	if (a.Value == nil) != (b.Value == nil) {
		if a.Value == nil {
			return 1
		}
		return -1
	}
	if a.Rank != b.Rank && a.Rank > 0 && b.Rank > 0 {
		return a.Rank - b.Rank
	}
	if a.Points != b.Points {
		if a.Points > b.Points {
			return -1
		}
		return 1
	}
	if a.Value != nil && b.Value != nil && *a.Value != *b.Value {
		if (*a.Value > *b.Value) == (ind.Direction != "lower") {
			return -1
		}
		return 1
	}
	return order[a.ID] - order[b.ID]
}

// roundTo rounds v to d decimals, half away from zero.
func roundTo(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}

// fromDisplay converts a display value (100·v for percents) back to v,
// for the number functions of the templates; nil stays nil.
func fromDisplay(ind *config.Indicator, dv *float64) *float64 {
	if dv == nil {
		return nil
	}
	v := *dv
	if ind.Format == "percent" {
		v /= 100
	}
	return &v
}

package report

import (
	"fmt"
	"math"
	"strconv"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/scoring"
)

// RankingPage is a scheme's 公示表 for one period. When the scheme has one
// peer group, the period's page holds its table and charts. When it has
// more, the period's page lists the groups (Index) and each group has a
// page of its own (GroupPaths), so that a 院 prints only its own people
// and no page grows with the province.
type RankingPage struct {
	Page   *Page
	Scheme *config.Scheme
	Period PeriodLink
	// Gongshi is the 公示 notice around the table; nil on a group index.
	Gongshi *Gongshi
	// Members is the number of ranked entities of the page (every group
	// on an index); Lead says it in a sentence.
	Members     int
	Lead        string
	NoPrevious  bool // the period has no previous one: rank changes read —
	Downloads   []RankingLink
	Methodology string // site path of the scheme's 考核办法
	// Prev and Next are the neighbouring periods of the same kind
	// (quarter to quarter, cumulative to cumulative); nil at the ends.
	Prev, Next *PeriodLink
	// Periods are all the scheme's rankings, in period order, for the
	// period selector.
	Periods []RankingChoice
	// Index lists the peer groups with their pages, on the period's page
	// of a scheme of several groups; Groups is then empty.
	Index []RankingGroupLink
	// Up is the period's list of groups, on a group's page; nil otherwise.
	Up *RankingLink
	// Parts are the pages of a group too long for one (rankPageRows),
	// this one current; nil for a group on one page.
	Parts []RankingChoice

	Categories  []RankingColumn
	Adjustments []RankingColumn
	HasParent   bool // some group needs the parent-unit column
	HasGrades   bool
	HasVetoes   bool
	// HasAlerts: some indicator has `alert`, so the table has a 预警
	// column (each row's Alerts) and a legend.
	HasAlerts bool
	Groups    []*RankingGroup
	// Corrections are the 更正说明 of this ranking, when its published
	// results were amended.
	Corrections []CorrectionView
}

// Gongshi is the 公示 notice a ranking prints as: its title above the
// table, and below it the 公示期, where objections go, the issuing unit
// and date, and who prepared and reviewed it (config [publication]).
type Gongshi struct {
	Title string // 关于2026年3月院内员额检察官业绩考评结果的公示
	Group string // the peer group, on a group's page; "" otherwise
	Intro string // 现将…结果公示如下。
	// Draft: the period is not published; the grades are proposed (拟定).
	Draft bool
	Term  string // the 公示期 in words; "" when none was recorded
	// Contact is where objections go; Objections says it in a sentence.
	Contact, Objections    string
	Issuer, Date           string
	PreparedBy, ReviewedBy string
}

// RankingGroupLink is one peer group on a group index: its page, its
// size and its first and last.
type RankingGroupLink struct {
	Name, Path string
	Count      int
	First      RankingEnd
	Last       *RankingEnd // nil for a group of one
}

// RankingEnd is the first or last member of a group.
type RankingEnd struct {
	Rank        int
	Name, Sheet string
	Total       float64
}

// RankingLink is a labelled link to a site path.
type RankingLink struct {
	Label, Path string
}

// RankingChoice is one entry of the period selector.
type RankingChoice struct {
	Label, Title, Path string
	Current            bool
}

// RankingColumn heads a category or adjustment column.
type RankingColumn struct {
	Name string
	Full string // a category's full points ("50分"); "" for adjustments
}

// RankingGroup is one peer group: its 公示表 rows and its charts.
type RankingGroup struct {
	ID, Name, Anchor string
	Count            string // 共 7 个市院
	Rows             []RankingRow
	Mean             RankingMean
	// Compact is set for groups too large for one labelled bar per member.
	Compact         bool
	TotalChart      *chart.Chart
	CategoryChart   *chart.Chart // nil when the scheme has one category or less
	IndicatorCharts []*chart.Chart
}

// RankingRow is one line of the 公示表.
type RankingRow struct {
	ID          string
	Rank        int
	RankChange  *int
	Name        string
	Sheet       string // site path of the score sheet
	Parent      string // names of the ancestors that tell members apart
	Categories  []float64
	Adjustments []float64
	Total       float64
	Grade       string
	Vetoed      bool
	VetoNames   string
	Alerts      []AlertItem // the indicators in 预警, red first; names only
}

// RankingMean is the 参考值 row: group means of the totals and subtotals.
type RankingMean struct {
	Categories  []float64
	Adjustments []float64
	Total       float64
}

func rankingJobs(m *Model) []Job {
	ix := newRankIndex(m)
	var jobs []Job
	for _, s := range m.Config.Schemes {
		for i, r := range m.Results[s.ID] {
			jobs = append(jobs, groupJobs(r, RankingPath(s.ID, r.Period.ID), m.groupPaths(s, r), func(gi, part int) (any, error) {
				return ix.rankingPage(s, i, gi, part)
			})...)
		}
	}
	return jobs
}

// groupJobs are the pages of a scheme's period r shown by peer group (its
// rankings, its comparisons): with one group, its parts from first on;
// with more, first listing the groups and the parts of each group's page
// (paths, aligned with r.Groups). page makes part (from 0) of group gi's
// page, or with gi < 0 the period's page.
func groupJobs(r *scoring.Result, first string, paths []string, page func(gi, part int) (any, error)) []Job {
	var jobs []Job
	if len(r.Groups) < 2 {
		n := 0
		if len(r.Groups) == 1 {
			n = len(r.Groups[0].Entities)
		}
		for k := range rankParts(n) {
			jobs = append(jobs, Job{Path: PartPath(first, k+1), Bundle: r.Period.ID, Data: func() (any, error) { return page(-1, k) }})
		}
		return jobs
	}
	jobs = append(jobs, Job{Path: first, Bundle: r.Period.ID, Data: func() (any, error) { return page(-1, 0) }})
	for gi, path := range paths {
		for k := range rankParts(len(r.Groups[gi].Entities)) {
			jobs = append(jobs, Job{Path: PartPath(path, k+1), Bundle: r.Period.ID, Data: func() (any, error) { return page(gi, k) }})
		}
	}
	return jobs
}

// groupPlace is where part (from 0) of group gi's page of period r is:
// with gi < 0 the period's page at path, else group gi's page (paths,
// aligned with r.Groups), the part's own path when the group is split,
// and title with the group and the part; up links the period's page from
// a group's.
type groupPlace struct {
	up                 *RankingLink
	path, first, title string
	k, parts           int // the group shown (0 on the period's page) and its number of parts (0: none shown)
}

func (m *Model) groupPlace(r *scoring.Result, gi, part int, path string, paths []string, title, label string) groupPlace {
	at := groupPlace{path: path, title: title, k: max(gi, 0)}
	if gi >= 0 {
		at.up = &RankingLink{Label: label + m.T("（各比较组）", " (all groups)"), Path: path}
		at.path = paths[gi]
		at.title += " · " + m.GroupLabel(r.Scheme, r.Groups[gi].ID)
	}
	at.first = at.path
	if gi >= 0 || len(r.Groups) == 1 {
		at.parts = rankParts(len(r.Groups[at.k].Entities))
	}
	if at.parts > 1 {
		at.path = PartPath(at.first, part+1)
		if part > 0 {
			at.title += m.T(fmt.Sprintf("（第 %d 页）", part+1), fmt.Sprintf(" (page %d)", part+1))
		}
	}
	return at
}

// partChoices are the links between the parts of a page of n rows split
// rankPageRows a page, first being part 1's path and part the current.
func (m *Model) partChoices(first string, n, part int) []RankingChoice {
	var out []RankingChoice
	for j := range rankParts(n) {
		a, b := j*rankPageRows+1, min((j+1)*rankPageRows, n)
		out = append(out, RankingChoice{Label: fmt.Sprintf("%d–%d", a, b),
			Title: m.T(fmt.Sprintf("第 %d 页", j+1), fmt.Sprintf("Page %d", j+1)), Path: PartPath(first, j+1), Current: j == part})
	}
	return out
}

// rankPageRows is the most rows of one ranking page. A longer group (a
// province's 4,000 criminal prosecutors ranked together) is split into
// parts of this many rows, without charts (thousands of bars say
// nothing a reader can use, and their data tables would double the
// page): at about 460 bytes a row, no part passes 1 MB. A variable for
// the tests.
var rankPageRows = 1000

// rankParts is the number of pages of a group of n members: at least 1.
func rankParts(n int) int { return max(1, (n+rankPageRows-1)/rankPageRows) }

// groupPaths are the pages of r's peer groups (GroupPaths), aligned with
// r.Groups.
func (m *Model) groupPaths(s *config.Scheme, r *scoring.Result) []string {
	ids := make([]string, len(r.Groups))
	for i, g := range r.Groups {
		ids[i] = g.ID
	}
	return GroupPaths(s.ID, r.Period.ID, ids)
}

// rankingPage builds the ranking of scheme s for its i-th period: part
// (from 0) of the page of its group gi, or with gi < 0 the period's page
// (the table of its only group, or the list of its groups).
func (ix *rankIndex) rankingPage(s *config.Scheme, i, gi, part int) (*RankingPage, error) {
	m := ix.m
	rs := m.Results[s.ID]
	r := rs[i]
	label := r.Period.Period.Label(m.Lang)
	path := RankingPath(s.ID, r.Period.ID)
	title := s.Name + " · " + label
	crumbs := []Crumb{{Label: m.T("考核排名", "Rankings"), Path: SchemesIndexPath()},
		{Label: s.Name, Path: SchemePath(s.ID)}}
	at := m.groupPlace(r, gi, part, path, m.groupPaths(s, r), title, label)
	if gi >= 0 {
		crumbs = append(crumbs, Crumb{Label: label, Path: path})
	}
	up, path, title, first, k, parts := at.up, at.path, at.title, at.first, at.k, at.parts
	page := m.Page(path, title, NavRankings, crumbs...)
	page.PrintHeader = title
	m.setPeriod(page, r.Period.ID, label)
	d := &RankingPage{
		NoPrevious:  m.NoPrevious(r),
		Page:        page,
		Scheme:      s,
		Period:      PeriodLink{ID: r.Period.ID, Label: label, Path: RankingPath(s.ID, r.Period.ID), Derived: r.Period.Derived},
		Up:          up,
		Methodology: MethodologyPath(s.ID),
		HasGrades:   len(s.Grades) > 0,
		HasVetoes:   len(s.Vetoes) > 0,
		HasAlerts:   HasAlerts(s),
		Corrections: m.corrections(r.Period.ID, s.ID),
		Downloads: []RankingLink{
			{Label: "JSON", Path: DataPath(s.ID, r.Period.ID, "json")},
			{Label: "CSV", Path: DataPath(s.ID, r.Period.ID, "csv")},
			{Label: m.T("Excel（本期各方案）", "Excel (all schemes of the period)"), Path: XLSXPath(r.Period.ID)},
		},
	}
	prev, next := m.rankNeighbours(s, i)
	if prev >= 0 {
		d.Prev = &PeriodLink{ID: rs[prev].Period.ID, Label: rs[prev].Period.Period.Label(m.Lang), Path: RankingPath(s.ID, rs[prev].Period.ID)}
	}
	if next >= 0 {
		d.Next = &PeriodLink{ID: rs[next].Period.ID, Label: rs[next].Period.Period.Label(m.Lang), Path: RankingPath(s.ID, rs[next].Period.ID)}
	}
	for j, x := range rs {
		d.Periods = append(d.Periods, RankingChoice{
			Label: x.Period.Period.ShortLabel(m.Lang), Title: x.Period.Period.Label(m.Lang),
			Path: RankingPath(s.ID, x.Period.ID), Current: j == i,
		})
	}
	if gi < 0 && len(r.Groups) > 1 {
		for k, g := range r.Groups {
			d.Index = append(d.Index, m.rankingGroupLink(s, r, g, m.groupPaths(s, r)[k]))
			d.Members += len(g.Entities)
		}
		d.Lead = m.T(fmt.Sprintf("共 %s参评，分 %d 个比较组，各组分别排名、分别公示。", m.MembersText(s.Kind, d.Members), len(d.Index)),
			fmt.Sprintf("%d ranked in %d peer groups, each ranked and published on its own page. ", d.Members, len(d.Index)))
		return d, nil
	}
	for _, c := range s.Categories {
		d.Categories = append(d.Categories, RankingColumn{Name: c.Name, Full: m.rankPointsText(s.CategoryFull(c))})
	}
	for _, a := range s.Adjustments {
		d.Adjustments = append(d.Adjustments, RankingColumn{Name: a.Name})
	}
	rg, err := ix.rankingGroup(s, r, r.Groups[k], k, parts < 2)
	if err != nil {
		return nil, err
	}
	if parts > 1 {
		from, to := part*rankPageRows, min((part+1)*rankPageRows, len(rg.Rows))
		rg.Rows = rg.Rows[from:to]
		d.Parts = m.partChoices(first, len(r.Groups[k].Entities), part)
	}
	for _, row := range rg.Rows {
		if row.Parent != "" {
			d.HasParent = true
		}
	}
	d.Members = len(r.Groups[k].Entities)
	d.Groups = []*RankingGroup{rg}
	d.Lead = m.T(fmt.Sprintf("共 %s参评。", m.MembersText(s.Kind, d.Members)), fmt.Sprintf("%d ranked. ", d.Members))
	if parts > 1 {
		d.Lead += m.T(fmt.Sprintf("名单较长，分 %d 页列出，每页 %d 名；不附图表。", parts, rankPageRows),
			fmt.Sprintf("The list is long: %d pages of %d, without charts. ", parts, rankPageRows))
	}
	d.Gongshi = m.gongshi(s, label, r.Period.ID)
	if gi >= 0 {
		d.Gongshi.Group = rg.Name
	}
	return d, nil
}

// rankingGroupLink is group g of r on the group index: its page, size,
// first and last.
func (m *Model) rankingGroupLink(s *config.Scheme, r *scoring.Result, g *scoring.Group, path string) RankingGroupLink {
	end := func(e *scoring.EntityResult) RankingEnd {
		return RankingEnd{Rank: e.Rank, Name: e.Entity.Name, Sheet: SheetPath(s.ID, r.Period.ID, e.Entity.ID), Total: e.Total}
	}
	l := RankingGroupLink{Name: m.GroupLabel(s, g.ID), Path: path, Count: len(g.Entities)}
	if n := len(g.Entities); n > 0 {
		l.First = end(g.Entities[0])
		if n > 1 {
			last := end(g.Entities[n-1])
			l.Last = &last
		}
	}
	return l
}

// gongshi is the 公示 notice of scheme s for a period: a draft until the
// period is published (kaoping publish), then with its 公示期 and date.
func (m *Model) gongshi(s *config.Scheme, label, period string) *Gongshi {
	pub := m.Config.Publication
	g := &Gongshi{
		Title:   m.T("关于"+label+s.Name+"结果的公示", "Publication of the results of "+s.Name+", "+label),
		Intro:   m.T("现将"+label+s.Name+"结果公示如下。", "The results of "+s.Name+", "+label+", are published below."),
		Contact: pub.Contact, Issuer: pub.Issuer, PreparedBy: pub.PreparedBy, ReviewedBy: pub.ReviewedBy,
	}
	if pub.Contact != "" {
		g.Objections = m.T("公示期内对结果如有异议，请向异议受理部门反映。", "Objections to these results may be raised during the publication period with:")
	} else {
		g.Objections = m.T("对排名如有异议，请在公示期内向案件管理部门反映。", "Objections to this ranking may be raised with the case management office during the publication period.")
	}
	n, ok := m.Notices[period]
	if !ok {
		g.Draft = true
		return g
	}
	if n.HasTerm {
		g.Term = m.termText(n.Term)
	}
	g.Date = m.dateText(n.Date)
	return g
}

// rankingGroup builds one group's rows, and its charts when charts is
// set.
func (ix *rankIndex) rankingGroup(s *config.Scheme, r *scoring.Result, g *scoring.Group, gi int, charts bool) (*RankingGroup, error) {
	m := ix.m
	rg := &RankingGroup{ID: g.ID, Name: m.GroupLabel(s, g.ID), Anchor: rankGroupAnchor(gi), Compact: len(g.Entities) > rankCompactLimit,
		Count: m.T("共 ", "") + m.MembersText(s.Kind, len(g.Entities))}
	parents := m.Data.Entities.ParentLabels(g.MemberIDs())
	sep := m.T("、", ", ")
	// One backing array per kind of cell for the whole group: a province
	// group has thousands of rows.
	nc, na := len(s.Categories), len(s.Adjustments)
	alerts := HasAlerts(s)
	cats, adjs := make([]float64, len(g.Entities)*nc), make([]float64, len(g.Entities)*na)
	rg.Rows = make([]RankingRow, len(g.Entities))
	for k, e := range g.Entities {
		sheet := SheetPath(s.ID, r.Period.ID, e.Entity.ID)
		row := &rg.Rows[k]
		*row = RankingRow{
			ID: e.Entity.ID, Rank: e.Rank, RankChange: e.RankChange, Name: e.Entity.Name,
			Sheet:  sheet,
			Parent: parents[e.Entity.ID], Total: e.Total, Grade: e.Grade, Vetoed: e.Vetoed,
			VetoNames:   s.VetoNames(e.Vetoes, sep),
			Categories:  cats[k*nc : (k+1)*nc : (k+1)*nc],
			Adjustments: adjs[k*na : (k+1)*na : (k+1)*na],
		}
		for i, c := range s.Categories {
			row.Categories[i] = e.Categories[c.ID]
		}
		for i, a := range s.Adjustments {
			v := 0.0
			if sc := e.Adjustments[a.ID]; sc != nil {
				v = sc.Points
			}
			row.Adjustments[i] = v
		}
		if alerts {
			row.Alerts = m.alertItems(s, e, g, false)
		}
	}
	gm := ix.groupMeans(s, g)
	rg.Mean.Total = gm.Total
	for _, c := range s.Categories {
		rg.Mean.Categories = append(rg.Mean.Categories, gm.Categories[c.ID])
	}
	for _, a := range s.Adjustments {
		rg.Mean.Adjustments = append(rg.Mean.Adjustments, gm.Adjustments[a.ID])
	}
	if !charts {
		return rg, nil
	}
	if err := ix.rankingCharts(s, g, rg, gm); err != nil {
		return nil, err
	}
	return rg, nil
}

// rankingCharts adds a group's charts: totals sorted against the group
// mean, category subtotals stacked, and one chart per indicator against
// its reference. Chart keys carry the group anchor, so that identical
// charts of two groups still get distinct ids.
func (ix *rankIndex) rankingCharts(s *config.Scheme, g *scoring.Group, rg *RankingGroup, gm *rankGroupMeans) error {
	m := ix.m
	corner := m.T("名称", "Name")
	names := make([]string, len(g.Entities))
	ids := make([]string, len(g.Entities))
	totals := make([]float64, len(g.Entities))
	for i, e := range g.Entities {
		names[i], ids[i], totals[i] = e.Entity.Name, e.Entity.ID, e.Total
	}
	home := m.homeLabel(ids, names)
	suffix := ""
	if g.ID != scoring.AllGroup || len(s.Categories) == 0 {
		suffix = m.T("（", " (") + rg.Name + m.T("）", ")")
	}
	// Totals, highest first (rank order puts vetoed members last).
	order := rankSortedByValue(totals, 1)
	var err error
	rg.TotalChart, err = rankBars(chart.Spec{Title: m.T("总分", "Total") + suffix, Key: rg.Anchor + "-total",
		Format: "number", Decimals: 2, Corner: corner, Home: home, Cue: m.cue(1, m.T("平均值", "Average"))},
		rankPick(names, order), rankPickF(totals, order), gm.Total, m.T("平均值", "Average"))
	if err != nil {
		return err
	}
	if len(s.Categories) > 1 && !rg.Compact {
		var series []chart.Series
		for _, c := range s.Categories {
			vals := make([]float64, len(g.Entities))
			for i, e := range g.Entities {
				vals[i] = e.Categories[c.ID]
			}
			series = append(series, chart.Series{Name: c.Name, Values: vals})
		}
		rg.CategoryChart, err = chart.StackedBars(chart.Spec{Title: m.T("分类得分", "Category subtotals") + suffix, Key: rg.Anchor + "-categories",
			Format: "number", Decimals: 2, Corner: corner, Home: home}, names, series)
		if err != nil {
			return err
		}
	}
	for _, ind := range s.Indicators {
		vals := make([]float64, len(g.Entities))
		for i, e := range g.Entities {
			vals[i] = math.NaN()
			if sc := e.Indicators[ind.ID]; sc != nil && sc.Value != nil {
				vals[i] = *sc.Value
			}
		}
		ref, isRef := rankIndicatorReference(g.Stats[ind.ID])
		refLabel := m.T("平均值", "Average")
		if isRef {
			refLabel = m.T("参考值", "Reference")
		}
		order := rankSortedByValue(vals, ind.Sign())
		c, err := rankBars(chart.Spec{Title: ind.Name + m.directionText(ind), Key: rg.Anchor + "-" + ind.ID, Format: ind.Format, Decimals: ind.Decimals,
			Corner: corner, Height: rankIndicatorHeight(len(names)), Home: home, Cue: m.cue(ind.Sign(), refLabel)},
			rankPick(names, order), rankPickF(vals, order), ref, refLabel)
		if err != nil {
			return err
		}
		rg.IndicatorCharts = append(rg.IndicatorCharts, c)
	}
	return nil
}

// rankIndicatorHeight keeps the small per-indicator charts small: 20 px a
// bar (the total chart uses the constructor's 26), compact charts 200 px.
func rankIndicatorHeight(n int) int {
	if n > rankCompactLimit {
		return 200
	}
	return max(160, 60+20*n)
}

func rankPick(xs []string, order []int) []string {
	out := make([]string, len(order))
	for i, j := range order {
		out[i] = xs[j]
	}
	return out
}

func rankPickF(xs []float64, order []int) []float64 {
	out := make([]float64, len(order))
	for i, j := range order {
		out[i] = xs[j]
	}
	return out
}

// rankPointsText writes a number of points as config.toml gives it,
// without trailing zeros: "50分" / "50 pts".
func (m *Model) rankPointsText(v float64) string {
	x := strconv.FormatFloat(v, 'f', -1, 64)
	return m.T(x+"分", x+" pts")
}

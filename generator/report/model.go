package report

import (
	"sync"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"kaoping/generator/publish"
	"kaoping/generator/scoring"
)

// Model is everything the pages are built from: the config, the data and
// the scored results, with the indexes the pages share. It is read-only
// once built, so pages can be built concurrently.
type Model struct {
	Config  *config.Config
	Data    *dataset.Dataset
	Results map[string][]*scoring.Result // scheme id -> results in period order
	Lang    string
	Site    *Site

	// Corrections are the amendments of published periods (更正说明), by
	// period id, oldest first; set by the build from data/published.toml.
	Corrections map[string][]publish.Correction
	// Notices are the periods published now (公示), by period id, with
	// their 公示期; the pages of every other period are drafts (未公示).
	// Set by the build from data/published.toml.
	Notices map[string]publish.Notice
	// HasBundles says that the build writes a zip of each period's report
	// (BundlePath), so that the archive and the period pages link to it.
	HasBundles bool

	byKey map[string]*scoring.Result // scheme + "/" + period
	// entityResults: scheme -> entity -> results in period order (nil where
	// the entity was not scored that period), aligned with Results[scheme].
	entityResults map[string]map[string][]*scoring.EntityResult
	// byEntity: *scoring.Result -> its members by entity id, made once for
	// the comparisons, whose pages (one per peer group) all read them.
	byEntity sync.Map
}

// New indexes the results for the pages.
func New(cfg *config.Config, ds *dataset.Dataset, results map[string][]*scoring.Result) *Model {
	m := &Model{
		Config: cfg, Data: ds, Results: results, Lang: cfg.Language,
		byKey:         map[string]*scoring.Result{},
		entityResults: map[string]map[string][]*scoring.EntityResult{},
	}
	for _, s := range cfg.Schemes {
		rs := results[s.ID]
		series := map[string][]*scoring.EntityResult{}
		for i, r := range rs {
			m.byKey[s.ID+"/"+r.Period.ID] = r
			for _, g := range r.Groups {
				for _, e := range g.Entities {
					if series[e.Entity.ID] == nil {
						series[e.Entity.ID] = make([]*scoring.EntityResult, len(rs))
					}
					series[e.Entity.ID][i] = e
				}
			}
		}
		m.entityResults[s.ID] = series
	}
	m.Site = &Site{Title: cfg.Title, Subtitle: cfg.Subtitle, BaseURL: cfg.BaseURL, Lang: cfg.Language, Nav: siteNav()}
	if m.HomeMark() != "" { // an id entities.csv lacks is a check error; marks nothing here
		m.Site.Home, m.Site.HomeMark = cfg.Home, m.HomeMark()
	}
	return m
}

// Result returns a scheme's results for a period, or nil.
func (m *Model) Result(scheme, period string) *scoring.Result {
	return m.byKey[scheme+"/"+period]
}

// Latest returns a scheme's results for its latest period, or nil. Derived
// (ytd) periods count: the latest cumulative figures are the news.
func (m *Model) Latest(scheme string) *scoring.Result {
	rs := m.Results[scheme]
	if len(rs) == 0 {
		return nil
	}
	return rs[len(rs)-1]
}

// History returns an entity's results under a scheme, aligned with
// m.Results[scheme] (nil where it was not scored), or nil if never scored.
func (m *Model) History(scheme, entity string) []*scoring.EntityResult {
	return m.entityResults[scheme][entity]
}

// EntityResult returns an entity's result and group in one result, or nils.
func EntityResult(r *scoring.Result, entity string) (*scoring.EntityResult, *scoring.Group) {
	if r == nil {
		return nil, nil
	}
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			if e.Entity.ID == entity {
				return e, g
			}
		}
	}
	return nil, nil
}

// PreviousResult is the result of the scheme's previous period (环比), or nil.
func (m *Model) PreviousResult(s *config.Scheme, r *scoring.Result) *scoring.Result {
	if prev := scoring.PreviousPeriod(s, m.Data, r.Period); prev != nil {
		return m.Result(s.ID, prev.ID)
	}
	return nil
}

// LastYearResult is the result of the same period a year earlier (同比), or nil.
func (m *Model) LastYearResult(s *config.Scheme, r *scoring.Result) *scoring.Result {
	var have []period.Period
	for _, x := range m.Results[s.ID] {
		have = append(have, x.Period.Period)
	}
	if p, ok := period.SameLastYear(r.Period.Period, have); ok {
		return m.Result(s.ID, p.String())
	}
	return nil
}

// PeriodLabel is the label of a period id in the site language.
func (m *Model) PeriodLabel(id string) string {
	p, err := period.Parse(id)
	if err != nil {
		return id
	}
	return p.Label(m.Lang)
}

// Page makes the frame of a page: its path, title, navigation section and
// breadcrumbs (home first; the page itself last, unlinked).
func (m *Model) Page(path, title, section string, crumbs ...Crumb) *Page {
	all := []Crumb{{Label: m.T("首页", "Home"), Path: HomePath()}}
	if path != HomePath() {
		all = append(all, crumbs...)
		all = append(all, Crumb{Label: title})
	}
	return &Page{Site: m.Site, Path: path, Title: title, Section: section, Crumbs: all}
}

// T picks the Chinese or English text by the site language.
func (m *Model) T(zh, en string) string {
	if m.Lang == "en" {
		return en
	}
	return zh
}

// Job is one page of the site: its site path and a function that builds
// its model (one of the *…Page types of this package), called by the
// worker that renders it, so that the models of a province's 140,000
// pages never sit in memory at once.
type Job struct {
	Path string
	Data func() (any, error)
	// Bundle is the period whose bundle holds the page too, AllBundles
	// for a page of every bundle, "" for none.
	Bundle string
}

// Jobs lists every page of the site, in a stable order: the page
// families in the order below, each in its own order.
func (m *Model) Jobs() []Job {
	var jobs []Job
	for _, family := range []func(*Model) []Job{
		homeJobs,
		periodJobs,
		schemesIndexJobs,
		schemeOverviewJobs,
		rankingJobs,
		sheetJobs,
		compareJobs,
		indicatorsIndexJobs,
		indicatorJobs,
		entitiesIndexJobs,
		entityJobs,
		methodologyJobs,
		archiveJobs,
	} {
		jobs = append(jobs, family(m)...)
	}
	return jobs
}

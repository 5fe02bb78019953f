// Package build orchestrates a site: it loads the config and the data,
// compiles the scoring rules, scores every scheme and period, and writes
// the output folder atomically.
package build

import (
	"path/filepath"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/diag"
	"kaoping/generator/publish"
	"kaoping/generator/report"
	"kaoping/generator/scoring"
	"kaoping/internal/parallel"
)

// Project is a loaded and scored site.
type Project struct {
	Config *config.Config
	Data   *dataset.Dataset
	Engine *scoring.Engine
	// Results holds, per scheme id, the scheme's results in period order.
	Results map[string][]*scoring.Result

	// corrections are the amendments of published periods, read by
	// CheckPublished for the page model.
	corrections map[string][]publish.Correction
	// notices are the periods published now, read by CheckPublished:
	// the pages of any other period are drafts.
	notices map[string]publish.Notice
}

// Model is the page model of the project; bundles says whether the site
// has a zip of each period's report (the pages link to them).
func (p *Project) Model(bundles bool) *report.Model {
	m := report.New(p.Config, p.Data, p.Results)
	m.Corrections = p.corrections
	m.Notices = p.notices
	m.HasBundles = bundles
	return m
}

// Load reads config.toml and the data folder and compiles the scoring
// rules. It goes as far as it can so that one run lists every problem; the
// project is nil when an error stops it from being scored.
func Load(configPath string) (*Project, diag.List) {
	return load(configPath, noProgress{})
}

// load is Load reporting its stages to prog.
func load(configPath string, prog Progress) (*Project, diag.List) {
	var problems diag.List
	prog.Start(StageLoad, 0)
	cfg, ps := config.Load(configPath)
	problems.Add(ps...)
	if cfg == nil {
		return nil, problems
	}
	ds, ps := dataset.Load(cfg)
	problems.Add(ps...)
	if ds == nil {
		return nil, problems
	}
	problems.Add(checkHome(cfg, ds)...)
	eng, ps := scoring.Compile(cfg, scoring.KnownFields(cfg, ds))
	problems.Add(ps...)
	problems.Add(eng.CheckPeers(ds.Entities)...)
	if problems.HasErrors() || eng == nil {
		return nil, problems
	}
	p := &Project{Config: cfg, Data: ds, Engine: eng}
	problems.Add(p.score(prog)...)
	return p, problems
}

// checkHome reports a config `home` that names no entity of
// entities.csv: the site's own unit would silently go unmarked.
func checkHome(cfg *config.Config, ds *dataset.Dataset) diag.List {
	var l diag.List
	if cfg.Home != "" && ds.Entities.Get(cfg.Home) == nil {
		l.Errorf(diag.Pos{File: filepath.Base(cfg.Path), Line: cfg.HomeLine},
			"home = %s：entities.csv 中没有这个单位编号；请填写本单位在 entities.csv 中的 id，或删去 home",
			"home = %s: entities.csv has no unit with this id; give the id of the site's own unit in entities.csv, or remove home",
			diag.Value(cfg.Home))
	}
	return l
}

// score computes every scheme's results for each of its periods, with rank
// changes against the previous period, and returns the warnings. The
// (scheme, period) pairs are scored in parallel, one worker per core (the
// Engine is safe for concurrent use); results and warnings keep their
// order.
func (p *Project) score(prog Progress) diag.List {
	type pair struct {
		s *config.Scheme
		i int // index among the scheme's periods
		r *scoring.Result
	}
	var pairs []*pair
	periods := map[string][]*dataset.PeriodData{}
	for _, s := range p.Config.Schemes {
		periods[s.ID] = scoring.SchemePeriods(s, p.Data)
		for i := range periods[s.ID] {
			pairs = append(pairs, &pair{s: s, i: i})
		}
	}
	prog.Start(StageScore, len(pairs))
	parallel.For(len(pairs), func(k int) {
		x := pairs[k]
		x.r = p.Engine.Score(x.s, periods[x.s.ID][x.i], p.Data.Entities)
		prog.Step()
	})
	var warnings diag.List
	p.Results = map[string][]*scoring.Result{}
	for _, x := range pairs {
		p.Results[x.s.ID] = append(p.Results[x.s.ID], x.r)
		warnings.Add(p.Engine.Problems(x.r)...)
	}
	type change struct{ r, prev *scoring.Result }
	var changes []change
	for _, s := range p.Config.Schemes {
		byPeriod := map[string]*scoring.Result{}
		for _, r := range p.Results[s.ID] {
			byPeriod[r.Period.ID] = r
		}
		for _, r := range p.Results[s.ID] {
			if prev := scoring.PreviousPeriod(s, p.Data, r.Period); prev != nil {
				changes = append(changes, change{r, byPeriod[prev.ID]})
			}
		}
	}
	// Each sets the rank changes of its own result from the previous
	// period's ranks, which it only reads.
	parallel.For(len(changes), func(i int) { scoring.RankChanges(changes[i].r, changes[i].prev) })
	return warnings
}

// Result returns the results of scheme for period, or nil.
func (p *Project) Result(scheme, period string) *scoring.Result {
	for _, r := range p.Results[scheme] {
		if r.Period.ID == period {
			return r
		}
	}
	return nil
}

// Rel returns path relative to the site folder, for messages; a path
// outside the site folder is returned as it is.
func (p *Project) Rel(path string) string {
	if r, err := filepath.Rel(p.Config.Dir, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return r
	}
	return path
}

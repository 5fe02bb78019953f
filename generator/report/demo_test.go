package report

import (
	"fmt"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

// loadDemo loads and scores the demo site (../../config.toml) the way
// build.Load does, with rank changes (build imports report, so its tests
// cannot call build.Load). Each call gives a fresh model a test may alter.
func loadDemo() (*Model, error) { return loadSite("../../config.toml") }

// loadSite loads and scores the site of a config.toml like loadDemo: the
// demo, or a site written by internal/synth for benchmarks.
func loadSite(path string) (*Model, error) {
	cfg, ps := config.Load(path)
	if cfg == nil || ps.HasErrors() {
		return nil, fmt.Errorf("%s config: %v", path, ps)
	}
	ds, ps := dataset.Load(cfg)
	if ds == nil || ps.HasErrors() {
		return nil, fmt.Errorf("%s data: %v", path, ps)
	}
	eng, ps := scoring.Compile(cfg, scoring.KnownFields(cfg, ds))
	if eng == nil || ps.HasErrors() {
		return nil, fmt.Errorf("%s rules: %v", path, ps)
	}
	results := map[string][]*scoring.Result{}
	for _, s := range cfg.Schemes {
		byPeriod := map[string]*scoring.Result{}
		for _, pd := range scoring.SchemePeriods(s, ds) {
			r := eng.Score(s, pd, ds.Entities)
			byPeriod[pd.ID] = r
			results[s.ID] = append(results[s.ID], r)
		}
		for _, r := range results[s.ID] {
			if prev := scoring.PreviousPeriod(s, ds, r.Period); prev != nil {
				scoring.RankChanges(r, byPeriod[prev.ID])
			}
		}
	}
	return New(cfg, ds, results), nil
}

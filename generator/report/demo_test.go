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
func loadDemo() (*Model, error) {
	cfg, ps := config.Load("../../config.toml")
	if cfg == nil || ps.HasErrors() {
		return nil, fmt.Errorf("demo config: %v", ps)
	}
	ds, ps := dataset.Load(cfg)
	if ds == nil || ps.HasErrors() {
		return nil, fmt.Errorf("demo data: %v", ps)
	}
	eng, ps := scoring.Compile(cfg, scoring.KnownFields(cfg, ds))
	if eng == nil || ps.HasErrors() {
		return nil, fmt.Errorf("demo rules: %v", ps)
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

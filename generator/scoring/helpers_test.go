package scoring

import (
	"math"
	"sort"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
)

// Fixtures. Every scheme scores kind "unit"; data is given as aggregated
// values (what dataset computes), entity id -> field -> value.

type row = map[string]float64

func f(x float64) *float64 { return &x }

// ind builds an indicator in category "q" with direction higher, format
// number, missing average and the defaults config.Load would fill.
func ind(id, formula, method string, w float64, mods ...func(*config.Indicator)) *config.Indicator {
	i := &config.Indicator{
		ID: id, Name: id, Category: "q", Formula: formula, Direction: "higher",
		Weight: w, Format: "number", Missing: "average", Method: method,
		Deviation: "relative", Reference: "mean", Line: 10, FormulaLine: 11,
	}
	switch method {
	case "mean_relative", "zscore":
		i.Base = f(w)
	case "efficacy":
		i.Floor = f(0.6)
	}
	for _, m := range mods {
		m(i)
	}
	return i
}

func scheme(inds ...*config.Indicator) *config.Scheme {
	return &config.Scheme{
		ID: "s", Name: "S", Kind: "unit", Peers: []string{"all"},
		Categories: []*config.Category{{ID: "q", Name: "Q"}, {ID: "e", Name: "E"}},
		Indicators: inds,
	}
}

// units makes entities of kind "unit" with the given ids, no parent.
func units(ids ...string) []*dataset.Entity {
	var out []*dataset.Entity
	for i, id := range ids {
		out = append(out, &dataset.Entity{ID: id, Name: id, Kind: "unit", Order: i, Line: i + 2})
	}
	return out
}

func periodData(id string, agg map[string]row) *dataset.PeriodData {
	return dataset.NewPeriodData(period.MustParse(id), agg, agg)
}

// fieldsOf lists the fields used in data, sorted.
func fieldsOf(data map[string]row) []string {
	set := map[string]bool{}
	for _, r := range data {
		for k := range r {
			set[k] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// score compiles cfg (failing the test on any error) and scores s on data.
func score(t *testing.T, cfg *config.Config, s *config.Scheme, ents []*dataset.Entity, data map[string]row) *Result {
	t.Helper()
	if cfg == nil {
		cfg = &config.Config{Path: "config.toml"}
	}
	if len(cfg.Schemes) == 0 {
		cfg.Schemes = []*config.Scheme{s}
	}
	e, probs := Compile(cfg, fieldsOf(data))
	if probs.HasErrors() {
		t.Fatalf("Compile: %v", probs.Err("en"))
	}
	return e.Score(s, periodData("2024-Q1", data), dataset.NewEntities(ents))
}

// scoreOne scores a one-indicator scheme over units with one value each of
// field x (absent ids are not members; nil values are given as no row).
func scoreOne(t *testing.T, i *config.Indicator, xs map[string]float64) *Result {
	t.Helper()
	data := map[string]row{}
	var ids []string
	for id, x := range xs {
		data[id] = row{"x": x}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return score(t, nil, scheme(i), units(ids...), data)
}

// entity returns the result of id, or fails.
func entity(t *testing.T, r *Result, id string) *EntityResult {
	t.Helper()
	for _, g := range r.Groups {
		for _, er := range g.Entities {
			if er.Entity.ID == id {
				return er
			}
		}
	}
	t.Fatalf("entity %s not in result", id)
	return nil
}

// points returns each entity's points for indicator ind.
func points(r *Result, ind string) map[string]float64 {
	out := map[string]float64{}
	for _, g := range r.Groups {
		for _, er := range g.Entities {
			out[er.Entity.ID] = er.Indicators[ind].Points
		}
	}
	return out
}

func near(a, b float64) bool {
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= 1e-9
}

// checkPoints compares points for indicator ind with want.
func checkPoints(t *testing.T, r *Result, indID string, want map[string]float64) {
	t.Helper()
	got := points(r, indID)
	for id, w := range want {
		if g, ok := got[id]; !ok || !near(g, w) {
			t.Errorf("points[%s][%s] = %v; want %v", indID, id, g, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("points[%s] has %d entities %v; want %d", indID, len(got), got, len(want))
	}
}

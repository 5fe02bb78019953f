package scoring

import (
	"sort"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
)

// SchemePeriods returns the periods scheme s is computed for, in ds order:
// those named in its periods list that have data, or every period of ds
// (derived ytd periods included) when the list is empty.
func SchemePeriods(s *config.Scheme, ds *dataset.Dataset) []*dataset.PeriodData {
	if len(s.Periods) == 0 {
		return ds.Periods
	}
	want := make(map[string]bool, len(s.Periods))
	for _, id := range s.Periods {
		want[id] = true
	}
	var out []*dataset.PeriodData
	for _, pd := range ds.Periods {
		if want[pd.ID] {
			out = append(out, pd)
		}
	}
	return out
}

// PreviousPeriod returns the period whose ranks pd's rank changes compare
// with: the previous period of pd (SPEC §4, period.Previous) among the
// scheme's own periods, or nil.
func PreviousPeriod(s *config.Scheme, ds *dataset.Dataset, pd *dataset.PeriodData) *dataset.PeriodData {
	own := SchemePeriods(s, ds)
	have := make([]period.Period, len(own))
	for i, q := range own {
		have[i] = q.Period
	}
	p, ok := period.Previous(pd.Period, have)
	if !ok {
		return nil
	}
	for _, q := range own {
		if q.Period == p {
			return q
		}
	}
	return nil
}

// KnownFields is every field a formula may name: those declared in
// [fields] and those seen in a data file header, sorted. It is what
// Compile is given.
func KnownFields(cfg *config.Config, ds *dataset.Dataset) []string {
	set := map[string]bool{}
	for _, f := range cfg.Fields {
		set[f.ID] = true
	}
	for _, f := range ds.Fields {
		set[f] = true
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

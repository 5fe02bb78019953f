package report

import (
	"sync"
	"testing"

	"kaoping/generator/period"
	"kaoping/generator/scoring"
)

// The tests of this package check the page model: the numbers, rows,
// links (as site paths) and order each page shows, on the demo site
// (../../config.toml). What the pages look like in HTML is tested with
// the components, in package templates.

// LoadSite loads and scores the site of a config.toml exactly as
// `kaoping build` does and returns its page model (bundles on, as a
// default build). These tests cannot import package build (it imports
// report), so build_test.go, an external test of this package, sets it
// from build.Load: there is no second copy of the loading code here.
var LoadSite func(configPath string) (*Model, error)

// freshDemo is a model of the demo that the test may alter (notes,
// corrections, names).
func freshDemo(t testing.TB) *Model {
	t.Helper()
	m, err := LoadSite("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var (
	demoOnce  sync.Once
	demoModel *Model
	demoErr   error
)

// demo is the demo's model shared by the tests that only read it.
func demo(t testing.TB) *Model {
	t.Helper()
	demoOnce.Do(func() { demoModel, demoErr = LoadSite("../../config.toml") })
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoModel
}

// pageData builds the model of the page at path among jobs.
func pageData(t testing.TB, jobs []Job, path string) any {
	t.Helper()
	for _, j := range jobs {
		if j.Path == path {
			d, err := j.Data()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			return d
		}
	}
	t.Fatalf("no page %s", path)
	return nil
}

// latestPlain is the scheme's latest result of a single quarter (not a
// cumulative period, not a month).
func latestPlain(t testing.TB, m *Model, scheme string) *scoring.Result {
	t.Helper()
	rs := m.Results[scheme]
	for i := len(rs) - 1; i >= 0; i-- {
		p := rs[i].Period.Period
		if !p.YTD && p.Gran == period.Quarter {
			return rs[i]
		}
	}
	t.Fatalf("%s: no quarter", scheme)
	return nil
}

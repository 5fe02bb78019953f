package output_test

// The direct encoders (JSON, CSV) must write exactly what the encoding/json
// and encoding/csv paths they replaced write (ReferenceJSON,
// ReferenceCSV), on real results: the demo site's and generated sites'.

import (
	"bytes"
	"fmt"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/output"
	"kaoping/generator/scoring"
	"kaoping/internal/synth"
)

// assertSame checks both encoders against their references on r.
func assertSame(t *testing.T, r *scoring.Result) {
	t.Helper()
	name := r.Scheme.ID + "/" + r.Period.ID
	got, err := output.JSON(r)
	want, wantErr := output.ReferenceJSON(r)
	if err != nil || wantErr != nil {
		t.Fatalf("%s: JSON error %v, reference %v", name, err, wantErr)
	}
	if !bytes.Equal(got, want) {
		i := firstDiff(got, want)
		t.Fatalf("%s: JSON differs from encoding/json at byte %d:\n got …%s…\nwant …%s…", name, i, around(got, i), around(want, i))
	}
	if est := output.JSONSize(r); est < len(want) || est > len(want)*3/2 {
		t.Errorf("%s: jsonSize = %d for %d bytes: the buffer grows, or wastes a third", name, est, len(want))
	}
	var gotCSV, wantCSV bytes.Buffer
	if err := output.CSV(&gotCSV, r); err != nil {
		t.Fatalf("%s: CSV: %v", name, err)
	}
	if err := output.ReferenceCSV(&wantCSV, r); err != nil {
		t.Fatalf("%s: reference CSV: %v", name, err)
	}
	if !bytes.Equal(gotCSV.Bytes(), wantCSV.Bytes()) {
		i := firstDiff(gotCSV.Bytes(), wantCSV.Bytes())
		t.Fatalf("%s: CSV differs from encoding/csv at byte %d:\n got …%s…\nwant …%s…", name, i, around(gotCSV.Bytes(), i), around(wantCSV.Bytes(), i))
	}
}

func firstDiff(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func around(b []byte, i int) string {
	return string(b[max(0, i-80):min(len(b), i+80)])
}

// coverage counts what the results exercise, so that a test can insist
// on the cases it means to cover.
type coverage struct {
	entities, grades, noGrades, vetoed, adjusted, missing, moved, unranked int
}

func (c *coverage) add(r *scoring.Result) {
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			c.entities++
			if len(r.Scheme.Grades) > 0 {
				c.grades++
			} else {
				c.noGrades++
			}
			if e.Vetoed {
				c.vetoed++
			}
			if len(e.Adjustments) > 0 {
				c.adjusted++
			}
			for _, s := range e.Indicators {
				if s.Value == nil {
					c.missing++
				}
			}
			if e.RankChange != nil {
				c.moved++
			} else {
				c.unranked++
			}
		}
	}
}

// require fails t for each case the results never reached.
func (c coverage) require(t *testing.T) {
	t.Helper()
	for _, n := range []struct {
		what string
		n    int
	}{{"graded entities", c.grades}, {"entities without grades", c.noGrades}, {"vetoed entities", c.vetoed},
		{"adjusted entities", c.adjusted}, {"missing values", c.missing},
		{"rank changes", c.moved}, {"null rank changes", c.unranked}} {
		if n.n == 0 {
			t.Errorf("no %s among %d entities: the test covers less than it says", n.what, c.entities)
		}
	}
}

// withoutGrades is r under a copy of its scheme that has no grades: every
// grade becomes null.
func withoutGrades(r *scoring.Result) *scoring.Result {
	s := *r.Scheme
	s.Grades = nil
	return &scoring.Result{Scheme: &s, Period: r.Period, Groups: r.Groups}
}

func TestJSONMatchesReferenceDemo(t *testing.T) {
	var cov coverage
	for _, r := range demoResults(t) {
		assertSame(t, r)
		cov.add(r)
		nr := withoutGrades(r)
		assertSame(t, nr)
		cov.add(nr)
	}
	cov.require(t)
}

func TestJSONMatchesReferenceSynth(t *testing.T) {
	sizes := []synth.Options{
		{Cities: 1, Units: 1, Prosecutors: 1, Periods: 1, Seed: 3},
		{Cities: 1, Units: 2, Prosecutors: 5, Periods: 4, Seed: 1},
		{Cities: 2, Units: 3, Prosecutors: 4, Periods: 2, Months: 3, Seed: 7},
		{Cities: 3, Units: 4, Prosecutors: 6, Periods: 5, Seed: 42},
	}
	if !testing.Short() {
		sizes = append(sizes, synth.Options{Cities: 4, Units: 10, Prosecutors: 20, Periods: 8, Seed: 99})
	}
	var cov coverage
	for i, o := range sizes {
		t.Run(fmt.Sprintf("%dx%dx%dx%d+%d/seed%d", o.Cities, o.Units, o.Prosecutors, o.Periods, o.Months, o.Seed), func(t *testing.T) {
			for _, r := range synthResults(t, fmt.Sprintf("equal-%d", i), o) {
				assertSame(t, r)
				cov.add(r)
				if i%2 == 0 {
					nr := withoutGrades(r)
					assertSame(t, nr)
					cov.add(nr)
				}
			}
		})
	}
	cov.require(t)
}

// TestJSONMatchesReferenceEdited runs the comparison on generated results
// edited into shapes scoring rarely gives: empty groups and maps, an
// entity missing some map entries, awkward names.
func TestJSONMatchesReferenceEdited(t *testing.T) {
	rs := synthResults(t, "edited", synth.Options{Cities: 2, Units: 3, Prosecutors: 8, Periods: 2, Seed: 5})
	var r *scoring.Result
	var es []*scoring.EntityResult
	for _, x := range rs {
		for _, g := range x.Groups {
			if len(g.Entities) >= 3 && len(g.Entities[1].Indicators) >= 4 {
				r, es = x, g.Entities
			}
		}
	}
	if r == nil {
		t.Fatal("no group of 3 entities with 4 indicators: the generated site changed")
	}
	edited := &scoring.Result{Scheme: r.Scheme, Period: r.Period}
	e0, e1, e2 := *es[0], *es[1], *es[2]
	e0.Categories, e0.Indicators, e0.Adjustments = nil, map[string]*scoring.IndicatorScore{}, nil
	e1.Indicators = map[string]*scoring.IndicatorScore{}
	for id, s := range es[1].Indicators { // as many ids, half of them others: the cached key order must not be reused
		if len(e1.Indicators)%2 == 0 {
			id = "x" + id
		}
		e1.Indicators[id] = s
	}
	ent := *e2.Entity
	ent.Name = "名称 \"引号\"\n\u2028\x7f\xff,"
	e2.Entity = &ent
	e2.Grade = " 优\t"
	edited.Groups = []*scoring.Group{
		{ID: "empty"},
		{ID: "edited", Entities: []*scoring.EntityResult{es[0], &e0, &e1, &e2, es[0]}},
	}
	assertSame(t, edited)
	assertSame(t, &scoring.Result{Scheme: &config.Scheme{ID: "none"}, Period: r.Period})
}

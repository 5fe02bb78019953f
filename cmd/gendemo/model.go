package main

import (
	"math"

	"kaoping/internal/synth"
)

// The demo uses the value model of internal/synth; these short names keep
// the story's code readable.
type (
	rng        = synth.RNG
	entity     = synth.Entity
	prosecutor = synth.Prosecutor
	values     = synth.Values
)

var (
	fields     = synth.Fields
	cityFields = synth.CityFields
	clamp      = synth.Clamp
	pick       = synth.Pick
)

// newRNG is the demo's only source of randomness: a PCG with a fixed seed,
// so that every run writes the same files.
func newRNG() *rng { return synth.NewRNG(20240101, 20260331) }

// periodSpec is one period of the demo.
type periodSpec struct {
	ID     string
	T      float64 // time in quarters since 2024-Q1
	Scale  float64 // share of a quarter's volume (1 for a quarter)
	Format string  // "csv-zh" (BOM, Chinese headers), "csv", "xlsx" or "split"
}

var periods = []periodSpec{
	{"2024-Q1", 0, 0.92, "csv-zh"},
	{"2024-Q2", 1, 1.00, "csv-zh"},
	{"2024-Q3", 2, 1.04, "csv-zh"},
	{"2024-Q4", 3, 1.04, "csv-zh"},
	{"2025-Q1", 4, 0.92, "csv"},
	{"2025-Q2", 5, 1.00, "xlsx"},
	{"2025-Q3", 6, 1.04, "csv"},
	{"2025-Q4", 7, 1.04, "split"},
	{"2026-01", 8, 0.92 / 3 * 1.0, "csv"},
	{"2026-02", 8.33, 0.92 / 3 * 0.8, "csv"},
	{"2026-03", 8.67, 0.92 / 3 * 1.2, "csv"},
}

// The planted events of the story.
const (
	shantingID  = "zz-st"
	missingUnit = "zz-yc"   // 峄城区: 综合评价 not submitted ...
	missingAt   = "2024-Q3" // ... in this period (missing = "zero" applies)
	fewRecUnit  = "zz-tez"  // 台儿庄区: only 2 检察建议 ...
	fewRecAt    = "2025-Q1" // ... so valid_if fails (missing = "average")
	vetoedID    = "zz-szq-p03"
	vetoedAt    = "2025-Q3"
)

// shantingQuality is 山亭区's quality level at time t: from the bottom of
// the city in 2024-Q1 to the top group by the end of 2025.
func shantingQuality(t float64) float64 {
	return math.Min(0.86, 0.05+0.11*t-0.0015*t*t)
}

// generate draws every period's values. Draws happen in a fixed order
// (period, then entity, then field), so the output is deterministic.
func generate(r *rng, ps []prosecutor) map[string]values {
	out := map[string]values{}
	for _, p := range periods {
		v := values{}
		qST := shantingQuality(p.T)
		for _, u := range units {
			q := clamp(u.Level+r.Nz(0.05), 0.05, 0.95)
			base := u.Base
			if u.ID == shantingID {
				q = clamp(qST+r.Nz(0.015), 0.05, 0.95)
				base *= 1 + 0.025*p.T
			}
			v[u.ID] = synth.UnitValues(r, q, base*p.Scale, float64(u.Headcount), p.Scale)
		}
		for _, c := range otherCities {
			q := clamp(c.Level+r.Nz(0.04), 0.05, 0.95)
			all := synth.UnitValues(r, q, c.Base*p.Scale, c.Base/14, p.Scale)
			v[c.ID] = pick(all, cityFields)
		}
		for _, pr := range ps {
			s := clamp(pr.Skill+r.Nz(0.04), 0.05, 0.97)
			if pr.Unit == shantingID {
				s = clamp(0.45*pr.Skill+0.6*qST-0.05+r.Nz(0.03), 0.05, 0.97)
			}
			v[pr.ID] = synth.ProsecutorValues(r, pr, s, p.Scale)
		}
		plant(p.ID, v)
		out[p.ID] = v
	}
	return out
}

// plant puts the story's events into a period.
func plant(id string, v values) {
	switch id {
	case missingAt:
		delete(v[missingUnit], "assessment_score")
		delete(v[missingUnit], "assessment_count")
	case fewRecAt:
		v[fewRecUnit]["recommendations"] = 2
		v[fewRecUnit]["recommendations_adopted"] = 2
	case vetoedAt:
		v[vetoedID]["discipline"] = 1
	}
}

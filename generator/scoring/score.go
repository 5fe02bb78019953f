package scoring

import (
	"math"
	"sort"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
)

// eps is the tolerance of SPEC §6 for equal keys when ranking.
const eps = 1e-9

// AllGroup is the id of the group of entities with no key under peers
// (no parent, no group label, no ancestor of the kind), and of the only
// group when peers = "all".
const AllGroup = "all"

// Score computes scheme s for one period (SPEC §6). The members are the
// entities of the scheme's kind that have at least one aggregated field
// value in pd, partitioned into peer groups; everything is computed within
// a group. Groups come sorted by id, entities by rank then id.
func (e *Engine) Score(s *config.Scheme, pd *dataset.PeriodData, es *dataset.Entities) *Result {
	res := &Result{Scheme: s, Period: pd}
	byGroup := map[string][]*dataset.Entity{}
	for _, ent := range es.All {
		if ent.Kind != s.Kind || !pd.HasValues(ent.ID) {
			continue
		}
		g := groupOf(s, es, ent)
		byGroup[g] = append(byGroup[g], ent)
	}
	ids := make([]string, 0, len(byGroup))
	for id := range byGroup {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		res.Groups = append(res.Groups, e.scoreGroup(s, pd, id, byGroup[id]))
	}
	return res
}

// scoreGroup scores the members of one peer group.
func (e *Engine) scoreGroup(s *config.Scheme, pd *dataset.PeriodData, id string, members []*dataset.Entity) *Group {
	g := &Group{ID: id, Stats: make(map[string]*IndicatorStats, len(s.Indicators))}
	results := make([]*EntityResult, len(members))
	for k, ent := range members {
		results[k] = &EntityResult{
			Entity:      ent,
			Group:       id,
			Categories:  make(map[string]float64, len(s.Categories)),
			Indicators:  make(map[string]*IndicatorScore, len(s.Indicators)),
			Adjustments: make(map[string]*AdjustmentScore, len(s.Adjustments)),
		}
		for _, c := range s.Categories {
			results[k].Categories[c.ID] = 0
		}
	}
	rows := make([]int, len(members))
	for k, ent := range members {
		rows[k] = pd.Row(ent.ID)
	}
	for _, ind := range s.Indicators {
		scores, st := e.scoreIndicator(ind, pd, members, rows)
		g.Stats[ind.ID] = st
		for k, r := range results {
			r.Indicators[ind.ID] = scores[k]
			r.Categories[ind.Category] += scores[k].Points
			r.Total += scores[k].Points
		}
	}
	adjCols := make([]int, len(s.Adjustments))
	for i, a := range s.Adjustments {
		adjCols[i] = pd.Column(a.Field)
	}
	vetoCols := make([]int, len(s.Vetoes))
	for i, v := range s.Vetoes {
		vetoCols[i] = pd.Column(v.Field)
	}
	for k, r := range results {
		for i, a := range s.Adjustments {
			x, ok := pd.At(rows[k], adjCols[i])
			as := adjust(a, x, ok)
			r.Adjustments[a.ID] = as
			r.Total += as.Points
		}
		for i, v := range s.Vetoes {
			if x, ok := pd.At(rows[k], vetoCols[i]); ok && x > 0 {
				r.Vetoed = true
				r.Vetoes = append(r.Vetoes, v.ID)
			}
		}
	}
	rankEntities(s, results)
	assignGrades(s, results)
	g.Entities = results
	return g
}

// adjust computes one adjustment from the field's value x (ok: present):
// clamp(x·points, −cap, +cap), 0 when the field is missing.
func adjust(a *config.Adjustment, x float64, ok bool) *AdjustmentScore {
	as := &AdjustmentScore{}
	if !ok {
		return as
	}
	as.Field = ptr(x)
	as.Raw = x * a.Points
	as.Points = as.Raw
	if a.Cap != nil {
		c := math.Abs(*a.Cap)
		as.Points = clamp(as.Raw, -c, c)
		as.Capped = as.Points != as.Raw
	}
	return as
}

func ptr(x float64) *float64 { return &x }

func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

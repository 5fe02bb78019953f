package dataset

import (
	"maps"
	"math"

	"kaoping/generator/period"
)

// deriveYTD returns the cumulative periods of plain (§4 "Cumulative
// periods"): for every month YYYY-MM in plain a period YYYY-MM-ytd, and for
// every quarter YYYY-Qn a period YYYY-Qn-ytd, whose own value for an
// entity and field is the sum of that value over the year's periods of the
// same granularity up to and including it that have it in their own
// files; an entity and field that none of them has stays missing. A month
// without a file is simply not part of any sum (and gives no ytd period).
// plain must be sorted by time.
func deriveYTD(plain []*PeriodData) []*PeriodData {
	var out []*PeriodData
	type key struct {
		year int
		gran period.Granularity
	}
	running := map[key]map[string]map[string]float64{}
	for _, pd := range plain {
		p := pd.Period
		if p.YTD || (p.Gran != period.Month && p.Gran != period.Quarter) {
			continue
		}
		k := key{p.Year, p.Gran}
		prev := running[k]
		sum := make(map[string]map[string]float64, max(len(prev), len(pd.Own)))
		for e, vals := range prev {
			sum[e] = maps.Clone(vals)
		}
		for e, vals := range pd.Own {
			m := sum[e]
			if m == nil {
				m = make(map[string]float64, len(vals))
				sum[e] = m
			}
			for f, v := range vals {
				m[f] += v
			}
		}
		running[k] = sum
		d := p
		d.YTD = true
		out = append(out, &PeriodData{Period: d, ID: d.String(), Derived: true, Own: sum})
	}
	return out
}

// plan is what aggregation needs to know about the hierarchy and the
// fields, computed once per Load.
type plan struct {
	post   []*Entity      // children before parents
	kids   [][]int        // indexes into post of each entity's children
	fields map[string]int // field name -> column of the dense matrix
	names  []string       // column -> field name
}

func newPlan(es *Entities, fields []string) *plan {
	p := &plan{post: es.postOrder(), fields: make(map[string]int, len(fields)), names: fields}
	for i, f := range fields {
		p.fields[f] = i
	}
	index := make(map[string]int, len(p.post))
	for i, e := range p.post {
		index[e.ID] = i
	}
	p.kids = make([][]int, len(p.post))
	for i, e := range p.post {
		for _, c := range es.Children(e.ID) {
			if j, ok := index[c.ID]; ok {
				p.kids[i] = append(p.kids[i], j)
			}
		}
	}
	return p
}

// aggregate computes pd.Agg from pd.Own (§4 "Aggregation"): an entity's
// own value for a field if it has one, else the sum of its children's
// aggregated values if any child has one, else missing.
//
// It works on a dense entities × fields matrix (NaN marks a missing value)
// filled in one pass with children before parents, so that the cost is one
// read of every own value, array sums, and one new map per entity that gets
// values from its children. An entity that gets nothing from its children
// shares its Own map as its Agg map: both are read-only after Load. Values
// of ids that are not in the hierarchy (possible only when entities.csv had
// errors) are kept as they are; own fields missing from the plan are
// ignored by the sums.
func aggregate(pd *PeriodData, p *plan) {
	nf := len(p.names)
	vals := make([]float64, len(p.post)*nf)
	nan := math.NaN()
	for i := range vals {
		vals[i] = nan
	}
	mine := make([]bool, nf)
	agg := make(map[string]map[string]float64, len(p.post))
	used := 0 // entities of pd.Own found in the hierarchy
	for i, e := range p.post {
		row := vals[i*nf : (i+1)*nf]
		own, ok := pd.Own[e.ID]
		if ok {
			used++
		}
		clear(mine)
		for f, v := range own {
			if k, ok := p.fields[f]; ok {
				row[k], mine[k] = v, true
			}
		}
		fromKids := 0
		for _, j := range p.kids[i] {
			for k, v := range vals[j*nf : (j+1)*nf] {
				switch {
				case mine[k] || math.IsNaN(v):
				case math.IsNaN(row[k]):
					row[k] = v
					fromKids++
				default:
					row[k] += v
				}
			}
		}
		switch {
		case fromKids > 0:
			m := make(map[string]float64, len(own)+fromKids)
			maps.Copy(m, own)
			for k, v := range row {
				if !mine[k] && !math.IsNaN(v) {
					m[p.names[k]] = v
				}
			}
			agg[e.ID] = m
		case len(own) > 0:
			agg[e.ID] = own
		}
	}
	if used < len(pd.Own) {
		for id, own := range pd.Own {
			if _, ok := agg[id]; !ok && len(own) > 0 {
				agg[id] = own
			}
		}
	}
	pd.Agg = agg
}

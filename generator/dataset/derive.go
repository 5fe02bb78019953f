package dataset

import (
	"math"
	"slices"

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
//
// It works on the own values of plain, before aggregation: every period
// has the matrix of the same grid, and the sums keep the order of the
// periods, so that they are the same floating-point numbers whatever the
// representation.
//
// A sum of finite values that overflows to ±Inf (two cells of 1e308) is
// returned in overflows, with the periods and files summed, for Load to
// report: it is an input error, not a value.
//
// parts maps each derived period to the plain periods it sums.
func deriveYTD(plain []*PeriodData) (out []*PeriodData, overflows []overflow, parts map[*PeriodData][]*PeriodData) {
	type key struct {
		year int
		gran period.Granularity
	}
	running := map[key][]float64{}
	sofar := map[key][]*PeriodData{}
	parts = map[*PeriodData][]*PeriodData{}
	for _, pd := range plain {
		p := pd.Period
		if p.YTD || (p.Gran != period.Month && p.Gran != period.Quarter) {
			continue
		}
		k := key{p.Year, p.Gran}
		sofar[k] = append(sofar[k], pd)
		sum := slices.Clone(running[k])
		if sum == nil {
			sum = nanMatrix(len(pd.vals))
		}
		var over []int
		for i, v := range pd.vals {
			switch s := sum[i]; {
			case v != v: // missing
			case s != s:
				sum[i] = 0 + v // as a sum from 0 would: −0 becomes 0
			default:
				sum[i] = s + v
				if math.IsInf(sum[i], 0) && !math.IsInf(s, 0) && !math.IsInf(v, 0) {
					over = append(over, i)
				}
			}
		}
		running[k] = sum
		d := p
		d.YTD = true
		dp := &PeriodData{Period: d, ID: d.String(), Derived: true, grid: pd.grid, vals: sum}
		out = append(out, dp)
		parts[dp] = slices.Clone(sofar[k])
		for _, i := range over {
			o := overflow{pd: dp, cell: i}
			for _, part := range parts[dp] {
				o.parts = append(o.parts, part.ID)
				o.files = append(o.files, part.Files...)
			}
			overflows = append(overflows, o)
		}
	}
	return out, overflows, parts
}

// overflow is a sum of finite values that came out as ±Inf: in aggregation
// (the sum of an entity's children) or in a cumulative period (the sum of
// its parts).
type overflow struct {
	pd    *PeriodData
	cell  int      // index into pd.vals
	parts []string // a cumulative sum: the periods summed; nil for aggregation
	files []string // the files that hold the values summed
}

// plan is what aggregation needs to know about the hierarchy, computed
// once per Load: the rows of the entities with every child before its
// parent, each with its children's rows.
type plan []planNode

type planNode struct {
	row  int
	kids []int
}

// newPlan orders the rows of g's entities for aggregate. An id that occurs
// twice in the hierarchy (only when entities.csv had errors) is
// aggregated once.
func newPlan(es *Entities, g *grid) plan {
	post := es.postOrder()
	inPost := newBitset(len(g.ids))
	for _, e := range post {
		if r, ok := g.rowOf[e.ID]; ok {
			inPost.set(r)
		}
	}
	done := newBitset(len(g.ids))
	p := make(plan, 0, len(post))
	for _, e := range post {
		r, ok := g.rowOf[e.ID]
		if !ok || done.get(r) {
			continue
		}
		done.set(r)
		n := planNode{row: r}
		for _, c := range es.Children(e.ID) {
			if j, ok := g.rowOf[c.ID]; ok && inPost.get(j) {
				n.kids = append(n.kids, j)
			}
		}
		p = append(p, n)
	}
	return p
}

// aggregate turns pd's own values into aggregated values in place (§4
// "Aggregation"): an entity's own value for a field if it has one, else
// the sum of its children's aggregated values (in display order) if any
// child has one, else missing. Children come before their parent in the
// plan, so one pass does the whole hierarchy. It records which cells were
// own values and which rows have values. Rows outside the hierarchy (ids
// read while entities.csv had errors) keep their own values.
//
// A sum of finite children's values that overflows to ±Inf is returned as
// the index of its cell, for Load to report: the cells of the ancestors
// above it are ±Inf too, but not returned again.
func aggregate(pd *PeriodData, p plan) (overflows []int) {
	nc := len(pd.grid.fields)
	vals := pd.vals
	own := newBitset(len(vals))
	for i, v := range vals {
		if v == v {
			own.set(i)
		}
	}
	for _, n := range p {
		base := n.row * nc
		row := vals[base : base+nc]
		for _, j := range n.kids {
			for k, v := range vals[j*nc : (j+1)*nc] {
				switch {
				case v != v || own.get(base+k):
				case row[k] != row[k]:
					row[k] = v
				default:
					s := row[k] + v
					if math.IsInf(s, 0) && !math.IsInf(row[k], 0) && !math.IsInf(v, 0) {
						overflows = append(overflows, base+k)
					}
					row[k] = s
				}
			}
		}
	}
	pd.own = own
	pd.has = rowsWithValues(vals, len(pd.grid.ids), nc)
	return overflows
}

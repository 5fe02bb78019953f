// Package dataset reads a site's data folder (SPEC §3–§4): entities.csv,
// the period files (CSV or XLSX, one file or a folder of files per period),
// and the optional notes; it derives the cumulative (ytd) periods and
// aggregates values up the entity hierarchy.
package dataset

import (
	"math"
	"slices"

	"kaoping/generator/period"
)

// Entity is one row of entities.csv.
type Entity struct {
	ID     string
	Name   string
	Kind   string
	Parent string // "" = none
	Group  string // "" = none
	Order  int    // the order column, or the file position when absent
	Line   int    // line in entities.csv
}

// Entities is the hierarchy, in display order (order column, then file order).
type Entities struct {
	All      []*Entity
	byID     map[string]*Entity
	children map[string][]*Entity // parent id -> children in display order
}

// Get returns the entity with id, or nil.
func (es *Entities) Get(id string) *Entity { return es.byID[id] }

// Children returns the direct children of id in display order.
func (es *Entities) Children(id string) []*Entity { return es.children[id] }

// PeriodData is one period's values.
//
// The values are a dense matrix, one row per entity id and one column per
// field, shared in shape by every period of a Dataset (see grid): scoring
// reads every (entity, field) of every period, and a matrix read costs a
// fraction of a map lookup, allocates nothing and keeps the heap small.
// Use Value and HasValues by id, or Row, Column and At by index in loops.
type PeriodData struct {
	Period  period.Period
	ID      string   // Period.String()
	Files   []string // source files relative to the site folder, sorted; empty for derived periods
	Derived bool     // a ytd period computed from its parts

	grid *grid
	// vals holds the aggregated values (SPEC §4 "Aggregation"): own value
	// if present, else the sum of the children's aggregated values if any
	// child has one; NaN where missing (a value read or summed is never
	// NaN). Row-major: vals[row*len(grid.fields)+col].
	vals []float64
	// own marks the cells that hold an own value: a non-empty cell of the
	// period's own files, or for a derived period a ytd sum.
	own bitset
	// has marks the rows with at least one aggregated value.
	has bitset
}

// Value returns the aggregated value of field for entity, and whether it is present.
func (pd *PeriodData) Value(entity, field string) (float64, bool) {
	return pd.At(pd.Row(entity), pd.Column(field))
}

// HasValues reports whether entity has at least one aggregated field value.
func (pd *PeriodData) HasValues(entity string) bool {
	r := pd.Row(entity)
	return r >= 0 && pd.has.get(r)
}

// OwnValue returns the value of field that entity has in the period's own
// files (for a derived period: its ytd sum), and whether there is one.
func (pd *PeriodData) OwnValue(entity, field string) (float64, bool) {
	r, c := pd.Row(entity), pd.Column(field)
	if r < 0 || c < 0 || !pd.own.get(r*len(pd.grid.fields)+c) {
		return 0, false
	}
	return pd.vals[r*len(pd.grid.fields)+c], true
}

// HasOwn reports whether entity has at least one own value in the period.
func (pd *PeriodData) HasOwn(entity string) bool {
	r := pd.Row(entity)
	if r < 0 {
		return false
	}
	nc := len(pd.grid.fields)
	return pd.own.any(r*nc, (r+1)*nc)
}

// Row returns the row of entity for At, or -1 when the period has none.
func (pd *PeriodData) Row(entity string) int {
	if pd.grid == nil {
		return -1
	}
	if r, ok := pd.grid.rowOf[entity]; ok {
		return r
	}
	return -1
}

// Column returns the column of field for At, or -1 when the period has none.
func (pd *PeriodData) Column(field string) int {
	if pd.grid == nil {
		return -1
	}
	if c, ok := pd.grid.colOf[field]; ok {
		return c
	}
	return -1
}

// At returns the aggregated value at row and column (from Row and Column
// of this period or of another period of the same Dataset), and whether
// it is present; a negative row or column is missing.
func (pd *PeriodData) At(row, col int) (float64, bool) {
	if row < 0 || col < 0 {
		return 0, false
	}
	v := pd.vals[row*len(pd.grid.fields)+col]
	if v != v { // NaN: missing
		return 0, false
	}
	return v, true
}

// RowValues returns the aggregated values of row by column, NaN where
// missing (nil for a negative row), for loops that read many fields of
// one entity. The slice is the period's own storage: do not modify it.
func (pd *PeriodData) RowValues(row int) []float64 {
	if row < 0 {
		return nil
	}
	nc := len(pd.grid.fields)
	return pd.vals[row*nc : (row+1)*nc : (row+1)*nc]
}

// Without returns a copy of pd without the values of the entities in drop,
// own and aggregated: they have no values in the copy, while the values
// of their parents still include theirs. pd is not modified.
func (pd *PeriodData) Without(drop map[string]bool) *PeriodData {
	q := *pd
	if pd.grid == nil {
		return &q
	}
	q.vals = slices.Clone(pd.vals)
	q.own = slices.Clone(pd.own)
	q.has = slices.Clone(pd.has)
	nc := len(pd.grid.fields)
	nan := math.NaN()
	for id := range drop {
		r := pd.Row(id)
		if r < 0 {
			continue
		}
		for c := r * nc; c < (r+1)*nc; c++ {
			q.vals[c] = nan
			q.own.clear(c)
		}
		q.has.clear(r)
	}
	return &q
}

// NewPeriodData makes a period from values given by entity id and field,
// for tests and tools that build data by hand (Load computes agg itself):
// own are the values of the period's files, agg the aggregated values,
// which must include every own value.
func NewPeriodData(p period.Period, own, agg map[string]map[string]float64) *PeriodData {
	g := &grid{rowOf: map[string]int{}, colOf: map[string]int{}}
	var ids, fields []string
	for _, m := range []map[string]map[string]float64{own, agg} {
		for id, vals := range m {
			ids = append(ids, id)
			for f := range vals {
				fields = append(fields, f)
			}
		}
	}
	slices.Sort(ids)
	slices.Sort(fields)
	for _, id := range slices.Compact(ids) {
		g.addRow(id)
	}
	for _, f := range slices.Compact(fields) {
		g.addColumn(f)
	}
	pd := &PeriodData{Period: p, ID: p.String(), grid: g, vals: g.matrix()}
	nc := len(g.fields)
	pd.own = newBitset(len(pd.vals))
	for _, m := range []map[string]map[string]float64{own, agg} {
		for id, vals := range m {
			for f, v := range vals {
				pd.vals[g.rowOf[id]*nc+g.colOf[f]] = v
			}
		}
	}
	for id, vals := range own {
		for f := range vals {
			pd.own.set(g.rowOf[id]*nc + g.colOf[f])
		}
	}
	pd.has = rowsWithValues(pd.vals, len(g.ids), nc)
	return pd
}

// Dataset is everything read from the data folder.
type Dataset struct {
	Entities *Entities
	// Periods sorted by time (period.Less), derived ytd periods included.
	Periods []*PeriodData
	// Fields is every field name seen in a data file header, sorted.
	Fields []string
	// Notes maps a period id to the Markdown of data/notes/<period>.md.
	Notes map[string]string
}

// Period returns the data of the period with id, or nil.
func (d *Dataset) Period(id string) *PeriodData {
	for _, p := range d.Periods {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Package dataset reads a site's data folder (SPEC §3–§4): entities.csv,
// the period files (CSV or XLSX, one file or a folder of files per period),
// and the optional notes; it derives the cumulative (ytd) periods and
// aggregates values up the entity hierarchy.
package dataset

import "kaoping/generator/period"

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
type PeriodData struct {
	Period  period.Period
	ID      string   // Period.String()
	Files   []string // source files relative to the site folder, sorted; empty for derived periods
	Derived bool     // a ytd period computed from its parts

	// Own holds the non-empty cells of the period's own files (for a derived
	// period: the ytd sums), entity id -> field -> value.
	Own map[string]map[string]float64
	// Agg holds the aggregated values (SPEC §4 "Aggregation"): own value if
	// present, else the sum of the children's aggregated values if any child
	// has one. Only present values are stored.
	Agg map[string]map[string]float64
}

// Value returns the aggregated value of field for entity, and whether it is present.
func (pd *PeriodData) Value(entity, field string) (float64, bool) {
	v, ok := pd.Agg[entity][field]
	return v, ok
}

// HasValues reports whether entity has at least one aggregated field value.
func (pd *PeriodData) HasValues(entity string) bool { return len(pd.Agg[entity]) > 0 }

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

// Package scoring computes a scheme's results for one period (SPEC §6):
// formulas, the eight methods, missing-value policies, adjustments, vetoes,
// ranks with ties and tie-breaks, grades and rank changes. It is pure: it
// reads only what it is given and does no I/O.
package scoring

import (
	"kaoping/generator/config"
	"kaoping/generator/dataset"
)

// Result is a scheme's results for one period.
type Result struct {
	Scheme *config.Scheme
	Period *dataset.PeriodData
	Groups []*Group // sorted by id
}

// Group is one peer group and its members' results.
type Group struct {
	ID       string
	Entities []*EntityResult // by rank, then id
	// Stats per indicator id: what the group's values were compared with.
	Stats map[string]*IndicatorStats
}

// MemberIDs lists the ids of the group's members, by rank.
func (g *Group) MemberIDs() []string {
	ids := make([]string, len(g.Entities))
	for i, e := range g.Entities {
		ids[i] = e.Entity.ID
	}
	return ids
}

// IndicatorStats describes an indicator's values within a group.
type IndicatorStats struct {
	N         int      // |V|: members with a value
	Mean      *float64 // mean of V (v units); nil when V is empty
	Median    *float64
	Min, Max  *float64
	Sigma     *float64 // population standard deviation of V
	Reference *float64 // mean_relative: ref; zscore: mean; else nil (v units)
	Hi, Lo    *float64 // efficacy: the satisfying and the not-allowed value (display units)
	NoValues  bool     // V is empty: every member got 0
}

// EntityResult is one entity's result.
type EntityResult struct {
	Entity     *dataset.Entity
	Group      string
	Rank       int
	Total      float64
	Grade      string // "" when the scheme has no grades
	Vetoed     bool
	Vetoes     []string // ids of the vetoes that hit, in config order
	RankChange *int     // nil when not ranked in the previous period

	Categories  map[string]float64 // category id -> subtotal
	Indicators  map[string]*IndicatorScore
	Adjustments map[string]*AdjustmentScore
}

// IndicatorScore is how one indicator scored for one entity.
type IndicatorScore struct {
	Value     *float64 // v; nil when missing
	Display   *float64 // dv (100·v for percent); nil when missing
	Points    float64
	Reference *float64 // as IndicatorStats.Reference
	// Deviation is d for mean_relative (percent for relative, display units
	// for absolute; ±Inf possible when ref = 0) and z for zscore; else nil.
	Deviation *float64
	Rank      int  // rank of v within V (best first, ties share); 0 when missing or no direction
	Missing   bool // no value: points come from the missing policy
	Invalid   bool // a value was computed but valid_if was false or not computable
	Band      int  // bands: index of the band that held dv, -1 if none
	// Alert is the 预警 level (SPEC §6): AlertRed, AlertYellow, or
	// NoAlert when the indicator has no alert, the value is missing or the
	// reference is not computable.
	Alert Alert
}

// Alert is a 预警 level. Its text is what results JSON writes.
type Alert string

// The 预警 levels, worst last.
const (
	NoAlert     Alert = ""
	AlertYellow Alert = "yellow"
	AlertRed    Alert = "red"
)

// AdjustmentScore is one adjustment for one entity.
type AdjustmentScore struct {
	Field  *float64 // the field's value; nil when missing
	Raw    float64  // field × points before the cap
	Points float64  // after the cap
	Capped bool
}

// Package period parses and orders period ids (SPEC §4): YYYY, YYYY-H1/H2,
// YYYY-Q1..Q4, YYYY-MM, and the derived cumulative ids YYYY-MM-ytd and
// YYYY-Qn-ytd.
package period

// Granularity is the length of a period.
type Granularity int

const (
	Month Granularity = iota
	Quarter
	Half
	Year
)

// Period is a parsed period id.
type Period struct {
	Year int
	Gran Granularity
	N    int  // month 1..12, quarter 1..4, half 1..2; 0 for a year
	YTD  bool // derived cumulative period (month or quarter only)
}

package period

import "slices"

// Less reports whether a comes before b in time. Periods are ordered by
// year, then by the last month they cover, then finer granularity first
// (month, quarter, half, year), then a plain period before the derived
// period of the same end. So every period comes after all periods it
// contains, and a derived ytd period sorts right after its last part:
//
//	2024-01 2024-01-ytd 2024-02 2024-02-ytd 2024-03 2024-03-ytd
//	2024-Q1 2024-Q1-ytd 2024-04 ... 2024-06 2024-Q2 2024-H1 ... 2024
func Less(a, b Period) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if am, bm := a.LastMonth(), b.LastMonth(); am != bm {
		return am < bm
	}
	if a.Gran != b.Gran {
		return a.Gran < b.Gran
	}
	return !a.YTD && b.YTD
}

// Previous returns p's previous period (环比, rank change) among have.
// For a plain period it is the latest period in have that is earlier than
// p, of the same granularity and not derived (2024-Q1 for 2024-Q2, or
// 2023-Q4 when 2024-Q1 is absent). For a derived ytd period it is the
// derived period exactly one step earlier in the same year (2024-02-ytd
// for 2024-03-ytd) if it is in have; a January or Q1 ytd period has none.
func Previous(p Period, have []Period) (Period, bool) {
	if p.YTD {
		if p.N <= 1 {
			return Period{}, false
		}
		want := p
		want.N--
		return find(want, have)
	}
	var best Period
	found := false
	for _, q := range have {
		if q.YTD || q.Gran != p.Gran || !Less(q, p) {
			continue
		}
		if !found || Less(best, q) {
			best, found = q, true
		}
	}
	return best, found
}

// SameLastYear returns the same period one year earlier (同比), derived or
// not like p, if it is in have.
func SameLastYear(p Period, have []Period) (Period, bool) {
	want := p
	want.Year--
	return find(want, have)
}

func find(want Period, have []Period) (Period, bool) {
	for _, q := range have {
		if q == want {
			return q, true
		}
	}
	return Period{}, false
}

// Sort orders ps by time (see Less).
func Sort(ps []Period) {
	slices.SortStableFunc(ps, func(a, b Period) int {
		switch {
		case Less(a, b):
			return -1
		case Less(b, a):
			return 1
		}
		return 0
	})
}

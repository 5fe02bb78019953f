package period

import (
	"fmt"
	"strconv"
)

// Parse reads a period id: YYYY, YYYY-H1, YYYY-H2, YYYY-Q1..YYYY-Q4,
// YYYY-MM (01..12), or the derived cumulative ids YYYY-MM-ytd and
// YYYY-Qn-ytd. The id must be in canonical form: four-digit year not
// starting with 0, upper-case H and Q, two-digit month, lower-case "-ytd".
// Everything else (2024-13, 2024-Q5, 2024-1, 2024-q1, 2024-H1-ytd) is
// rejected, so that an id read from a file name is also a safe URL part.
func Parse(s string) (Period, error) {
	bad := func() (Period, error) {
		return Period{}, fmt.Errorf("%q is not a period id (YYYY, YYYY-H1, YYYY-Q1, YYYY-MM, YYYY-MM-ytd or YYYY-Qn-ytd)", s)
	}
	if len(s) < 4 || !digits(s[:4]) || s[0] == '0' {
		return bad()
	}
	year, _ := strconv.Atoi(s[:4])
	rest := s[4:]
	if rest == "" {
		return Period{Year: year, Gran: Year}, nil
	}
	if rest[0] != '-' {
		return bad()
	}
	rest = rest[1:]
	ytd := false
	if len(rest) > 4 && rest[len(rest)-4:] == "-ytd" {
		ytd = true
		rest = rest[:len(rest)-4]
	}
	if len(rest) != 2 {
		return bad()
	}
	p := Period{Year: year, YTD: ytd}
	switch {
	case rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2'):
		if ytd {
			return bad()
		}
		p.Gran, p.N = Half, int(rest[1]-'0')
	case rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		p.Gran, p.N = Quarter, int(rest[1]-'0')
	case digits(rest):
		n := int(rest[0]-'0')*10 + int(rest[1]-'0')
		if n < 1 || n > 12 {
			return bad()
		}
		p.Gran, p.N = Month, n
	default:
		return bad()
	}
	return p, nil
}

// MustParse is Parse for ids known to be valid (tests, fixtures); it panics
// on a bad id.
func MustParse(s string) Period {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// String returns the canonical id, the inverse of Parse.
func (p Period) String() string {
	var s string
	switch p.Gran {
	case Year:
		return fmt.Sprintf("%04d", p.Year)
	case Half:
		s = fmt.Sprintf("%04d-H%d", p.Year, p.N)
	case Quarter:
		s = fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	default:
		s = fmt.Sprintf("%04d-%02d", p.Year, p.N)
	}
	if p.YTD {
		s += "-ytd"
	}
	return s
}

// FirstMonth returns the first calendar month (1..12) the period covers;
// a derived ytd period starts in January.
func (p Period) FirstMonth() int {
	if p.YTD {
		return 1
	}
	switch p.Gran {
	case Year:
		return 1
	case Half:
		return 6*(p.N-1) + 1
	case Quarter:
		return 3*(p.N-1) + 1
	}
	return p.N
}

// LastMonth returns the last calendar month (1..12) the period covers.
func (p Period) LastMonth() int {
	switch p.Gran {
	case Year:
		return 12
	case Half:
		return 6 * p.N
	case Quarter:
		return 3 * p.N
	}
	return p.N
}

// Base returns the plain period a derived period ends with (2024-03 for
// 2024-03-ytd); a plain period returns itself.
func (p Period) Base() Period {
	p.YTD = false
	return p
}

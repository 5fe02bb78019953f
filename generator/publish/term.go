package publish

import (
	"fmt"
	"time"
)

// Term is a 公示期: the days a published ranking is posted for objections,
// both ends included, as `kaoping publish P --from DATE --days N` records
// it.
type Term struct {
	From, To    string // YYYY-MM-DD
	Days        int    // N, as given
	WorkingDays bool   // N counts Monday to Friday; else calendar days
}

// MaxDays bounds --days: a 公示期 of more than a year is a typing error.
const MaxDays = 365

// NewTerm checks from (YYYY-MM-DD, a real date) and days (1 to MaxDays)
// and computes the last day: from + days − 1 for calendar days; with
// workingDays, the days-th day from Monday to Friday counting from from
// itself (a from on a weekend counts from the Monday after; public
// holidays are not known, so they count as working days). The errors say
// what is wrong, in both languages, for a usage message.
func NewTerm(from string, days int, workingDays bool) (Term, error) {
	start, err := time.Parse(time.DateOnly, from)
	if err != nil || start.Format(time.DateOnly) != from {
		return Term{}, &TermError{
			ZH: fmt.Sprintf("--from 应为 YYYY-MM-DD 格式的日期，如 2026-04-01，而不是 %q", from),
			EN: fmt.Sprintf("--from must be a date written YYYY-MM-DD, e.g. 2026-04-01, not %q", from),
		}
	}
	if days < 1 || days > MaxDays {
		return Term{}, &TermError{
			ZH: fmt.Sprintf("--days 应为 1 到 %d 之间的天数，而不是 %d", MaxDays, days),
			EN: fmt.Sprintf("--days must be a number of days from 1 to %d, not %d", MaxDays, days),
		}
	}
	end := start.AddDate(0, 0, days-1)
	if workingDays {
		end = start
		for n := 0; ; end = end.AddDate(0, 0, 1) {
			if wd := end.Weekday(); wd != time.Saturday && wd != time.Sunday {
				if n++; n == days {
					break
				}
			}
		}
	}
	return Term{From: from, To: end.Format(time.DateOnly), Days: days, WorkingDays: workingDays}, nil
}

// TermError is a bad --from or --days, in both languages.
type TermError struct{ ZH, EN string }

func (e *TermError) Error() string { return e.EN }

// Describe says the term in words: "2026-04-01 至 2026-04-07（5 个工作日）"
// and "2026-04-01 to 2026-04-07 (5 working days)".
func (t Term) Describe() (zh, en string) {
	unitZH, unitEN := "天", "days"
	if t.WorkingDays {
		unitZH, unitEN = "个工作日", "working days"
	}
	return fmt.Sprintf("%s 至 %s（%d %s）", t.From, t.To, t.Days, unitZH),
		fmt.Sprintf("%s to %s (%d %s)", t.From, t.To, t.Days, unitEN)
}

// Notice is what the pages of a published period show of its
// publication: the date it was first published (the date of the 公示
// notice; corrections carry their own dates) and its 公示期, if recorded.
type Notice struct {
	Date    string // YYYY-MM-DD; "" when unknown (a recovered version)
	Term    Term
	HasTerm bool
}

// Notices returns the Notice of every period published now, by period
// id; a period absent from it is unpublished (a draft, SPEC §7).
func (r *Record) Notices() map[string]Notice {
	out := map[string]Notice{}
	for _, p := range r.Periods {
		vs := p.Publication()
		if len(vs) == 0 {
			continue
		}
		n := Notice{Date: vs[0].Date}
		n.Term, n.HasTerm = p.Term()
		out[p.ID] = n
	}
	return out
}

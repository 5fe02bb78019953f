package publish

import (
	"strings"
	"testing"
)

func TestNewTerm(t *testing.T) {
	tests := []struct {
		from    string
		days    int
		working bool
		to      string
	}{
		{"2026-04-01", 5, false, "2026-04-05"},
		{"2026-04-01", 1, false, "2026-04-01"},
		{"2026-12-30", 5, false, "2027-01-03"},
		{"2024-02-27", 5, false, "2024-03-02"}, // 2024 is a leap year: Feb 29 counts
		// 2026-04-01 is a Wednesday: Wed, Thu, Fri, Mon, Tue.
		{"2026-04-01", 5, true, "2026-04-07"},
		{"2026-04-03", 1, true, "2026-04-03"}, // a Friday
		// 2026-04-04 is a Saturday: counting starts on Monday the 6th.
		{"2026-04-04", 1, true, "2026-04-06"},
		{"2026-04-04", 5, true, "2026-04-10"},
		{"2026-04-06", 10, true, "2026-04-17"},
	}
	for _, tt := range tests {
		got, err := NewTerm(tt.from, tt.days, tt.working)
		if err != nil || got != (Term{tt.from, tt.to, tt.days, tt.working}) {
			t.Errorf("NewTerm(%s, %d, %v) = %+v, %v; want to %s", tt.from, tt.days, tt.working, got, err, tt.to)
		}
	}
	for _, bad := range []struct {
		from string
		days int
		want string
	}{
		{"2026-4-1", 5, "YYYY-MM-DD"}, {"2026-02-30", 5, "YYYY-MM-DD"}, {"01/04/2026", 5, "YYYY-MM-DD"}, {"", 5, "YYYY-MM-DD"},
		{"2026-04-01", 0, "from 1 to 365"}, {"2026-04-01", -3, "from 1 to 365"}, {"2026-04-01", 366, "from 1 to 365"},
	} {
		_, err := NewTerm(bad.from, bad.days, false)
		te, ok := err.(*TermError)
		if !ok || !strings.Contains(te.EN, bad.want) || te.ZH == "" {
			t.Errorf("NewTerm(%q, %d): %v", bad.from, bad.days, err)
		}
	}
	zh, en := Term{"2026-04-01", "2026-04-07", 5, true}.Describe()
	if zh != "2026-04-01 至 2026-04-07（5 个工作日）" || en != "2026-04-01 to 2026-04-07 (5 working days)" {
		t.Errorf("Describe = %q / %q", zh, en)
	}
}

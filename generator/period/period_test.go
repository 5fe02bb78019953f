package period

import (
	"math/rand"
	"slices"
	"testing"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		in   string
		want Period
	}{
		{"2021", Period{Year: 2021, Gran: Year}},
		{"2021-H1", Period{Year: 2021, Gran: Half, N: 1}},
		{"2021-H2", Period{Year: 2021, Gran: Half, N: 2}},
		{"2021-Q1", Period{Year: 2021, Gran: Quarter, N: 1}},
		{"2021-Q4", Period{Year: 2021, Gran: Quarter, N: 4}},
		{"2021-01", Period{Year: 2021, Gran: Month, N: 1}},
		{"2021-12", Period{Year: 2021, Gran: Month, N: 12}},
		{"2024-03-ytd", Period{Year: 2024, Gran: Month, N: 3, YTD: true}},
		{"2024-Q2-ytd", Period{Year: 2024, Gran: Quarter, N: 2, YTD: true}},
		{"1999-07", Period{Year: 1999, Gran: Month, N: 7}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.in {
			t.Errorf("Parse(%q).String() = %q", tt.in, s)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	for _, in := range []string{
		"", "202", "20245", "0999", "abcd", "2024-", "2024-13", "2024-00", "2024-1",
		"2024-001", "2024-Q5", "2024-Q0", "2024-q1", "2024-H3", "2024-H0", "2024-h1",
		"2024-H1-ytd", "2024-ytd", "2024-Q1-YTD", "2024-03-ytd-ytd", "2024-3-ytd",
		"2024-13-ytd", " 2024", "2024 ", "2024_Q1", "2024Q1", "2024-Q1.csv", "２０２４",
		"2024-Q1-", "2024--ytd", "-ytd",
	} {
		if p, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %+v, want error", in, p)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse(bad) did not panic")
		}
	}()
	MustParse("2024-13")
}

func TestLabels(t *testing.T) {
	tests := []struct {
		id, zh, en, shortZH, shortEN string
	}{
		{"2021", "2021年", "2021", "2021年", "2021"},
		{"2021-H1", "2021年上半年", "2021 H1", "2021年上半年", "2021 H1"},
		{"2021-H2", "2021年下半年", "2021 H2", "2021年下半年", "2021 H2"},
		{"2021-Q1", "2021年第一季度", "2021 Q1", "2021年一季度", "2021 Q1"},
		{"2021-Q2", "2021年第二季度", "2021 Q2", "2021年二季度", "2021 Q2"},
		{"2021-Q3", "2021年第三季度", "2021 Q3", "2021年三季度", "2021 Q3"},
		{"2021-Q4", "2021年第四季度", "2021 Q4", "2021年四季度", "2021 Q4"},
		{"2021-03", "2021年3月", "Mar 2021", "2021年3月", "Mar 2021"},
		{"2021-12", "2021年12月", "Dec 2021", "2021年12月", "Dec 2021"},
		{"2024-03-ytd", "2024年1-3月累计", "Jan–Mar 2024 (cumulative)", "2024年1-3月累计", "Jan–Mar 2024 YTD"},
		{"2024-01-ytd", "2024年1月累计", "Jan 2024 (cumulative)", "2024年1月累计", "Jan 2024 YTD"},
		{"2024-Q2-ytd", "2024年1-2季度累计", "Q1–Q2 2024 (cumulative)", "2024年1-2季度累计", "Q1–Q2 2024 YTD"},
		{"2024-Q1-ytd", "2024年第一季度累计", "Q1 2024 (cumulative)", "2024年一季度累计", "Q1 2024 YTD"},
	}
	for _, tt := range tests {
		p := MustParse(tt.id)
		if got := p.Label("zh-CN"); got != tt.zh {
			t.Errorf("%s Label(zh-CN) = %q, want %q", tt.id, got, tt.zh)
		}
		if got := p.Label("en"); got != tt.en {
			t.Errorf("%s Label(en) = %q, want %q", tt.id, got, tt.en)
		}
		if got := p.ShortLabel("zh-CN"); got != tt.shortZH {
			t.Errorf("%s ShortLabel(zh-CN) = %q, want %q", tt.id, got, tt.shortZH)
		}
		if got := p.ShortLabel("en"); got != tt.shortEN {
			t.Errorf("%s ShortLabel(en) = %q, want %q", tt.id, got, tt.shortEN)
		}
	}
}

func TestMonths(t *testing.T) {
	tests := []struct {
		id          string
		first, last int
	}{
		{"2024", 1, 12}, {"2024-H1", 1, 6}, {"2024-H2", 7, 12},
		{"2024-Q1", 1, 3}, {"2024-Q3", 7, 9}, {"2024-05", 5, 5},
		{"2024-05-ytd", 1, 5}, {"2024-Q3-ytd", 1, 9},
	}
	for _, tt := range tests {
		p := MustParse(tt.id)
		if p.FirstMonth() != tt.first || p.LastMonth() != tt.last {
			t.Errorf("%s months = %d..%d, want %d..%d", tt.id, p.FirstMonth(), p.LastMonth(), tt.first, tt.last)
		}
	}
	if b := MustParse("2024-Q3-ytd").Base(); b.String() != "2024-Q3" {
		t.Errorf("Base = %s", b)
	}
}

// sorted is the expected time order of a mixed set of periods.
var sorted = []string{
	"2023-12", "2023-Q4", "2023-H2", "2023",
	"2024-01", "2024-01-ytd", "2024-02", "2024-02-ytd",
	"2024-03", "2024-03-ytd", "2024-Q1", "2024-Q1-ytd",
	"2024-04", "2024-04-ytd",
	"2024-06", "2024-06-ytd", "2024-Q2", "2024-Q2-ytd", "2024-H1",
	"2024-12", "2024-Q4", "2024-Q4-ytd", "2024-H2", "2024",
	"2025-01",
}

func TestLessAndSort(t *testing.T) {
	ps := make([]Period, len(sorted))
	for i, id := range sorted {
		ps[i] = MustParse(id)
	}
	for i := range ps {
		for j := range ps {
			if got, want := Less(ps[i], ps[j]), i < j; got != want {
				t.Errorf("Less(%s, %s) = %v, want %v", ps[i], ps[j], got, want)
			}
		}
	}
	shuffled := slices.Clone(ps)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) {
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	})
	Sort(shuffled)
	if !slices.Equal(shuffled, ps) {
		t.Errorf("Sort = %v, want %v", shuffled, ps)
	}
}

func parseAll(ids ...string) []Period {
	out := make([]Period, len(ids))
	for i, id := range ids {
		out[i] = MustParse(id)
	}
	return out
}

func TestPrevious(t *testing.T) {
	have := parseAll(
		"2023-Q3", "2023-Q4", "2024-Q2", "2024-Q3", "2024-Q2-ytd", "2024-Q3-ytd", "2024-Q1-ytd",
		"2024-01", "2024-03", "2024-01-ytd", "2024-03-ytd", "2024-H1", "2023",
	)
	tests := []struct {
		p, want string // want "" = none
	}{
		{"2024-Q3", "2024-Q2"},
		{"2024-Q2", "2023-Q4"}, // 2024-Q1 has no data: latest earlier quarter
		{"2023-Q3", ""},
		{"2024-Q4", "2024-Q3"}, // p itself need not be in have
		{"2024-03", "2024-01"},
		{"2024-01", ""},
		{"2024-H1", ""},
		{"2024-H2", "2024-H1"},
		{"2024", "2023"},
		{"2024-Q3-ytd", "2024-Q2-ytd"},
		{"2024-Q2-ytd", "2024-Q1-ytd"},
		{"2024-Q1-ytd", ""}, // first of the year
		{"2024-03-ytd", ""}, // 2024-02-ytd not in have: no skipping
		{"2024-02-ytd", "2024-01-ytd"},
		{"2025-Q1-ytd", ""}, // never the previous year's ytd
	}
	for _, tt := range tests {
		got, ok := Previous(MustParse(tt.p), have)
		switch {
		case tt.want == "" && ok:
			t.Errorf("Previous(%s) = %s, want none", tt.p, got)
		case tt.want != "" && (!ok || got.String() != tt.want):
			t.Errorf("Previous(%s) = %s, %v, want %s", tt.p, got, ok, tt.want)
		}
	}
}

func TestSameLastYear(t *testing.T) {
	have := parseAll("2023-Q2", "2023-03-ytd", "2023", "2023-05")
	tests := []struct {
		p, want string
	}{
		{"2024-Q2", "2023-Q2"},
		{"2024-03-ytd", "2023-03-ytd"},
		{"2024-03", ""}, // only the ytd period of 2023-03 is present
		{"2024", "2023"},
		{"2024-Q3", ""},
		{"2025-Q2", ""}, // two years back does not count
		{"2024-05", "2023-05"},
	}
	for _, tt := range tests {
		got, ok := SameLastYear(MustParse(tt.p), have)
		switch {
		case tt.want == "" && ok:
			t.Errorf("SameLastYear(%s) = %s, want none", tt.p, got)
		case tt.want != "" && (!ok || got.String() != tt.want):
			t.Errorf("SameLastYear(%s) = %s, %v, want %s", tt.p, got, ok, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024", "2024-Q1", "2024-03-ytd", "2024-H2", "2024-13", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		if p.String() != s {
			t.Errorf("Parse(%q).String() = %q", s, p.String())
		}
	})
}

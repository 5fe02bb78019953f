package scoring

import (
	"reflect"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/diag"
	"kaoping/generator/period"
)

func TestCompileProblems(t *testing.T) {
	type want struct {
		line int
		en   string // substring of the English message
	}
	tests := []struct {
		name   string
		cfg    func(*config.Config, *config.Scheme)
		fields []string
		want   []want
	}{
		{"clean", func(c *config.Config, s *config.Scheme) {}, []string{"x", "y"}, nil},
		{"syntax error", func(c *config.Config, s *config.Scheme) {
			s.Indicators[0].Formula = "x % y"
		}, []string{"x", "y"}, []want{{11, `formula "x % y" (column 3): % is not allowed`}}},
		{"valid_if error at its line", func(c *config.Config, s *config.Scheme) {
			s.Indicators[0].ValidIf, s.Indicators[0].ValidIfLine = "x + 1", 14
		}, []string{"x", "y"}, []want{{14, "valid_if"}}},
		{"formula line falls back to the table line", func(c *config.Config, s *config.Scheme) {
			s.Indicators[0].Formula, s.Indicators[0].FormulaLine = "x ** 2", 0
		}, []string{"x", "y"}, []want{{10, "** is not allowed"}}},
		{"unknown name", func(c *config.Config, s *config.Scheme) {
			s.Indicators[0].Formula = "x / casez"
		}, []string{"x", "y"}, []want{{11, "casez, which is neither a field nor a constant"}}},
		{"label used as name", func(c *config.Config, s *config.Scheme) {
			c.Fields = []config.Field{{ID: "cases", Label: "案件数", Line: 2}}
			s.Indicators[0].Formula = "x / 案件数"
		}, []string{"x", "y", "cases"}, []want{{11, "label of field cases"}}},
		{"constant is known", func(c *config.Config, s *config.Scheme) {
			c.Constants = []config.Constant{{Name: "coef", Value: 1.5, Line: 5}}
			s.Indicators[0].Formula = "x * coef"
		}, []string{"x", "y"}, nil},
		{"constant named like a data field", func(c *config.Config, s *config.Scheme) {
			c.Constants = []config.Constant{{Name: "y", Value: 1, Line: 5}}
		}, []string{"x", "y"}, []want{{5, "constant y has the name of a field"}}},
		{"constant named like a [fields] entry is config's to report", func(c *config.Config, s *config.Scheme) {
			c.Fields = []config.Field{{ID: "y", Label: "Y", Line: 2}}
			c.Constants = []config.Constant{{Name: "y", Value: 1, Line: 5}}
		}, []string{"x", "y"}, nil},
		{"adjustment and veto fields", func(c *config.Config, s *config.Scheme) {
			s.Adjustments = []*config.Adjustment{{ID: "adj", Field: "typical", Points: 1, Line: 20}, {ID: "ok", Field: "x", Line: 22}}
			s.Vetoes = []*config.Veto{{ID: "veto", Field: "discipline", Line: 30}, {ID: "bad", Field: "违纪", Line: 32}}
		}, []string{"x", "y"}, []want{
			{20, "adjustment adj: the field typical does not exist"},
			{30, "veto veto: the field discipline does not exist"},
		}},
		{"every problem, not only the first", func(c *config.Config, s *config.Scheme) {
			s.Indicators[0].Formula = "a + b"
		}, []string{"x", "y"}, []want{{11, " a, which"}, {11, " b, which"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scheme(ind("i", "x / y", "direct", 10))
			cfg := &config.Config{Path: "site/config.toml", Schemes: []*config.Scheme{s}}
			tt.cfg(cfg, s)
			_, probs := Compile(cfg, tt.fields)
			if len(probs) != len(tt.want) {
				t.Fatalf("%d problems %v; want %d", len(probs), probs, len(tt.want))
			}
			for k, w := range tt.want {
				p := probs[k]
				if p.Severity != diag.Error || p.Pos.File != "config.toml" || p.Pos.Line != w.line || !strings.Contains(p.EN, w.en) || p.ZH == "" {
					t.Errorf("problem %d = %s / %s; want error at line %d containing %q", k, p.Format("en"), p.ZH, w.line, w.en)
				}
			}
		})
	}
}

// TestFailedIndicatorIsMissing: an indicator whose formula did not compile
// gives missing values rather than a panic.
func TestFailedIndicatorIsMissing(t *testing.T) {
	s := scheme(ind("i", "x %", "direct", 10, func(i *config.Indicator) { i.Missing = "full" }), ind("j", "x", "direct", 10))
	cfg := &config.Config{Schemes: []*config.Scheme{s}}
	e, probs := Compile(cfg, []string{"x"})
	if !probs.HasErrors() || probs[0].Pos.File != "config.toml" {
		t.Fatalf("problems %v; want an error in config.toml", probs)
	}
	r := e.Score(s, periodData("2024-Q1", map[string]row{"a": {"x": 4}}), dataset.NewEntities(units("a")))
	a := entity(t, r, "a")
	// i: V empty → 0; j: 4.
	if !a.Indicators["i"].Missing || a.Indicators["i"].Points != 0 || a.Total != 4 {
		t.Errorf("a = %+v total %v; want i missing with 0 points, total 4", a.Indicators["i"], a.Total)
	}
}

func TestSchemePeriods(t *testing.T) {
	ids := []string{"2024-Q1", "2024-Q2", "2024-H1", "2024-Q3", "2024-Q3-ytd"}
	ds := &dataset.Dataset{}
	for _, id := range ids {
		ds.Periods = append(ds.Periods, &dataset.PeriodData{Period: period.MustParse(id), ID: id})
	}
	tests := []struct {
		filter   []string
		periods  []string
		previous map[string]string // period -> previous ("" = none)
	}{
		// No filter: every period; Q3's previous is Q2, H1 has none (no
		// earlier half year), the ytd Q3 looks for Q2-ytd, which is absent.
		{nil, ids, map[string]string{"2024-Q1": "", "2024-Q2": "2024-Q1", "2024-H1": "", "2024-Q3": "2024-Q2", "2024-Q3-ytd": ""}},
		// With a filter (any order, unknown ids ignored): ds order kept,
		// and Q3's previous among the scheme's own periods is Q1.
		{[]string{"2024-Q3", "2024-Q1", "2025-Q1"}, []string{"2024-Q1", "2024-Q3"}, map[string]string{"2024-Q1": "", "2024-Q3": "2024-Q1"}},
	}
	for _, tt := range tests {
		s := &config.Scheme{ID: "s", Periods: tt.filter}
		var got []string
		for _, pd := range SchemePeriods(s, ds) {
			got = append(got, pd.ID)
		}
		if !reflect.DeepEqual(got, tt.periods) {
			t.Errorf("filter %v: periods %v; want %v", tt.filter, got, tt.periods)
		}
		for id, want := range tt.previous {
			prev := PreviousPeriod(s, ds, ds.Period(id))
			got := ""
			if prev != nil {
				got = prev.ID
			}
			if got != want {
				t.Errorf("filter %v: previous of %s = %q; want %q", tt.filter, id, got, want)
			}
		}
	}
}

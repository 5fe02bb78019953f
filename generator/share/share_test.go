package share

import (
	"reflect"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"kaoping/generator/scoring"
)

// fixture: city c1 > procuratorates p1, p2; p1 > department d1 >
// prosecutors x1 (甲检察官), x2 (乙检察官). Scheme basic ranks p1 and p2,
// scheme pros ranks x1 and x2; one period whose aggregated values of p1
// include its prosecutors' counts.
func fixture() (*config.Config, *dataset.Dataset, map[string][]*scoring.Result) {
	es := []*dataset.Entity{
		{ID: "c1", Name: "枣庄市", Kind: "city"},
		{ID: "p1", Name: "市中区院", Kind: "procuratorate", Parent: "c1"},
		{ID: "p2", Name: "山亭区院", Kind: "procuratorate", Parent: "c1"},
		{ID: "d1", Name: "第一检察部", Kind: "department", Parent: "p1"},
		{ID: "x1", Name: "甲检察官", Kind: "prosecutor", Parent: "d1"},
		{ID: "x2", Name: "乙检察官", Kind: "prosecutor", Parent: "d1"},
	}
	for i, e := range es {
		e.Order = i + 1
	}
	ents := dataset.NewEntities(es)
	pd := dataset.NewPeriodData(period.MustParse("2026-03"),
		map[string]map[string]float64{"x1": {"cases": 3}, "x2": {"cases": 4}, "p2": {"cases": 9}},
		map[string]map[string]float64{"x1": {"cases": 3}, "x2": {"cases": 4}, "d1": {"cases": 7}, "p1": {"cases": 7}, "p2": {"cases": 9}, "c1": {"cases": 16}},
	)
	ds := &dataset.Dataset{Entities: ents, Periods: []*dataset.PeriodData{pd},
		Notes: map[string]string{"2026-03": "# 说明\n甲检察官（x1）表现突出，x10 与 ax1 不是 id。\n市中区院整体良好。"}}
	basic := &config.Scheme{ID: "basic", Kind: "procuratorate"}
	pros := &config.Scheme{ID: "pros", Kind: "prosecutor"}
	cfg := &config.Config{Dir: "/site", DataDir: "/site/data", Schemes: []*config.Scheme{basic, pros}}
	res := func(s *config.Scheme, ids ...string) []*scoring.Result {
		g := &scoring.Group{ID: "all"}
		for i, id := range ids {
			g.Entities = append(g.Entities, &scoring.EntityResult{Entity: ents.Get(id), Rank: i + 1})
		}
		return []*scoring.Result{{Scheme: s, Period: pd, Groups: []*scoring.Group{g}}}
	}
	return cfg, ds, map[string][]*scoring.Result{"basic": res(basic, "p2", "p1"), "pros": res(pros, "x2", "x1")}
}

func ids(es []*dataset.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestFilter(t *testing.T) {
	tests := []struct {
		kinds             []string
		excluded, kept    []string
		schemesOut, kept2 []string
	}{
		{[]string{"prosecutor"}, []string{"x1", "x2"}, []string{"c1", "p1", "p2", "d1"}, []string{"pros"}, []string{"basic"}},
		// Excluding the department takes its prosecutors with it, and the
		// prosecutor scheme, which would name them.
		{[]string{"department"}, []string{"d1", "x1", "x2"}, []string{"c1", "p1", "p2"}, []string{"pros"}, []string{"basic"}},
		// Excluding the procuratorates takes everything below them.
		{[]string{"procuratorate"}, []string{"p1", "p2", "d1", "x1", "x2"}, []string{"c1"}, []string{"basic", "pros"}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.kinds, ","), func(t *testing.T) {
			cfg, ds, results := fixture()
			s, ps := Filter(cfg, ds, results, tt.kinds)
			if ps.HasErrors() {
				t.Fatal(ps)
			}
			if got := ids(s.Excluded); !reflect.DeepEqual(got, tt.excluded) {
				t.Errorf("excluded %v, want %v", got, tt.excluded)
			}
			if got := ids(s.Data.Entities.All); !reflect.DeepEqual(got, tt.kept) {
				t.Errorf("kept %v, want %v", got, tt.kept)
			}
			if !reflect.DeepEqual(s.Schemes, tt.schemesOut) {
				t.Errorf("schemes left out %v, want %v", s.Schemes, tt.schemesOut)
			}
			var kept []string
			for _, sc := range s.Config.Schemes {
				kept = append(kept, sc.ID)
				if s.Results[sc.ID] == nil {
					t.Errorf("scheme %s kept without its results", sc.ID)
				}
			}
			if !reflect.DeepEqual(kept, tt.kept2) {
				t.Errorf("schemes kept %v, want %v", kept, tt.kept2)
			}
			pd := s.Data.Periods[0]
			for _, id := range tt.excluded {
				if pd.HasValues(id) {
					t.Errorf("aggregated values of %s kept", id)
				}
				if pd.HasOwn(id) {
					t.Errorf("own values of %s kept", id)
				}
				if s.Data.Entities.Get(id) != nil {
					t.Errorf("entity %s still found", id)
				}
			}
			// The parents' numbers still count the left-out children.
			if v, ok := pd.Value("c1", "cases"); !ok || v != 16 {
				t.Errorf("c1 cases = %v, %v; want 16 (3 + 4 + 9)", v, ok)
			}
			for _, rs := range s.Results {
				if rs[0].Period != pd {
					t.Error("a kept result still points to the unfiltered period")
				}
			}
			// The inputs are untouched.
			if len(ds.Entities.All) != 6 || len(cfg.Schemes) != 2 || !ds.Periods[0].HasValues("x1") || !ds.Periods[0].HasOwn("x1") {
				t.Error("Filter modified its inputs")
			}
		})
	}
}

func TestFilterRedactsNotes(t *testing.T) {
	cfg, ds, results := fixture()
	s, ps := Filter(cfg, ds, results, []string{"prosecutor"})
	want := "# 说明\n×××（×××）表现突出，x10 与 ax1 不是 id。\n市中区院整体良好。"
	if got := s.Data.Notes["2026-03"]; got != want {
		t.Errorf("note = %q\nwant %q", got, want)
	}
	if ds.Notes["2026-03"] == want {
		t.Error("the input note was modified")
	}
	// One warning for line 2, naming the file and the entity.
	if len(ps) != 1 || ps.HasErrors() || ps[0].Pos.File != "data/notes/2026-03.md" || ps[0].Pos.Line != 2 || !strings.Contains(ps[0].ZH, "甲检察官") {
		t.Errorf("problems = %+v", ps)
	}
}

func TestFilterUnknownKind(t *testing.T) {
	cfg, ds, results := fixture()
	s, ps := Filter(cfg, ds, results, []string{"prosecuter"})
	if s != nil || !ps.HasErrors() || ps[0].Pos.File != "data/entities.csv" ||
		!strings.Contains(ps[0].EN, `"prosecuter"`) || !strings.Contains(ps[0].EN, "city, department, procuratorate, prosecutor") {
		t.Errorf("Filter = %v, %+v", s, ps)
	}
}

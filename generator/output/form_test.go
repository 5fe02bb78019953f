package output

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
)

// formSite is a config and data made by hand: [fields] declares cases
// and closed, with labels; a formula uses
// days, undeclared, and the constant k; an adjustment uses awards; the
// latest period's files also carry notes, which nothing uses, and an
// older period carries old, which the latest does not.
func formSite() (*config.Config, *dataset.Dataset) {
	cfg := &config.Config{Title: "考评", Language: "zh-CN",
		Fields:    []config.Field{{ID: "closed", Label: "审结案件数"}, {ID: "cases", Label: "受理案件数"}},
		Constants: []config.Constant{{Name: "k", Value: 2}},
		Schemes: []*config.Scheme{{ID: "s", Name: "方案",
			Indicators:  []*config.Indicator{{ID: "d", Formula: "days / closed * k", ValidIf: "cases > 0 and days >= 0"}},
			Adjustments: []*config.Adjustment{{ID: "a", Field: "awards"}, {ID: "b", Field: "cases"}}}},
	}
	es := dataset.NewEntities([]*dataset.Entity{
		{ID: "city", Name: "市院", Kind: "city", Order: 1},
		{ID: "b", Name: "乙院", Kind: "procuratorate", Parent: "city", Order: 2},
		{ID: "a", Name: "甲院", Kind: "procuratorate", Parent: "city", Order: 1},
		{ID: "b1", Name: "乙一", Kind: "prosecutor", Parent: "b", Order: 1},
		{ID: "a1", Name: "甲一", Kind: "prosecutor", Parent: "a", Order: 1},
		{ID: "a2", Name: "甲二", Kind: "prosecutor", Parent: "a", Order: 2},
	})
	old := dataset.NewPeriodData(period.MustParse("2025-Q1"), map[string]map[string]float64{"a1": {"old": 1}}, map[string]map[string]float64{"a1": {"old": 1}})
	own := map[string]map[string]float64{"a": {"cases": 3, "notes": 1}, "a1": {"cases": 1}, "b1": {"closed": 2}}
	latest := dataset.NewPeriodData(period.MustParse("2025-Q2"), own, own)
	return cfg, &dataset.Dataset{Entities: es, Periods: []*dataset.PeriodData{old, latest}, Fields: []string{"cases", "closed", "notes", "old"}}
}

func TestFormFields(t *testing.T) {
	cfg, ds := formSite()
	// [fields] in file order; then days (the formula; k is a constant)
	// and awards (the adjustment); then notes (the latest period's); not
	// old (an older period's only).
	want := []FormField{{"closed", "审结案件数"}, {"cases", "受理案件数"}, {"days", "days"}, {"awards", "awards"}, {"notes", "notes"}}
	if got := FormFields(cfg, ds); !slices.Equal(got, want) {
		t.Errorf("FormFields = %v, want %v", got, want)
	}
}

func TestFormEntities(t *testing.T) {
	_, ds := formSite()
	ids := func(es []*dataset.Entity) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	// Those with own values in 2025-Q2, each unit followed by its people,
	// siblings by order (a before b although b comes first in the file).
	if got := ids(FormEntities(ds)); !slices.Equal(got, []string{"a", "a1", "b1"}) {
		t.Errorf("FormEntities = %v", got)
	}
	// Without a period: every entity without children.
	ds.Periods = nil
	if got := ids(FormEntities(ds)); !slices.Equal(got, []string{"a1", "a2", "b1"}) {
		t.Errorf("FormEntities without periods = %v", got)
	}
}

// TestFormDeterministicAndEnglish: the same input gives the same bytes;
// in English the headers are entity and name, which the period reader
// takes as well, and the help sheet is Instructions.
func TestFormDeterministicAndEnglish(t *testing.T) {
	cfg, ds := formSite()
	p := period.MustParse("2025-Q3")
	write := func() []byte {
		var buf bytes.Buffer
		if err := Form(&buf, cfg, p, FormFields(cfg, ds), FormEntities(ds)); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := write()
	for range 5 {
		if !bytes.Equal(first, write()) {
			t.Fatal("two writes of one form differ")
		}
	}
	cfg.Language = "en"
	f, err := excelize.OpenReader(bytes.NewReader(write()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"2025 Q3", "Instructions"}) {
		t.Fatalf("sheets %q", got)
	}
	rows, _ := f.GetRows("2025 Q3")
	if got := strings.Join(rows[0], ","); got != "entity,name,审结案件数,受理案件数,days,awards,notes" {
		t.Errorf("header %s", got)
	}
	if err := Form(&bytes.Buffer{}, cfg, p, nil, FormEntities(ds)); err == nil {
		t.Error("a form without fields was written")
	}
}

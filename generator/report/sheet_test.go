package report

import (
	"math"
	"strings"
	"testing"

	"kaoping/generator/explain"
	"kaoping/generator/numfmt"
)

// TestSheetShowsEveryIndicator checks that a score sheet holds every
// indicator of the scheme, by category, with its points, its page and
// explain's sentence; the adjustments' and the summary's sentences; and
// the total as the sum of the category subtotals and the adjustments.
func TestSheetShowsEveryIndicator(t *testing.T) {
	m := demo(t)
	jobs := sheetJobs(m)
	for _, scheme := range []string{"basic", "prosecutor"} {
		r := latestPlain(t, m, scheme)
		g := r.Groups[len(r.Groups)-1]
		e := g.Entities[len(g.Entities)-1] // the last: often the most minus points
		d := pageData(t, jobs, SheetPath(scheme, r.Period.ID, e.Entity.ID)).(*SheetPage)
		s := r.Scheme
		rows := map[string]SheetIndicator{}
		for _, c := range d.Categories {
			for _, row := range c.Rows {
				rows[row.Path] = row
			}
		}
		if len(rows) != len(s.Indicators) {
			t.Errorf("%s: %d indicator rows, want %d", scheme, len(rows), len(s.Indicators))
		}
		for _, ind := range s.Indicators {
			row, ok := rows[IndicatorPath(scheme, ind.ID)]
			if !ok {
				t.Errorf("%s/%s: no row linking indicator %s", scheme, e.Entity.ID, ind.ID)
				continue
			}
			if want := explain.Indicator(m.Config, ind, r.Period, e, g, m.Lang); row.Explain != want {
				t.Errorf("%s/%s: %s explained %q, want %q", scheme, e.Entity.ID, ind.ID, row.Explain, want)
			}
			if row.Name != ind.Name || row.Points != e.Indicators[ind.ID].Points || row.Weight != ind.Weight {
				t.Errorf("%s: row %+v, want %s with %v points", scheme, row, ind.ID, e.Indicators[ind.ID].Points)
			}
		}
		sum := 0.0
		for _, c := range d.Categories {
			sum += c.Subtotal
		}
		if math.Abs(sum-d.IndicatorSum) > 1e-9 {
			t.Errorf("%s: indicator sum %v, subtotals add up to %v", scheme, d.IndicatorSum, sum)
		}
		for i, a := range s.Adjustments {
			if line := explain.Adjustment(m.Config, a, e.Adjustments[a.ID], m.Lang); d.Adjustments[i].Explain != line {
				t.Errorf("%s: adjustment %s explained %q, want %q", scheme, a.ID, d.Adjustments[i].Explain, line)
			}
		}
		if want := explain.Summary(s, e, g, m.Lang); d.Summary != want {
			t.Errorf("%s: summary %q, want %q", scheme, d.Summary, want)
		}
		if d.Total != e.Total || math.Abs(d.IndicatorSum+d.AdjustmentSum-e.Total) > 1e-9 {
			t.Errorf("%s: total %v = %v + %v, want %v", scheme, d.Total, d.IndicatorSum, d.AdjustmentSum, e.Total)
		}
		if d.Profile != EntityPath(e.Entity.ID) || d.Rank != e.Rank || d.N != len(g.Entities) {
			t.Errorf("%s: profile %s, rank %d of %d", scheme, d.Profile, d.Rank, d.N)
		}
	}
}

// TestSheetIndicatorRow checks the value/reference/difference line: the
// difference is in display units, and its colour always comes with words.
func TestSheetIndicatorRow(t *testing.T) {
	m := demo(t)
	r := latestPlain(t, m, "basic")
	g := r.Groups[0]
	seen := map[string]bool{}
	for _, e := range g.Entities {
		for _, ind := range r.Scheme.Indicators {
			row := m.sheetIndicator(r.Scheme, ind, r.Period, e, g)
			if row.Value == nil {
				if row.Missing == "" {
					t.Errorf("%s/%s: missing value without a reason", e.Entity.ID, ind.ID)
				}
				continue
			}
			if row.Reference == nil {
				continue
			}
			// diff in display units: percent indicators in percentage points.
			d := numfmt.Display(*row.Value, ind.Format) - numfmt.Display(*row.Reference, ind.Format)
			if want := numfmt.Signed(d, ind.Decimals); !strings.HasPrefix(row.Diff, want) {
				t.Errorf("%s/%s: diff %q, want prefix %q", e.Entity.ID, ind.ID, row.Diff, want)
			}
			if (row.DiffClass == "") != (row.DiffMark == "") {
				t.Errorf("%s/%s: class %q without mark %q", e.Entity.ID, ind.ID, row.DiffClass, row.DiffMark)
			}
			better := d*ind.Sign() > 0 && numfmt.Fixed(d, ind.Decimals) != numfmt.Fixed(0, ind.Decimals)
			if better != (row.DiffClass == "good") {
				t.Errorf("%s/%s: d=%v sign=%v class %q", e.Entity.ID, ind.ID, d, ind.Sign(), row.DiffClass)
			}
			seen[row.DiffClass] = true
		}
	}
	if !seen["good"] || !seen["bad"] {
		t.Errorf("demo should show both better and worse differences, saw %v", seen)
	}
}

// TestSheetNeighbours: the previous period's sheet link goes to the same
// entity in the previous quarter.
func TestSheetNeighbours(t *testing.T) {
	m := demo(t)
	sx := newSheetIndex(m)
	rs := m.Results["basic"]
	for i, r := range rs {
		if r.Period.ID != "2025-Q4" {
			continue
		}
		e := r.Groups[0].Entities[0]
		d, err := sx.page(r.Scheme, i, 0, e)
		if err != nil {
			t.Fatal(err)
		}
		if d.Prev == nil || d.Prev.Path != SheetPath("basic", "2025-Q3", e.Entity.ID) {
			t.Errorf("prev = %+v, want the 2025-Q3 sheet", d.Prev)
		}
		if d.Radar == nil || d.RankChart == nil || d.TotalChart == nil {
			t.Errorf("charts missing: radar %v rank %v total %v", d.Radar != nil, d.RankChart != nil, d.TotalChart != nil)
		}
		return
	}
	t.Fatal("no 2025-Q4 result")
}

// TestSheetLosses: the sheet opens with explain.Losses — the same
// indicators, points and sentences `kaoping explain` prints — each linking
// to its indicator's page.
func TestSheetLosses(t *testing.T) {
	m := demo(t)
	jobs := sheetJobs(m)
	r := latestPlain(t, m, "basic")
	seen := 0
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			d := pageData(t, jobs, SheetPath("basic", r.Period.ID, e.Entity.ID)).(*SheetPage)
			want := explain.Losses(m.Config, r.Scheme, r.Period, e, g, nil, m.Lang, explain.TopLosses)
			if len(d.Losses) != len(want) {
				t.Fatalf("%s: %d losses, want %d", e.Entity.ID, len(d.Losses), len(want))
			}
			for i, l := range want {
				got := d.Losses[i]
				if got.Name != l.Indicator.Name || got.Path != IndicatorPath("basic", l.Indicator.ID) || got.Lost != l.Lost || got.Points != l.Points || got.Gain != l.Gain || got.Gain == "" {
					t.Errorf("%s: loss %d = %+v, want %+v", e.Entity.ID, i, got, l)
				}
				if i > 0 && got.Lost > d.Losses[i-1].Lost+1e-9 {
					t.Errorf("%s: losses out of order: %v after %v", e.Entity.ID, got.Lost, d.Losses[i-1].Lost)
				}
			}
			seen += len(d.Losses)
		}
	}
	if seen == 0 {
		t.Error("no score sheet of the demo lists a loss")
	}
}

package report

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/explain"
	"kaoping/generator/numfmt"
)

// TestSheetShowsEveryIndicator checks that a score sheet lists every
// indicator of the scheme with its points and explain's sentence, the
// adjustments' and the summary's sentences, and the total.
func TestSheetShowsEveryIndicator(t *testing.T) {
	m := rankDemo(t)
	jobs := m.Jobs()
	for _, scheme := range []string{"basic", "prosecutor"} {
		r := rankLatestPlain(t, m, scheme)
		g := r.Groups[len(r.Groups)-1]
		e := g.Entities[len(g.Entities)-1] // the last: often the most minus points
		page := html.UnescapeString(rankRenderJob(t, m, jobs, SheetPath(scheme, r.Period.ID, e.Entity.ID)))
		s := r.Scheme
		for _, ind := range s.Indicators {
			sentence := explain.Indicator(m.Config, ind, r.Period, e, g, m.Lang)
			if !strings.Contains(page, sentence) {
				t.Errorf("%s/%s: sheet lacks the sentence of %s: %q", scheme, e.Entity.ID, ind.ID, sentence)
			}
			sheet := SheetPath(scheme, r.Period.ID, e.Entity.ID)
			match := regexp.MustCompile(`<th scope="row"><a href="([^"]+)">` + regexp.QuoteMeta(ind.Name) + `</a></th>`).FindStringSubmatch(page)
			if match == nil || resolveRel(sheet, match[1]) != IndicatorPath(scheme, ind.ID) {
				t.Errorf("%s: no row linking indicator %s to its page: %v", scheme, ind.ID, match)
			}
			pts := "<strong>" + numfmt.Points(e.Indicators[ind.ID].Points) + "</strong>"
			if !strings.Contains(page, pts) {
				t.Errorf("%s: points %s of %s missing", scheme, pts, ind.ID)
			}
		}
		for _, a := range s.Adjustments {
			if line := explain.Adjustment(m.Config, a, e.Adjustments[a.ID], m.Lang); !strings.Contains(page, line) {
				t.Errorf("%s: adjustment sentence missing: %q", scheme, line)
			}
		}
		if sum := explain.Summary(s, e, g, m.Lang); !strings.Contains(page, sum) {
			t.Errorf("%s: summary missing: %q", scheme, sum)
		}
		if !strings.Contains(page, "<strong>"+numfmt.Points(e.Total)+"</strong>") {
			t.Errorf("%s: total %s missing", scheme, numfmt.Points(e.Total))
		}
	}
}

// TestSheetIndicatorRow checks the value/reference/difference line: the
// difference is in display units, and its colour always comes with words.
func TestSheetIndicatorRow(t *testing.T) {
	m := rankDemo(t)
	r := rankLatestPlain(t, m, "basic")
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
	m := rankDemo(t)
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

// TestPagesEscapeNames renders a ranking and a sheet for an entity named
// like a script: it must appear escaped in the HTML and in the chart JSON.
func TestPagesEscapeNames(t *testing.T) {
	m := rankDemo(t)
	const evil = `<script>alert(1)</script>`
	r := rankLatestPlain(t, m, "basic")
	e := r.Groups[0].Entities[0]
	e.Entity.Name = evil
	jobs := m.Jobs()
	for _, path := range []string{RankingPath("basic", r.Period.ID), SheetPath("basic", r.Period.ID, e.Entity.ID)} {
		page := rankRenderJob(t, m, jobs, path)
		if strings.Contains(page, "<script>alert") {
			t.Errorf("%s: raw script tag in the page", path)
		}
		if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: escaped name missing from the HTML", path)
		}
		if !strings.Contains(page, `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
			t.Errorf("%s: escaped name missing from the chart JSON", path)
		}
	}
}

package output_test

// The data files of the repository's demo site, read back: every number
// of the JSON and the CSV is the result's, in the SPEC §7 layout.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"kaoping/generator/output"
	"kaoping/generator/scoring"
)

// docJSON is what a consumer of the JSON reads.
type docJSON struct {
	Scheme, Period string
	Groups         []struct {
		ID       string
		Entities []struct {
			ID, Name    string
			Rank        int
			Total       float64
			Grade       *string
			Vetoed      bool
			RankChange  *int `json:"rank_change"`
			Categories  map[string]float64
			Indicators  map[string]map[string]json.RawMessage
			Adjustments map[string]float64
		}
	}
}

// number reads a JSON number or null.
func number(t *testing.T, m json.RawMessage) *float64 {
	t.Helper()
	if string(m) == "null" {
		return nil
	}
	v, err := strconv.ParseFloat(string(m), 64)
	if err != nil {
		t.Fatalf("not a number: %q", m)
	}
	return &v
}

func sameOptional(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func TestDemoJSON(t *testing.T) {
	var missing, percents, alerts int
	for _, r := range demoResults(t) {
		js, err := output.JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		var doc docJSON
		if err := json.Unmarshal(js, &doc); err != nil {
			t.Fatal(err)
		}
		name := r.Scheme.ID + "/" + r.Period.ID
		if doc.Scheme != r.Scheme.ID || doc.Period != r.Period.ID || len(doc.Groups) != len(r.Groups) {
			t.Fatalf("%s: header %s/%s, %d groups", name, doc.Scheme, doc.Period, len(doc.Groups))
		}
		for gi, g := range r.Groups {
			dg := doc.Groups[gi]
			if dg.ID != g.ID || len(dg.Entities) != len(g.Entities) {
				t.Fatalf("%s: group %d is %s with %d entities, want %s with %d", name, gi, dg.ID, len(dg.Entities), g.ID, len(g.Entities))
			}
			for ei, e := range g.Entities {
				de := dg.Entities[ei]
				if de.ID != e.Entity.ID || de.Name != e.Entity.Name || de.Rank != e.Rank || de.Total != e.Total || de.Vetoed != e.Vetoed ||
					(de.Grade == nil) != (len(r.Scheme.Grades) == 0) || de.Grade != nil && *de.Grade != e.Grade ||
					(de.RankChange == nil) != (e.RankChange == nil) || de.RankChange != nil && *de.RankChange != *e.RankChange {
					t.Errorf("%s: entity %s read back as %+v", name, e.Entity.ID, de)
				}
				for id, v := range e.Categories {
					if de.Categories[id] != v {
						t.Errorf("%s %s: category %s %v, want %v", name, e.Entity.ID, id, de.Categories[id], v)
					}
				}
				for id, a := range e.Adjustments {
					if de.Adjustments[id] != a.Points {
						t.Errorf("%s %s: adjustment %s %v, want %v", name, e.Entity.ID, id, de.Adjustments[id], a.Points)
					}
				}
				if len(de.Indicators) != len(r.Scheme.Indicators) {
					t.Errorf("%s %s: %d indicators, want %d", name, e.Entity.ID, len(de.Indicators), len(r.Scheme.Indicators))
				}
				for _, ind := range r.Scheme.Indicators {
					s, di := e.Indicators[ind.ID], de.Indicators[ind.ID]
					wantAlert := "null"
					if s.Alert != scoring.NoAlert {
						wantAlert = `"` + string(s.Alert) + `"`
						alerts++
					}
					if alert, ok := di["alert"]; len(di) != 4 || !ok || string(alert) != wantAlert {
						t.Errorf("%s %s %s: keys %v, want value, points, reference and alert %s", name, e.Entity.ID, ind.ID, di, wantAlert)
					}
					if !sameOptional(number(t, di["value"]), s.Value) || *number(t, di["points"]) != s.Points || !sameOptional(number(t, di["reference"]), s.Reference) {
						t.Errorf("%s %s %s: %s %s %s, want %v %v %v", name, e.Entity.ID, ind.ID, di["value"], di["points"], di["reference"], s.Value, s.Points, s.Reference)
					}
					if s.Value == nil {
						missing++
					}
					if ind.Format == "percent" {
						percents++
					}
				}
			}
		}
	}
	if missing == 0 || percents == 0 || alerts == 0 {
		t.Errorf("the demo has %d missing values, %d percents and %d alerts: the test covers less than it says", missing, percents, alerts)
	}
}

func TestDemoCSV(t *testing.T) {
	for _, r := range demoResults(t) {
		var buf bytes.Buffer
		if err := output.CSV(&buf, r); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
			t.Fatal("no BOM")
		}
		rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"group", "rank", "id", "name", "total", "grade", "vetoed"}
		for _, c := range r.Scheme.Categories {
			want = append(want, c.ID)
		}
		for _, i := range r.Scheme.Indicators {
			want = append(want, i.ID, i.ID+"_value")
		}
		if strings.Join(rows[0], ",") != strings.Join(want, ",") {
			t.Fatalf("header %v, want %v", rows[0], want)
		}
		n := 1
		for _, g := range r.Groups {
			for _, e := range g.Entities {
				checkCSVRow(t, r, g, e, rows[0], rows[n])
				n++
			}
		}
		if n != len(rows) {
			t.Errorf("%d rows, want %d", len(rows), n)
		}
	}
}

func checkCSVRow(t *testing.T, r *scoring.Result, g *scoring.Group, e *scoring.EntityResult, header, row []string) {
	t.Helper()
	cell := map[string]string{}
	for i, h := range header {
		cell[h] = row[i]
	}
	num := func(col string) float64 {
		v, err := strconv.ParseFloat(cell[col], 64)
		if err != nil {
			t.Fatalf("%s %s: column %s is %q", r.Scheme.ID, e.Entity.ID, col, cell[col])
		}
		return v
	}
	if cell["group"] != g.ID || cell["id"] != e.Entity.ID || cell["name"] != e.Entity.Name || num("rank") != float64(e.Rank) ||
		num("total") != e.Total || cell["grade"] != e.Grade || cell["vetoed"] != strconv.FormatBool(e.Vetoed) {
		t.Errorf("%s: row %v", r.Scheme.ID, row)
	}
	for _, c := range r.Scheme.Categories {
		if num(c.ID) != e.Categories[c.ID] {
			t.Errorf("%s %s: %s = %s, want %v", r.Scheme.ID, e.Entity.ID, c.ID, cell[c.ID], e.Categories[c.ID])
		}
	}
	for _, ind := range r.Scheme.Indicators {
		s := e.Indicators[ind.ID]
		if num(ind.ID) != s.Points {
			t.Errorf("%s %s: %s = %s, want %v", r.Scheme.ID, e.Entity.ID, ind.ID, cell[ind.ID], s.Points)
		}
		col := ind.ID + "_value"
		switch {
		case s.Value == nil:
			if cell[col] != "" {
				t.Errorf("%s %s: missing %s written as %q", r.Scheme.ID, e.Entity.ID, col, cell[col])
			}
		case ind.Format == "percent":
			if num(col) != 100**s.Value {
				t.Errorf("%s %s: %s = %s, want 100 × %v", r.Scheme.ID, e.Entity.ID, col, cell[col], *s.Value)
			}
		default:
			if num(col) != *s.Value {
				t.Errorf("%s %s: %s = %s, want %v", r.Scheme.ID, e.Entity.ID, col, cell[col], *s.Value)
			}
		}
	}
}

package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

func fptr(x float64) *float64 { return &x }

// sample is one group of two entities: st ranks first with an up move of 2,
// tc is vetoed, has a missing value and an infinite reference. The second
// indicator is a percent: v = 0.925 is shown as dv = 92.5. st's case_ratio
// has a yellow alert, tc's rate a red one.
func sample(grades bool) *scoring.Result {
	s := &config.Scheme{ID: "basic",
		Categories: []*config.Category{{ID: "quality"}},
		Indicators: []*config.Indicator{{ID: "case_ratio", Category: "quality"}, {ID: "rate", Category: "quality", Format: "percent"}},
	}
	if grades {
		s.Grades = []*config.Grade{{Name: "优秀"}, {Name: "称职"}}
	}
	up := 2
	st := &scoring.EntityResult{
		Entity: &dataset.Entity{ID: "st", Name: "山亭区人民检察院"}, Rank: 1, Total: 101.23, Grade: "优秀", RankChange: &up,
		Categories: map[string]float64{"quality": 45.2},
		Indicators: map[string]*scoring.IndicatorScore{
			"case_ratio": {Value: fptr(1.23), Display: fptr(1.23), Points: 10.5, Reference: fptr(1.31), Alert: scoring.AlertYellow},
			"rate":       {Value: fptr(0.925), Display: fptr(92.5), Points: 5},
		},
		Adjustments: map[string]*scoring.AdjustmentScore{"typical_cases": {Points: 2}},
	}
	tc := &scoring.EntityResult{
		Entity: &dataset.Entity{ID: "tc", Name: "台儿庄区, \"东\""}, Rank: 2, Total: 1.0 / 3, Grade: "称职", Vetoed: true,
		Categories: map[string]float64{"quality": 0},
		Indicators: map[string]*scoring.IndicatorScore{
			"case_ratio": {Value: nil, Points: 7, Reference: fptr(math.Inf(1))},
			"rate":       {Value: fptr(0), Display: fptr(0), Points: 0, Alert: scoring.AlertRed},
		},
		Adjustments: map[string]*scoring.AdjustmentScore{"typical_cases": {Points: -1.5}},
	}
	return &scoring.Result{Scheme: s, Period: &dataset.PeriodData{ID: "2021-Q4"},
		Groups: []*scoring.Group{{ID: "all", Entities: []*scoring.EntityResult{st, tc}}}}
}

func TestJSONShape(t *testing.T) {
	js, err := JSON(sample(true))
	if err != nil {
		t.Fatal(err)
	}
	// The SPEC §7 example, field for field, in this order; map keys
	// sorted; the infinite reference and the missing value null; alert a
	// string or null.
	want := `{"scheme":"basic","period":"2021-Q4","groups":[{"id":"all","entities":[` +
		`{"id":"st","name":"山亭区人民检察院","rank":1,"total":101.23,"grade":"优秀","vetoed":false,"rank_change":2,` +
		`"categories":{"quality":45.2},"indicators":{"case_ratio":{"value":1.23,"points":10.5,"reference":1.31,"alert":"yellow"},` +
		`"rate":{"value":0.925,"points":5,"reference":null,"alert":null}},"adjustments":{"typical_cases":2}},` +
		`{"id":"tc","name":"台儿庄区, \"东\"","rank":2,"total":0.3333333333333333,"grade":"称职","vetoed":true,"rank_change":null,` +
		`"categories":{"quality":0},"indicators":{"case_ratio":{"value":null,"points":7,"reference":null,"alert":null},` +
		`"rate":{"value":0,"points":0,"reference":null,"alert":"red"}},"adjustments":{"typical_cases":-1.5}}]}]}`
	var compact bytes.Buffer
	if err := json.Compact(&compact, js); err != nil {
		t.Fatal(err)
	}
	if compact.String() != want {
		t.Errorf("JSON =\n%s\nwant\n%s", compact.String(), want)
	}
	// The layout: compact, a final newline.
	if string(js) != want+"\n" {
		t.Errorf("unexpected layout:\n%s", js)
	}
}

func TestJSONWithoutGradesHasNullGrade(t *testing.T) {
	js, _ := JSON(sample(false))
	if strings.Count(string(js), `"grade":null`) != 2 {
		t.Errorf("no grades should give grade null for both entities:\n%s", js)
	}
}

func TestJSONKeepsHTMLCharacters(t *testing.T) {
	r := sample(true)
	r.Groups[0].Entities[0].Entity = &dataset.Entity{ID: "st", Name: "<甲&乙>"}
	js, _ := JSON(r)
	if !strings.Contains(string(js), `"name":"<甲&乙>"`) {
		t.Errorf("name escaped:\n%s", js)
	}
}

// TestJSONDeterministic encodes one result many times: the maps iterate in
// a new order each time, the bytes must not change.
func TestJSONDeterministic(t *testing.T) {
	r := sample(true)
	e := r.Groups[0].Entities[0]
	for _, id := range []string{"z", "a", "m", "b", "y", "c"} {
		e.Categories[id] = float64(len(id))
		e.Adjustments[id] = &scoring.AdjustmentScore{Points: 1}
		e.Indicators[id] = &scoring.IndicatorScore{Points: 1}
	}
	first, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if again, _ := JSON(r); !bytes.Equal(first, again) {
			t.Fatal("two encodings of one result differ")
		}
	}
	if s := string(first); !(strings.Index(s, `"a":1`) < strings.Index(s, `"b":1`) && strings.Index(s, `"b":1`) < strings.Index(s, `"c":1`)) {
		t.Errorf("map keys not sorted:\n%s", s)
	}
}

// shuffled is sample with two groups given in the wrong order and the
// entities of one reversed.
func shuffled() *scoring.Result {
	r := sample(true)
	es := r.Groups[0].Entities
	other := &scoring.Group{ID: "a-first", Entities: []*scoring.EntityResult{es[1], es[0]}}
	r.Groups = []*scoring.Group{r.Groups[0], other}
	return r
}

func TestOrderGroupsByIDEntitiesByRankThenID(t *testing.T) {
	r := shuffled()
	// Two entities of equal rank: ids decide.
	a := *r.Groups[0].Entities[0]
	a.Entity = &dataset.Entity{ID: "aa", Name: "甲"}
	a.Rank = 2
	r.Groups[0].Entities = append(r.Groups[0].Entities, &a)
	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Groups []struct {
			ID       string
			Entities []struct{ ID string }
		}
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range doc.Groups {
		got = append(got, "group "+g.ID)
		for _, e := range g.Entities {
			got = append(got, e.ID)
		}
	}
	want := []string{"group a-first", "st", "tc", "group all", "st", "aa", "tc"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
	// The result itself is left as it was.
	if r.Groups[0].ID != "all" || r.Groups[1].Entities[0].Entity.ID != "tc" {
		t.Error("writing the JSON reordered the result")
	}
	var buf bytes.Buffer
	if err := CSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n")[1:] {
		f := strings.Split(line, ",")
		ids = append(ids, f[0]+"/"+f[2])
	}
	if want := []string{"a-first/st", "a-first/tc", "all/st", "all/aa", "all/tc"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("CSV rows %q, want %q", ids, want)
	}
}

// TestNonFiniteNumbers: a missing or non-finite value or reference is
// null; a non-finite total, subtotal, points or adjustment is an error
// naming the entity, in both writers, and nothing is written as NaN.
func TestNonFiniteNumbers(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r := sample(true)
		ind := r.Groups[0].Entities[0].Indicators["case_ratio"]
		ind.Value, ind.Display, ind.Reference = &bad, &bad, &bad
		js, err := JSON(r)
		if err != nil {
			t.Fatalf("%v as value and reference: %v", bad, err)
		}
		if !strings.Contains(string(js), `"case_ratio":{"value":null,"points":10.5,"reference":null,`) {
			t.Errorf("%v as value and reference: want null\n%s", bad, js)
		}
		var buf bytes.Buffer
		if err := CSV(&buf, r); err != nil || strings.Contains(strings.ToLower(buf.String()), "nan") || strings.Contains(strings.ToLower(buf.String()), "inf") {
			t.Errorf("%v as value: CSV %q, %v", bad, buf.String(), err)
		}
		for place, what := range []string{"the total", "category quality", "the points of indicator case_ratio", "adjustment typical_cases"} {
			r := sample(true)
			e := r.Groups[0].Entities[1]
			switch place {
			case 0:
				e.Total = bad
			case 1:
				e.Categories["quality"] = bad
			case 2:
				e.Indicators["case_ratio"].Points = bad
			case 3:
				e.Adjustments["typical_cases"].Points = bad
			}
			_, err := JSON(r)
			if err == nil || !strings.Contains(err.Error(), "entity tc: "+what) {
				t.Errorf("JSON with %v as %s: error %v", bad, what, err)
			}
			if place == 3 {
				continue // the CSV has no adjustment columns
			}
			if err := CSV(&buf, r); err == nil || !strings.Contains(err.Error(), "entity tc: "+what) {
				t.Errorf("CSV with %v as %s: error %v", bad, what, err)
			}
		}
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, sample(true)); err != nil {
		t.Fatal(err)
	}
	// Per indicator its points then its display value: rate's v = 0.925
	// is 92.5 (percent), tc's missing case_ratio an empty cell.
	want := "\ufeffgroup,rank,id,name,total,grade,vetoed,quality,case_ratio,case_ratio_value,rate,rate_value\n" +
		"all,1,st,山亭区人民检察院,101.23,优秀,false,45.2,10.5,1.23,5,92.5\n" +
		"all,2,tc,\"台儿庄区, \"\"东\"\"\",0.3333333333333333,称职,true,0,7,,0,0\n"
	if buf.String() != want {
		t.Errorf("CSV =\n%q\nwant\n%q", buf.String(), want)
	}
}

// TestCSVFormulaInjection: text cells that a spreadsheet would run as a
// formula get a leading ', in every text column; negative numbers stay
// numbers.
func TestCSVFormulaInjection(t *testing.T) {
	names := []string{`=HYPERLINK("http://x")`, "+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "a=b", "甲-1", ""}
	want := []string{`'=HYPERLINK("http://x")`, "'+1", "'-cmd", "'@SUM(A1)", "'\tx", "'\rx", "a=b", "甲-1", ""}
	r := sample(true)
	tmpl := r.Groups[0].Entities[1]
	var es []*scoring.EntityResult
	for i, n := range names {
		e := *tmpl
		e.Entity = &dataset.Entity{ID: string(rune('a' + i)), Name: n}
		e.Rank = i + 1
		e.Total = -2.5
		e.Categories = map[string]float64{"quality": -0.75}
		e.Grade = "-差"
		es = append(es, &e)
	}
	r.Groups = []*scoring.Group{{ID: "=1+1", Entities: es}}
	var buf bytes.Buffer
	if err := CSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows[1:] {
		got := map[string]string{}
		for k, h := range rows[0] {
			got[h] = row[k]
		}
		if got["name"] != want[i] || got["group"] != "'=1+1" || got["grade"] != "'-差" {
			t.Errorf("row %d: name %q group %q grade %q; want %q '=1+1 '-差", i, got["name"], got["group"], got["grade"], want[i])
		}
		if got["total"] != "-2.5" || got["quality"] != "-0.75" {
			t.Errorf("row %d: negative numbers written as %q %q, want -2.5 -0.75", i, got["total"], got["quality"])
		}
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{"": "", "=": "'=", "x": "x", " =1": " =1", "'=1": "'=1", "\n=1": "\n=1", "＝1": "＝1", "-": "'-"} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
}

// failWriter takes limit bytes, then fails.
type failWriter struct{ limit int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.limit {
		w.limit -= len(p)
		return len(p), nil
	}
	return 0, errors.New("disk full")
}

// TestCSVWriteErrors: the writer's error comes back, whether it fails on
// the BOM or on the rows (encoding/csv buffers 4 KB).
func TestCSVWriteErrors(t *testing.T) {
	r := sample(true)
	for range 8 {
		r.Groups[0].Entities = append(r.Groups[0].Entities, r.Groups[0].Entities...)
	}
	for _, limit := range []int{0, 3, 5000} {
		if err := CSV(&failWriter{limit: limit}, r); err == nil || err.Error() != "disk full" {
			t.Errorf("limit %d: error %v, want disk full", limit, err)
		}
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 1: "1", -2.5: "-2.5", 1.0 / 3: "0.3333333333333333", 1e21: "1000000000000000000000", 1e-7: "0.0000001", math.NaN(): "", math.Inf(-1): ""} {
		if got := Num(v); got != want {
			t.Errorf("Num(%v) = %q, want %q", v, got, want)
		}
	}
}

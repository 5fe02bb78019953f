package output

import (
	"bytes"
	"encoding/json"
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
// indicator is a percent: v = 0.925 is shown as dv = 92.5.
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
			"case_ratio": {Value: fptr(1.23), Display: fptr(1.23), Points: 10.5, Reference: fptr(1.31)},
			"rate":       {Value: fptr(0.925), Display: fptr(92.5), Points: 5},
		},
		Adjustments: map[string]*scoring.AdjustmentScore{"typical_cases": {Points: 2}},
	}
	tc := &scoring.EntityResult{
		Entity: &dataset.Entity{ID: "tc", Name: "台儿庄区, \"东\""}, Rank: 2, Total: 1.0 / 3, Grade: "称职", Vetoed: true,
		Categories: map[string]float64{"quality": 0},
		Indicators: map[string]*scoring.IndicatorScore{
			"case_ratio": {Value: nil, Points: 7, Reference: fptr(math.Inf(1))},
			"rate":       {Value: fptr(0), Display: fptr(0), Points: 0},
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
	// sorted; the infinite reference and the missing value null; alert
	// null (no indicator has one).
	want := `{"scheme":"basic","period":"2021-Q4","groups":[{"id":"all","entities":[` +
		`{"id":"st","name":"山亭区人民检察院","rank":1,"total":101.23,"grade":"优秀","vetoed":false,"rank_change":2,` +
		`"categories":{"quality":45.2},"indicators":{"case_ratio":{"value":1.23,"points":10.5,"reference":1.31,"alert":null},` +
		`"rate":{"value":0.925,"points":5,"reference":null,"alert":null}},"adjustments":{"typical_cases":2}},` +
		`{"id":"tc","name":"台儿庄区, \"东\"","rank":2,"total":0.3333333333333333,"grade":"称职","vetoed":true,"rank_change":null,` +
		`"categories":{"quality":0},"indicators":{"case_ratio":{"value":null,"points":7,"reference":null,"alert":null},` +
		`"rate":{"value":0,"points":0,"reference":null,"alert":null}},"adjustments":{"typical_cases":-1.5}}]}]}`
	var compact bytes.Buffer
	if err := json.Compact(&compact, js); err != nil {
		t.Fatal(err)
	}
	if compact.String() != want {
		t.Errorf("JSON =\n%s\nwant\n%s", compact.String(), want)
	}
	// The layout: two-space indent, one key a line, a final newline.
	if !bytes.HasPrefix(js, []byte("{\n  \"scheme\": \"basic\",\n  \"period\": \"2021-Q4\",\n  \"groups\": [\n    {\n      \"id\": \"all\",")) ||
		!bytes.HasSuffix(js, []byte("\n  ]\n}\n")) {
		t.Errorf("unexpected layout:\n%s", js)
	}
}

func TestJSONWithoutGradesHasNullGrade(t *testing.T) {
	js, _ := JSON(sample(false))
	if strings.Count(string(js), `"grade": null`) != 2 {
		t.Errorf("no grades should give grade null for both entities:\n%s", js)
	}
}

func TestJSONKeepsHTMLCharacters(t *testing.T) {
	r := sample(true)
	r.Groups[0].Entities[0].Entity = &dataset.Entity{ID: "st", Name: "<甲&乙>"}
	js, _ := JSON(r)
	if !strings.Contains(string(js), `"name": "<甲&乙>"`) {
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
	if s := string(first); !(strings.Index(s, `"a": 1`) < strings.Index(s, `"b": 1`) && strings.Index(s, `"b": 1`) < strings.Index(s, `"c": 1`)) {
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
}

// TestNonFiniteNumbers: a missing or non-finite value or reference is
// null; a non-finite total, subtotal, points or adjustment is an error
// naming the entity.
func TestNonFiniteNumbers(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r := sample(true)
		ind := r.Groups[0].Entities[0].Indicators["case_ratio"]
		ind.Value, ind.Display, ind.Reference = &bad, &bad, &bad
		js, err := JSON(r)
		if err != nil {
			t.Fatalf("%v as value and reference: %v", bad, err)
		}
		if !strings.Contains(string(js), `"case_ratio": {
              "value": null,
              "points": 10.5,
              "reference": null,`) {
			t.Errorf("%v as value and reference: want null\n%s", bad, js)
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
		}
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, sample(true)); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffgroup,rank,id,name,total,grade,vetoed,quality,case_ratio,rate\n" +
		"all,1,st,山亭区人民检察院,101.23,优秀,false,45.2,10.5,5\n" +
		"all,2,tc,\"台儿庄区, \"\"东\"\"\",0.3333333333333333,称职,true,0,7,0\n"
	if buf.String() != want {
		t.Errorf("CSV =\n%q\nwant\n%q", buf.String(), want)
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 1: "1", -2.5: "-2.5", 1.0 / 3: "0.3333333333333333", 1e21: "1000000000000000000000", 1e-7: "0.0000001", math.NaN(): "", math.Inf(-1): ""} {
		if got := Num(v); got != want {
			t.Errorf("Num(%v) = %q, want %q", v, got, want)
		}
	}
}

package output

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

func fptr(x float64) *float64 { return &x }

// sample is one group of two entities: st ranks first with an up move of 2,
// tc is vetoed and has a missing value.
func sample(grades bool) *scoring.Result {
	s := &config.Scheme{ID: "basic",
		Categories: []*config.Category{{ID: "quality"}},
		Indicators: []*config.Indicator{{ID: "case_ratio", Category: "quality"}},
	}
	if grades {
		s.Grades = []*config.Grade{{Name: "优秀"}, {Name: "称职"}}
	}
	up := 2
	st := &scoring.EntityResult{
		Entity: &dataset.Entity{ID: "st", Name: "山亭区人民检察院"}, Rank: 1, Total: 101.23, Grade: "优秀", RankChange: &up,
		Categories:  map[string]float64{"quality": 45.2},
		Indicators:  map[string]*scoring.IndicatorScore{"case_ratio": {Value: fptr(1.23), Points: 10.5, Reference: fptr(1.31)}},
		Adjustments: map[string]*scoring.AdjustmentScore{"typical_cases": {Points: 2}},
	}
	tc := &scoring.EntityResult{
		Entity: &dataset.Entity{ID: "tc", Name: "台儿庄区, \"东\""}, Rank: 2, Total: 1.0 / 3, Grade: "称职", Vetoed: true,
		Categories:  map[string]float64{"quality": 0},
		Indicators:  map[string]*scoring.IndicatorScore{"case_ratio": {Value: nil, Points: 7, Reference: fptr(math.Inf(1))}},
		Adjustments: map[string]*scoring.AdjustmentScore{"typical_cases": {Points: 0}},
	}
	return &scoring.Result{Scheme: s, Period: &dataset.PeriodData{ID: "2021-Q4"},
		Groups: []*scoring.Group{{ID: "all", Entities: []*scoring.EntityResult{st, tc}}}}
}

func TestJSONShape(t *testing.T) {
	js, err := JSON(sample(true))
	if err != nil {
		t.Fatal(err)
	}
	// The SPEC §7 example, field for field, in this order.
	want := `{"scheme":"basic","period":"2021-Q4","groups":[{"id":"all","entities":[` +
		`{"id":"st","name":"山亭区人民检察院","rank":1,"total":101.23,"grade":"优秀","vetoed":false,"rank_change":2,` +
		`"categories":{"quality":45.2},"indicators":{"case_ratio":{"value":1.23,"points":10.5,"reference":1.31}},"adjustments":{"typical_cases":2}},` +
		`{"id":"tc","name":"台儿庄区, \"东\"","rank":2,"total":0.3333333333333333,"grade":"称职","vetoed":true,"rank_change":null,` +
		`"categories":{"quality":0},"indicators":{"case_ratio":{"value":null,"points":7,"reference":null}},"adjustments":{"typical_cases":0}}]}]}`
	var compact bytes.Buffer
	if err := json.Compact(&compact, js); err != nil {
		t.Fatal(err)
	}
	if compact.String() != want {
		t.Errorf("JSON =\n%s\nwant\n%s", compact.String(), want)
	}
}

func TestJSONWithoutGradesHasNullGrade(t *testing.T) {
	js, _ := JSON(sample(false))
	if !strings.Contains(string(js), `"grade": null`) {
		t.Errorf("no grades should give grade null:\n%s", js)
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, sample(true)); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffgroup,rank,id,name,total,grade,vetoed,quality,case_ratio\n" +
		"all,1,st,山亭区人民检察院,101.23,优秀,false,45.2,10.5\n" +
		"all,2,tc,\"台儿庄区, \"\"东\"\"\",0.3333333333333333,称职,true,0,7\n"
	if buf.String() != want {
		t.Errorf("CSV =\n%q\nwant\n%q", buf.String(), want)
	}
}

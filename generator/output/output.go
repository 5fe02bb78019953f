// Package output writes the machine-readable results of SPEC §7: one JSON
// and one CSV file per scheme and period. Numbers are written unrounded;
// map keys are sorted, so two runs give the same bytes.
package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"kaoping/generator/scoring"
)

type resultJSON struct {
	Scheme string      `json:"scheme"`
	Period string      `json:"period"`
	Groups []groupJSON `json:"groups"`
}

type groupJSON struct {
	ID       string       `json:"id"`
	Entities []entityJSON `json:"entities"`
}

type entityJSON struct {
	ID          string                   `json:"id"`
	Name        string                   `json:"name"`
	Rank        int                      `json:"rank"`
	Total       float64                  `json:"total"`
	Grade       *string                  `json:"grade"`
	Vetoed      bool                     `json:"vetoed"`
	RankChange  *int                     `json:"rank_change"`
	Categories  map[string]float64       `json:"categories"`
	Indicators  map[string]indicatorJSON `json:"indicators"`
	Adjustments map[string]float64       `json:"adjustments"`
}

type indicatorJSON struct {
	Value     *float64 `json:"value"`
	Points    float64  `json:"points"`
	Reference *float64 `json:"reference"`
}

// finite guards the JSON encoder against values the SPEC never allows out.
func finite(p *float64) *float64 {
	if p == nil || math.IsNaN(*p) || math.IsInf(*p, 0) {
		return nil
	}
	return p
}

func toJSON(r *scoring.Result) resultJSON {
	out := resultJSON{Scheme: r.Scheme.ID, Period: r.Period.ID, Groups: []groupJSON{}}
	for _, g := range r.Groups {
		gj := groupJSON{ID: g.ID, Entities: []entityJSON{}}
		for _, e := range g.Entities {
			ej := entityJSON{
				ID:          e.Entity.ID,
				Name:        e.Entity.Name,
				Rank:        e.Rank,
				Total:       e.Total,
				Vetoed:      e.Vetoed,
				RankChange:  e.RankChange,
				Categories:  map[string]float64{},
				Indicators:  map[string]indicatorJSON{},
				Adjustments: map[string]float64{},
			}
			if len(r.Scheme.Grades) > 0 {
				grade := e.Grade
				ej.Grade = &grade
			}
			for id, v := range e.Categories {
				ej.Categories[id] = v
			}
			for id, s := range e.Indicators {
				ej.Indicators[id] = indicatorJSON{Value: finite(s.Value), Points: s.Points, Reference: finite(s.Reference)}
			}
			for id, a := range e.Adjustments {
				ej.Adjustments[id] = a.Points
			}
			gj.Entities = append(gj.Entities, ej)
		}
		out.Groups = append(out.Groups, gj)
	}
	return out
}

// JSON returns the result as the JSON document of SPEC §7, indented, with
// a final newline.
//
// It writes the document directly (appendResult, fastjson.go); a result
// holding a number JSON cannot write (NaN, ±Inf) goes through
// referenceJSON, so its error stays encoding/json's.
func JSON(r *scoring.Result) ([]byte, error) {
	if b, ok := appendResult(nil, r); ok {
		return b, nil
	}
	return referenceJSON(r)
}

// referenceJSON encodes toJSON(r) with encoding/json: the reference the
// direct encoder is tested against, and its fallback.
func referenceJSON(r *scoring.Result) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(toJSON(r)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// utf8BOM makes Excel on Chinese Windows read the CSV as UTF-8.
const utf8BOM = "\ufeff"

// CSV writes the result as the CSV of SPEC §7: UTF-8 with BOM, columns
// group,rank,id,name,total,grade,vetoed, the category ids, then the
// indicator ids (points).
//
// It writes the rows directly (fastcsv.go), byte-identical to
// referenceCSV.
func CSV(w io.Writer, r *scoring.Result) error {
	return writeCSV(w, r)
}

// referenceCSV writes the CSV through encoding/csv: the reference the
// direct writer is tested against.
func referenceCSV(w io.Writer, r *scoring.Result) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := []string{"group", "rank", "id", "name", "total", "grade", "vetoed"}
	for _, c := range r.Scheme.Categories {
		header = append(header, c.ID)
	}
	for _, i := range r.Scheme.Indicators {
		header = append(header, i.ID)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			row := []string{g.ID, strconv.Itoa(e.Rank), e.Entity.ID, e.Entity.Name,
				Num(e.Total), e.Grade, strconv.FormatBool(e.Vetoed)}
			for _, c := range r.Scheme.Categories {
				row = append(row, Num(e.Categories[c.ID]))
			}
			for _, i := range r.Scheme.Indicators {
				var pts float64
				if s := e.Indicators[i.ID]; s != nil {
					pts = s.Points
				}
				row = append(row, Num(pts))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Num formats an unrounded number the way JSON does (shortest form that
// reads back to the same float64).
func Num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

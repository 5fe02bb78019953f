// Package output writes the machine-readable results of SPEC §7: for each
// scheme and period a JSON document and a CSV table, and for each period a
// workbook of every scheme (xlsx.go). Each format has one writer, the
// library's: encoding/json, encoding/csv, excelize. Numbers are written
// unrounded, and the same results always give the same bytes.
package output

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"kaoping/generator/scoring"
)

// resultJSON is the document of SPEC §7. Its field order is the order of
// the keys in the file; the maps' keys are written sorted (encoding/json
// sorts them), so the document is deterministic.
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

// indicatorJSON is one indicator of one entity. Alert is "yellow", "red"
// or null (always present, SPEC §7).
type indicatorJSON struct {
	Value     *float64 `json:"value"`
	Points    float64  `json:"points"`
	Reference *float64 `json:"reference"`
	Alert     *string  `json:"alert"`
}

// ordered returns r's groups as SPEC §7 lists them: by id, and in each
// group the entities by rank, then id. Scoring already gives that order;
// ordered only copies what is not in it, so the files hold to the
// contract whatever the caller passes.
func ordered(r *scoring.Result) []*scoring.Group {
	gs := slices.Clone(r.Groups)
	slices.SortStableFunc(gs, func(a, b *scoring.Group) int { return strings.Compare(a.ID, b.ID) })
	byRank := func(a, b *scoring.EntityResult) int {
		return cmp.Or(cmp.Compare(a.Rank, b.Rank), strings.Compare(a.Entity.ID, b.Entity.ID))
	}
	for i, g := range gs {
		if !slices.IsSortedFunc(g.Entities, byRank) {
			c := *g
			c.Entities = slices.Clone(g.Entities)
			slices.SortStableFunc(c.Entities, byRank)
			gs[i] = &c
		}
	}
	return gs
}

// finite reports whether v can be written as a JSON number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// optional is p, or nil when p is nil or not finite: a value or reference
// that is missing is null in the JSON and an empty cell elsewhere.
func optional(p *float64) *float64 {
	if p == nil || !finite(*p) {
		return nil
	}
	return p
}

// nonFinite is the error for a number the SPEC requires that is NaN or
// ±Inf: scoring never gives one, so it is a bug, and no file may carry it.
func nonFinite(r *scoring.Result, e *scoring.EntityResult, what string, v float64) error {
	return fmt.Errorf("results of %s/%s: entity %s: %s is %v, not a number a results file can hold",
		r.Scheme.ID, r.Period.ID, e.Entity.ID, what, v)
}

// toJSON builds the document of r; the error names the first number that
// is not finite.
func toJSON(r *scoring.Result) (*resultJSON, error) {
	doc := &resultJSON{Scheme: r.Scheme.ID, Period: r.Period.ID, Groups: []groupJSON{}}
	grades := len(r.Scheme.Grades) > 0
	for _, g := range ordered(r) {
		gj := groupJSON{ID: g.ID, Entities: make([]entityJSON, 0, len(g.Entities))}
		for _, e := range g.Entities {
			ej := entityJSON{
				ID:          e.Entity.ID,
				Name:        e.Entity.Name,
				Rank:        e.Rank,
				Total:       e.Total,
				Vetoed:      e.Vetoed,
				RankChange:  e.RankChange,
				Categories:  make(map[string]float64, len(e.Categories)),
				Indicators:  make(map[string]indicatorJSON, len(e.Indicators)),
				Adjustments: make(map[string]float64, len(e.Adjustments)),
			}
			if !finite(e.Total) {
				return nil, nonFinite(r, e, "the total", e.Total)
			}
			if grades {
				grade := e.Grade
				ej.Grade = &grade
			}
			for id, v := range e.Categories {
				if !finite(v) {
					return nil, nonFinite(r, e, "category "+id, v)
				}
				ej.Categories[id] = v
			}
			for id, s := range e.Indicators {
				if !finite(s.Points) {
					return nil, nonFinite(r, e, "the points of indicator "+id, s.Points)
				}
				ij := indicatorJSON{Value: optional(s.Value), Points: s.Points, Reference: optional(s.Reference)}
				if s.Alert != scoring.NoAlert {
					a := string(s.Alert)
					ij.Alert = &a
				}
				ej.Indicators[id] = ij
			}
			for id, a := range e.Adjustments {
				if !finite(a.Points) {
					return nil, nonFinite(r, e, "adjustment "+id, a.Points)
				}
				ej.Adjustments[id] = a.Points
			}
			gj.Entities = append(gj.Entities, ej)
		}
		doc.Groups = append(doc.Groups, gj)
	}
	return doc, nil
}

// JSON returns the result as the JSON document of SPEC §7
// (data/<scheme>/<period>.json), compact, with a final newline; '<', '>'
// and '&' are written as they are. (Indented, the document took two and a
// half times as long to write and twice the bytes; it is for programs,
// and people read the CSV, the workbook and the pages.)
func JSON(r *scoring.Result) ([]byte, error) {
	doc, err := toJSON(r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// utf8BOM makes Excel on Chinese Windows read the CSV as UTF-8.
const utf8BOM = "\ufeff"

// CSV writes the result as the CSV of SPEC §7
// (data/<scheme>/<period>.csv): UTF-8 with BOM, columns
// group,rank,id,name,total,grade,vetoed, the category ids (subtotals),
// then for each indicator its points (column <id>) and its display value
// (column <id>_value: 100·v for a percent, else v; empty when missing).
// Text cells are made safe for spreadsheets (text); numbers are written
// unrounded, as Num does.
func CSV(w io.Writer, r *scoring.Result) error {
	s := r.Scheme
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	row := []string{"group", "rank", "id", "name", "total", "grade", "vetoed"}
	for _, c := range s.Categories {
		row = append(row, text(c.ID))
	}
	for _, i := range s.Indicators {
		row = append(row, text(i.ID), text(i.ID+"_value"))
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for _, g := range ordered(r) {
		for _, e := range g.Entities {
			if !finite(e.Total) {
				return nonFinite(r, e, "the total", e.Total)
			}
			row = append(row[:0], text(g.ID), strconv.Itoa(e.Rank), text(e.Entity.ID), text(e.Entity.Name),
				Num(e.Total), text(e.Grade), strconv.FormatBool(e.Vetoed))
			for _, c := range s.Categories {
				v := e.Categories[c.ID]
				if !finite(v) {
					return nonFinite(r, e, "category "+c.ID, v)
				}
				row = append(row, Num(v))
			}
			for _, i := range s.Indicators {
				points, value := 0.0, ""
				if sc := e.Indicators[i.ID]; sc != nil {
					points = sc.Points
					if dv := optional(sc.Display); dv != nil {
						value = Num(*dv)
					}
				}
				if !finite(points) {
					return nonFinite(r, e, "the points of indicator "+i.ID, points)
				}
				row = append(row, Num(points), value)
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// text is s as a CSV text cell that no spreadsheet runs as a formula
// (SPEC §7): a cell beginning with '=', '+', '-', '@', a tab or a carriage
// return gets a leading "'". Only text gets it: numbers, negative ones
// included, are written by Num and stay numbers.
func text(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// Num formats an unrounded number: the shortest decimal that reads back
// to the same float64, without an exponent; NaN and ±Inf give "".
func Num(v float64) string {
	if !finite(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

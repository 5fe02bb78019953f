package output

import (
	"math"
	"slices"
	"strconv"

	"kaoping/generator/jsonstr"
	"kaoping/generator/scoring"
)

// A province result has 8,000 entities of about 30 indicators each, and
// encoding the 48 of a build through encoding/json (reflection, map key
// sorting, then re-indenting the compact output) cost several
// CPU-seconds. appendResult writes the same bytes directly: the layout
// below is exactly what a json.Encoder with SetEscapeHTML(false) and
// SetIndent("", "  ") writes for toJSON(r), field for field in struct
// order. The tests hold the two byte-identical (TestJSONMatchesReference*,
// FuzzJSON); referenceJSON stays as the reference and as the fallback.

// Indents of the nested levels: a group, its fields, an entity, its
// fields, a map entry, an indicator's fields. Each starts a line.
const (
	indGroup       = "\n    "
	indGroupField  = "\n      "
	indEntity      = "\n        "
	indEntityField = "\n          "
	indEntry       = "\n            "
	indEntryField  = "\n              "
)

// jsonWriter appends one document. cats, inds and adjs keep the sorted
// keys of the last entity's maps: the entities of a result nearly always
// share their category, indicator and adjustment ids, so each map is
// sorted once. refs keeps the digits of the last references.
type jsonWriter struct {
	b   []byte
	bad bool // a float was NaN or ±Inf: encoding/json fails on it

	cats, inds, adjs []string
	refs             floatCache
}

// appendResult appends the JSON of r, ending in a newline. ok is false
// when r holds a number encoding/json cannot write; the caller then
// falls back to encoding/json, so the error stays its error.
func appendResult(b []byte, r *scoring.Result) (out []byte, ok bool) {
	w := &jsonWriter{b: slices.Grow(b, jsonSize(r))}
	grades := len(r.Scheme.Grades) > 0
	w.b = append(w.b, "{\n  \"scheme\": "...)
	w.string(r.Scheme.ID)
	w.b = append(w.b, ",\n  \"period\": "...)
	w.string(r.Period.ID)
	w.b = append(w.b, ",\n  \"groups\": "...)
	if len(r.Groups) == 0 {
		w.b = append(w.b, "[]"...)
	} else {
		w.b = append(w.b, '[')
		for i, g := range r.Groups {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.group(g, grades)
		}
		w.b = append(w.b, "\n  ]"...)
	}
	w.b = append(w.b, "\n}\n"...)
	return w.b, !w.bad
}

// jsonSize is about the size of r's document, so that the buffer grows
// once: a line per field with its indent, about 176 bytes per indicator
// and 56 per category or adjustment. An underestimate only costs a copy.
func jsonSize(r *scoring.Result) int {
	n := 64 + len(r.Scheme.ID) + len(r.Period.ID)
	for _, g := range r.Groups {
		n += 64 + len(g.ID)
		for _, e := range g.Entities {
			n += 300 + len(e.Entity.ID) + len(e.Entity.Name) + len(e.Grade) +
				176*len(e.Indicators) + 56*(len(e.Categories)+len(e.Adjustments))
		}
	}
	return n
}

func (w *jsonWriter) group(g *scoring.Group, grades bool) {
	w.b = append(w.b, indGroup+"{"+indGroupField+`"id": `...)
	w.string(g.ID)
	w.b = append(w.b, ","+indGroupField+`"entities": `...)
	if len(g.Entities) == 0 {
		w.b = append(w.b, "[]"...)
	} else {
		w.b = append(w.b, '[')
		for i, e := range g.Entities {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.entity(e, grades)
		}
		w.b = append(w.b, indGroupField+"]"...)
	}
	w.b = append(w.b, indGroup+"}"...)
}

// entity writes an entityJSON as toJSON builds it: the grade is null when
// the scheme has no grades.
func (w *jsonWriter) entity(e *scoring.EntityResult, grades bool) {
	w.b = append(w.b, indEntity+"{"+indEntityField+`"id": `...)
	w.string(e.Entity.ID)
	w.b = append(w.b, ","+indEntityField+`"name": `...)
	w.string(e.Entity.Name)
	w.b = append(w.b, ","+indEntityField+`"rank": `...)
	w.b = strconv.AppendInt(w.b, int64(e.Rank), 10)
	w.b = append(w.b, ","+indEntityField+`"total": `...)
	w.float(e.Total)
	w.b = append(w.b, ","+indEntityField+`"grade": `...)
	if grades {
		w.string(e.Grade)
	} else {
		w.b = append(w.b, "null"...)
	}
	w.b = append(w.b, ","+indEntityField+`"vetoed": `...)
	w.b = strconv.AppendBool(w.b, e.Vetoed)
	w.b = append(w.b, ","+indEntityField+`"rank_change": `...)
	if e.RankChange == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.b = strconv.AppendInt(w.b, int64(*e.RankChange), 10)
	}
	w.b = append(w.b, ","+indEntityField+`"categories": `...)
	writeMap(w, e.Categories, &w.cats, categoryEntry)
	w.b = append(w.b, ","+indEntityField+`"indicators": `...)
	writeMap(w, e.Indicators, &w.inds, indicatorEntry)
	w.b = append(w.b, ","+indEntityField+`"adjustments": `...)
	writeMap(w, e.Adjustments, &w.adjs, adjustmentEntry)
	w.b = append(w.b, indEntity+"}"...)
}

// writeMap writes m as an object nested in an entity, keys in the order
// encoding/json writes them (strings.Compare, that is byte order), each
// value through entry. It tries *keys first, the previous entity's
// sorted keys, looking each value up once; only when m's keys differ
// does it sort them, into *keys, and write the object again.
func writeMap[V any](w *jsonWriter, m map[string]V, keys *[]string, entry func(*jsonWriter, int, V)) {
	if len(m) == 0 {
		w.b = append(w.b, "{}"...)
		return
	}
	start := len(w.b)
	if len(*keys) == len(m) && tryMap(w, m, *keys, entry) {
		return
	}
	w.b = w.b[:start]
	sorted := (*keys)[:0]
	for k := range m {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	*keys = sorted
	tryMap(w, m, sorted, entry)
}

// tryMap writes m's entries in the order of keys, which has len(m) keys;
// it stops with false at the first key m lacks. A value already written
// may have set w.bad, rightly: writeMap writes it again.
func tryMap[V any](w *jsonWriter, m map[string]V, keys []string, entry func(*jsonWriter, int, V)) bool {
	w.b = append(w.b, '{')
	for i, k := range keys {
		v, ok := m[k]
		if !ok {
			return false
		}
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = append(w.b, indEntry...)
		w.string(k)
		w.b = append(w.b, ": "...)
		entry(w, i, v)
	}
	w.b = append(w.b, indEntityField+"}"...)
	return true
}

// categoryEntry writes a category subtotal.
func categoryEntry(w *jsonWriter, _ int, v float64) { w.float(v) }

// adjustmentEntry writes an adjustment's points, all toJSON keeps of it.
func adjustmentEntry(w *jsonWriter, _ int, a *scoring.AdjustmentScore) { w.float(a.Points) }

// indicatorEntry writes an indicatorJSON: value and reference go through
// finite, as in toJSON. The i-th indicator's reference is most often the
// previous entity's (a group statistic), so its digits are kept.
func indicatorEntry(w *jsonWriter, i int, s *scoring.IndicatorScore) {
	w.b = append(w.b, "{"+indEntryField+`"value": `...)
	w.floatPtr(finite(s.Value))
	w.b = append(w.b, ","+indEntryField+`"points": `...)
	w.float(s.Points)
	w.b = append(w.b, ","+indEntryField+`"reference": `...)
	if ref := finite(s.Reference); ref == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.b = w.refs.append(w.b, i, *ref)
	}
	w.b = append(w.b, indEntry+"}"...)
}

func (w *jsonWriter) floatPtr(p *float64) {
	if p == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.float(*p)
}

func (w *jsonWriter) float(f float64) {
	var ok bool
	w.b, ok = appendFloat(w.b, f)
	if !ok {
		w.bad = true
	}
}

// appendFloat appends f as encoding/json writes a float64 (its
// floatEncoder): like strconv's shortest 'f' format, switching to 'e' for
// magnitudes below 1e-6 or from 1e21 on, with the exponent's leading zero
// dropped (1e-07 → 1e-7). ok is false for NaN and ±Inf, which
// encoding/json refuses.
func appendFloat(b []byte, f float64) (out []byte, ok bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	abs := math.Abs(f)
	if abs < 1e15 && abs == math.Trunc(abs) && (f != 0 || !math.Signbit(f)) {
		// A whole number below 2^53 is its own shortest form; -0 is
		// left to strconv, which writes it as "-0" as encoding/json does.
		return strconv.AppendInt(b, int64(f), 10), true
	}
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// floatCache keeps the encoding of the last float written in each slot:
// an indicator's reference is a statistic of the group, the same for
// every member, and formatting it is most of its cost. The cached bytes
// are used only for the very same bits, so a slot holding another
// indicator's number costs a format, never a wrong digit.
type floatCache struct {
	bits []uint64
	text [][]byte
}

// append appends f as appendFloat does, from slot i when it holds f. f
// is finite.
func (c *floatCache) append(b []byte, i int, f float64) []byte {
	bits := math.Float64bits(f)
	if i < len(c.bits) && c.bits[i] == bits && c.text[i] != nil {
		return append(b, c.text[i]...)
	}
	n := len(b)
	b, _ = appendFloat(b, f)
	for len(c.bits) <= i {
		c.bits = append(c.bits, 0)
		c.text = append(c.text, nil)
	}
	c.bits[i], c.text[i] = bits, append(c.text[i][:0], b[n:]...)
	return b
}

// string appends s as a quoted JSON string (jsonstr.Append).
func (w *jsonWriter) string(s string) {
	w.b = jsonstr.Append(w.b, s)
}

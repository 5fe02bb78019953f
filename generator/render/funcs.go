package render

import (
	"fmt"
	"html/template"
	"math"
	"reflect"

	"kaoping/generator/numfmt"
)

// funcMap is the template function map of a Renderer; functions that
// depend on the language are bound to the site's.
//
//	t KEY                     UI string in the site language
//	tf KEY ARGS...            UI string used as a fmt format
//	num V FORMAT DECIMALS     numfmt.Value: 1.50, 12.3%, 1:1.23, 12.3 天
//	fixed V DECIMALS          numfmt.Fixed
//	points V                  numfmt.Points (two decimals)
//	signed V DECIMALS         numfmt.Signed: +1.20, -0.50
//	wan V                     numfmt.Wan: 1.23万 / 12.3k
//	rankchange C              numfmt.RankChange: ↑2 ↓1 — 新
//	rel PAGE TARGET           PAGE.Rel TARGET
//	markdown S                Markdown to HTML (no raw HTML, no remote images)
//	chart C                   a *Chart placed in the page
//	missing V                 true for nil, a nil pointer, NaN or ±Inf
//	signclass V               "pos" (> 0), "neg" (< 0) or ""
//	better V SIGN             "good"/"bad"/"" for V·SIGN > 0 / < 0 / else
//	                          (SIGN = +1 higher is better, -1 lower)
//	dict K V ...              map for passing several values to a partial
//	list V ...                slice
//	add A B, sub A B          integer arithmetic (row numbers)
//
// Number functions accept float64, ints, and pointers to them; nil or a nil
// pointer is a missing value and shows as "—".
func (r *Renderer) funcMap() template.FuncMap {
	lang := r.lang
	return template.FuncMap{
		"t": func(key string) (string, error) {
			s, ok := lookupOK(r.messages, lang, key)
			if !ok {
				return "", errUnknownMessage(key)
			}
			return s, nil
		},
		"tf": func(key string, args ...any) (string, error) {
			s, ok := lookupOK(r.messages, lang, key)
			if !ok {
				return "", errUnknownMessage(key)
			}
			return fmt.Sprintf(s, args...), nil
		},
		"num": func(v any, format string, decimals int) (string, error) {
			f, err := toFloat(v)
			return numfmt.Value(f, format, decimals, lang), err
		},
		"fixed": func(v any, decimals int) (string, error) {
			f, err := toFloat(v)
			return numfmt.Fixed(f, decimals), err
		},
		"points": func(v any) (string, error) {
			f, err := toFloat(v)
			return numfmt.Points(f), err
		},
		"signed": func(v any, decimals int) (string, error) {
			f, err := toFloat(v)
			return numfmt.Signed(f, decimals), err
		},
		"wan": func(v any) (string, error) {
			f, err := toFloat(v)
			return numfmt.Wan(f, lang), err
		},
		"rankchange": func(v any) (string, error) {
			c, err := toIntPtr(v)
			return numfmt.RankChange(c, lang), err
		},
		"rel":      func(p *Page, target string) string { return p.Rel(target) },
		"markdown": r.Markdown,
		"chart":    r.chartHTML,
		"missing": func(v any) bool {
			f, err := toFloat(v)
			return err != nil || math.IsNaN(f) || math.IsInf(f, 0)
		},
		"signclass": func(v any) (string, error) {
			f, err := toFloat(v)
			return signClass(f, "pos", "neg"), err
		},
		"better": func(v any, sign float64) (string, error) {
			f, err := toFloat(v)
			return signClass(f*sign, "good", "bad"), err
		},
		"dict": dict,
		"list": func(v ...any) []any { return v },
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
	}
}

func signClass(f float64, pos, neg string) string {
	switch {
	case f > 0 && !math.IsInf(f, 0):
		return pos
	case f < 0 && !math.IsInf(f, 0):
		return neg
	}
	return ""
}

// toFloat converts a template value to float64: numbers and pointers to
// numbers; nil and nil pointers are missing (NaN). Anything else is an error.
func toFloat(v any) (float64, error) {
	if v == nil {
		return math.NaN(), nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return math.NaN(), nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return rv.Float(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), nil
	}
	return math.NaN(), fmt.Errorf("not a number: %T", v)
}

// toIntPtr converts a rank change (int, *int or nil) for numfmt.RankChange.
func toIntPtr(v any) (*int, error) {
	f, err := toFloat(v)
	if err != nil || math.IsNaN(f) {
		return nil, err
	}
	i := int(f)
	return &i, nil
}

// dict builds a map from alternating string keys and values.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

package templates

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"kaoping/generator/numfmt"
	"kaoping/generator/report"
)

// The number helpers of the templates: numfmt in the page's language.
// A missing value (nil pointer, NaN) shows as numfmt.Missing ("—").

// value is numfmt.Value: 1.50, 12.3%, 1:1.23, 12.3 天.
func value(ctx context.Context, v float64, format string, decimals int) string {
	return numfmt.Value(v, format, decimals, lang(ctx))
}

// valueOf is value of an optional number.
func valueOf(ctx context.Context, v *float64, format string, decimals int) string {
	return value(ctx, deref(v), format, decimals)
}

// points is a score with two decimals.
func points(v float64) string { return numfmt.Points(v) }

// fixed is v with that many decimals.
func fixed(v float64, decimals int) string { return numfmt.Fixed(v, decimals) }

// signed is v with an explicit sign: +1.20, -0.50.
func signed(v float64, decimals int) string { return numfmt.Signed(v, decimals) }

// signedOf is signed of an optional number.
func signedOf(v *float64, decimals int) string { return numfmt.Signed(deref(v), decimals) }

// rankChange is ↑2, ↓1, 持平 or 新进 (numfmt.RankChange).
func rankChange(ctx context.Context, c *int) string { return numfmt.RankChange(c, lang(ctx)) }

// rankChangeOf is rankChange in a period with or without a previous
// period: — where there is nothing to compare with.
func rankChangeOf(ctx context.Context, c *int, noPrevious bool) string {
	return numfmt.RankChangeOf(c, noPrevious, lang(ctx))
}

// itoa is strconv.Itoa.
func itoa(n int) string { return strconv.Itoa(n) }

// signClass is "pos" for v > 0, "neg" for v < 0, else "".
func signClass(v float64) string { return classOf(v, "pos", "neg") }

// rankChangeClass is signClass of a rank change ("" when new).
func rankChangeClass(c *int) string {
	if c == nil {
		return ""
	}
	return signClass(float64(*c))
}

// better is "good" or "bad" as v·sign is positive or negative (sign +1:
// higher is better, -1: lower), "" otherwise.
func better(v *float64, sign float64) string { return classOf(deref(v)*sign, "good", "bad") }

func classOf(f float64, pos, neg string) string {
	switch {
	case f > 0 && !math.IsInf(f, 0):
		return pos
	case f < 0 && !math.IsInf(f, 0):
		return neg
	}
	return ""
}

func deref(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

// meanColspan spans the 参考值 label over the rank, change, name (and
// parent) columns of a ranking.
func meanColspan(hasParent bool) string {
	if hasParent {
		return "4"
	}
	return "3"
}

// archiveFileLabel names a file of a whole period on the archive page.
func archiveFileLabel(ctx context.Context, f report.Download) string {
	switch f.Format {
	case "XLSX":
		return t(ctx, "archive.workbook")
	case "ZIP":
		return t(ctx, "archive.bundle")
	}
	return f.Label
}

// orDash is s, or "—" when it is empty.
func orDash(s string) string {
	if s == "" {
		return numfmt.Missing
	}
	return s
}

// twoRows is rowspan="2" on a header cell when the table's header has
// a second row, else no attribute.
func twoRows(on bool) templ.OrderedAttributes { return optional("rowspan", onlyIf("2", on)) }

// The attributes below are written with the spread form of templ
// ({ cls(…)... }) rather than class={ … }: templ runs every class
// expression through a map of class names, which a province's rankings
// and comparisons (millions of cells) felt; an ordered slice costs next to
// nothing.

// cls is the attribute class with the non-empty names, or none.
func cls(names ...string) templ.OrderedAttributes {
	n := 0
	for _, s := range names {
		if s != "" {
			names[n] = s
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return templ.OrderedAttributes{{Key: "class", Value: strings.Join(names[:n], " ")}}
}

// onlyIf is name when on, else "".
func onlyIf(name string, on bool) string {
	if on {
		return name
	}
	return ""
}

// optional is the attribute name=value, or none when value is empty.
func optional(name, value string) templ.OrderedAttributes {
	if value == "" {
		return nil
	}
	return templ.OrderedAttributes{{Key: name, Value: value}}
}

// number is a constant as config.toml gives it: 1.5, 0.333.
func number(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// hasDescriptions reports whether some indicator has a description.
func hasDescriptions(inds []report.MethIndicator) bool {
	for _, ind := range inds {
		if ind.Description != "" {
			return true
		}
	}
	return false
}

// classIf is the attribute class=name when on, else no attribute.
func classIf(name string, on bool) templ.OrderedAttributes { return cls(onlyIf(name, on)) }

// fullMarksText says what a scheme's full marks are made of.
func fullMarksText(ctx context.Context, d *report.MethodologyPage) string {
	s := tf(ctx, "method.full_marks_text", fixed(d.FullMarks, 0), len(d.Indicators))
	if len(d.Adjustments) > 0 {
		s += t(ctx, "method.plus_adjustments")
	}
	return s
}

// attr makes attributes from name, value pairs, in that order (a value is
// a string, or a bool for an attribute without value).
func attr(kv ...any) templ.OrderedAttributes {
	out := make(templ.OrderedAttributes, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, templ.KeyValue[string, any]{Key: kv[i].(string), Value: kv[i+1]})
	}
	return out
}

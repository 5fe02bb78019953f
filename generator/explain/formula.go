package explain

import (
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
)

// This file is the one place that puts a formula into words: every page
// (考核办法, indicator pages, score sheets) and `kaoping explain` call it,
// so a formula reads the same everywhere. A reader sees each field and
// constant by its label (件数 ÷ 受理案件数, 审查逮捕审结人数 × 审查逮捕系数);
// ids appear only in the English UI, after the label, and in the
// 考核办法's appendix. A name without a label is shown as written.

// Formula writes a formula or a valid_if condition in words: fields and
// constants by their labels (in English followed by the id: "件数
// (items)"), * as ×, / as ÷, comparisons as ≥ ≤ ≠ =, and in Chinese
// and/or/not as 且/或/非.
func Formula(cfg *config.Config, src, lang string) string {
	return newFormulaText(cfg, src, lang).words
}

// Inputs is the formula in words with the entity's values put in, e.g.
// "件数 ÷ 受理案件数 = 123 ÷ 100" (a missing field reads 缺失 / missing).
func Inputs(cfg *config.Config, src string, pd *dataset.PeriodData, entity, lang string) string {
	return newFormulaText(cfg, src, lang).text(entityValues{pd, entity})
}

// formulaText is a formula cut into pieces once — literal text and names
// — so that a province's million score sheet rows only put values in.
type formulaText struct {
	words  string         // the formula in words
	pieces []formulaPiece // the same formula, for the values form
	absent string         // how a missing value reads
}

// formulaPiece is literal text, or a field whose value is put in.
type formulaPiece struct {
	text  string // literal text (operators, numbers, a constant's value)
	field string // a field id: its value, or absent
}

func newFormulaText(cfg *config.Config, src, lang string) *formulaText {
	x := &formulaText{absent: "缺失"}
	en := lang == "en"
	if en {
		x.absent = "missing"
	}
	var words, lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			x.pieces = append(x.pieces, formulaPiece{text: lit.String()})
			lit.Reset()
		}
	}
	rs := []rune(src)
	for i := 0; i < len(rs); {
		r := rs[i]
		if isIdentStart(r) {
			j := i + 1
			for j < len(rs) && isIdentPart(rs[j]) {
				j++
			}
			name := string(rs[i:j])
			i = j
			switch {
			case name == "and" || name == "or" || name == "not":
				w := name
				if !en {
					w = map[string]string{"and": "且", "or": "或", "not": "非"}[name]
				}
				words.WriteString(w)
				lit.WriteString(w)
			case name == "min" || name == "max":
				words.WriteString(name)
				lit.WriteString(name)
			default:
				if v, ok := cfg.Constant(name); ok {
					words.WriteString(nameWords(cfg.ConstantLabel(name), name, en))
					lit.WriteString(trim(v))
					continue
				}
				words.WriteString(nameWords(cfg.FieldLabel(name), name, en))
				flush()
				x.pieces = append(x.pieces, formulaPiece{field: name})
			}
			continue
		}
		op := string(r)
		if i+1 < len(rs) && rs[i+1] == '=' && strings.ContainsRune("<>=!", r) {
			op += "="
		}
		i += len([]rune(op))
		w := op
		switch op {
		case "*":
			w = "×"
		case "/":
			w = "÷"
		case ">=":
			w = "≥"
		case "<=":
			w = "≤"
		case "!=":
			w = "≠"
		case "==":
			w = "="
		}
		words.WriteString(w)
		lit.WriteString(w)
	}
	flush()
	x.words = words.String()
	return x
}

// nameWords is how a field or constant with the given label reads: the
// label, and in English the id after it when they differ.
func nameWords(label, name string, en bool) string {
	if en && label != name {
		return label + " (" + name + ")"
	}
	return label
}

// writeInputs writes "words = values" for one entity.
func (x *formulaText) writeInputs(b *strings.Builder, values entityValues) {
	b.WriteString(x.words)
	b.WriteString(" = ")
	x.writeValues(b, values)
}

// writeValues writes the formula with the entity's values put in.
func (x *formulaText) writeValues(b *strings.Builder, values entityValues) {
	var num [32]byte
	for _, p := range x.pieces {
		if p.field == "" {
			b.WriteString(p.text)
			continue
		}
		if v, ok := values.pd.Value(values.entity, p.field); ok {
			b.Write(appendTrim(num[:0], v))
		} else {
			b.WriteString(x.absent)
		}
	}
}

// text is writeInputs as a string.
func (x *formulaText) text(values entityValues) string {
	var b strings.Builder
	b.Grow(2*len(x.words) + 16)
	x.writeInputs(&b, values)
	return b.String()
}

// single reports whether the formula is one field alone ("民主测评得分"):
// its value then needs no second "= value".
func (x *formulaText) single() bool {
	return len(x.pieces) == 1 && x.pieces[0].field != ""
}

package render

import (
	"bytes"
	"math"

	"kaoping/generator/numfmt"
)

// Number writers for native twins whose tables print numbers by the
// thousand (a province's indicator page: 8,000 rows of four numbers
// each). Each writes what a number function of the templates prints, as
// html/template escapes it, appended straight to the page's buffer: no
// reflection (toFloat), no string per cell.

// WriteNum writes {{num v format decimals}}: numfmt.Value in r's
// language, "—" for nil.
func (r *Renderer) WriteNum(b *bytes.Buffer, v *float64, format string, decimals int) {
	var tmp [64]byte
	writeEscapedBytes(b, numfmt.AppendValue(tmp[:0], orNaN(v), format, decimals, r.lang))
}

// WriteSigned writes {{signed v decimals}}: numfmt.Signed, "—" for nil.
func WriteSigned(b *bytes.Buffer, v *float64, decimals int) {
	var tmp [64]byte
	writeEscapedBytes(b, numfmt.AppendSigned(tmp[:0], orNaN(v), decimals))
}

// WritePoints writes {{points v}}: numfmt.Points.
func WritePoints(b *bytes.Buffer, v float64) {
	var tmp [64]byte
	writeEscapedBytes(b, numfmt.AppendFixed(tmp[:0], v, 2))
}

// Better is the template function better of v (nil: missing) and sign:
// "good" when v·sign > 0, "bad" when < 0, "" otherwise.
func Better(v *float64, sign float64) string { return signClass(orNaN(v)*sign, "good", "bad") }

// orNaN is *v, or NaN (a missing value to the number functions) for nil.
func orNaN(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

// writeEscapedBytes writes p as WriteEscaped writes string(p), making
// the string only when p holds a byte to escape (a sign's "+").
func writeEscapedBytes(b *bytes.Buffer, p []byte) {
	for _, c := range p {
		if htmlSpecial[c] {
			WriteEscaped(b, string(p))
			return
		}
	}
	b.Write(p)
}

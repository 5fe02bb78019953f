package render

import (
	"bytes"
	"html/template"
	"math"
	"testing"
)

// TestNumberWritersMatchFuncs: WriteNum, WriteSigned, WritePoints and
// Better write what {{num}}, {{signed}}, {{points}} and {{better}} print
// through html/template, for missing, signed, rounding, large and
// non-finite values in each format, language and number of decimals.
func TestNumberWritersMatchFuncs(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 0.004, -0.004, 0.005, 1.5, -1.5, 2.675, 0.1234, 12345.678,
		-98765.4321, 1e6, 1e300, math.NaN(), math.Inf(1), math.Inf(-1)}
	page := `{{num .V .Format .Decimals}}|{{signed .V .Decimals}}|{{points .P}}|<td class="{{better .V .Sign}}">`
	for _, lang := range []string{"zh-CN", "en"} {
		r, err := New(Options{Lang: lang, Dir: "/nonexistent-kaoping-templates"})
		if err != nil {
			t.Fatal(err)
		}
		tmpl := template.Must(template.New("").Funcs(r.funcMap()).Parse(page))
		for _, format := range []string{"number", "percent", "ratio", "days", "other"} {
			for _, dec := range []int{0, 1, 2, 4, 10, 12, -1} {
				for _, sign := range []float64{1, -1, 0} {
					for i := -1; i < len(values); i++ {
						var v *float64 // i = -1: missing
						p := 0.0
						if i >= 0 {
							v, p = &values[i], values[i]
						}
						data := struct {
							V        *float64
							P        float64
							Format   string
							Decimals int
							Sign     float64
						}{v, p, format, dec, sign}
						var want bytes.Buffer
						if err := tmpl.Execute(&want, data); err != nil {
							t.Fatal(err)
						}
						var got bytes.Buffer
						r.WriteNum(&got, v, format, dec)
						got.WriteByte('|')
						WriteSigned(&got, v, dec)
						got.WriteByte('|')
						WritePoints(&got, p)
						got.WriteString(`|<td class="`)
						WriteEscaped(&got, Better(v, sign))
						got.WriteString(`">`)
						if got.String() != want.String() {
							t.Errorf("%s %s %d sign %v value #%d: got %q, want %q", lang, format, dec, sign, i, got.String(), want.String())
						}
					}
				}
			}
		}
	}
}

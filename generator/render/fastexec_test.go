package render

import (
	"bytes"
	"html/template"
	"math"
	"strings"
	"testing"
	"testing/fstest"
)

// TestOptimizedEscapingMatchesHTMLTemplate prints awkward values in text,
// quoted attributes and links, through the fast paths and their
// fallbacks, and requires html/template's bytes.
func TestOptimizedEscapingMatchesHTMLTemplate(t *testing.T) {
	page := `<p class="{{.S}}" title="{{.H}}" data-n="{{.N}}" data-f="{{.F}}" data-p="{{.P}}">{{.S}}|{{.H}}|{{.N}}|{{.F}}|{{.P}}|{{.Nil}}|{{.Any}}|{{t "chart.data"}}</p>
<a title="{{t "chart.item"}}" href="{{.U}}">{{.U}}</a>
{{range .Us}}<a href="{{.}}">x</a><img src="{{.}}" alt="{{.}}">{{end}}
<a href="../x/{{.S}}">y</a>`
	fsys := fstest.MapFS{"p.html": {Data: []byte(page)}}
	f := 1.5
	data := map[string]any{
		"S": `a<b>&"c"'d'+e` + "\x00", "H": template.HTML(`<b>bold</b> & "q"`), "N": -42, "F": math.Pi, "P": &f,
		"Nil": (*float64)(nil), "Any": []int{1, 2},
		"U":  "../../schemes/s/2024-Q1.html#group-2",
		"Us": []any{"javascript:alert(1)", "a b/中文.html", "x.html?a=1&b=2", "http://e.org/x", "", template.URL("javascript:ok"), 7},
	}
	for _, lang := range []string{"zh-CN", "en"} {
		fast, err := New(Options{Lang: lang, Builtin: fsys})
		if err != nil {
			t.Fatal(err)
		}
		plain, err := New(Options{Lang: lang, Builtin: fsys, Plain: true})
		if err != nil {
			t.Fatal(err)
		}
		tree := fast.pages["p.html"].t.Lookup("p.html").Tree.Root.String()
		if !strings.Contains(tree, fastURLAttr) || !strings.Contains(tree, fastHTML) || strings.Contains(tree, escHTML) || strings.Contains(tree, `"chart.data"`) {
			t.Errorf("%s: templates not optimized: %s", lang, tree)
		}
		var a, b bytes.Buffer
		if err := fast.Execute(&a, "p.html", data); err != nil {
			t.Fatal(err)
		}
		if err := plain.Execute(&b, "p.html", data); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s:\nfast:  %s\nplain: %s", lang, a.String(), b.String())
		}
		if bytes.Contains(a.Bytes(), []byte("<b>&")) || !bytes.Contains(a.Bytes(), []byte("#ZgotmplZ")) {
			t.Errorf("%s: escaping lost: %s", lang, a.String())
		}
	}
}

package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestNativeEscapersMatchTemplate holds WriteEscaped and WriteURL to what
// html/template prints for a string in text, in a quoted attribute and at
// the start of an href.
func TestNativeEscapersMatchTemplate(t *testing.T) {
	var all strings.Builder
	for c := range 256 {
		all.WriteByte(byte(c))
	}
	inputs := []string{"", "plain", "第一检察部", `A<b> & "q" 'a' +1 ` + "\x00", all.String(), "\xff\xfe invalid",
		"../a/b.html#group-1", "https://example.org/a b/x.html", "javascript:alert(1)", "a?b=c&d=<e>", "%zz", "a%2", "a%2F%e4%B8x", "100%"}
	page := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">`))
	for _, s := range inputs {
		var want bytes.Buffer
		if err := page.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		got.WriteString(`<p title="`)
		WriteEscaped(&got, s)
		got.WriteString(`">`)
		WriteEscaped(&got, s)
		got.WriteString(`</p><a href="`)
		WriteURL(&got, s)
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Errorf("%q:\ngot  %q\nwant %q", s, got.String(), want.String())
		}
		title, _, _ := strings.Cut(strings.TrimPrefix(want.String(), `<p title="`), `">`)
		if EscapeString(s) != title {
			t.Errorf("EscapeString(%q) = %q, want %q", s, EscapeString(s), title)
		}
	}
}

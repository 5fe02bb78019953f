package render

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// Helpers for native twins beyond the layout (native.go): putting UI
// strings into a twin's text once, and printing numbers as html/template
// prints them.

// NativeText puts one Renderer's UI strings into the text of a native
// twin: Expand replaces each {{t "key"}} of a string with the message,
// escaped as html/template prints it in text or in a quoted attribute. A
// twin's text can so be copied from its template as it stands, actions
// of t included, and checked against it by eye.
type NativeText struct {
	r   *Renderer
	err error
}

// NativeText starts expanding texts for r's language and messages.
func (r *Renderer) NativeText() *NativeText { return &NativeText{r: r} }

// Expand is s with every {{t "key"}} replaced by the escaped message. An
// unknown key (or an action left open) is kept for Err and expands to "".
func (x *NativeText) Expand(s string) string {
	const open, end = `{{t "`, `"}}`
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+len(open):]
		j := strings.Index(s, end)
		if j < 0 {
			x.fail(errors.New("render: native text has an unclosed {{t action"))
			return b.String()
		}
		msg, err := x.r.Message(s[:j])
		x.fail(err)
		b.WriteString(escapeString(msg))
		s = s[j+len(end):]
	}
}

// Err is the first error of Expand, if any.
func (x *NativeText) Err() error { return x.err }

func (x *NativeText) fail(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

// WriteInt writes n as html/template prints an int.
func WriteInt(b *bytes.Buffer, n int) {
	var num [20]byte
	b.Write(strconv.AppendInt(num[:0], int64(n), 10))
}

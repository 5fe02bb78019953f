package render

import (
	"bytes"
	"errors"
	"fmt"
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

// T is {{t "key"}}: the message escaped. An unknown key is kept for Err
// and gives "".
func (x *NativeText) T(key string) string {
	msg, err := x.r.Message(key)
	x.fail(err)
	return escapeString(msg)
}

// Err is the first error of Expand, T or IntMessage, if any.
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

// IntMessage is {{tf "key" ...}} of a message formatted with ints, such
// as sheet.of ("第 %d 名 / 共 %d"), made ready to write without fmt.
type IntMessage struct {
	format string
	// parts is format cut at its n verbs, each piece escaped; nil when the
	// verbs are not n plain %d (fmt then formats it, as tf does).
	parts []string
}

// IntMessage prepares tf of key with n int arguments. An unknown key is
// kept for Err.
func (x *NativeText) IntMessage(key string, n int) *IntMessage {
	format, err := x.r.Message(key)
	x.fail(err)
	m := &IntMessage{format: format}
	parts := strings.Split(format, "%d")
	if len(parts) == n+1 && !strings.Contains(strings.Join(parts, ""), "%") {
		for _, p := range parts {
			m.parts = append(m.parts, escapeString(p))
		}
	}
	return m
}

// Write writes {{tf "key" args...}} to b: the message with args put in,
// escaped as html/template prints it.
func (m *IntMessage) Write(b *bytes.Buffer, args ...int) {
	if m.parts == nil || len(args) != len(m.parts)-1 {
		as := make([]any, len(args))
		for i, a := range args {
			as[i] = a
		}
		WriteEscaped(b, fmt.Sprintf(m.format, as...))
		return
	}
	b.WriteString(m.parts[0])
	for i, a := range args {
		WriteInt(b, a)
		b.WriteString(m.parts[i+1])
	}
}

package diag

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxValue is how many characters of a value from a user's file a message
// quotes; a longer value is cut there and ends with "…".
const MaxValue = 60

// Value returns s as a message quotes it, so that no message can break
// the terminal or hide what a cell holds: at most MaxValue characters
// (then "…"), and every character that does not show as itself escaped
// the way Go writes it: \t, \n, \r, \\, control bytes and bytes that are
// not UTF-8 as \x00 … \xff, invisible or control characters such as
// U+200B (zero width space), U+202E (right-to-left override) or U+FEFF as
// \u200b. Chinese and every other printable character stay as they are.
// The quotes around the value are the message's own (“%s” or "%s").
func Value(s string) string {
	cut := false
	if utf8.RuneCountInString(s) > MaxValue {
		n := 0
		for i := range s {
			if n == MaxValue {
				s, cut = s[:i], true
				break
			}
			n++
		}
	}
	out := escape(s)
	if cut {
		out += "…"
	}
	return out
}

// escape writes the characters of s that do not show as themselves as Go
// escapes; it returns s itself when there are none.
func escape(s string) string {
	clean := true
	for _, r := range s {
		if r == '\\' || r == utf8.RuneError || !visible(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && !visible(r):
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case !visible(r):
			q := strconv.QuoteRuneToASCII(r) // '\u200b'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// visible reports whether r shows as itself in a terminal line: printable
// (letters, marks, numbers, punctuation, symbols) or the ASCII space. The
// full-width space U+3000 and the no-break space are escaped too: a
// message is about what is in the cell, and they look like nothing.
func visible(r rune) bool { return r == ' ' || strconv.IsPrint(r) }

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

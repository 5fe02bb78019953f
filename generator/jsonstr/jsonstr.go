// Package jsonstr writes strings as encoding/json does, without its
// reflection: for the encoders of manifest.json and of the results' JSON,
// which write hundreds of thousands of strings per build and are held
// byte-identical to encoding/json by their tests.
package jsonstr

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"unicode/utf8"
)

// Append appends s to b as a quoted JSON string, exactly as encoding/json
// writes it with HTML escaping off. Ids, names, paths and hex sums need
// no escaping and are copied as they are; any other string is left to
// encoding/json. It copies s first and checks the copy, which the copy
// has just brought into the cache.
func Append(b []byte, s string) []byte {
	b = append(b, '"')
	n := len(b)
	b = append(b, s...)
	if needsEscape(b[n:]) {
		return appendEscaped(b[:n-1], s)
	}
	return append(b, '"')
}

// needsEscape reports whether encoding/json, with HTML escaping off,
// writes s other than as it is: it escapes control characters, '"' and
// '\\', U+2028 and U+2029, and replaces invalid UTF-8 with U+FFFD. DEL
// and every other valid rune pass through.
func needsEscape(s []byte) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if unsafeASCII(binary.LittleEndian.Uint64(s[i:])) {
			break
		}
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			return true
		}
		i += size
	}
	return false
}

// unsafeASCII reports whether any of the 8 bytes in x is a control
// character below 0x20, '"', '\\', or not ASCII (a byte of a multi-byte
// rune, or invalid UTF-8): the bytes needsEscape has to look at closer.
// The bit tricks tell exactly whether some byte of a word is zero, or
// below a bound up to 0x80.
func unsafeASCII(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	control := (x - 0x20*ones) &^ x
	q := x ^ '"'*ones
	quote := (q - ones) &^ q
	bs := x ^ '\\'*ones
	backslash := (bs - ones) &^ bs
	return (control|quote|backslash|x)&highs != 0
}

// appendEscaped appends s quoted by encoding/json with HTML escaping off.
// Encoding a string cannot fail.
func appendEscaped(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

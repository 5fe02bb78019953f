package manifest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// The manifest of a province site lists 140,000 outputs, and encoding it
// through encoding/json's reflection costs a third of a second on the
// critical path of every build. appendManifest writes the same bytes
// directly: the layout below is exactly what a json.Encoder with
// SetEscapeHTML(false) and SetIndent("", "  ") writes for a Manifest, and
// the tests hold the two byte-identical (TestMarshalMatchesEncodingJSON,
// FuzzMarshal).

// appendManifest appends the JSON of a manifest with these fields to b,
// ending in a newline. A nil map is written as an empty one ({}), which
// is what Marshal has always written for it.
func appendManifest(b []byte, kaoping, config string, inputs, outputs map[string]string) []byte {
	b = slices.Grow(b, 64+len(kaoping)+len(config)+mapSize(inputs)+mapSize(outputs))
	b = append(b, "{\n  \"kaoping\": "...)
	b = appendString(b, kaoping)
	b = append(b, ",\n  \"config\": "...)
	b = appendString(b, config)
	b = append(b, ",\n  \"inputs\": "...)
	b = appendMap(b, inputs)
	b = append(b, ",\n  \"outputs\": "...)
	b = appendMap(b, outputs)
	return append(b, "\n}\n"...)
}

// mapSize is about the encoded size of m: each entry takes its key and
// value plus four spaces of indent, four quotes, ": " and ",\n". Strings
// that need escaping grow the buffer past it, which only costs a copy.
func mapSize(m map[string]string) int {
	n := 4
	for k, v := range m {
		n += len(k) + len(v) + 12
	}
	return n
}

// appendMap appends m as a JSON object nested one level deep, keys in
// byte order (encoding/json sorts map keys by their UTF-8 bytes too), and
// an empty map as {}.
func appendMap(b []byte, m map[string]string) []byte {
	if len(m) == 0 {
		return append(b, "{}"...)
	}
	b = append(b, '{')
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = appendString(b, k)
		b = append(b, ": "...)
		b = appendString(b, m[k])
	}
	return append(b, "\n  }"...)
}

// appendString appends s as a quoted JSON string. Paths and hex sums need
// no escaping and are copied as they are; any other string is left to
// encoding/json, so that its escaping stays exactly encoding/json's. It
// copies s first and checks the copy, which the copy has just brought
// into the cache.
func appendString(b []byte, s string) []byte {
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

package manifest

import (
	"slices"

	"kaoping/generator/jsonstr"
	"kaoping/internal/parallel"
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
	b = jsonstr.Append(b, kaoping)
	b = append(b, ",\n  \"config\": "...)
	b = jsonstr.Append(b, config)
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
// an empty map as {}. A large map (a province's 140,000 outputs, on the
// critical path of every build) is sorted and encoded in two halves at
// once.
func appendMap(b []byte, m map[string]string) []byte {
	if len(m) == 0 {
		return append(b, "{}"...)
	}
	b = append(b, '{')
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	if len(keys) < 1<<13 {
		slices.Sort(keys)
		b = appendEntries(b, m, keys, true)
		return append(b, "\n  }"...)
	}
	parallel.Sort(keys)
	half := len(keys) / 2
	// appendManifest grew b for the whole manifest: the second half takes
	// about half of what is left.
	tail := make([]byte, 0, (cap(b)-len(b))/2+4096)
	parallel.Do(func() { b = appendEntries(b, m, keys[:half], true) },
		func() { tail = appendEntries(tail, m, keys[half:], false) })
	b = append(b, tail...)
	return append(b, "\n  }"...)
}

// appendEntries appends the entries of m named by keys, in their order;
// first says whether the first one opens the object (no comma before it).
func appendEntries(b []byte, m map[string]string, keys []string, first bool) []byte {
	for i, k := range keys {
		if i > 0 || !first {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = jsonstr.Append(b, k)
		b = append(b, ": "...)
		b = jsonstr.Append(b, m[k])
	}
	return b
}

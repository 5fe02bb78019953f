package jsonstr

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestUnsafeASCII puts every byte value at every place of a word of safe
// bytes and compares the bit trick with the plain rule.
func TestUnsafeASCII(t *testing.T) {
	for pos := range 8 {
		for c := range 256 {
			w := []byte("abcdefgh")
			w[pos] = byte(c)
			want := c < 0x20 || c == '"' || c == '\\' || c >= 0x80
			if got := unsafeASCII(binary.LittleEndian.Uint64(w)); got != want {
				t.Errorf("byte %#x at %d: unsafeASCII = %v", c, pos, got)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		x := rng.Uint64()
		want := false
		for i := range 8 {
			c := byte(x >> (8 * i))
			want = want || c < 0x20 || c == '"' || c == '\\' || c >= 0x80
		}
		if got := unsafeASCII(x); got != want {
			t.Fatalf("%#016x: unsafeASCII = %v", x, got)
		}
	}
}

// FuzzAppend compares Append with encoding/json. The seeds run in a
// plain go test.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{"", "schemes/prosecutor/2025-Q4/p0001234.html", "枣庄市检察院", `say "hi"`, `back\slash`,
		"tab\tnew\nline\x00\x1f", "del\x7f", "\u2028 \u2029", "bad \xff\xfe utf-8", "trunc \xe6\x9e", "<a&b>", "\ufffd", "emoji 😀", "12345678\"", "1234567\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		if got := Append([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), bytes.TrimSuffix(want.Bytes(), []byte("\n"))...)) {
			t.Errorf("Append(%q) = %s, encoding/json %s", s, got[1:], want.Bytes())
		}
	})
}

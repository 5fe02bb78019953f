package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// referenceMarshal is Manifest.Marshal as it was written with
// encoding/json: the fast encoder must match it byte for byte.
func referenceMarshal(t testing.TB, m Manifest) []byte {
	t.Helper()
	if m.Inputs == nil {
		m.Inputs = map[string]string{}
	}
	if m.Outputs == nil {
		m.Outputs = map[string]string{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// provinceOutputs is an Outputs map the size of a province site: n page
// paths with 64-hex sums.
func provinceOutputs(n int) map[string]string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make(map[string]string, n)
	for i := range n {
		name := fmt.Sprintf("schemes/prosecutor/%d-Q%d/p%07d.html", 2024+i%2, 1+i%4, i)
		out[name] = fmt.Sprintf("%016x%016x%016x%016x", rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64())
	}
	return out
}

// provinceManifest is a manifest the size of a province site's.
func provinceManifest() *Manifest {
	return &Manifest{Kaoping: "1.4.0", Config: strings.Repeat("ab", 32),
		Inputs: provinceOutputs(200), Outputs: provinceOutputs(140000)}
}

func BenchmarkMarshalProvince(b *testing.B) {
	m := provinceManifest()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalProvinceEncodingJSON is the encoding/json encoder
// Marshal replaced, on the same manifest, for comparison.
func BenchmarkMarshalProvinceEncodingJSON(b *testing.B) {
	m := provinceManifest()
	b.ReportAllocs()
	for b.Loop() {
		referenceMarshal(b, *m)
	}
}

// checkMarshal fails t unless Marshal and Recorder.MarshalManifest write
// what encoding/json writes for m.
func checkMarshal(t *testing.T, m Manifest) {
	t.Helper()
	want := referenceMarshal(t, m)
	mm := m
	got, err := mm.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Marshal differs from encoding/json:\n got %q\nwant %q", got, want)
	}
	r := NewRecorder()
	for k, v := range m.Outputs {
		r.AddHex(k, v)
	}
	got, err = r.MarshalManifest(m.Kaoping, m.Config, m.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("MarshalManifest differs from encoding/json:\n got %q\nwant %q", got, want)
	}
}

// awkward are strings encoding/json escapes or could be thought to.
var awkward = []string{
	"", "a", "index.html", "schemes/检察官/2025-Q4/张三.html", "考核", `say "hi"`, `C:\path\x`,
	"tab\there", "nl\n", "cr\r", "\x00", "\x1f", "\x7f", "\u2028", "x\u2029y", "\u2027\u202a",
	"bad\xffutf8", "\xc3", "\xc3(", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\ufffd", "<a href=\"x\">&amp;</a>",
	"<>&", "😀 emoji", "12345678\"", "1234567\\", "12345678901234\x01", "abcdefgh\u00e9ijklmnop",
	strings.Repeat("a", 100) + "\u2028", strings.Repeat("路径/", 20),
}

func TestMarshalMatchesEncodingJSON(t *testing.T) {
	many := provinceOutputs(5000)
	for _, s := range awkward {
		many["awkward/"+s] = s
	}
	tests := []struct {
		name string
		m    Manifest
	}{
		{"nil maps", Manifest{}},
		{"empty maps", Manifest{Kaoping: "1.0", Config: "c", Inputs: map[string]string{}, Outputs: map[string]string{}}},
		{"nil inputs", Manifest{Kaoping: "1.0", Outputs: map[string]string{"a.html": "x"}}},
		{"nil outputs", Manifest{Kaoping: "1.0", Inputs: map[string]string{"data/a.csv": "x"}}},
		{"one each", Manifest{Kaoping: "v", Config: "c", Inputs: map[string]string{"a": "1"}, Outputs: map[string]string{"b": "2"}}},
		{"awkward fields", Manifest{Kaoping: "1.0 \"dev\"\n", Config: "\u2028\xff", Inputs: map[string]string{}, Outputs: nil}},
		{"prefix keys", Manifest{Outputs: map[string]string{"a": "1", "a/": "2", "a\x00": "3", "a/b": "4", "ab": "5", "b": "6", "A": "7", "é": "8", "ä": "9"}}},
		{"many", Manifest{Kaoping: "1.4.0", Config: strings.Repeat("0f", 32), Inputs: provinceOutputs(30), Outputs: many}},
	}
	for _, s := range awkward {
		tests = append(tests, struct {
			name string
			m    Manifest
		}{fmt.Sprintf("%q", s), Manifest{Kaoping: s, Config: s, Inputs: map[string]string{s: s}, Outputs: map[string]string{s: s, "x" + s: "y" + s}}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkMarshal(t, tt.m) })
	}
}

func TestMarshalSetsNilMaps(t *testing.T) {
	// Marshal has always filled in nil maps; callers may rely on it.
	m := &Manifest{}
	if _, err := m.Marshal(); err != nil {
		t.Fatal(err)
	}
	if m.Inputs == nil || m.Outputs == nil {
		t.Errorf("Marshal left nil maps: %#v", m)
	}
}

func TestMarshalProvinceMatchesEncodingJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("140,000 outputs; -short")
	}
	checkMarshal(t, *provinceManifest())
}

// TestMarshalHalvesMatchEncodingJSON: around the size from which the
// outputs are sorted and encoded in two halves at once (odd and even
// counts), the bytes stay encoding/json's.
func TestMarshalHalvesMatchEncodingJSON(t *testing.T) {
	for _, n := range []int{1<<13 - 1, 1 << 13, 1<<13 + 1, 1<<13 + 2} {
		checkMarshal(t, Manifest{Kaoping: "1", Config: "c", Inputs: provinceOutputs(3), Outputs: provinceOutputs(n)})
	}
}

// FuzzMarshal compares Marshal with encoding/json on manifests built from
// fuzzed strings: each one a key and a value, and split into several
// keys at '|'. The seeds run in a plain go test.
func FuzzMarshal(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, "1.0")
	}
	f.Add("a|b|a/b|a\x00|ab", "x")
	f.Add("schemes/prosecutor/2025-Q4/p0001234.html|schemes/prosecutor/2025-Q4/p0001233.html", "\u2029")
	f.Fuzz(func(t *testing.T, s, version string) {
		m := Manifest{Kaoping: version, Config: s, Inputs: map[string]string{s: version}, Outputs: map[string]string{}}
		for i, k := range strings.Split(s, "|") {
			m.Outputs[k] = fmt.Sprint(i, k)
		}
		checkMarshal(t, m)
	})
}

// provinceRecorder is a Recorder holding a province site's outputs.
func provinceRecorder() *Recorder {
	r := NewRecorder()
	for k, v := range provinceOutputs(140000) {
		r.AddHex(k, v)
	}
	return r
}

// BenchmarkRecorderSumsMarshal is how build writes manifest.json today:
// copy the recorded sums, then marshal.
func BenchmarkRecorderSumsMarshal(b *testing.B) {
	r, inputs := provinceRecorder(), provinceOutputs(200)
	b.ReportAllocs()
	for b.Loop() {
		m := &Manifest{Kaoping: "1.4.0", Config: "c", Inputs: inputs, Outputs: r.Sums()}
		if _, err := m.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecorderMarshalManifest marshals the recorded sums in place.
func BenchmarkRecorderMarshalManifest(b *testing.B) {
	r, inputs := provinceRecorder(), provinceOutputs(200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.MarshalManifest("1.4.0", "c", inputs); err != nil {
			b.Fatal(err)
		}
	}
}

package manifest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestMarshalLayout pins the bytes of a small manifest: the layout every
// manifest.json has had (two-space indent, sorted keys, HTML characters
// unescaped, a final newline), so that manifests written by earlier
// versions and this one read and compare alike.
func TestMarshalLayout(t *testing.T) {
	m := &Manifest{Kaoping: "1.0", Config: "c0", Inputs: map[string]string{"data/b.csv": "2", "data/a.csv": "1"},
		Outputs: map[string]string{"schemes/<x>&y.html": "4", "index.html": "3", "考核/甲.html": "5"}}
	got, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "kaoping": "1.0",
  "config": "c0",
  "inputs": {
    "data/a.csv": "1",
    "data/b.csv": "2"
  },
  "outputs": {
    "index.html": "3",
    "schemes/<x>&y.html": "4",
    "考核/甲.html": "5"
  }
}
`
	if string(got) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, want)
	}
}

func TestMarshalEmptyAndNilMaps(t *testing.T) {
	m := &Manifest{Kaoping: "1.0"}
	got, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"kaoping\": \"1.0\",\n  \"config\": \"\",\n  \"inputs\": {},\n  \"outputs\": {}\n}\n"; string(got) != want {
		t.Errorf("Marshal = %q, want %q", got, want)
	}
	// Marshal has always filled in nil maps; callers may rely on it.
	if m.Inputs == nil || m.Outputs == nil {
		t.Errorf("Marshal left nil maps: %#v", m)
	}
	if got, _ := NewRecorder().MarshalManifest("1.0", "", nil); string(got) != string(mustMarshal(t, &Manifest{Kaoping: "1.0"})) {
		t.Errorf("MarshalManifest of nothing = %q", got)
	}
}

func mustMarshal(t testing.TB, m *Manifest) []byte {
	t.Helper()
	b, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// provinceOutputs is an Outputs map of n page paths with 64-hex sums.
func provinceOutputs(n int) map[string]string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make(map[string]string, n)
	for i := range n {
		name := fmt.Sprintf("schemes/prosecutor/%d-Q%d/p%07d.html", 2024+i%2, 1+i%4, i)
		out[name] = fmt.Sprintf("%016x%016x%016x%016x", rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64())
	}
	return out
}

// TestRecorderMarshalManifest: the manifest of a build, encoded from the
// Recorder, is Marshal's manifest of the recorded files, and reads back
// (Read) to the same content; awkward names included.
func TestRecorderMarshalManifest(t *testing.T) {
	outputs := provinceOutputs(3000)
	for _, s := range []string{"a\"b", `C:\x`, "tab\t", "\u2028", "<>&", "考核/张三.html"} {
		outputs["awkward/"+s] = s
	}
	r := NewRecorder()
	for k, v := range outputs {
		r.AddHex(k, v)
	}
	inputs := provinceOutputs(20)
	got, err := r.MarshalManifest("1.4.0", strings.Repeat("ab", 32), inputs)
	if err != nil {
		t.Fatal(err)
	}
	want := mustMarshal(t, &Manifest{Kaoping: "1.4.0", Config: strings.Repeat("ab", 32), Inputs: inputs, Outputs: outputs})
	if string(got) != string(want) {
		t.Fatal("MarshalManifest differs from Marshal of the same manifest")
	}
	dir := writeTree(t, map[string]string{FileName: string(got)})
	back, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Outputs, outputs) || !reflect.DeepEqual(back.Inputs, inputs) || back.Kaoping != "1.4.0" {
		t.Error("the manifest does not read back to what was recorded")
	}
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

// BenchmarkRecorderMarshalManifest is how build writes manifest.json:
// the recorded sums of a province build, encoded in place.
func BenchmarkRecorderMarshalManifest(b *testing.B) {
	r, inputs := NewRecorder(), provinceOutputs(200)
	for k, v := range provinceOutputs(140000) {
		r.AddHex(k, v)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.MarshalManifest("1.4.0", "c", inputs); err != nil {
			b.Fatal(err)
		}
	}
}

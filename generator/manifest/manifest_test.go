package manifest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeTree creates files (slash path -> content) under a new folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// siteWithManifest is a folder of three files and the manifest that lists
// them, as a build writes it.
func siteWithManifest(t *testing.T) string {
	t.Helper()
	files := map[string]string{"index.html": "home", "data/a.json": "{}", "assets/site.css": "body{}"}
	dir := writeTree(t, files)
	m := &Manifest{Kaoping: "1.0", Config: Sum([]byte("cfg")), Outputs: map[string]string{}}
	for name, body := range files {
		m.Outputs[name] = Sum([]byte(body))
	}
	js, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), js, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSumIsSHA256(t *testing.T) {
	// The sha256 of "abc" (FIPS 180-2, appendix B.1).
	if got := Sum([]byte("abc")); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Sum(abc) = %s", got)
	}
}

func TestMarshalSortedAndStable(t *testing.T) {
	m := &Manifest{Kaoping: "1.0", Config: "c", Inputs: map[string]string{"data/z.csv": "2", "data/a.csv": "1"},
		Outputs: map[string]string{"z.html": "b", "a.html": "a", "m/<x>.html": "c"}}
	a, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.Marshal()
	if string(a) != string(b) {
		t.Fatal("two encodings of one manifest differ")
	}
	s := string(a)
	if !(strings.Index(s, `"data/a.csv"`) < strings.Index(s, `"data/z.csv"`) && strings.Index(s, `"a.html"`) < strings.Index(s, `"m/<x>.html"`) &&
		strings.Index(s, `"m/<x>.html"`) < strings.Index(s, `"z.html"`)) {
		t.Errorf("keys are not sorted, or < was escaped:\n%s", s)
	}
	if !strings.HasPrefix(s, "{\n  \"kaoping\": \"1.0\",\n  \"config\": \"c\",") || !strings.HasSuffix(s, "}\n") {
		t.Errorf("unexpected layout:\n%s", s)
	}
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name                    string
		change                  func(dir string) error
		missing, extra, changed []string
	}{
		{"untouched", func(string) error { return nil }, nil, nil, nil},
		{"changed", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "data", "a.json"), []byte(`{"x":1}`), 0o644)
		}, nil, nil, []string{"data/a.json"}},
		{"missing", func(dir string) error { return os.Remove(filepath.Join(dir, "assets", "site.css")) },
			[]string{"assets/site.css"}, nil, nil},
		{"added", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "data", "new.csv"), []byte("x"), 0o644)
		}, nil, []string{"data/new.csv"}, nil},
		{"all three", func(dir string) error {
			os.Remove(filepath.Join(dir, "index.html"))
			os.WriteFile(filepath.Join(dir, "assets", "site.css"), []byte("p{}"), 0o644)
			return os.WriteFile(filepath.Join(dir, "extra.html"), nil, 0o644)
		}, []string{"index.html"}, []string{"extra.html"}, []string{"assets/site.css"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := siteWithManifest(t)
			if err := tt.change(dir); err != nil {
				t.Fatal(err)
			}
			rep, err := Verify(dir)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Checked != 3 {
				t.Errorf("checked %d files, want 3", rep.Checked)
			}
			if !reflect.DeepEqual(rep.Missing, tt.missing) || !reflect.DeepEqual(rep.Extra, tt.extra) || !reflect.DeepEqual(rep.Changed, tt.changed) {
				t.Errorf("missing %q extra %q changed %q; want %q %q %q", rep.Missing, rep.Extra, rep.Changed, tt.missing, tt.extra, tt.changed)
			}
			if rep.OK() != (tt.missing == nil && tt.extra == nil && tt.changed == nil) {
				t.Errorf("OK() = %v", rep.OK())
			}
		})
	}
}

// TestVerifyThroughLink: a site reached through a symbolic link (public
// -> the deployed folder, SPEC §2) is verified as the folder it points to.
func TestVerifyThroughLink(t *testing.T) {
	dir := siteWithManifest(t)
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(link)
	if err != nil || !rep.OK() || rep.Checked != 3 {
		t.Fatalf("Verify through a link: %+v, %v", rep, err)
	}
	os.Remove(filepath.Join(dir, "index.html"))
	if rep, err := Verify(link); err != nil || rep.OK() || !reflect.DeepEqual(rep.Missing, []string{"index.html"}) {
		t.Errorf("a missing file through a link: %+v, %v", rep, err)
	}
}

func TestVerifyWithoutManifest(t *testing.T) {
	dir := writeTree(t, map[string]string{"index.html": "x"})
	if _, err := Verify(dir); err == nil {
		t.Error("a folder without manifest.json verified")
	}
	os.WriteFile(filepath.Join(dir, FileName), []byte("{not json"), 0o644)
	if _, err := Verify(dir); err == nil {
		t.Error("a broken manifest.json verified")
	}
}

func TestHashInputs(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"data/entities.csv":           "id",
		"data/periods/2024-Q1.csv":    "entity",
		"data/periods/~$2024-Q1.xlsx": "lock",
		"data/.DS_Store":              "x",
		"data/.git/config":            "x",
		"data/public/index.html":      "output inside data",
		"templates/ranking.html":      "t",
	})
	got, err := HashInputs(dir, []string{filepath.Join(dir, "data"), filepath.Join(dir, "templates"), filepath.Join(dir, "nowhere")},
		filepath.Join(dir, "data", "public"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"data/entities.csv":        Sum([]byte("id")),
		"data/periods/2024-Q1.csv": Sum([]byte("entity")),
		"templates/ranking.html":   Sum([]byte("t")),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("HashInputs = %v\nwant %v", got, want)
	}
}

func TestRecorderConcurrent(t *testing.T) {
	r := NewRecorder()
	done := make(chan bool)
	for i := range 8 {
		go func() {
			for j := range 100 {
				r.AddHex(filepath.ToSlash(filepath.Join("p", string(rune('a'+i)), string(rune('a'+j%26))+".html")), "x")
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
	if r.Len() != 8*26 {
		t.Errorf("recorded %d files, want %d", r.Len(), 8*26)
	}
	if s, ok := r.Get("p/a/a.html"); !ok || s != "x" {
		t.Errorf("Get = %q, %v", s, ok)
	}
}

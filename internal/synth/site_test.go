package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// readTree returns every file under dir by slash path relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestDeterministic writes the same options twice and compares every byte,
// and checks that another seed changes the values but not the layout.
func TestDeterministic(t *testing.T) {
	o := Options{Cities: 2, Units: 3, Prosecutors: 7, Periods: 5, Months: 2, Seed: 7}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	if err := WriteSite(a, o); err != nil {
		t.Fatal(err)
	}
	if err := WriteSite(b, o); err != nil {
		t.Fatal(err)
	}
	o.Seed = 8
	if err := WriteSite(c, o); err != nil {
		t.Fatal(err)
	}
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if ka, kb := strings.Join(sortedKeys(fa), " "), strings.Join(sortedKeys(fb), " "); ka != kb {
		t.Fatalf("file lists differ:\n%s\n%s", ka, kb)
	}
	for name, x := range fa {
		if !bytes.Equal(x, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if !bytes.Equal(fa["data/entities.csv"], fc["data/entities.csv"]) {
		t.Error("entities.csv depends on the seed; only the values should")
	}
	if bytes.Equal(fa["data/periods/2024-Q2.csv"], fc["data/periods/2024-Q2.csv"]) {
		t.Error("2024-Q2.csv is the same for seeds 7 and 8")
	}
}

// TestLayout checks the files, the entity counts by kind and the period
// ids for a few sizes.
func TestLayout(t *testing.T) {
	tests := []struct {
		name   string
		o      Options
		kinds  map[string]int
		files  []string // under data/periods, sorted
		extras []string // other files
	}{
		{
			name:  "one quarter",
			o:     Options{Cities: 1, Units: 1, Prosecutors: 1, Periods: 1},
			kinds: map[string]int{"province": 1, "city": 1, "procuratorate": 1, "department": 1, "prosecutor": 1},
			files: []string{"2024-Q1.csv"},
		},
		{
			// 3 prosecutors: departments 1, 4, 6 (deptPattern); the fifth
			// quarter is 2025-Q1 and the last one a folder of two files.
			name:  "quarters and months",
			o:     Options{Cities: 2, Units: 2, Prosecutors: 3, Periods: 5, Months: 3},
			kinds: map[string]int{"province": 1, "city": 2, "procuratorate": 4, "department": 12, "prosecutor": 12},
			files: []string{"2024-Q1.csv", "2024-Q2.csv", "2024-Q3.csv", "2024-Q4.csv",
				"2025-04.csv", "2025-05.csv", "2025-06.csv", "2025-Q1/prosecutors.csv", "2025-Q1/units.csv"},
		},
		{
			// 12 prosecutors: all five departments.
			name:  "months only",
			o:     Options{Cities: 1, Units: 1, Prosecutors: 12, Months: 2},
			kinds: map[string]int{"province": 1, "city": 1, "procuratorate": 1, "department": 5, "prosecutor": 12},
			files: []string{"2024-01.csv", "2024-02.csv"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteSite(dir, tc.o); err != nil {
				t.Fatal(err)
			}
			files := readTree(t, dir)
			var got []string
			for _, k := range sortedKeys(files) {
				if p, ok := strings.CutPrefix(k, "data/periods/"); ok {
					got = append(got, p)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.files, " ") {
				t.Errorf("period files %v, want %v", got, tc.files)
			}
			if len(files) != len(tc.files)+3 { // config.toml, entities.csv, one note
				t.Errorf("%d files, want %d: %v", len(files), len(tc.files)+3, sortedKeys(files))
			}
			kinds := map[string]int{}
			lines := strings.Split(strings.TrimSpace(string(files["data/entities.csv"])), "\n")
			for _, l := range lines[1:] {
				kinds[strings.Split(l, ",")[2]]++
			}
			for k, n := range tc.kinds {
				if kinds[k] != n {
					t.Errorf("%d entities of kind %s, want %d", kinds[k], k, n)
				}
			}
			if len(lines)-1 != tc.o.Entities() {
				t.Errorf("Entities() = %d, entities.csv has %d rows", tc.o.Entities(), len(lines)-1)
			}
		})
	}
}

// TestProvinceSize checks the documented size of the province defaults
// without writing it: 1 + 16 + 160 + 160×5 departments + 8,000 = 8,977.
func TestProvinceSize(t *testing.T) {
	if got := Province().Entities(); got != 8977 {
		t.Errorf("Province().Entities() = %d, want 8977", got)
	}
}

// TestValidate lists options out of range.
func TestValidate(t *testing.T) {
	ok := Options{Cities: 1, Units: 1, Prosecutors: 1, Periods: 1}
	tests := []struct {
		name string
		edit func(*Options)
		want string // substring of the error; "" = valid
	}{
		{"valid", func(*Options) {}, ""},
		{"province", func(o *Options) { *o = Province() }, ""},
		{"no city", func(o *Options) { o.Cities = 0 }, "cities = 0"},
		{"too many units", func(o *Options) { o.Units = 100 }, "units = 100"},
		{"negative prosecutors", func(o *Options) { o.Prosecutors = -1 }, "prosecutors = -1"},
		{"no period", func(o *Options) { o.Periods = 0 }, "no period"},
		{"months only", func(o *Options) { o.Periods, o.Months = 0, 3 }, ""},
		{"too many quarters", func(o *Options) { o.Periods = 41 }, "periods = 41"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := ok
			tc.edit(&o)
			err := o.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestConfigMatchesDemo keeps the embedded copy equal to the demo's
// config.toml, and checks that Config only changes the title, the
// subtitle and the opening comment.
func TestConfigMatchesDemo(t *testing.T) {
	demo, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if string(demo) != demoConfig {
		t.Fatal("internal/synth/demo_config.toml differs from the demo's config.toml: copy it again (cp config.toml internal/synth/demo_config.toml)")
	}
	var a, b map[string]any
	if _, err := toml.Decode(demoConfig, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(Config("标题 \"引号\""), &b); err != nil {
		t.Fatal(err)
	}
	if b["title"] != "标题 \"引号\"" {
		t.Errorf("title = %q", b["title"])
	}
	for _, k := range []string{"title", "subtitle"} {
		delete(a, k)
		delete(b, k)
	}
	if len(a) != len(b) {
		t.Errorf("%d top-level keys, demo %d", len(b), len(a))
	}
	for _, k := range []string{"fields", "constants", "schemes", "ytd", "language"} {
		if !equalTOML(a[k], b[k]) {
			t.Errorf("%s differs from the demo's", k)
		}
	}
}

func equalTOML(x, y any) bool {
	var bx, by bytes.Buffer
	if err := toml.NewEncoder(&bx).Encode(map[string]any{"v": x}); err != nil {
		return false
	}
	if err := toml.NewEncoder(&by).Encode(map[string]any{"v": y}); err != nil {
		return false
	}
	return bx.String() == by.String()
}

// TestFieldsMatchConfig checks that Fields are exactly the demo config's
// [fields], labels included, so Chinese headers resolve.
func TestFieldsMatchConfig(t *testing.T) {
	var cfg struct {
		Fields map[string]string `toml:"fields"`
	}
	if _, err := toml.Decode(demoConfig, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, f := range Fields {
		if got := cfg.Fields[f.ID]; got != f.Label {
			t.Errorf("field %s: config label %q, Fields %q", f.ID, got, f.Label)
		}
	}
	if len(cfg.Fields) != len(Fields) {
		t.Errorf("config has %d fields, Fields %d", len(cfg.Fields), len(Fields))
	}
}

// TestConfigSchemes: Config keeps the schemes asked for, whole (with their
// categories and indicators), in the demo's order, and all of them by
// default.
func TestConfigSchemes(t *testing.T) {
	ids := func(text string) []string {
		var c struct {
			Schemes []struct {
				ID         string           `toml:"id"`
				Indicators []map[string]any `toml:"indicators"`
			} `toml:"schemes"`
		}
		if _, err := toml.Decode(text, &c); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range c.Schemes {
			if len(s.Indicators) == 0 {
				t.Errorf("scheme %s lost its indicators", s.ID)
			}
			out = append(out, s.ID)
		}
		return out
	}
	if got, want := ids(Config("t")), SchemeIDs(); strings.Join(got, ",") != strings.Join(want, ",") || len(want) < 4 {
		t.Errorf("all schemes: %v, want %v", got, want)
	}
	if got := ids(Config("t", "city", "basic")); strings.Join(got, ",") != "basic,city" {
		t.Errorf("basic and city: %v", got)
	}
	if err := (Options{Cities: 1, Units: 1, Prosecutors: 1, Periods: 1, Schemes: []string{"nope"}}).Validate(); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("an unknown scheme: %v", err)
	}
}

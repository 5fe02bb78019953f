package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/diag"
)

// testEntities is a small hierarchy used by most tests:
//
//	city
//	├── a (procuratorate)
//	│   ├── a1 (department)
//	│   └── a2 (department)
//	└── b (procuratorate)
const testEntities = "id,name,kind,parent\n" +
	"city,枣庄市院,city,\n" +
	"a,薛城区院,procuratorate,city\n" +
	"b,峄城区院,procuratorate,city\n" +
	"a1,刑事检察部,department,a\n" +
	"a2,民事检察部,department,a\n"

// newSite writes files (path relative to the site folder → content) into a
// temporary site folder and returns a config for it.
func newSite(t *testing.T, files map[string]string) *config.Config {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), []byte(content))
	}
	return &config.Config{
		Dir:     dir,
		DataDir: filepath.Join(dir, "data"),
		Fields: []config.Field{
			{ID: "cases", Label: "受理案件数"},
			{ID: "closed", Label: "审结案件数"},
		},
	}
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// mustLoad loads cfg and fails the test on any error.
func mustLoad(t *testing.T, cfg *config.Config) *Dataset {
	t.Helper()
	ds, l := Load(cfg)
	if l.HasErrors() {
		t.Fatalf("unexpected problems:\n%v", l.Err("en"))
	}
	return ds
}

// want describes an expected problem: the file, line and column it names
// and words its English message must contain.
type want struct {
	file      string
	line, col int
	words     []string
	warning   bool
}

// check asserts that l holds exactly one problem matching w (and, unless
// others is set, nothing else).
func check(t *testing.T, l diag.List, w want, others bool) {
	t.Helper()
	found := 0
	for _, p := range l {
		if p.Pos.File != w.file || p.Pos.Line != w.line || p.Pos.Col != w.col || (p.Severity == diag.Warning) != w.warning {
			continue
		}
		ok := true
		for _, word := range w.words {
			if !strings.Contains(p.EN, word) && !strings.Contains(p.ZH, word) {
				ok = false
			}
		}
		if ok {
			found++
			if p.ZH == "" || p.EN == "" || p.ZH == p.EN {
				t.Errorf("problem lacks a translation: %q / %q", p.ZH, p.EN)
			}
		}
	}
	if found != 1 {
		t.Errorf("want one problem at %s:%d:%d with %q; got:\n%s", w.file, w.line, w.col, w.words, format(l))
		return
	}
	if !others && len(l) != 1 {
		t.Errorf("want only that problem; got:\n%s", format(l))
	}
}

func format(l diag.List) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString("  " + p.Format("en") + "\n")
	}
	if b.Len() == 0 {
		return "  (none)\n"
	}
	return b.String()
}

// get returns the aggregated value of (entity, field) in period id, or -1
// when missing.
func get(t *testing.T, ds *Dataset, id, entity, field string) float64 {
	t.Helper()
	pd := ds.Period(id)
	if pd == nil {
		t.Fatalf("no period %s", id)
	}
	v, ok := pd.Value(entity, field)
	if !ok {
		return -1
	}
	return v
}

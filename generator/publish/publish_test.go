package publish

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// result is a results JSON (SPEC §7) with one group of (id, name, rank,
// total) entities.
func result(entities ...string) []byte {
	var b strings.Builder
	b.WriteString(`{"scheme":"basic","period":"2026-03","groups":[{"id":"all","entities":[`)
	for i, e := range entities {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(e)
	}
	b.WriteString(`]}]}`)
	return []byte(b.String())
}

func entity(id, name string, rank int, total string) string {
	return `{"id":"` + id + `","name":"` + name + `","rank":` + itoa(rank) + `,"total":` + total + `,"grade":null}`
}

func itoa(n int) string { return string(rune('0' + n)) }

func state(inputs map[string]string, js map[string][]byte) State {
	st := State{Inputs: inputs, Results: map[string]string{}, JSON: js}
	for s, b := range js {
		st.Results[s] = string(b) // any stable digest will do here
	}
	return st
}

func TestLoadMissingIsEmpty(t *testing.T) {
	r, ps := Load(t.TempDir(), "data/published.toml")
	if len(ps) != 0 || r == nil || len(r.Periods) != 0 {
		t.Fatalf("Load of a missing record = %v, %v", r, ps)
	}
}

func TestPublishSaveLoadAmend(t *testing.T) {
	dir := t.TempDir()
	r, _ := Load(dir, "data/published.toml")
	v1 := result(entity("a", "甲院", 1, "90.5"), entity("b", "乙院", 2, "80"))
	st := state(map[string]string{"data/periods/2026-03.csv": "h1"}, map[string][]byte{"basic": v1})
	if err := r.Publish("2026-03", st, "2026-04-02", nil); err != nil {
		t.Fatal(err)
	}
	if err := r.Publish("2026-03", st, "2026-04-03", nil); err == nil {
		t.Error("a period was published twice")
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "published", "2026-03", "v1", "basic.json")); err != nil || string(b) != string(v1) {
		t.Fatalf("kept results = %q, %v", b, err)
	}

	r, ps := Load(dir, "data/published.toml")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	p := r.Find("2026-03")
	if p == nil || len(p.Versions) != 1 || p.Current().Date != "2026-04-02" || p.Current().Inputs["data/periods/2026-03.csv"] != "h1" {
		t.Fatalf("read back %+v", p)
	}
	if got := r.Pos("2026-03"); got.Line != 8 || got.File != "data/published.toml" {
		t.Errorf("Pos = %+v, want line 8 (5 comment lines, a blank line, [[period]], then id)", got)
	}
	if d := Compare(p.Current(), st); !d.Empty() {
		t.Errorf("the same state differs: %+v", d)
	}

	// b overtakes a: ranks swap, totals change; c appears.
	v2 := result(entity("b", "乙院", 1, "95"), entity("a", "甲院", 2, "90.5"), entity("c", "丙院", 3, "70"))
	st2 := state(map[string]string{"data/periods/2026-03.csv": "h2", "data/periods/2026-03/extra.csv": "h3"}, map[string][]byte{"basic": v2})
	d := Compare(p.Current(), st2)
	if !reflect.DeepEqual(d.InputsChanged, []string{"data/periods/2026-03.csv"}) || !reflect.DeepEqual(d.InputsAdded, []string{"data/periods/2026-03/extra.csv"}) ||
		!reflect.DeepEqual(d.ResultsChanged, []string{"basic"}) || len(d.InputsRemoved)+len(d.ResultsAdded)+len(d.ResultsRemoved) != 0 {
		t.Errorf("diff = %+v", d)
	}
	zh, en := d.Describe()
	if !strings.Contains(zh, "数据文件被修改：data/periods/2026-03.csv") || !strings.Contains(en, "schemes whose results changed: basic") {
		t.Errorf("Describe = %q / %q", zh, en)
	}
	if err := r.Amend("2026-03", st2, "2026-04-10", "乙院结案数录入错误", nil); err != nil {
		t.Fatal(err)
	}
	if err := r.Amend("2025-12", st2, "2026-04-10", "x", nil); err == nil {
		t.Error("an unpublished period was amended")
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}

	r, _ = Load(dir, "data/published.toml")
	corr, warnings := r.Corrections()
	if len(warnings) != 0 {
		t.Fatal(warnings)
	}
	cs := corr["2026-03"]
	if len(cs) != 1 || cs[0].Version != 2 || cs[0].Reason != "乙院结案数录入错误" || cs[0].Date != "2026-04-10" || len(cs[0].Schemes) != 1 {
		t.Fatalf("corrections = %+v", cs)
	}
	// In the order of the new ranking: b (2 → 1, 80 → 95), a (1 → 2,
	// total unchanged), c (new: — → 3).
	rows := cs[0].Schemes[0].Rows
	want := []RowChange{
		{Entity: "b", Name: "乙院", Group: "all", Old: &Standing{2, 80}, New: &Standing{1, 95}},
		{Entity: "a", Name: "甲院", Group: "all", Old: &Standing{1, 90.5}, New: &Standing{2, 90.5}},
		{Entity: "c", Name: "丙院", Group: "all", New: &Standing{3, 70}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %+v", rows)
		for _, r := range rows {
			t.Logf("%+v old %+v new %+v", r, r.Old, r.New)
		}
	}
}

func TestDiffRowsUnchangedAndRemoved(t *testing.T) {
	old := &resultFile{}
	now := &resultFile{}
	parse := func(b []byte, f *resultFile) {
		if err := json.Unmarshal(b, f); err != nil {
			t.Fatal(err)
		}
	}
	parse(result(entity("a", "甲", 1, "90"), entity("b", "乙", 2, "80.0000000001")), old)
	parse(result(entity("b", "乙", 2, "80")), now)
	// b: same rank, totals within 1e-9: unchanged. a: only in old.
	rows := diffRows(old, now)
	if len(rows) != 1 || rows[0].Entity != "a" || rows[0].New != nil || rows[0].Old.Rank != 1 {
		t.Errorf("rows = %+v", rows)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"syntax", "[[period]]\nid = \n", "does not parse"},
		{"unknown key", "[[period]]\nid = \"2026-03\"\ncolour = 1\n[[period.version]]\nn = 1\n", "unknown key period.colour"},
		{"twice", "[[period]]\nid = \"2026-03\"\n[[period.version]]\nn = 1\n[[period]]\nid = \"2026-03\"\n[[period.version]]\nn = 1\n", "twice"},
		{"no version", "[[period]]\nid = \"2026-03\"\n", "no version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, FileName), []byte(tt.src), 0o644)
			_, ps := Load(dir, "data/published.toml")
			if !ps.HasErrors() || !strings.Contains(ps.Err("en").Error(), tt.want) || !strings.Contains(ps.Err("en").Error(), "data/published.toml") {
				t.Errorf("problems = %v, want one naming data/published.toml and saying %q", ps, tt.want)
			}
		})
	}
}

func TestCorrectionsMissingFileWarns(t *testing.T) {
	dir := t.TempDir()
	r, _ := Load(dir, "data/published.toml")
	r.Publish("2026-03", state(nil, map[string][]byte{"basic": result(entity("a", "甲", 1, "1"))}), "2026-04-01", nil)
	r.Amend("2026-03", state(nil, map[string][]byte{"basic": result(entity("a", "甲", 1, "2"))}), "2026-04-02", "r", nil)
	r.Save()
	os.Remove(filepath.Join(dir, "published", "2026-03", "v1", "basic.json"))
	corr, warnings := r.Corrections()
	if len(warnings) != 1 || warnings.HasErrors() || len(corr["2026-03"]) != 1 || len(corr["2026-03"][0].Schemes) != 0 {
		t.Errorf("corrections %+v, warnings %v", corr, warnings)
	}
}

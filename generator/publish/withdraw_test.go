package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// published makes a record in a temporary data folder with 2026-03
// published on 2026-04-02 and amended on 2026-04-10, saved.
func published(t *testing.T) (dir string, r *Record) {
	t.Helper()
	dir = t.TempDir()
	r, _ = Load(dir, "data/published.toml")
	v1 := state(map[string]string{"data/periods/2026-03.csv": "h1"}, map[string][]byte{"basic": result(entity("a", "甲院", 1, "90"), entity("b", "乙院", 2, "80"))})
	v2 := state(map[string]string{"data/periods/2026-03.csv": "h2"}, map[string][]byte{"basic": result(entity("b", "乙院", 1, "95"), entity("a", "甲院", 2, "90"))})
	hash(v1)
	hash(v2)
	if err := r.Publish("2026-03", v1, "2026-04-02", nil); err != nil {
		t.Fatal(err)
	}
	if err := r.Amend("2026-03", v2, "2026-04-10", "乙院结案数录入错误", nil); err != nil {
		t.Fatal(err)
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	r, ps := Load(dir, "data/published.toml")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	return dir, r
}

// hash sets st's results to the sha256 of its JSON, as a build does.
func hash(st State) {
	for s, js := range st.JSON {
		sum := sha256.Sum256(js)
		st.Results[s] = hex.EncodeToString(sum[:])
	}
}

func TestVerifyKeptResults(t *testing.T) {
	dir, r := published(t)
	if ps := r.Verify(); len(ps) != 0 {
		t.Fatalf("a fresh record does not verify: %v", ps)
	}
	v1 := filepath.Join(dir, "published", "2026-03", "v1", "basic.json")
	v2 := filepath.Join(dir, "published", "2026-03", "v2", "basic.json")
	b, _ := os.ReadFile(v1)
	os.WriteFile(v1, []byte(strings.Replace(string(b), `"total":90`, `"total":91`, 1)), 0o644)
	os.Remove(v2)
	os.MkdirAll(filepath.Join(dir, "published", "2026-03", "v3"), 0o755)
	ps := r.Verify()
	want := []struct{ file, words string }{
		{"data/published/2026-03/v1/basic.json", "the kept results of version 1 of period 2026-03 (scheme basic) were changed: their sha256 differs from the one in data/published.toml"},
		{"data/published/2026-03/v2/basic.json", "the kept results of version 2 of period 2026-03 (scheme basic) are missing"},
		{"data/published/2026-03/v3", "data/published.toml has no version 3 of period 2026-03"},
	}
	if len(ps) != len(want) || !ps.HasErrors() {
		t.Fatalf("problems: %v", ps)
	}
	for i, w := range want {
		if ps[i].Pos.File != w.file || !strings.Contains(ps[i].EN, w.words) || ps[i].ZH == "" {
			t.Errorf("problem %d = %s; want %s: %s", i, ps[i].Format("en"), w.file, w.words)
		}
	}
}

func TestWithdrawAndPublishAgain(t *testing.T) {
	dir, r := published(t)
	if !r.Published("2026-03") || r.Published("2026-02") {
		t.Fatal("Published")
	}
	if err := r.Withdraw("2026-02", "2026-05-01", "x"); err == nil {
		t.Error("an unpublished period was withdrawn")
	}
	if err := r.Withdraw("2026-03", "2026-05-01", "公示有误，撤回重审"); err != nil {
		t.Fatal(err)
	}
	if err := r.Withdraw("2026-03", "2026-05-02", "again"); err == nil || !strings.Contains(err.Error(), "withdrawn on 2026-05-01") {
		t.Errorf("withdrawing twice: %v", err)
	}
	if err := r.Amend("2026-03", State{}, "2026-05-02", "x", nil); err == nil {
		t.Error("a withdrawn period was amended")
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(dir, FileName))
	if !strings.Contains(string(src), "[[period.withdrawal]]\n    version = 2\n    date = \"2026-05-01\"\n    reason = \"公示有误，撤回重审\"") {
		t.Errorf("the record:\n%s", src)
	}
	r, ps := Load(dir, "data/published.toml")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	p := r.Find("2026-03")
	if r.Published("2026-03") || p.Withdrawn() == nil || p.Withdrawn().Reason != "公示有误，撤回重审" || p.Publication() != nil {
		t.Fatalf("after withdrawal: %+v", p)
	}
	if corr, _ := r.Corrections(); len(corr["2026-03"]) != 0 {
		t.Errorf("a withdrawn period has corrections: %+v", corr)
	}
	if ps := r.Verify(); len(ps) != 0 {
		t.Errorf("the kept results of a withdrawn period: %v", ps)
	}

	// Published again: version 3, not a correction of version 2.
	st := state(nil, map[string][]byte{"basic": result(entity("a", "甲院", 1, "99"))})
	hash(st)
	term, _ := NewTerm("2026-05-11", 5, true)
	if err := r.Publish("2026-03", st, "2026-05-10", &term); err != nil {
		t.Fatal(err)
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	r, _ = Load(dir, "data/published.toml")
	p = r.Find("2026-03")
	if !r.Published("2026-03") || p.Current().N != 3 || len(p.Publication()) != 1 {
		t.Fatalf("published again: %+v", p.Versions)
	}
	if got, ok := p.Term(); !ok || got != (Term{"2026-05-11", "2026-05-15", 5, true}) {
		t.Errorf("Term = %+v, %v", got, ok)
	}
	if corr, _ := r.Corrections(); len(corr["2026-03"]) != 0 {
		t.Errorf("publishing again reads as a correction: %+v", corr)
	}
	if _, err := os.Stat(filepath.Join(dir, "published", "2026-03", "v3", "basic.json")); err != nil {
		t.Error(err)
	}
	if ps := r.Verify(); len(ps) != 0 {
		t.Error(ps)
	}
}

func TestOrphanRecoverWithdraw(t *testing.T) {
	dir, _ := published(t)
	// Someone deletes the entry: the record is empty, the kept results stay.
	os.WriteFile(filepath.Join(dir, FileName), []byte(header), 0o644)
	os.MkdirAll(filepath.Join(dir, "published", "notes"), 0o755)   // not a period: ignored
	os.MkdirAll(filepath.Join(dir, "published", "2026-02"), 0o755) // keeps no version: ignored
	r, ps := Load(dir, "data/published.toml")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	if got := r.Orphans(); len(got) != 1 || got[0] != "2026-03" {
		t.Fatalf("Orphans = %v", got)
	}
	ps = r.OrphanProblems()
	if len(ps) != 1 || ps[0].Pos.File != "data/published/2026-03" || !strings.Contains(ps[0].EN, "data/published.toml has no record of it") ||
		!strings.Contains(ps[0].EN, `kaoping publish 2026-03 --withdraw "reason"`) || !strings.Contains(ps[0].ZH, "公示记录不能悄悄删除") {
		t.Errorf("OrphanProblems = %v", ps)
	}
	if err := r.Recover("2026-03"); err != nil {
		t.Fatal(err)
	}
	p := r.Find("2026-03")
	if len(p.Versions) != 2 || !p.Versions[0].Recovered || p.Versions[1].N != 2 || p.Versions[1].Results["basic"] == "" {
		t.Fatalf("recovered %+v", p.Versions)
	}
	if ps := r.Verify(); len(ps) != 0 {
		t.Errorf("recovered versions do not verify: %v", ps)
	}
	if err := r.Withdraw("2026-03", "2026-05-01", "误公示"); err != nil {
		t.Fatal(err)
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	r, ps = Load(dir, "data/published.toml")
	if len(ps) != 0 || len(r.Orphans()) != 0 || r.Published("2026-03") || len(r.Verify()) != 0 {
		t.Errorf("after the withdrawal: %v, orphans %v", ps, r.Orphans())
	}
}

func TestTermOfCorrections(t *testing.T) {
	dir := t.TempDir()
	r, _ := Load(dir, "data/published.toml")
	t1, _ := NewTerm("2026-04-01", 5, false)
	st := state(nil, map[string][]byte{"basic": result(entity("a", "甲", 1, "1"))})
	r.Publish("2026-03", st, "2026-03-31", &t1)
	r.Amend("2026-03", st, "2026-04-02", "r", nil)
	if got, ok := r.Find("2026-03").Term(); !ok || got != t1 {
		t.Errorf("a correction without a 公示期 keeps the one before: %+v %v", got, ok)
	}
	t2, _ := NewTerm("2026-04-03", 3, false)
	if err := r.SetTerm("2026-03", t2); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Find("2026-03").Term(); got != t2 {
		t.Errorf("SetTerm: %+v", got)
	}
	if v, ok := r.Find("2026-03").Versions[0].Term(); !ok || v != t1 {
		t.Errorf("SetTerm changed the first version: %+v", v)
	}
	if err := r.SetTerm("2026-02", t2); err == nil {
		t.Error("SetTerm on an unpublished period")
	}
}

// TestSaveSortsAndUndoes: the periods are saved in time order; a record
// that cannot be written leaves no kept results behind, and Save never
// writes over kept results that are there already.
func TestSaveSortsAndUndoes(t *testing.T) {
	dir := t.TempDir()
	r, _ := Load(dir, "data/published.toml")
	for _, id := range []string{"2026-03", "2025-Q4", "2026-01", "2025"} {
		r.Publish(id, state(nil, map[string][]byte{"basic": result()}), "2026-04-01", nil)
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	r, _ = Load(dir, "data/published.toml")
	if got := strings.Join(r.IDs(), ","); got != "2025-Q4,2025,2026-01,2026-03" { // period order: a quarter before its year
		t.Errorf("saved in the order %s", got)
	}

	// The record's path is a folder: it cannot be written.
	dir2 := t.TempDir()
	os.Mkdir(filepath.Join(dir2, FileName), 0o755)
	r = &Record{path: filepath.Join(dir2, FileName), dataDir: dir2, rel: "data/published.toml", pending: map[string][]byte{}, lines: map[string]int{}}
	r.Publish("2026-03", state(nil, map[string][]byte{"basic": result()}), "2026-04-01", nil)
	if err := r.Save(); err == nil {
		t.Fatal("Save over a folder succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir2, "published", "2026-03")); !os.IsNotExist(err) {
		t.Errorf("kept results left after a failed save: %v", err)
	}

	// Kept results without their entry are not written over.
	dir3 := t.TempDir()
	kept := filepath.Join(dir3, "published", "2026-03", "v1", "basic.json")
	os.MkdirAll(filepath.Dir(kept), 0o755)
	os.WriteFile(kept, []byte("old"), 0o644)
	r, _ = Load(dir3, "data/published.toml")
	r.Publish("2026-03", state(nil, map[string][]byte{"basic": result()}), "2026-04-01", nil)
	if err := r.Save(); err == nil {
		t.Error("Save wrote over kept results")
	}
	if b, _ := os.ReadFile(kept); string(b) != "old" {
		t.Errorf("kept results now %q", b)
	}
}

// TestNotices: the pages learn which periods are published, since when
// and with which 公示期; a withdrawn period is a draft again, and a period
// published again dates its notice from the new publication.
func TestNotices(t *testing.T) {
	dir := t.TempDir()
	r, _ := Load(dir, "data/published.toml")
	term, _ := NewTerm("2026-04-01", 5, true)
	st := state(nil, map[string][]byte{"basic": result(entity("a", "甲", 1, "1"))})
	r.Publish("2026-03", st, "2026-03-31", &term)
	r.Amend("2026-03", st, "2026-04-02", "r", nil)
	r.Publish("2026-02", st, "2026-03-01", nil)
	r.Publish("2026-01", st, "2026-02-01", nil)
	if err := r.Withdraw("2026-01", "2026-02-03", "w"); err != nil {
		t.Fatal(err)
	}
	got := r.Notices()
	if n, ok := got["2026-03"]; !ok || n.Date != "2026-03-31" || !n.HasTerm || n.Term != term {
		t.Errorf("2026-03: %+v %v, want dated 2026-03-31 (first version) with %+v", n, ok, term)
	}
	if n, ok := got["2026-02"]; !ok || n.Date != "2026-03-01" || n.HasTerm {
		t.Errorf("2026-02: %+v %v, want dated 2026-03-01 without a 公示期", n, ok)
	}
	if n, ok := got["2026-01"]; ok {
		t.Errorf("withdrawn 2026-01 is listed: %+v", n)
	}
	r.Publish("2026-01", st, "2026-02-10", nil)
	if n := r.Notices()["2026-01"]; n.Date != "2026-02-10" {
		t.Errorf("2026-01 published again: dated %q, want 2026-02-10", n.Date)
	}
}

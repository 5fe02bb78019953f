package report

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSearchIndex: every period, scheme, indicator and entity of the demo
// is in the index once, with a path that is one of the site's pages;
// entities come level by level (the 院 山亭 before its departments and
// people); names are spelled in pinyin.
func TestSearchIndex(t *testing.T) {
	m := demo(t)
	pages := map[string]bool{}
	for _, j := range m.Jobs() {
		pages[j.Path] = true
	}
	idx := m.SearchIndex()
	want := len(m.Data.Periods) + len(m.Data.Entities.All)
	for _, s := range m.Config.Schemes {
		want += 1 + len(s.Indicators)
	}
	if len(idx) != want {
		t.Errorf("%d entries, want %d (periods + schemes + indicators + entities)", len(idx), want)
	}
	pos := map[string]int{}
	for i, e := range idx {
		if !pages[e.Path] {
			t.Errorf("%s (%s): %s is not a page of the site", e.Name, e.ID, e.Path)
		}
		pos[e.Path] = i
	}
	st, dept, person := pos[EntityPath("zz-st")], pos[EntityPath("zz-st-d1")], pos[EntityPath("zz-st-p01")]
	if !(st < dept && dept < person) {
		t.Errorf("positions 山亭区院 %d, its department %d, its prosecutor %d: want the 院 first", st, dept, person)
	}
	e := idx[st]
	if e.Name != "山亭区人民检察院" || e.Pinyin != "shantingqurenminjianchayuan" || e.Initials != "stqrmjcy" || !strings.Contains(e.Note, "枣庄") {
		t.Errorf("山亭区院's entry: %+v", e)
	}
}

// TestSearchIndexJS: the script sets window.kaopingSearch to the entries
// as arrays, with markup in names escaped so that nothing in a
// name can end a script or start a tag.
func TestSearchIndexJS(t *testing.T) {
	entries := []SearchEntry{
		{Name: "甲</script><b>", ID: "a", Pinyin: "jia", Initials: "j", Path: "entities/a.html", Note: "院"},
		{Name: "乙", ID: "b", Pinyin: "yi", Initials: "y", Path: "entities/b.html", Note: "院"},
	}
	b, err := SearchIndexJS(entries[:1])
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const prefix, suffix = "window.kaopingSearch = ", ";\n"
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) {
		t.Fatalf("not a script setting window.kaopingSearch: %q", s)
	}
	if strings.Contains(s, "<") {
		t.Errorf("markup in the index: %q", s)
	}
	var rows [][6]string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, prefix), suffix)), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0] != [6]string{"甲</script><b>", "a", "jia", "j", "entities/a.html", "院"} {
		t.Errorf("rows = %q", rows)
	}
}

// TestBundleSearchIndex: a bundle's index keeps the entries of the pages
// it holds and finds a person whose profile it lacks by their score
// sheets of the bundle's period.
func TestBundleSearchIndex(t *testing.T) {
	m := demo(t)
	all := m.SearchIndex()
	r := latestPlain(t, m, "basic")
	period := r.Period.ID
	sheet := SheetPath("basic", period, "zz-st")
	holds := func(p string) bool { return p == PeriodPath(period) || p == sheet }
	got := m.BundleSearchIndex(all, period, holds)
	var paths []string
	for _, e := range got {
		paths = append(paths, e.Path)
		if !holds(e.Path) {
			t.Errorf("%s: %s is not in the bundle", e.Name, e.Path)
		}
	}
	if len(got) != 2 || got[0].Path != PeriodPath(period) || got[1].Path != sheet || got[1].Name != "山亭区人民检察院" || !strings.HasSuffix(got[1].Note, " · 基层院业绩考评") {
		t.Errorf("bundle index %q, want the period page, then 山亭区院's score sheet", paths)
	}
}

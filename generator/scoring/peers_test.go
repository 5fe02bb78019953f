package scoring

import (
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
)

// peerTree is a hierarchy with departments between units and their
// procuratorate, a unit straight under its procuratorate, and units with
// no procuratorate or city above them.
//
//	zz 枣庄 (city) ── zz-a 甲院 ── zz-a-d1 一部 ── a1 (刑事, x 80)
//	                │           ├─ zz-a-d2 二部 ── a2 (民事, x 120)
//	                │           └─ a3 (刑事, x 100)
//	                └─ zz-b 乙院 ── b1 (刑事, x 60)
//	jn 济南 (city) ── jn-a 丙院 ── j1 (刑事, x 90)
//	lone (民事, x 50), no parent
//	x-d 散部 (department, no parent) ── o1 (no group, x 70)
func peerTree() ([]*dataset.Entity, map[string]row) {
	ents := []*dataset.Entity{
		{ID: "zz", Name: "枣庄", Kind: "city"},
		{ID: "jn", Name: "济南", Kind: "city"},
		{ID: "zz-a", Name: "甲院", Kind: "procuratorate", Parent: "zz"},
		{ID: "zz-b", Name: "乙院", Kind: "procuratorate", Parent: "zz"},
		{ID: "jn-a", Name: "丙院", Kind: "procuratorate", Parent: "jn"},
		{ID: "zz-a-d1", Name: "一部", Kind: "department", Parent: "zz-a"},
		{ID: "zz-a-d2", Name: "二部", Kind: "department", Parent: "zz-a"},
		{ID: "x-d", Name: "散部", Kind: "department"},
		{ID: "a1", Kind: "unit", Parent: "zz-a-d1", Group: "刑事"},
		{ID: "a2", Kind: "unit", Parent: "zz-a-d2", Group: "民事"},
		{ID: "a3", Kind: "unit", Parent: "zz-a", Group: "刑事"},
		{ID: "b1", Kind: "unit", Parent: "zz-b", Group: "刑事"},
		{ID: "j1", Kind: "unit", Parent: "jn-a", Group: "刑事"},
		{ID: "lone", Kind: "unit", Group: "民事"},
		{ID: "o1", Kind: "unit", Parent: "x-d"},
	}
	for i, e := range ents {
		e.Order = i
	}
	data := map[string]row{"a1": {"x": 80}, "a2": {"x": 120}, "a3": {"x": 100}, "b1": {"x": 60},
		"j1": {"x": 90}, "lone": {"x": 50}, "o1": {"x": 70}}
	return ents, data
}

// TestPeersKinds: peers by the nearest ancestor of a kind, through
// departments, and lists of parts (SPEC §6). Points are 10 + clamp(0.1·d,
// −3, +3) with d = (x − mean)/mean·100 within the group; one member alone
// is its own mean and gets 10.
func TestPeersKinds(t *testing.T) {
	ents, data := peerTree()
	tests := []struct {
		peers []string
		want  map[string][]string // group -> members by rank
		pts   map[string]float64
	}{
		// procuratorate: a1 and a2 reach 甲院 through their departments.
		// zz-a {a1 80, a2 120, a3 100}: mean 100, d = −20, +20, 0 → 8, 12, 10.
		// zz-b {b1}, jn-a {j1} → 10. lone and o1 have no procuratorate
		// above them → all {lone 50, o1 70}: mean 60, d = −16.67, +16.67
		// → 10 − 5/3, 10 + 5/3.
		{[]string{"procuratorate"},
			map[string][]string{"zz-a": {"a2", "a3", "a1"}, "zz-b": {"b1"}, "jn-a": {"j1"}, "all": {"o1", "lone"}},
			map[string]float64{"a1": 8, "a2": 12, "a3": 10, "b1": 10, "j1": 10, "lone": 10 - 5.0/3, "o1": 10 + 5.0/3}},
		// The same as a one-part list, and with an "all" part, which adds
		// no key.
		{[]string{"all", "procuratorate"},
			map[string][]string{"zz-a": {"a2", "a3", "a1"}, "zz-b": {"b1"}, "jn-a": {"j1"}, "all": {"o1", "lone"}},
			map[string]float64{"a1": 8, "a2": 12, "a3": 10, "b1": 10, "j1": 10, "lone": 10 - 5.0/3, "o1": 10 + 5.0/3}},
		// city, then group: a1, a3, b1 are zz/刑事 {80, 100, 60}: mean 80,
		// d = 0, +25, −25 → 10, 12.5, 7.5. a2 zz/民事, j1 jn/刑事 alone → 10.
		// lone has no city: its id is its group alone, 民事 → 10. o1 has
		// neither → all → 10. Ids sort bytewise: all < jn/… < zz/刑事 <
		// zz/民事 (刑 U+5211 < 民 U+6C11) < 民事.
		{[]string{"city", "group"},
			map[string][]string{"zz/刑事": {"a3", "a1", "b1"}, "zz/民事": {"a2"}, "jn/刑事": {"j1"}, "民事": {"lone"}, "all": {"o1"}},
			map[string]float64{"a1": 10, "a2": 10, "a3": 12.5, "b1": 7.5, "j1": 10, "lone": 10, "o1": 10}},
		// Every part "all": one group of all seven, mean 570/7, so
		// 0.1·d = (7x − 570)/57: a1 −10/57 → 9.8246; a2 270/57 = 4.74 →
		// capped +3 → 13; a3 130/57 → 12.2807; b1 −150/57 → 7.3684;
		// j1 60/57 → 11.0526; lone −220/57 = −3.86 → capped −3 → 7;
		// o1 −80/57 → 8.5965.
		{[]string{"all"},
			map[string][]string{"all": {"a2", "a3", "j1", "a1", "o1", "b1", "lone"}},
			map[string]float64{"a1": 10 - 10.0/57, "a2": 13, "a3": 10 + 130.0/57, "b1": 10 - 150.0/57,
				"j1": 10 + 60.0/57, "lone": 7, "o1": 10 - 80.0/57}},
		// department: a3, b1, j1 have no department above them and join
		// lone in all {a3 100, b1 60, j1 90, lone 50}: mean 75, d = +33.3
		// → +3, −20 → −2, +20 → +2, −33.3 → −3: 13, 8, 12, 7. o1 alone
		// under x-d, a1 and a2 alone in theirs → 10.
		{[]string{"department"},
			map[string][]string{"zz-a-d1": {"a1"}, "zz-a-d2": {"a2"}, "x-d": {"o1"}, "all": {"a3", "j1", "b1", "lone"}},
			map[string]float64{"a1": 10, "a2": 10, "a3": 13, "b1": 8, "j1": 12, "lone": 7, "o1": 10}},
	}
	for _, tt := range tests {
		checkPeerGroups(t, ents, data, tt.peers, tt.want, tt.pts)
	}
}

// TestGroupLabel: an id read back into names, entity keys by the entity's
// name, group labels as they are (a "/" in one included), joined by " / ".
func TestGroupLabel(t *testing.T) {
	ents, _ := peerTree()
	es := dataset.NewEntities(ents)
	tests := []struct {
		peers []string
		id    string
		want  string
	}{
		{[]string{"all"}, "all", "全部"},
		{[]string{"procuratorate"}, "all", "全部"},
		{[]string{"procuratorate"}, "zz-a", "甲院"},
		{[]string{"parent"}, "zz-a-d1", "一部"},
		{[]string{"group"}, "刑事/未检", "刑事/未检"},
		{[]string{"city", "group"}, "zz/刑事", "枣庄 / 刑事"},
		{[]string{"city", "group"}, "zz/刑事/未检", "枣庄 / 刑事/未检"},
		{[]string{"city", "group"}, "民事", "民事"}, // no city above
		{[]string{"city", "group"}, "jn", "济南"}, // no group
		{[]string{"group", "city"}, "刑事/zz", "刑事 / 枣庄"},
		{[]string{"city", "group", "procuratorate"}, "zz/刑事/zz-a", "枣庄 / 刑事 / 甲院"},
		{[]string{"all", "city", "procuratorate"}, "zz/zz-b", "枣庄 / 乙院"},
		{[]string{"city", "procuratorate"}, "jn-a", "丙院"}, // no city key
	}
	for _, tt := range tests {
		s := &config.Scheme{Peers: tt.peers}
		if got := GroupLabel(s, es, tt.id, "全部"); got != tt.want {
			t.Errorf("%q, %q: %q; want %q", tt.peers, tt.id, got, tt.want)
		}
	}
}

// TestCheckPeers: a kind that entities.csv lacks, and one that is not
// above the scheme's kind, are errors at the part's line; kinds above,
// the fixed forms, and a kind reached through departments are not.
func TestCheckPeers(t *testing.T) {
	ents, _ := peerTree()
	mk := func(id, kind string, peers []string, lines []int) *config.Scheme {
		return &config.Scheme{ID: id, Kind: kind, Peers: peers, PeersLines: lines, Line: 1}
	}
	cfg := &config.Config{Path: "config.toml", Schemes: []*config.Scheme{
		mk("ok", "unit", []string{"all", "parent", "group", "procuratorate", "city", "department"}, []int{2, 3, 4, 5, 6, 7}),
		mk("unknown", "unit", []string{"court"}, []int{10}),
		mk("self", "unit", []string{"group", "unit"}, []int{20, 21}),
		mk("below", "procuratorate", []string{"department"}, []int{30}),
		mk("top", "city", []string{"procuratorate"}, []int{40}),
	}}
	e, probs := Compile(cfg, nil)
	if len(probs) != 0 {
		t.Fatalf("Compile: %v", probs.Err("en"))
	}
	got := e.CheckPeers(dataset.NewEntities(ents))
	want := []struct {
		line   int
		zh, en string
	}{
		{10, `方案 unknown 的 peers 中的 "court" 既不是 all、parent、group，也不是 entities.csv 中的类型（已有的类型：city、procuratorate、department、unit）`, `"court" in peers is neither all, parent, group nor a kind in entities.csv`},
		{21, "方案 self 的 peers 中的类型 unit 不在考核对象类型 unit 之上", "kind unit in peers is not above the scheme's kind unit"},
		{30, "类型 department 不在考核对象类型 procuratorate 之上", "no procuratorate has an ancestor of kind department"},
		{40, "类型 procuratorate 不在考核对象类型 city 之上", "not above the scheme's kind city"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems; want %d:\n%v", len(got), len(want), got.Err("zh-CN"))
	}
	for i, w := range want {
		p := got[i]
		if p.Pos.File != "config.toml" || p.Pos.Line != w.line || !strings.Contains(p.ZH, w.zh) || !strings.Contains(p.EN, w.en) {
			t.Errorf("problem %d: %s:%d %s / %s; want line %d with %q / %q", i, p.Pos.File, p.Pos.Line, p.ZH, p.EN, w.line, w.zh, w.en)
		}
	}
}

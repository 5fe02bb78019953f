package scoring

import (
	"reflect"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
)

// TestMissingPolicies: target 10 on x with a valid_if that drops c.
// a = 12 meets it (10 points), b = 8 does not (0), c = 3 fails valid_if.
func TestMissingPolicies(t *testing.T) {
	tests := []struct {
		policy string
		want   float64
	}{
		{"average", 5}, // (10 + 0)/2
		{"zero", 0},
		{"full", 10}, // w
	}
	for _, tt := range tests {
		i := ind("i", "x", "target", 10, func(i *config.Indicator) {
			i.Target, i.Missing, i.ValidIf = f(10), tt.policy, "x >= 5"
		})
		r := scoreOne(t, i, map[string]float64{"a": 12, "b": 8, "c": 3})
		checkPoints(t, r, "i", map[string]float64{"a": 10, "b": 0, "c": tt.want})
		if c := entity(t, r, "c").Indicators["i"]; !c.Missing || !c.Invalid || c.Value != nil || c.Rank != 0 {
			t.Errorf("%s: c = %+v; want missing, invalid, no value, rank 0", tt.policy, c)
		}
	}
}

// TestNoValues: V empty → every member gets 0 whatever the policy, and
// Problems reports it.
func TestNoValues(t *testing.T) {
	i := ind("i", "x / y", "direct", 10, func(i *config.Indicator) { i.Missing = "full" })
	data := map[string]row{"a": {"x": 1, "y": 0}, "b": {"x": 2}, "c": {"y": 4}}
	cfg := &config.Config{Path: "site/config.toml"}
	s := scheme(i)
	cfg.Schemes = []*config.Scheme{s}
	r := score(t, cfg, s, units("a", "b", "c"), data)
	checkPoints(t, r, "i", map[string]float64{"a": 0, "b": 0, "c": 0})
	st := r.Groups[0].Stats["i"]
	if !st.NoValues || st.N != 0 || st.Mean != nil {
		t.Errorf("stats = %+v; want NoValues, N 0, no mean", st)
	}
	e, _ := Compile(cfg, []string{"x", "y"})
	ws := e.Problems(r)
	if len(ws) != 1 || ws[0].Pos.File != "config.toml" || ws[0].Pos.Line != 10 || ws[0].Severity != 1 {
		t.Fatalf("Problems = %+v; want one warning at config.toml:10 (named relative to the site folder)", ws)
	}
	// A group with values gives no warning.
	r = scoreOne(t, ind("i", "x", "direct", 10), map[string]float64{"a": 1})
	if ws := e.Problems(r); len(ws) != 0 {
		t.Errorf("Problems = %v; want none", ws)
	}
}

// TestValidIfAndMissing: the ways a value goes missing. valid_if
// "b >= min_b and c >= 0" with constant min_b = 5.
func TestValidIfAndMissing(t *testing.T) {
	i := ind("i", "a / b", "direct", 10, func(i *config.Indicator) {
		i.ValidIf, i.Missing, i.ValidIfLine = "b >= min_b and c >= 0", "zero", 12
	})
	data := map[string]row{
		"ok":    {"a": 4, "b": 10, "c": 0}, // 0.4, valid
		"false": {"a": 1, "b": 2, "c": 0},  // 0.5 but b < 5: invalid
		"nc":    {"a": 3, "b": 10},         // 0.3 but c missing: not computable → invalid
		"div0":  {"a": 3, "b": 0, "c": 1},  // division by zero: missing, not invalid
		"nofld": {"b": 10, "c": 1},         // a missing: missing
	}
	cfg := &config.Config{Path: "config.toml", Constants: []config.Constant{{Name: "min_b", Value: 5, Line: 3}}}
	r := score(t, cfg, scheme(i), units("div0", "false", "nc", "nofld", "ok"), data)
	want := map[string]struct {
		missing, invalid bool
		points           float64
	}{
		"ok": {false, false, 0.4}, "false": {true, true, 0}, "nc": {true, true, 0},
		"div0": {true, false, 0}, "nofld": {true, false, 0},
	}
	for id, w := range want {
		sc := entity(t, r, id).Indicators["i"]
		if sc.Missing != w.missing || sc.Invalid != w.invalid || !near(sc.Points, w.points) {
			t.Errorf("%s: missing %v invalid %v points %v; want %+v", id, sc.Missing, sc.Invalid, sc.Points, w)
		}
	}
	if v := entity(t, r, "ok").Indicators["i"]; *v.Value != 0.4 || *v.Display != 0.4 {
		t.Errorf("ok: value %v display %v; want 0.4", *v.Value, *v.Display)
	}
}

// TestPercentDisplay: value is v, display is 100·v.
func TestPercentDisplay(t *testing.T) {
	r := score(t, nil, scheme(ind("i", "a / b", "direct", 100, percent)), units("a"), map[string]row{"a": {"a": 1, "b": 4}})
	sc := entity(t, r, "a").Indicators["i"]
	// v = 0.25, dv = 25, direct: clamp(25, 0, 100) = 25.
	if *sc.Value != 0.25 || *sc.Display != 25 || sc.Points != 25 {
		t.Errorf("value %v display %v points %v; want 0.25, 25, 25", *sc.Value, *sc.Display, sc.Points)
	}
}

// TestAdjustmentsAndTotal: adjustments with caps of both signs, missing
// field, categories and total.
func TestAdjustmentsAndTotal(t *testing.T) {
	s := scheme(
		ind("q1", "x", "direct", 10),
		ind("e1", "y", "direct", 10, func(i *config.Indicator) { i.Category = "e" }),
	)
	s.Adjustments = []*config.Adjustment{
		{ID: "plus", Field: "typical", Points: 2, Cap: f(6)},
		{ID: "minus", Field: "flawed", Points: -3, Cap: f(5)},
	}
	data := map[string]row{
		"a": {"x": 5, "y": 4, "typical": 2, "flawed": 1}, // +4, −3
		"b": {"x": 5, "y": 4, "typical": 5, "flawed": 4}, // 10 → 6 (capped), −12 → −5 (capped)
		"c": {"x": 5, "y": 4},                            // both missing: 0
	}
	r := score(t, nil, s, units("a", "b", "c"), data)
	tests := []struct {
		id                   string
		plus, minus          float64
		plusCapped, minusCap bool
		total                float64
	}{
		{"a", 4, -3, false, false, 5 + 4 + 4 - 3}, // 10
		{"b", 6, -5, true, true, 5 + 4 + 6 - 5},   // 10
		{"c", 0, 0, false, false, 9},
	}
	for _, tt := range tests {
		er := entity(t, r, tt.id)
		p, m := er.Adjustments["plus"], er.Adjustments["minus"]
		if p.Points != tt.plus || m.Points != tt.minus || p.Capped != tt.plusCapped || m.Capped != tt.minusCap || er.Total != tt.total {
			t.Errorf("%s: plus %+v minus %+v total %v; want %v %v %v %v %v", tt.id, p, m, er.Total, tt.plus, tt.minus, tt.plusCapped, tt.minusCap, tt.total)
		}
		if er.Categories["q"] != 5 || er.Categories["e"] != 4 {
			t.Errorf("%s: categories %v; want q 5, e 4", tt.id, er.Categories)
		}
	}
	if b := entity(t, r, "b").Adjustments["plus"]; b.Raw != 10 || *b.Field != 5 {
		t.Errorf("b plus raw %v field %v; want 10, 5", b.Raw, *b.Field)
	}
	if c := entity(t, r, "c").Adjustments["plus"]; c.Field != nil || c.Raw != 0 {
		t.Errorf("c plus = %+v; want no field, raw 0", c)
	}
}

// ranked lists "id:rank:grade" in result order, group by group.
func ranked(r *Result) []string {
	var out []string
	for _, g := range r.Groups {
		for _, er := range g.Entities {
			out = append(out, er.Entity.ID+":"+itoa(er.Rank)+":"+er.Grade)
		}
	}
	return out
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// totalsScheme scores direct indicators q (category q) and e (category e)
// with weight 1000, so that totals are q + e.
func totalsScheme() *config.Scheme {
	return scheme(
		ind("q", "x", "direct", 1000),
		ind("e", "y", "direct", 1000, func(i *config.Indicator) { i.Category = "e" }),
	)
}

// TestRanks: ties, tie_break, tolerance, order within a rank by id.
func TestRanks(t *testing.T) {
	data := map[string]row{
		"a": {"x": 30, "y": 20},
		"b": {"x": 20, "y": 30},
		"c": {"x": 30.0000000001, "y": 19.9999999999}, // equal to a within 1e-9
		"d": {"x": 20, "y": 20},
	}
	tests := []struct {
		tieBreak []string
		want     []string
	}{
		// totals 50, 50, 50, 40: a, b, c share rank 1, d is 4.
		{nil, []string{"a:1:", "b:1:", "c:1:", "d:4:"}},
		// tie_break q: a and c (30) before b (20): 1, 1, 3, 4.
		{[]string{"q"}, []string{"a:1:", "c:1:", "b:3:", "d:4:"}},
		// tie_break e: b (30) first, then a, c (20): 1, 2, 2, 4.
		{[]string{"e"}, []string{"b:1:", "a:2:", "c:2:", "d:4:"}},
	}
	for _, tt := range tests {
		s := totalsScheme()
		s.TieBreak = tt.tieBreak
		r := score(t, nil, s, units("d", "c", "b", "a"), data)
		if got := ranked(r); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tie_break %v: %v; want %v", tt.tieBreak, got, tt.want)
		}
	}
}

// TestVetoes: vetoed entities rank after all others and their grade is
// capped by the veto's grade (default the last grade).
func TestVetoes(t *testing.T) {
	s := totalsScheme()
	s.Grades = []*config.Grade{{Name: "优秀", MinScore: f(95)}, {Name: "称职", MinScore: f(75)}, {Name: "基本称职"}}
	s.Vetoes = []*config.Veto{{ID: "v1", Field: "flaw", Grade: "称职"}, {ID: "v2", Field: "discipline"}}
	data := map[string]row{
		"a": {"x": 100, "y": 0, "flaw": 1},                 // total 100, vetoed by v1: 优秀 capped to 称职
		"b": {"x": 90, "y": 0, "flaw": 0},                  // 90: 称职; flaw 0 is not a veto
		"c": {"x": 80, "y": 0},                             // 80: 称职
		"d": {"x": 96, "y": 0},                             // 96: 优秀
		"e": {"x": 99, "y": 0, "flaw": 2, "discipline": 1}, // vetoed by both: the worse, 基本称职
		"f": {"x": 70, "y": 0, "discipline": 0.5},          // 70: 基本称职 anyway; vetoed
	}
	r := score(t, nil, s, units("a", "b", "c", "d", "e", "f"), data)
	// Not vetoed: d 96, b 90, c 80 → 1, 2, 3. Vetoed: a 100, e 99, f 70 → 4, 5, 6.
	want := []string{"d:1:优秀", "b:2:称职", "c:3:称职", "a:4:称职", "e:5:基本称职", "f:6:基本称职"}
	if got := ranked(r); !reflect.DeepEqual(got, want) {
		t.Errorf("ranks = %v; want %v", got, want)
	}
	if e := entity(t, r, "e"); !e.Vetoed || !reflect.DeepEqual(e.Vetoes, []string{"v1", "v2"}) {
		t.Errorf("e vetoed %v by %v; want true by [v1 v2]", e.Vetoed, e.Vetoes)
	}
	if b := entity(t, r, "b"); b.Vetoed {
		t.Error("b vetoed with flaw = 0")
	}
}

// TestGrades covers share (with ties at the boundary), min_score, both,
// and a grade without share.
func TestGrades(t *testing.T) {
	tests := []struct {
		name   string
		grades []*config.Grade
		totals []float64 // entities e01, e02, ... in this order
		want   []string  // grade by entity, same order
	}{
		// n = 10, 优秀 share 0.2: floor(10·0.2 + 1e-9) = 2, ranks 1, 2, 2 → three 优秀.
		// 称职 share 0.7: S = 0.9, floor(9 + 1e-9) = 9 → ranks 4..9; rank 10 → 基本称职.
		{"share with tie",
			[]*config.Grade{{Name: "优秀", Share: f(0.2)}, {Name: "称职", Share: f(0.7)}, {Name: "基本称职"}},
			[]float64{100, 90, 90, 80, 70, 60, 50, 40, 30, 20},
			[]string{"优秀", "优秀", "优秀", "称职", "称职", "称职", "称职", "称职", "称职", "基本称职"}},
		// The 1e-9: S_2 = 0.7 + 0.1 = 0.7999999999999999 in float64, and
		// floor(10·S_2) = floor(7.999999999999999) would be 7; with + 1e-9 it
		// is 8, so rank 8 gets 良好 as the shares say.
		{"share rounding",
			[]*config.Grade{{Name: "优秀", Share: f(0.7)}, {Name: "良好", Share: f(0.1)}, {Name: "合格"}},
			[]float64{100, 90, 80, 70, 60, 50, 40, 30, 20, 10},
			[]string{"优秀", "优秀", "优秀", "优秀", "优秀", "优秀", "优秀", "良好", "合格", "合格"}},
		// min_score 90: ≥ holds at 90 exactly; 89.99 does not.
		{"min_score",
			[]*config.Grade{{Name: "优秀", MinScore: f(90)}, {Name: "称职"}},
			[]float64{95, 90, 89.99},
			[]string{"优秀", "优秀", "称职"}},
		// share 0.5 of n = 4 → ranks ≤ 2, and min_score 90. Ranks: 95 r1,
		// 91 r2, 88 r3, 80 r4. r1, r2 hold both → 优秀; r3 (88) and r4 fail → 称职.
		{"share and min_score",
			[]*config.Grade{{Name: "优秀", Share: f(0.5), MinScore: f(90)}, {Name: "称职"}},
			[]float64{95, 88, 91, 80},
			[]string{"优秀", "称职", "优秀", "称职"}},
		// share holds but min_score does not: r1 = 85 < 90.
		{"share holds, min_score not",
			[]*config.Grade{{Name: "优秀", Share: f(0.5), MinScore: f(90)}, {Name: "称职"}},
			[]float64{85, 80},
			[]string{"称职", "称职"}},
		// 优秀 share 0.2 (ranks ≤ 2); 良好 min_score 80, no share (adds 0, no
		// share condition); 合格 share 0.5: S = 0.7, ranks ≤ 7; rest 不合格.
		{"grade without share",
			[]*config.Grade{{Name: "优秀", Share: f(0.2)}, {Name: "良好", MinScore: f(80)}, {Name: "合格", Share: f(0.5)}, {Name: "不合格"}},
			[]float64{100, 90, 85, 82, 79, 75, 70, 60, 50, 40},
			[]string{"优秀", "优秀", "良好", "良好", "合格", "合格", "合格", "不合格", "不合格", "不合格"}},
		// A grade with no condition at all takes everyone who reaches it.
		{"grade without conditions",
			[]*config.Grade{{Name: "优秀", Share: f(0.25)}, {Name: "称职"}, {Name: "不称职"}},
			[]float64{10, 9, 8, 7},
			[]string{"优秀", "称职", "称职", "称职"}},
		{"no grades", nil, []float64{10, 9}, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := totalsScheme()
			s.Grades = tt.grades
			data := map[string]row{}
			var ids []string
			for k, tot := range tt.totals {
				id := "e" + itoa(k/10) + itoa(k%10)
				ids = append(ids, id)
				data[id] = row{"x": tot, "y": 0}
			}
			r := score(t, nil, s, units(ids...), data)
			for k, id := range ids {
				if g := entity(t, r, id).Grade; g != tt.want[k] {
					t.Errorf("%s (total %v, rank %d): grade %q; want %q", id, tt.totals[k], entity(t, r, id).Rank, g, tt.want[k])
				}
			}
		})
	}
}

// TestPeers: partition by parent and by group; groups sorted by id;
// references computed within each group.
func TestPeers(t *testing.T) {
	ents := []*dataset.Entity{
		{ID: "c1", Name: "市一", Kind: "city", Order: 0},
		{ID: "c2", Name: "市二", Kind: "city", Order: 1},
		{ID: "p1", Kind: "unit", Parent: "c1", Group: "刑事", Order: 2},
		{ID: "p2", Kind: "unit", Parent: "c1", Group: "民事", Order: 3},
		{ID: "p3", Kind: "unit", Parent: "c2", Group: "刑事", Order: 4},
		{ID: "p4", Kind: "unit", Order: 5},
		{ID: "p5", Kind: "unit", Parent: "c2", Order: 6}, // no values: not a member
	}
	data := map[string]row{"c1": {"x": 1}, "c2": {"x": 1}, "p1": {"x": 80}, "p2": {"x": 120}, "p3": {"x": 60}, "p4": {"x": 100}}
	tests := []struct {
		peers []string
		want  map[string][]string // group -> members by rank
		pts   map[string]float64
	}{
		// all: mean (80+120+60+100)/4 = 90; d = −11.1, 33.3, −33.3, 11.1 %;
		// ·0.1 = −1.11, +3.33 → 3, −3.33 → −3, +1.11.
		{[]string{"all"}, map[string][]string{"all": {"p2", "p4", "p1", "p3"}},
			map[string]float64{"p1": 10 - 10.0/9, "p2": 13, "p3": 7, "p4": 10 + 10.0/9}},
		// parent: c1 {p1, p2} mean 100 → 8, 12; c2 {p3} alone → 10; p4 no parent → all.
		{[]string{"parent"}, map[string][]string{"all": {"p4"}, "c1": {"p2", "p1"}, "c2": {"p3"}},
			map[string]float64{"p1": 8, "p2": 12, "p3": 10, "p4": 10}},
		// group: 刑事 {p1, p3} mean 70: d = +14.29 %, −14.29 % → ±1.429;
		// 民事 {p2} → 10; p4 no group → all → 10.
		{[]string{"group"}, map[string][]string{"all": {"p4"}, "刑事": {"p1", "p3"}, "民事": {"p2"}},
			map[string]float64{"p1": 10 + 100.0/70, "p2": 10, "p3": 10 - 100.0/70, "p4": 10}},
	}
	for _, tt := range tests {
		checkPeerGroups(t, ents, data, tt.peers, tt.want, tt.pts)
	}
}

// checkPeerGroups scores one mean_relative indicator (weight 10, step 0.1,
// caps ±3) on field x with the given peers and checks the groups, their
// order, each member's rank order and Group, and the points.
func checkPeerGroups(t *testing.T, ents []*dataset.Entity, data map[string]row, peers []string, want map[string][]string, pts map[string]float64) {
	t.Helper()
	s := scheme(ind("i", "x", "mean_relative", 10, step(0.1), caps(3, 3)))
	s.Peers = peers
	r := score(t, nil, s, ents, data)
	got := map[string][]string{}
	var order []string
	for _, g := range r.Groups {
		order = append(order, g.ID)
		for k, er := range g.Entities {
			got[g.ID] = append(got[g.ID], er.Entity.ID)
			if er.Rank != k+1 { // the fixtures have no ties
				t.Errorf("%q: %s has rank %d; want %d", peers, er.Entity.ID, er.Rank, k+1)
			}
			if er.Group != g.ID {
				t.Errorf("%q: %s.Group = %q; want %q", peers, er.Entity.ID, er.Group, g.ID)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%q: groups %v; want %v", peers, got, want)
	}
	if !sortedStrings(order) {
		t.Errorf("%q: groups not sorted by id: %v", peers, order)
	}
	checkPoints(t, r, "i", pts)
}

func sortedStrings(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return false
		}
	}
	return true
}

// TestAggregatedValues: a procuratorate with no own row but with
// prosecutors' rows is a member, scored on the aggregated values; the
// prosecutors are not members of a procuratorate scheme.
func TestAggregatedValues(t *testing.T) {
	ents := []*dataset.Entity{
		{ID: "pa", Kind: "procuratorate", Order: 0},
		{ID: "pb", Kind: "procuratorate", Order: 1},
		{ID: "x1", Kind: "prosecutor", Parent: "pa", Order: 2},
		{ID: "x2", Kind: "prosecutor", Parent: "pa", Order: 3},
	}
	own := map[string]map[string]float64{
		"pb": {"items": 3, "cases": 2},
		"x1": {"items": 5, "cases": 2}, "x2": {"items": 1, "cases": 2},
	}
	pd := dataset.NewPeriodData(period.MustParse("2024-Q1"), own, map[string]map[string]float64{
		"pa": {"items": 6, "cases": 4}, // summed from x1, x2
		"pb": {"items": 3, "cases": 2},
		"x1": {"items": 5, "cases": 2}, "x2": {"items": 1, "cases": 2},
	})
	s := scheme(ind("ratio", "items / cases", "direct", 10))
	s.Kind = "procuratorate"
	e, probs := Compile(&config.Config{Schemes: []*config.Scheme{s}}, []string{"cases", "items"})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	r := e.Score(s, pd, dataset.NewEntities(ents))
	// pa: 6/4 = 1.5 (pooled, not the mean of 2.5 and 0.5); pb: 3/2 = 1.5.
	if got := ranked(r); !reflect.DeepEqual(got, []string{"pa:1:", "pb:1:"}) {
		t.Errorf("members = %v; want pa and pb", got)
	}
	if v := *entity(t, r, "pa").Indicators["ratio"].Value; v != 1.5 {
		t.Errorf("pa value = %v; want 1.5", v)
	}
}

// TestIndicatorRank: rank within V by direction, ties shared, 0 when
// missing or without direction.
func TestIndicatorRank(t *testing.T) {
	tests := []struct {
		name string
		mods []func(*config.Indicator)
		want map[string]int
	}{
		// higher: 9 → 1, 7, 7 → 2, 3 → 4; missing m → 0.
		{"higher", nil, map[string]int{"a": 1, "b": 2, "c": 2, "d": 4, "m": 0}},
		// lower: 3 → 1, 7, 7 → 2, 9 → 4.
		{"lower", with(lower), map[string]int{"a": 4, "b": 2, "c": 2, "d": 1, "m": 0}},
		// no direction (range): 0 everywhere.
		{"none", with(func(i *config.Indicator) { i.Direction = "" }), map[string]int{"a": 0, "b": 0, "c": 0, "d": 0, "m": 0}},
	}
	for _, tt := range tests {
		i := ind("i", "x", "direct", 10, tt.mods...)
		i.ValidIf = "x > 0"
		r := scoreOne(t, i, map[string]float64{"a": 9, "b": 7, "c": 7, "d": 3, "m": 0})
		for id, w := range tt.want {
			if got := entity(t, r, id).Indicators["i"].Rank; got != w {
				t.Errorf("%s: rank of %s = %d; want %d", tt.name, id, got, w)
			}
		}
	}
}

// TestRankChanges: previous rank − rank now, nil when not ranked before.
func TestRankChanges(t *testing.T) {
	s := totalsScheme()
	prev := score(t, nil, s, units("a", "b", "c"), map[string]row{"a": {"x": 3, "y": 0}, "b": {"x": 2, "y": 0}, "c": {"x": 1, "y": 0}})
	cur := score(t, nil, s, units("a", "b", "c", "d"), map[string]row{"a": {"x": 2, "y": 0}, "b": {"x": 3, "y": 0}, "d": {"x": 1, "y": 0}})
	RankChanges(cur, prev)
	// a: 1 → 2 = −1; b: 2 → 1 = +1; d: new → nil. c is not in cur.
	want := map[string]*int{"a": intp(-1), "b": intp(1), "d": nil}
	for id, w := range want {
		got := entity(t, cur, id).RankChange
		if (got == nil) != (w == nil) || got != nil && *got != *w {
			t.Errorf("%s: rank change %v; want %v", id, deref(got), deref(w))
		}
	}
	RankChanges(cur, nil)
	if entity(t, cur, "a").RankChange != nil {
		t.Error("RankChanges(cur, nil) left a rank change")
	}
}

func intp(n int) *int { return &n }
func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestDeterministic: two runs give the same ranks, and result order does
// not depend on the entity file order.
func TestDeterministic(t *testing.T) {
	s := totalsScheme()
	data := map[string]row{"a": {"x": 1, "y": 1}, "b": {"x": 1, "y": 1}, "c": {"x": 2, "y": 0}, "d": {"x": 0, "y": 0}}
	first := ranked(score(t, nil, s, units("a", "b", "c", "d"), data))
	again := ranked(score(t, nil, s, units("d", "c", "b", "a"), data))
	// totals 2, 2, 2, 0: a, b, c share rank 1, ordered by id.
	want := []string{"a:1:", "b:1:", "c:1:", "d:4:"}
	if !reflect.DeepEqual(first, want) || !reflect.DeepEqual(again, want) {
		t.Errorf("ranks %v and %v; want %v", first, again, want)
	}
}

// TestOverflowingAdjustmentIsAnInputError: an adjustment with no cap on
// a field of 1e308 at 2 points a unit gives 2e308 = +Inf points, which no
// result file can hold: Problems reports an error at the adjustment's
// line naming the entity and the field, not a warning. A finite one (1 ×
// 2 = 2 points) gives none.
func TestOverflowingAdjustmentIsAnInputError(t *testing.T) {
	s := scheme(ind("i", "x", "direct", 10))
	s.Adjustments = []*config.Adjustment{{ID: "bonus", Name: "加分", Field: "c", Points: 2, Line: 20}}
	cfg := &config.Config{Path: "config.toml", Schemes: []*config.Scheme{s}}
	data := map[string]row{"a": {"x": 1, "c": 1e308}, "b": {"x": 2, "c": 1}}
	r := score(t, cfg, s, units("a", "b"), data)
	e, _ := Compile(cfg, fieldsOf(data))
	ps := e.Problems(r)
	if len(ps.Errors()) != 1 {
		t.Fatalf("Problems = %v; want one error, for a", ps)
	}
	p := ps.Errors()[0]
	msg := p.Format("en")
	if p.Pos.Line != 20 || !strings.Contains(msg, "a (a), adjustment bonus") || !strings.Contains(msg, "field c = 1e+308") {
		t.Errorf("error %q; want it at line 20, naming a, bonus and field c = 1e+308", msg)
	}
	if pts := entity(t, r, "b").Adjustments["bonus"].Points; pts != 2 {
		t.Errorf("b's adjustment = %v, want 1 × 2 = 2", pts)
	}
}

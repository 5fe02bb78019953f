package report

import (
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/explain"
)

// Every indicator, adjustment, veto and grade of the demo's schemes is in
// its 考核办法, in config order, with the rule in words.
func TestMethodologyListsEverything(t *testing.T) {
	m := demo(t)
	jobs := methodologyJobs(m)
	pages := map[string]*MethodologyPage{}
	for _, s := range m.Config.Schemes {
		d := pageData(t, jobs, MethodologyPath(s.ID)).(*MethodologyPage)
		pages[s.ID] = d
		if len(d.Indicators) != len(s.Indicators) {
			t.Fatalf("%s: %d indicators, want %d", s.ID, len(d.Indicators), len(s.Indicators))
		}
		full := 0.0
		for i, ind := range s.Indicators {
			mi := d.Indicators[i]
			full += ind.Weight
			if mi.No != i+1 || mi.ID != ind.ID || mi.Name != ind.Name || mi.Weight != ind.Weight ||
				mi.Rule != explain.Rule(m.Config, ind, m.Lang) || mi.Formula != explain.Formula(m.Config, ind.Formula, m.Lang) {
				t.Errorf("%s: indicator %d = %+v, want %s with its rule and formula", s.ID, i+1, mi, ind.ID)
			}
		}
		if d.FullMarks != full {
			t.Errorf("%s: full marks %v, want %v", s.ID, d.FullMarks, full)
		}
		if len(d.Adjustments) != len(s.Adjustments) || len(d.Vetoes) != len(s.Vetoes) || len(d.Grades) != len(s.Grades) {
			t.Fatalf("%s: %d adjustments, %d vetoes, %d grades", s.ID, len(d.Adjustments), len(d.Vetoes), len(d.Grades))
		}
		for i, a := range s.Adjustments {
			if got := d.Adjustments[i]; got.Name != a.Name || got.Field != m.fieldText(a.Field) || got.Points != a.Points {
				t.Errorf("%s: adjustment %d = %+v, want %s", s.ID, i, got, a.ID)
			}
		}
		for i, v := range s.Vetoes {
			if got := d.Vetoes[i]; got.Name != v.Name || got.Field != m.fieldText(v.Field) {
				t.Errorf("%s: veto %d = %+v, want %s", s.ID, i, got, v.ID)
			}
		}
		for i, g := range s.Grades {
			if d.Grades[i].Name != g.Name || d.Grades[i].Condition == "" {
				t.Errorf("%s: grade %d = %+v, want %s with a condition", s.ID, i, d.Grades[i], g.Name)
			}
		}
	}
	// The demo's basic scheme: 优秀 needs the top 20 % and 85 points; a
	// veto there allows at best 基本称职; ties are broken by 办案质量, then
	// 办案效果; 典型案例 adds 1 point each up to 3, 瑕疵案件 takes 1 off each
	// up to 3. The prosecutors' veto names no grade, so the last one
	// (不称职) applies, and they are compared within their business group.
	basic, pros := pages["basic"], pages["prosecutor"]
	for _, c := range []struct{ what, got, want string }{
		{"basic 优秀", basic.Grades[0].Condition, "名次在比较组前 20% 以内（按名次，并列同等）且总分不低于 85 分"},
		{"basic veto", basic.Vetoes[0].Rule, "等次最高为“基本称职”"},
		{"basic ranking rules", strings.Join(basic.Ranking, ""), "依次比较办案质量、办案效果得分"},
		{"basic adjustments", basic.Adjustments[0].Rule + basic.Adjustments[1].Rule, "典型案例数每 1 项加 1 分，最多加 3 分"},
		{"basic adjustments", basic.Adjustments[0].Rule + basic.Adjustments[1].Rule, "瑕疵案件数每 1 项扣 1 分，最多扣 3 分"},
		{"prosecutor veto", pros.Vetoes[0].Rule, "等次最高为“不称职”"},
		{"prosecutor peers", pros.Peers, "业务分组"},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s: %q lacks %q", c.what, c.got, c.want)
		}
	}
}

// Grade shares are cumulative: the second grade's share adds to the first.
func TestMethodologyGradeCondition(t *testing.T) {
	m := demo(t)
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		g    *config.Grade
		cum  float64
		last bool
		want string
	}{
		{&config.Grade{Name: "优秀", Share: f(0.2), MinScore: f(85)}, 0.2, false, "名次在比较组前 20% 以内（按名次，并列同等）且总分不低于 85 分"},
		// 0.2 + 0.7 = 0.8999999999999999 in float64: shown as 90 %.
		{&config.Grade{Name: "称职", Share: f(0.7)}, 0.2 + 0.7, false, "名次在比较组前 90% 以内（按名次，并列同等）"},
		{&config.Grade{Name: "合格", MinScore: f(60.5)}, 0.9, false, "总分不低于 60.5 分"},
		{&config.Grade{Name: "不合格"}, 0.9, true, "其余考核对象"},
	}
	for _, tc := range tests {
		if got := m.gradeCondition(tc.g, tc.cum, tc.last); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.g.Name, got, tc.want)
		}
	}
}

// TestMethodologyLabelsAndAppendix: the 考核办法 names constants, fields
// and the kind scored by their labels, and lists the ids with those
// labels in its appendix only.
func TestMethodologyLabelsAndAppendix(t *testing.T) {
	m := demo(t)
	d := m.methodologyPage(m.Config.Scheme("basic"))
	if strings.Contains(d.Who, "procuratorate") || !strings.HasPrefix(d.Who, "基层检察院") {
		t.Errorf("who = %q", d.Who)
	}
	found := false
	for _, c := range d.Constants {
		if c.Name == "审查逮捕系数" && c.Value == 1 {
			found = true
		}
		if strings.HasPrefix(c.Name, "coef_") {
			t.Errorf("constant shown by its id: %+v", c)
		}
	}
	if !found {
		t.Errorf("constants %+v lack 审查逮捕系数 = 1", d.Constants)
	}
	for _, ind := range d.Indicators {
		if strings.Contains(ind.Formula, "coef_") || strings.Contains(ind.Formula, "items") {
			t.Errorf("%s: formula %q shows ids", ind.Name, ind.Formula)
		}
	}
	ids := map[string]string{}
	for _, g := range d.Appendix {
		for _, r := range g.Rows {
			ids[r.ID] = r.Label
		}
	}
	for id, want := range map[string]string{"basic": "基层院业绩考评", "procuratorate": "基层检察院", "case_ratio": "案件比", "items": "件数", "coef_arrest": "审查逮捕系数", "typical_cases": "典型案例数"} {
		if ids[id] != want {
			t.Errorf("appendix: %s → %q, want %q", id, ids[id], want)
		}
	}
}

// TestPeersText: each form of peers in words, on the methodology page and
// the scheme overview, in both languages.
func TestPeersText(t *testing.T) {
	d := demo(t)
	m := New(d.Config, d.Data, d.Results) // its own, since the language changes
	tests := []struct {
		peers            []string
		method, overview string
		methodEN, overEN string
	}{
		{[]string{"all"}, "全部考核对象统一比较", "全体统一比较", "All members are compared together", "all compared together"},
		{[]string{"parent"}, "按上级单位分组", "按上级单位分组比较", "By parent", "compared within each parent"},
		{[]string{"procuratorate"}, "按所属基层院分组：同一基层院的考核对象相互比较", "按所属基层院分组比较",
			"By basic procuratorate: members under the same basic procuratorate", "compared within each basic procuratorate"},
		{[]string{"all", "procuratorate"}, "按所属基层院分组", "按所属基层院分组比较", "By basic procuratorate", "compared within each basic procuratorate"},
		{[]string{"city", "group"}, "按所属市院、业务分组划分比较组：这几项都相同的考核对象相互比较", "按所属市院、业务分组比较",
			"By city procuratorate and group: members that agree on all of these", "compared within each city procuratorate and group"},
	}
	for _, tt := range tests {
		s := &config.Scheme{ID: "x", Kind: "prosecutor", Peers: tt.peers}
		m.Lang = "zh-CN"
		got := []string{m.peersText(s), m.overviewPeers(s)}
		m.Lang = "en"
		got = append(got, m.peersText(s), m.overviewPeers(s))
		for i, want := range []string{tt.method, tt.overview, tt.methodEN, tt.overEN} {
			if !strings.HasPrefix(got[i], want) {
				t.Errorf("%q: text %d = %q; want it to start with %q", tt.peers, i, got[i], want)
			}
		}
	}
}

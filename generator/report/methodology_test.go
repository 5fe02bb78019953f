package report

import (
	"html"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/explain"
)

// Every indicator, adjustment, veto and grade of the demo's schemes is in
// its 考核办法, with the rule in words.
func TestMethodologyListsEverything(t *testing.T) {
	m := homeDemo(t)
	jobs := methodologyJobs(m)
	for _, s := range m.Config.Schemes {
		_, page := homeRender(t, homeFind(t, jobs, MethodologyPath(s.ID)))
		text := html.UnescapeString(page)
		for _, ind := range s.Indicators {
			for _, want := range []string{`id="ind-` + ind.ID + `"`, ind.Name, explain.Rule(m.Config, ind, m.Lang), explain.Formula(m.Config, ind.Formula, m.Lang)} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: indicator %s: page lacks %q", s.ID, ind.ID, want)
				}
			}
		}
		for _, a := range s.Adjustments {
			if !strings.Contains(text, a.Name) || !strings.Contains(text, m.fieldText(a.Field)) {
				t.Errorf("%s: adjustment %s missing", s.ID, a.ID)
			}
		}
		for _, v := range s.Vetoes {
			if !strings.Contains(text, v.Name) {
				t.Errorf("%s: veto %s missing", s.ID, v.ID)
			}
		}
		for _, g := range s.Grades {
			if !strings.Contains(text, "<th scope=\"row\">"+g.Name+"</th>") {
				t.Errorf("%s: grade %s missing", s.ID, g.Name)
			}
		}
		homeCheckLinks(t, m, MethodologyPath(s.ID), page)
	}
	// The demo's basic scheme: 优秀 needs the top 20 % and 85 points; a
	// veto there allows at best 基本称职; the prosecutors' veto names no
	// grade, so the last one (不称职) applies.
	_, basic := homeRender(t, homeFind(t, jobs, MethodologyPath("basic")))
	for _, want := range []string{
		"名次在比较组前 20% 以内（按名次，并列同等）且总分不低于 85 分",
		"等次最高为“基本称职”",
		"依次比较办案质量、办案效果得分",
		"典型案例数每 1 项加 1 分，最多加 3 分",
		"瑕疵案件数每 1 项扣 1 分，最多扣 3 分",
	} {
		if !strings.Contains(html.UnescapeString(basic), want) {
			t.Errorf("basic 考核办法 lacks %q", want)
		}
	}
	_, pros := homeRender(t, homeFind(t, jobs, MethodologyPath("prosecutor")))
	if !strings.Contains(html.UnescapeString(pros), "等次最高为“不称职”") {
		t.Errorf("prosecutor 考核办法: veto without grade should cap at the last grade")
	}
	if !strings.Contains(pros, "业务分组比较（公益诉讼检察") && !strings.Contains(pros, "按业务分组比较") {
		t.Errorf("prosecutor 考核办法 does not say peers are by group")
	}
}

// Grade shares are cumulative: the second grade's share adds to the first.
func TestMethodologyGradeCondition(t *testing.T) {
	m := homeDemo(t)
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

func TestMethodologyConditionText(t *testing.T) {
	m := homeDemo(t)
	tests := []struct{ in, want string }{
		{"受理案件数 (cases) >= 5", "受理案件数 (cases) ≥ 5"},
		{"not a <= 3 and b != 0 or c == 1", "非 a ≤ 3 且 b ≠ 0 或 c = 1"},
		{"(x_not) > 1", "(x_not) > 1"},
	}
	for _, tc := range tests {
		if got := m.conditionText(tc.in); got != tc.want {
			t.Errorf("conditionText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

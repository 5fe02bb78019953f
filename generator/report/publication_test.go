package report

import (
	"strings"
	"testing"

	"kaoping/generator/publish"
)

// TestGroupPaths: a group's page is readable (Chinese stays), never a
// score sheet (entity ids cannot start with "_"), and distinct from every
// other group's, also on a disk that ignores case.
func TestGroupPaths(t *testing.T) {
	got := GroupPaths("p", "2026-03", []string{"all", "zz/刑事", "zz-刑事", "A b", "a.b", "a_b", "x:*?", "", strings.Repeat("长", 50)})
	want := []string{
		"schemes/p/2026-03/_all.html",
		"schemes/p/2026-03/_zz-刑事.html",   // the "/" of list peers
		"schemes/p/2026-03/_zz-刑事-2.html", // the same name: numbered in id order
		"schemes/p/2026-03/_A-b.html",
		"schemes/p/2026-03/_a-b-2.html", // "A-b" ignoring case
		"schemes/p/2026-03/_a_b.html",
		"schemes/p/2026-03/_x---.html", // characters Windows forbids
		"schemes/p/2026-03/_-.html",
		"schemes/p/2026-03/_" + strings.Repeat("长", 40) + ".html",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("group %d: %s, want %s", i, got[i], want[i])
		}
	}
}

// TestPeriodStatus: a period absent from the record is a draft; a
// published one shows its 公示期 for Chinese readers, the year once when
// both ends share it, or its date when no 公示期 was recorded.
func TestPeriodStatus(t *testing.T) {
	m := *demo(t)                                       // a copy: the demo model is shared
	term, _ := publish.NewTerm("2026-04-01", 5, true)   // Wed 1 … Tue 7 April
	long, _ := publish.NewTerm("2025-12-29", 10, false) // 29 Dec … 7 Jan
	m.Notices = map[string]publish.Notice{
		"2026-03": {Date: "2026-03-31", Term: term, HasTerm: true},
		"2025-Q4": {Date: "2026-01-05"},
		"2025-Q3": {Date: "2025-12-28", Term: long, HasTerm: true},
	}
	for _, tc := range []struct {
		lang, period, want string
		draft              bool
	}{
		{"zh-CN", "2026-03", "已公示 · 公示期 2026年4月1日至4月7日（5个工作日）", false},
		{"zh-CN", "2025-Q4", "已公示 · 2026年1月5日", false},
		{"zh-CN", "2025-Q3", "已公示 · 公示期 2025年12月29日至2026年1月7日（10天）", false},
		{"zh-CN", "2026-02", "未公示（草稿）", true},
		{"en", "2026-03", "Published · publication period 1 April 2026 to 7 April 2026 (5 working days)", false},
		{"en", "2026-02", "Not published (draft)", true},
	} {
		m.Lang = tc.lang
		st := m.periodStatus(tc.period)
		if st.Text != tc.want || st.Draft != tc.draft {
			t.Errorf("%s %s: %+v, want %q draft %v", tc.lang, tc.period, st, tc.want, tc.draft)
		}
	}
}

// TestGongshi: the notice of a published period has its 公示期, issuer,
// contact and date from [publication] and the record; a draft has none
// of the record's and says so, and its grades are proposed (拟定).
func TestGongshi(t *testing.T) {
	m := *demo(t)
	s := m.Config.Scheme("basic")
	pub := m.Config.Publication
	if pub.Issuer == "" || pub.Contact == "" || pub.PreparedBy == "" {
		t.Fatal("the demo has no [publication]; the test needs one")
	}
	term, _ := publish.NewTerm("2026-04-01", 5, true)
	m.Notices = map[string]publish.Notice{"2026-03": {Date: "2026-03-31", Term: term, HasTerm: true}}
	g := m.gongshi(s, "2026年3月", "2026-03")
	if g.Title != "关于2026年3月基层院业绩考评结果的公示" || g.Draft || g.Term != "2026年4月1日至4月7日（5个工作日）" ||
		g.Date != "2026年3月31日" || g.Issuer != pub.Issuer || g.Contact != pub.Contact || g.PreparedBy != pub.PreparedBy || g.ReviewedBy != pub.ReviewedBy {
		t.Errorf("published: %+v", g)
	}
	d := m.gongshi(s, "2026年2月", "2026-02")
	if !d.Draft || d.Term != "" || d.Date != "" || d.Issuer != pub.Issuer {
		t.Errorf("draft: %+v", d)
	}
	// A group's page of several is a notice of that group only.
	jobs := rankingJobs(&m)
	r := m.Result("prosecutor", "2026-03")
	paths := m.groupPaths(m.Config.Scheme("prosecutor"), r)
	gp := pageData(t, jobs, paths[0]).(*RankingPage)
	if gp.Gongshi == nil || gp.Gongshi.Draft || gp.Gongshi.Group != m.GroupLabel(m.Config.Scheme("prosecutor"), r.Groups[0].ID) ||
		gp.Page.Status == nil || gp.Page.Status.Draft {
		t.Errorf("the page of group %s: %+v, status %+v", r.Groups[0].ID, gp.Gongshi, gp.Page.Status)
	}
}

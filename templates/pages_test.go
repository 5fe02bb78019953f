package templates_test

import (
	"encoding/json"
	"html"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"kaoping/generator/build"
	"kaoping/generator/explain"
	"kaoping/generator/numfmt"
	"kaoping/generator/period"
	"kaoping/generator/publish"
	"kaoping/generator/report"
	"kaoping/generator/scoring"
)

// pageModel is the model of the page at path, as the site builds it.
func pageModel(t *testing.T, s *build.Site, path string) any {
	t.Helper()
	for _, j := range s.Model().Jobs() {
		if j.Path == path {
			d, err := j.Data()
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
	}
	t.Fatalf("no page %s", path)
	return nil
}

// latestQuarter is the scheme's latest result of a single quarter.
func latestQuarter(t *testing.T, s *build.Site, scheme string) *scoring.Result {
	t.Helper()
	rs := s.Model().Results[scheme]
	for i := len(rs) - 1; i >= 0; i-- {
		if p := rs[i].Period.Period; !p.YTD && p.Gran == period.Quarter {
			return rs[i]
		}
	}
	t.Fatalf("%s: no quarter", scheme)
	return nil
}

// rankRowRE picks, from a 公示表 row, the rank, the sheet link, the name
// and the total.
var rankRowRE = regexp.MustCompile(`(?s)<td class="num rank-no">(\d+)</td>.*?<th scope="row"><a href="([^"]+)">([^<]*)</a></th>.*?<td class="num rank-total">([^<]+)</td>`)

// TestRankingMatchesJSON checks that the ranking page lists every member
// of every group in rank order, with the rank and the total (two
// decimals) of the result file the build writes beside it (SPEC §7), each
// name linking its score sheet.
func TestRankingMatchesJSON(t *testing.T) {
	s := demoSite(t)
	for _, scheme := range []string{"basic", "prosecutor"} {
		r := latestQuarter(t, s, scheme)
		path := report.RankingPath(scheme, r.Period.ID)
		pg := page(t, s, path)
		var doc struct {
			Groups []struct {
				ID       string
				Entities []struct {
					ID    string
					Name  string
					Rank  int
					Total float64
				}
			}
		}
		if err := json.Unmarshal(file(t, s, report.DataPath(scheme, r.Period.ID, "json")), &doc); err != nil {
			t.Fatal(err)
		}
		// Groups appear in order, each with its 参考值 row after its
		// members; several groups have a page each, linked in order.
		sections := strings.Split(pg, `<section class="rank-group"`)[1:]
		pages := make([]string, len(sections))
		for i := range pages {
			pages[i] = path
		}
		if len(doc.Groups) > 1 {
			ids := make([]string, len(doc.Groups))
			for i, g := range doc.Groups {
				ids[i] = g.ID
			}
			pages = report.GroupPaths(scheme, r.Period.ID, ids)
			for i, gp := range pages {
				// The period's page sits in the folder above the group's.
				if !strings.Contains(pg, `href="`+html.EscapeString(strings.TrimPrefix(gp, "schemes/"+scheme+"/"))+`"`) {
					t.Errorf("%s: the period's page does not link group %s at %s", scheme, ids[i], gp)
				}
				sections = append(sections, strings.Split(page(t, s, gp), `<section class="rank-group"`)[1:]...)
			}
		}
		if len(sections) != len(doc.Groups) {
			t.Fatalf("%s: %d group sections, want %d", scheme, len(sections), len(doc.Groups))
		}
		for gi, g := range doc.Groups {
			table := sections[gi][:strings.Index(sections[gi], `class="rank-mean"`)]
			rows := rankRowRE.FindAllStringSubmatch(table, -1)
			if len(rows) != len(g.Entities) {
				t.Fatalf("%s group %s: %d rows, want %d", scheme, g.ID, len(rows), len(g.Entities))
			}
			for i, e := range g.Entities {
				got := rows[i]
				sheet, _ := resolveRef(pages[gi], html.UnescapeString(got[2]))
				want := report.SheetPath(scheme, r.Period.ID, e.ID)
				if got[1] != itoa(e.Rank) || sheet != want || html.UnescapeString(got[3]) != e.Name || got[4] != numfmt.Points(e.Total) {
					t.Errorf("%s group %s row %d = rank %s, %s, %s, total %s; want %d, %s, %s, %s",
						scheme, g.ID, i+1, got[1], sheet, got[3], got[4], e.Rank, want, e.Name, numfmt.Points(e.Total))
				}
			}
		}
		if scheme == "prosecutor" && len(doc.Groups) < 2 {
			t.Errorf("prosecutor scheme should have several peer groups, got %d", len(doc.Groups))
		}
	}
}

func itoa(n int) string { return numfmt.Fixed(float64(n), 0) }

// TestSheetShowsEveryIndicator checks that a score sheet shows every
// indicator of the scheme in a row linking its indicator page, with its
// points in bold and explain's sentence, the adjustments' and the
// summary's sentences, and the total in bold.
func TestSheetShowsEveryIndicator(t *testing.T) {
	s := demoSite(t)
	m := s.Model()
	for _, scheme := range []string{"basic", "prosecutor"} {
		r := latestQuarter(t, s, scheme)
		g := r.Groups[len(r.Groups)-1]
		e := g.Entities[len(g.Entities)-1] // the last: often the most minus points
		path := report.SheetPath(scheme, r.Period.ID, e.Entity.ID)
		pg := html.UnescapeString(page(t, s, path))
		for _, ind := range r.Scheme.Indicators {
			if sentence := explain.Indicator(m.Config, ind, r.Period, e, g, m.Lang); !strings.Contains(pg, sentence) {
				t.Errorf("%s: the sheet lacks the sentence of %s: %q", path, ind.ID, sentence)
			}
			match := regexp.MustCompile(`<th scope="row"><a href="([^"]+)">` + regexp.QuoteMeta(ind.Name) + `</a></th>`).FindStringSubmatch(pg)
			if match == nil {
				t.Errorf("%s: no row linking indicator %s", path, ind.ID)
			} else if target, _ := resolveRef(path, match[1]); target != report.IndicatorPath(scheme, ind.ID) {
				t.Errorf("%s: the row of %s links %s", path, ind.ID, target)
			}
			if pts := "<strong>" + numfmt.Points(e.Indicators[ind.ID].Points) + "</strong>"; !strings.Contains(pg, pts) {
				t.Errorf("%s: points %s of %s missing", path, pts, ind.ID)
			}
		}
		for _, a := range r.Scheme.Adjustments {
			if line := explain.Adjustment(m.Config, a, e.Adjustments[a.ID], m.Lang); !strings.Contains(pg, line) {
				t.Errorf("%s: adjustment sentence missing: %q", path, line)
			}
		}
		// The sheet opens with the 失分项 block: explain's sentences, in order,
		// before the first category.
		at := strings.Index(pg, `<section class="sheet-losses">`)
		if at < 0 || at > strings.Index(pg, `<section class="sheet-category">`) {
			t.Errorf("%s: the 失分项 block does not open the sheet", path)
		}
		for _, l := range explain.Losses(m.Config, r.Scheme, r.Period, e, g, nil, m.Lang, explain.TopLosses) {
			i := strings.Index(pg[max(at, 0):], l.Gain)
			if i < 0 {
				t.Errorf("%s: the 失分项 block lacks %q", path, l.Gain)
				continue
			}
			at += i
		}
		if sum := explain.Summary(r.Scheme, e, g, m.Lang); !strings.Contains(pg, sum) {
			t.Errorf("%s: summary missing: %q", path, sum)
		}
		if !strings.Contains(pg, "<strong>"+numfmt.Points(e.Total)+"</strong>") {
			t.Errorf("%s: total %s missing", path, numfmt.Points(e.Total))
		}
	}
}

// TestMethodologyShowsEverything: every indicator of each 考核办法 has
// its row (id="ind-…" for links to it) with its name, formula and rule,
// every adjustment, veto and grade is on the page, and a condition is
// written with ≥, not >=.
func TestMethodologyShowsEverything(t *testing.T) {
	s := demoSite(t)
	for _, sc := range s.Model().Config.Schemes {
		path := report.MethodologyPath(sc.ID)
		raw := page(t, s, path)
		pg := html.UnescapeString(raw)
		d := pageModel(t, s, path).(*report.MethodologyPage)
		for _, ind := range d.Indicators {
			for _, want := range []string{`<tr id="ind-` + ind.ID + `">`, ind.Name, ind.Formula, ind.Rule, ind.ValidIf} {
				if !strings.Contains(pg, want) {
					t.Errorf("%s: indicator %s: page lacks %q", path, ind.ID, want)
				}
			}
		}
		for _, a := range d.Adjustments {
			if !strings.Contains(pg, a.Name) || !strings.Contains(pg, a.Field) || !strings.Contains(pg, a.Rule) {
				t.Errorf("%s: adjustment %s missing", path, a.Name)
			}
		}
		for _, v := range d.Vetoes {
			if !strings.Contains(pg, v.Name) || !strings.Contains(pg, v.Rule) {
				t.Errorf("%s: veto %s missing", path, v.Name)
			}
		}
		for _, g := range d.Grades {
			if !strings.Contains(pg, `<tr><th scope="row">`+g.Name+`</th><td>`+g.Condition+`</td></tr>`) {
				t.Errorf("%s: grade %s missing", path, g.Name)
			}
		}
		for _, rule := range d.Ranking {
			if !strings.Contains(pg, rule) {
				t.Errorf("%s: ranking rule %q missing", path, rule)
			}
		}
	}
	if pg := page(t, s, report.MethodologyPath("basic")); !strings.Contains(pg, "受理案件数 ≥ 5") {
		t.Error("basic 考核办法: the validity condition of 案件比 is not written with ≥")
	}
}

// TestIndicatorPageStatesRule: the 案件比 page of the basic scheme says
// its formula, direction, method with parameters, condition, format and
// missing policy, by labels only (no ids on a Chinese page).
func TestIndicatorPageStatesRule(t *testing.T) {
	s := demoSite(t)
	pg := page(t, s, report.IndicatorPath("basic", "case_ratio"))
	for _, want := range []string{
		"件数 ÷ 受理案件数",
		"越低越好",
		"平均值比较法",
		"以组内平均值为参考值",
		"基础分 11 分", "每优于参考值 1% 加 0.3 分", "最多加 3 分、减 9 分",
		"受理案件数 ≥ 5",
		"比值（1:x），保留 2 位小数",
		"无有效值的按组内有值单位的平均得分计",
	} {
		if !strings.Contains(pg, want) {
			t.Errorf("indicator page lacks %q", want)
		}
	}
	for _, id := range []string{"(items)", "(cases)", "cases &gt;"} {
		if strings.Contains(pg, id) {
			t.Errorf("the Chinese indicator page shows the id %q", id)
		}
	}
}

// TestCorrectionNotice: an amendment of the basic scheme of 2026-03 shows
// on the period page and on that ranking, with the changed rows (old →
// new, — where not ranked) and a link to the changed entity's score
// sheet, and not on the ranking of another scheme.
func TestCorrectionNotice(t *testing.T) {
	s := newSite(t, loadDemo(t), optsWithZips)
	s.Model().Corrections = map[string][]publish.Correction{"2026-03": {{
		Period: "2026-03", Version: 2, Date: "2026-04-10", Reason: "山亭区院结案数录入错误",
		Schemes: []publish.SchemeChange{{Scheme: "basic", Rows: []publish.RowChange{
			{Entity: "zz-st", Name: "山亭区人民检察院", Old: &publish.Standing{Rank: 2, Total: 88.5}, New: &publish.Standing{Rank: 1, Total: 93.7}},
			{Entity: "gone", Name: "已撤销单位", Old: &publish.Standing{Rank: 6, Total: 60}},
		}}},
	}}}
	for _, tt := range []struct {
		path string
		want bool
	}{{report.PeriodPath("2026-03"), true}, {report.RankingPath("basic", "2026-03"), true}, {report.RankingPath("prosecutor", "2026-03"), false}, {report.PeriodPath("2026-02"), false}} {
		pg := page(t, s, tt.path)
		has := strings.Contains(pg, `<section class="correction" role="note"><h2>更正说明（第 2 版）</h2>`)
		if has != tt.want {
			t.Errorf("%s: notice shown = %v, want %v", tt.path, has, tt.want)
			continue
		}
		if !has {
			continue
		}
		notice := pg[strings.Index(pg, `<section class="correction"`):]
		notice = notice[:strings.Index(notice, "</section>")]
		for _, want := range []string{"2026-04-10", "山亭区院结案数录入错误",
			`<td class="num">2 → 1</td><td class="num">88.50 → 93.70</td>`,
			`<th scope="row">已撤销单位</th><td class="num">6 → —</td><td class="num">60.00 → —</td>`} {
			if !strings.Contains(notice, want) {
				t.Errorf("%s: the notice lacks %q", tt.path, want)
			}
		}
		_, urls := pageRefs(notice)
		linked := false
		for _, u := range urls {
			target, _ := resolveRef(tt.path, u)
			linked = linked || target == report.SheetPath("basic", "2026-03", "zz-st")
		}
		if !linked {
			t.Errorf("%s: the changed entity does not link its score sheet: %v", tt.path, urls)
		}
	}
}

// TestEntitiesIndexLinksEveryProfile: the entities index links each
// entity's profile under its name.
func TestEntitiesIndexLinksEveryProfile(t *testing.T) {
	s := demoSite(t)
	pg := html.UnescapeString(page(t, s, report.EntitiesPath()))
	for _, e := range s.Model().Data.Entities.All {
		if !strings.Contains(pg, `<a href="`+e.ID+`.html">`+e.Name+`</a>`) {
			t.Errorf("entities index: no link to %s", e.ID)
		}
	}
}

// TestHomeLinksSummaries: the home page names the first and last members
// of each scheme's latest results, each linking its score sheet, and
// links the periods and the entities. Each scheme with a cumulative
// period has a switch of two radio buttons, the first checked, labelled
// with the periods.
func TestHomeLinksSummaries(t *testing.T) {
	s := demoSite(t)
	pg := html.UnescapeString(page(t, s, report.HomePath()))
	d := pageModel(t, s, report.HomePath()).(*report.HomePage)
	n := 0
	for _, hs := range d.Schemes {
		id := "view-" + hs.Scheme.ID
		for i, want := range []string{
			`<input type="radio" class="home-pick home-pick-0" name="` + id + `" id="` + id + `-0" checked>`,
			`<label for="` + id + `-0">` + hs.Summaries[0].PeriodLabel + `</label>`,
			`<input type="radio" class="home-pick home-pick-1" name="` + id + `" id="` + id + `-1">`,
			`<label for="` + id + `-1">` + hs.Summaries[1].PeriodLabel + `</label>`,
		} {
			if !strings.Contains(pg, want) {
				t.Errorf("%s: switch part %d missing: %s", hs.Scheme.ID, i, want)
			}
		}
		for _, sum := range hs.Summaries {
			for _, top := range sum.Ends {
				for _, e := range append(append([]report.SummaryEntity(nil), top.Top...), top.Bottom...) {
					if !strings.Contains(pg, `<a href="`+e.Sheet+`">`+e.Name+`</a>`) {
						t.Errorf("home: no link %s → %s", e.Name, e.Sheet)
					}
					n++
				}
			}
		}
	}
	if n < 12 {
		t.Errorf("only %d members on the home page", n)
	}
	for _, want := range []string{`<a href="entities/index.html">全部单位</a>`, `<a href="periods/2026-03-ytd.html">`, "最新通报 · 2026年3月", "阅读全文", "<h1>最新考评结果</h1>"} {
		if !strings.Contains(pg, want) {
			t.Errorf("home lacks %q", want)
		}
	}
}

// TestEnglishPages builds the demo in English: each page says
// lang="en", its navigation and breadcrumbs carry no Chinese of their own
// (names from the data aside: the breadcrumbs show them), and the home
// page has its English heading.
func TestEnglishPages(t *testing.T) {
	t.Parallel()
	p := loadDemo(t)
	p.Config.Language = "en"
	s := newSite(t, p, optsWithZips)
	jobs := s.Model().Jobs()
	// Every page at the top two levels, and one of each folder below
	// (the score sheets, profiles and indicators are hundreds of pages of
	// the same components).
	seen := map[string]bool{}
	var some []report.Job
	for _, j := range jobs {
		if dir := path.Dir(j.Path); !seen[dir] || strings.Count(j.Path, "/") < 2 {
			seen[dir] = true
			some = append(some, j)
		}
	}
	jobs = some
	for _, j := range jobs {
		pg := page(t, s, j.Path)
		if !strings.HasPrefix(pg, `<!doctype html><html lang="en">`) {
			t.Errorf("%s does not start as an English page: %.60s", j.Path, pg)
		}
		i := strings.Index(pg, `<nav class="site-nav"`)
		nav := pg[i : i+strings.Index(pg[i:], "</nav>")]
		if strings.IndexFunc(nav, isHan) >= 0 {
			t.Errorf("%s: Chinese in the English navigation: %s", j.Path, nav)
		}
		if !strings.Contains(pg, ">Home</a></li>") {
			t.Errorf("%s: no English Home", j.Path)
		}
	}
	if pg := page(t, s, report.HomePath()); !strings.Contains(pg, "<h1>Latest results</h1>") {
		t.Errorf("English home lacks its heading")
	}
	if len(jobs) < 20 {
		t.Errorf("only %d pages checked", len(jobs))
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// TestPagesDeterministic: two sites planned from two loads of the demo
// write the same bytes for a ranking, a score sheet, a profile and a
// period's bundle.
func TestPagesDeterministic(t *testing.T) {
	t.Parallel()
	a, b := demoSite(t), newSite(t, loadDemo(t), optsWithZips)
	r := latestQuarter(t, a, "prosecutor")
	e := r.Groups[0].Entities[0].Entity.ID
	for _, p := range []string{report.RankingPath("prosecutor", r.Period.ID), report.SheetPath("prosecutor", r.Period.ID, e),
		report.EntityPath(e), report.ComparePath("prosecutor", r.Period.ID), report.BundlePath("2026-03")} {
		if string(file(t, a, p)) != string(file(t, b, p)) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestHomeMarked: the demo's own unit (home = "zz", 枣庄市) is marked in
// the cross-city ranking and comparison — its row shaded with the badge
// 本市, no other row — and bold in the ranking's charts.
func TestHomeMarked(t *testing.T) {
	s := demoSite(t)
	if s.Model().Config.Home != "zz" {
		t.Fatalf("the demo's home is %q, want zz", s.Model().Config.Home)
	}
	r := latestQuarter(t, s, "city")
	rowRE := regexp.MustCompile(`(?s)<tr[^>]*>.*?</tr>`)
	for _, path := range []string{report.RankingPath("city", r.Period.ID), report.ComparePath("city", r.Period.ID)} {
		pg := page(t, s, path)
		marked := 0
		for _, row := range rowRE.FindAllString(pg, -1) {
			home := strings.Contains(row, ">枣庄市</a>")
			shaded := strings.Contains(row, `class="home"`) || strings.Contains(row, ` home"`)
			badge := strings.Contains(row, `<span class="badge home-mark">本市</span>`)
			if shaded != home || badge != home {
				t.Errorf("%s: row of 枣庄市 %v, shaded %v, badge %v:\n%s", path, home, shaded, badge, row)
			}
			if home {
				marked++
			}
		}
		if marked == 0 {
			t.Errorf("%s: no row of 枣庄市", path)
		}
	}
	pg := page(t, s, report.RankingPath("city", r.Period.ID))
	if !strings.Contains(pg, `{"value":"枣庄市","textStyle":{"color":"#000000","fontWeight":"bold"}}`) {
		t.Errorf("no chart of the city ranking shows 枣庄市 in bold")
	}
}

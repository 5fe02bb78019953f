package report

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/publish"
	"kaoping/generator/render"
	"kaoping/internal/synth"
	"kaoping/templates"
)

// The tests of the native twins of ranking.html and compare.html share
// these helpers: sites that between them show every branch of the two
// templates, and a byte-for-byte comparison of the twin, the optimized
// templates and plain html/template.

// tableTwinCoverage counts the pages showing each branch of a template,
// so that a test fails when its sites stop exercising one.
type tableTwinCoverage map[string]int

func (c tableTwinCoverage) flag(name string, ok bool) {
	if ok {
		c[name]++
	}
}

// require fails t for each branch no page showed.
func (c tableTwinCoverage) require(t *testing.T, what string, branches ...string) {
	t.Helper()
	for _, b := range branches {
		if c[b] == 0 {
			t.Errorf("no %s shows %q: the comparison does not cover it", what, b)
		}
	}
}

// newTableTwinRenderers are the three renderers of lang, with the twin
// of page in force in the first only.
func newTableTwinRenderers(t *testing.T, lang, page string) sheetRenderers {
	t.Helper()
	rs := newSheetRenderers(t, lang)
	if !rs.native.Native(page) || rs.fast.Native(page) || rs.plain.Native(page) {
		t.Fatalf("%s: native twin in force: default %v, NoNative %v, Plain %v", page,
			rs.native.Native(page), rs.fast.Native(page), rs.plain.Native(page))
	}
	return rs
}

// tableTwinSame renders data with the three renderers, and through an
// io.Writer that is not a bytes.Buffer, and requires the same bytes.
func tableTwinSame(t *testing.T, name, page string, rs sheetRenderers, data any) {
	t.Helper()
	var native, fast, plain bytes.Buffer
	for _, x := range []struct {
		r   *render.Renderer
		buf *bytes.Buffer
	}{{rs.native, &native}, {rs.fast, &fast}, {rs.plain, &plain}} {
		if err := x.r.Execute(x.buf, page, data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var other strings.Builder // the twin writes to a pooled buffer first
	if err := rs.native.Execute(&other, page, data); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, o := range []struct {
		what string
		b    []byte
	}{{"native", native.Bytes()}, {"native through io.Writer", []byte(other.String())}, {"optimized template", fast.Bytes()}} {
		if !bytes.Equal(o.b, plain.Bytes()) {
			at := diffAt(o.b, plain.Bytes())
			t.Fatalf("%s: %s output differs from html/template at byte %d:\n%s: %q\ntemplate: %q",
				name, o.what, at, o.what, around(o.b, at), around(plain.Bytes(), at))
		}
	}
}

// tableTwinPages renders every page of m made with template page both
// ways. visit sees each page's data first (coverage) and returns variants
// of it to compare as well: copies with a branch the sites do not reach.
func tableTwinPages(t *testing.T, name, page string, m *Model, rs sheetRenderers, visit func(any) []any) int {
	t.Helper()
	n := 0
	for _, j := range m.Jobs() {
		if j.Template != page {
			continue
		}
		data, err := j.Data()
		if err != nil {
			t.Fatal(err)
		}
		var variants []any
		if visit != nil {
			variants = visit(data)
		}
		tableTwinSame(t, name+" "+j.Path, page, rs, data)
		for k, v := range variants {
			tableTwinSame(t, name+" "+j.Path+" variant "+itoa(k+1), page, rs, v)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("%s: no %s page", name, page)
	}
	return n
}

// tableTwinSites are the generated sites of the twin tests: a small one
// with months after the quarters, and one whose peer groups are large
// enough for compact charts and limited comparisons.
func tableTwinSites(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, opts := range []synth.Options{
		{Cities: 1, Units: 3, Prosecutors: 4, Periods: 4, Months: 1, Seed: 3},
		{Cities: 1, Units: 2, Prosecutors: 45, Periods: 2, Seed: 5},
	} {
		dir := t.TempDir()
		if err := synth.WriteSite(dir, opts); err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.Join(dir, "config.toml"))
	}
	return out
}

// tableTwinCorrections gives the demo's 2026-03 two amendments, so that the
// rankings of that period print partials/correction.html: changed rows
// with and without a score sheet, and a scheme with no row changed.
func tableTwinCorrections(m *Model) {
	m.Corrections = map[string][]publish.Correction{"2026-03": {
		{Period: "2026-03", Version: 2, Date: "2026-04-10", Reason: `录入错误 <b> & "x"`,
			Schemes: []publish.SchemeChange{{Scheme: "basic", Rows: []publish.RowChange{
				{Entity: "zz-st", Name: "山亭区人民检察院", Old: &publish.Standing{Rank: 2, Total: 88.5}, New: &publish.Standing{Rank: 1, Total: 93.7}},
				{Entity: "gone", Name: "已撤销单位", Old: &publish.Standing{Rank: 6, Total: 60}},
			}}, {Scheme: "prosecutor"}}},
		{Period: "2026-03", Version: 3, Date: "2026-04-20", Reason: "复核",
			Schemes: []publish.SchemeChange{{Scheme: "basic"}}},
	}}
}

// tableTwinOddDemo is the demo with text that needs escaping wherever a page
// prints a string, an absolute base URL (links go through
// html/template's URL escaping), and a bundle's filter that refuses some
// links (Rel gives "").
func tableTwinOddDemo(t *testing.T, lang string) *Model {
	t.Helper()
	m := loadSiteLang(t, "../../config.toml", lang)
	odd := ` A<b> & "q" 'a' +1 ` + "\x00"
	m.Config.Title += odd
	m.Site.Title += odd
	m.Site.Subtitle = odd
	m.Site.BaseURL = "https://example.org/a b/"
	m.Site.Only = func(from, to string) bool {
		return !strings.HasPrefix(to, "entities/") && !strings.Contains(to, "2026-02")
	}
	for _, e := range m.Data.Entities.All {
		e.Name += odd
	}
	for _, s := range m.Config.Schemes {
		s.Name += odd
		for _, c := range s.Categories {
			c.Name += odd
		}
		for _, ind := range s.Indicators {
			ind.Name += odd
		}
		for _, a := range s.Adjustments {
			a.Name += odd
		}
	}
	tableTwinCorrections(m)
	return m
}

// rankingTwinVisit records the branches a ranking shows and returns a
// variant with those no site reaches: a group without indicator charts
// and a correction whose scheme has no ranking link.
func rankingTwinVisit(cov tableTwinCoverage) func(any) []any {
	return func(data any) []any {
		d := data.(*RankingPage)
		cov.flag("ytd period", d.Period.Derived)
		cov.flag("month period", !d.Period.Derived && !strings.Contains(d.Period.ID, "Q"))
		cov.flag("quarter period", strings.Contains(d.Period.ID, "Q"))
		cov.flag("corrections", len(d.Corrections) > 0)
		cov.flag("prev", d.Prev != nil)
		cov.flag("no prev", d.Prev == nil)
		cov.flag("next", d.Next != nil)
		cov.flag("no next", d.Next == nil)
		cov.flag("several groups", len(d.Groups) > 1)
		cov.flag("one group", len(d.Groups) == 1)
		cov.flag("parent column", d.HasParent)
		cov.flag("no parent column", !d.HasParent)
		cov.flag("adjustments", len(d.Adjustments) > 0)
		cov.flag("no adjustments", len(d.Adjustments) == 0)
		cov.flag("grades", d.HasGrades)
		cov.flag("no grades", !d.HasGrades)
		cov.flag("vetoes", d.HasVetoes)
		cov.flag("no vetoes", !d.HasVetoes)
		for _, c := range d.Corrections {
			for _, s := range c.Schemes {
				cov.flag("correction rows", len(s.Rows) > 0)
				cov.flag("correction without rows", len(s.Rows) == 0)
				for _, r := range s.Rows {
					cov.flag("correction row with sheet", r.Sheet != "")
					cov.flag("correction row without sheet", r.Sheet == "")
				}
			}
		}
		for _, g := range d.Groups {
			cov.flag("compact", g.Compact)
			cov.flag("category chart", g.CategoryChart != nil)
			cov.flag("no category chart", g.CategoryChart == nil)
			cov.flag("indicator charts", len(g.IndicatorCharts) > 0)
			for _, r := range g.Rows {
				cov.flag("vetoed row", r.Vetoed)
				cov.flag("new in ranking", r.RankChange == nil)
				for _, a := range r.AdjustmentCells {
					cov.flag("zero adjustment", a.Zero)
					cov.flag("adjustment", !a.Zero)
				}
			}
		}
		v := *d
		v.Groups = make([]*RankingGroup, len(d.Groups))
		for i, g := range d.Groups {
			cp := *g
			cp.IndicatorCharts = nil
			v.Groups[i] = &cp
		}
		v.Corrections = append([]CorrectionView(nil), d.Corrections...)
		for i := range v.Corrections {
			c := &v.Corrections[i]
			c.Schemes = append([]CorrectionScheme(nil), c.Schemes...)
			for k := range c.Schemes {
				c.Schemes[k].Ranking = ""
			}
		}
		return []any{&v}
	}
}

// TestRankingNativeMatchesTemplate renders every ranking of the demo site
// (with amendments) and of two generated sites, in Chinese and English,
// through the native twin, the optimized templates and plain
// html/template, and requires the same bytes; also with a base_url,
// names that need escaping, and a bundle's link filter.
func TestRankingNativeMatchesTemplate(t *testing.T) {
	sites := tableTwinSites(t)
	cov := tableTwinCoverage{}
	for _, lang := range []string{"zh-CN", "en"} {
		rs := newTableTwinRenderers(t, lang, "ranking.html")
		demo := loadSiteLang(t, "../../config.toml", lang)
		tableTwinCorrections(demo)
		n := tableTwinPages(t, "demo "+lang, "ranking.html", demo, rs, rankingTwinVisit(cov))
		for _, site := range sites {
			n += tableTwinPages(t, site+" "+lang, "ranking.html", loadSiteLang(t, site, lang), rs, rankingTwinVisit(cov))
		}
		n += tableTwinPages(t, "odd demo "+lang, "ranking.html", tableTwinOddDemo(t, lang), rs, nil)
		t.Logf("%s: %d rankings identical", lang, n)
	}
	cov.require(t, "ranking", "ytd period", "month period", "quarter period", "corrections", "prev", "no prev",
		"next", "no next", "several groups", "one group", "parent column", "no parent column", "adjustments",
		"no adjustments", "grades", "no grades", "vetoes", "no vetoes", "correction rows", "correction without rows",
		"correction row with sheet", "correction row without sheet", "compact", "category chart", "no category chart",
		"indicator charts", "vetoed row", "new in ranking", "zero adjustment", "adjustment")
}

// tableTwinMark marks an override's output: plain text, as <title>
// escapes tags.
const tableTwinMark = "SITE-OVERRIDE-MARK"

// tableTwinOverride is a site's template file and whether the twin
// stays in force with it.
type tableTwinOverride struct {
	file, text string
	native     bool
}

// tableTwinOverrides are the templates whose override must turn the twin
// of page off (the layout, its partials and blocks, and extra), and two
// that must not.
func tableTwinOverrides(t *testing.T, page, mainMark string, extra []string, unrelated []string) []tableTwinOverride {
	builtin := func(name string) string {
		b, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const mark = tableTwinMark
	cases := []tableTwinOverride{
		{page, strings.Replace(builtin(page), mainMark, mark+mainMark, 1), false},
		{"base.html", strings.Replace(builtin("base.html"), "<body>", "<body>"+mark, 1), false},
		{"partials/header.html", mark + builtin("partials/header.html"), false},
		{"partials/nav.html", mark + builtin("partials/nav.html"), false},
		{"partials/breadcrumbs.html", mark + builtin("partials/breadcrumbs.html"), false},
		{"partials/footer.html", mark + builtin("partials/footer.html"), false},
		{"partials/extra.html", `{{define "head"}}` + mark + `{{end}}`, false},
		{"partials/extra.html", `{{define "title"}}` + mark + `{{end}}`, false},
	}
	for _, f := range extra {
		cases = append(cases, tableTwinOverride{f, strings.Replace(builtin(f), "<section", mark+"<section", 1), false})
	}
	for _, f := range unrelated {
		cases = append(cases, tableTwinOverride{f, builtin(f) + mark, true})
	}
	return cases
}

// tableTwinOff overrides each case's file in a site's templates folder
// and checks that the twin of page is in force, and the override's mark
// printed, as the case says.
func tableTwinOff(t *testing.T, lang, page string, data any, cases []tableTwinOverride) {
	t.Helper()
	const mark = tableTwinMark
	for _, c := range cases {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "partials"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := render.New(render.Options{Lang: lang, Dir: dir})
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if r.Native(page) != c.native {
			t.Errorf("%s: override of %s: native twin in force = %v, want %v", page, c.file, r.Native(page), c.native)
		}
		var buf bytes.Buffer
		if err := r.Execute(&buf, page, data); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if got := strings.Contains(buf.String(), mark); got == c.native {
			t.Errorf("%s: override of %s (%.40s): page contains the override's mark = %v", page, c.file, c.text, got)
		}
	}
}

// tableTwinPage is the data of the first page of m with template page whose
// path contains part.
func tableTwinPage(t *testing.T, m *Model, page, part string) any {
	t.Helper()
	for _, j := range m.Jobs() {
		if j.Template == page && strings.Contains(j.Path, part) {
			data, err := j.Data()
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("no %s page at %s", page, part)
	return nil
}

// TestRankingNativeOffWhenOverridden: overriding ranking.html, the
// layout, a partial the ranking uses (correction.html included) or a
// block of the layout turns the twin off and the override shows;
// overriding sheet.html or compare.html keeps it.
func TestRankingNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	tableTwinCorrections(m)
	data := tableTwinPage(t, m, "ranking.html", "basic/2026-03")
	if len(data.(*RankingPage).Corrections) == 0 {
		t.Fatal("the ranking shows no correction")
	}
	tableTwinOff(t, m.Lang, "ranking.html", data,
		tableTwinOverrides(t, "ranking.html", `<h1 class="rank-title">`, []string{"partials/correction.html"}, []string{"sheet.html", "compare.html"}))
}

// TestRankingNativeMessages: UI strings a site replaces reach the twin
// as they reach the template, escaped the same way.
func TestRankingNativeMessages(t *testing.T) {
	m := rankDemo(t)
	tableTwinCorrections(m)
	msgs := map[string]render.Message{
		"rank.periods":      {ZH: `期间 <b> & "x"`, EN: `Periods <b> & "x"`},
		"rank.veto_mark":    {ZH: "否决'+", EN: "Veto'+"},
		"correction.reason": {ZH: "原因<>", EN: "Reason<>"},
		"col.total":         {ZH: "合计&", EN: "Sum&"},
	}
	native, err := render.New(render.Options{Lang: m.Lang, Dir: "/nonexistent-kaoping-templates", Messages: msgs})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := render.New(render.Options{Lang: m.Lang, Dir: "/nonexistent-kaoping-templates", Messages: msgs, Plain: true})
	if err != nil {
		t.Fatal(err)
	}
	if !native.Native("ranking.html") {
		t.Fatal("replaced UI strings turned the twin off")
	}
	tableTwinSame(t, "ranking with messages", "ranking.html", sheetRenderers{native: native, fast: plain, plain: plain},
		tableTwinPage(t, m, "ranking.html", "basic/2026-03"))
}

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

// The tests of the native twins of sheet.html, ranking.html, compare.html
// and entity.html share these helpers: the three ways to render a page, a
// byte-for-byte comparison of them, coverage of a template's branches,
// sites with text that needs escaping, and overrides that must turn a
// twin off.

// twinRenderers are the three ways to render a page: the native twin,
// the optimized templates and html/template's own.
type twinRenderers struct{ native, fast, plain *render.Renderer }

// newTwinRenderers are the three renderers of lang with the built-in
// templates and msgs (nil: none) replacing UI strings; it fails t unless
// the twin of page is in force in the first only.
func newTwinRenderers(t *testing.T, lang, page string, msgs map[string]render.Message) twinRenderers {
	t.Helper()
	var rs twinRenderers
	for _, x := range []struct {
		r    **render.Renderer
		opts render.Options
	}{
		{&rs.native, render.Options{Lang: lang}},
		{&rs.fast, render.Options{Lang: lang, NoNative: true}},
		{&rs.plain, render.Options{Lang: lang, Plain: true}},
	} {
		x.opts.Dir = "/nonexistent-kaoping-templates"
		x.opts.Messages = msgs
		r, err := render.New(x.opts)
		if err != nil {
			t.Fatal(err)
		}
		*x.r = r
	}
	if !rs.native.Native(page) || rs.fast.Native(page) || rs.plain.Native(page) {
		t.Fatalf("%s: native twin in force: default %v, NoNative %v, Plain %v", page,
			rs.native.Native(page), rs.fast.Native(page), rs.plain.Native(page))
	}
	return rs
}

// twinSame renders data with the three renderers, and through an
// io.Writer that is not a bytes.Buffer, and requires the same bytes.
func twinSame(t *testing.T, name, page string, rs twinRenderers, data any) {
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

func diffAt(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func around(b []byte, i int) []byte { return b[max(0, i-80):min(len(b), i+80)] }

// twinPages renders the page of each job both ways (twinSame) and counts
// them. visit (if not nil) sees each page's data first, for coverage, and
// returns variants of it to compare as well: copies with a branch the
// sites do not reach.
func twinPages(t *testing.T, name string, jobs []Job, rs twinRenderers, visit func(any) []any) int {
	t.Helper()
	if len(jobs) == 0 {
		t.Fatalf("%s: no pages", name)
	}
	for _, j := range jobs {
		data, err := j.Data()
		if err != nil {
			t.Fatal(err)
		}
		var variants []any
		if visit != nil {
			variants = visit(data)
		}
		twinSame(t, name+" "+j.Path, j.Template, rs, data)
		for k, v := range variants {
			twinSame(t, name+" "+j.Path+" variant "+itoa(k+1), j.Template, rs, v)
		}
	}
	return len(jobs)
}

// pageJobs are the jobs of m with template page.
func pageJobs(m *Model, page string) []Job {
	var out []Job
	for _, j := range m.Jobs() {
		if j.Template == page {
			out = append(out, j)
		}
	}
	return out
}

// shortSample is jobs, or with -short every every-th of them when there
// are more than above.
func shortSample(jobs []Job, every, above int) []Job {
	if !testing.Short() || len(jobs) <= above {
		return jobs
	}
	var out []Job
	for k := 0; k < len(jobs); k += every {
		out = append(out, jobs[k])
	}
	return out
}

// twinPage is the data of the first page of m with template page whose
// path contains part.
func twinPage(t *testing.T, m *Model, page, part string) any {
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

// twinCoverage counts the pages showing each branch of a template, so
// that a test fails when its sites stop exercising one.
type twinCoverage map[string]int

func (c twinCoverage) flag(name string, ok bool) {
	if ok {
		c[name]++
	}
}

// require fails t for each branch no page showed.
func (c twinCoverage) require(t *testing.T, what string, branches ...string) {
	t.Helper()
	for _, b := range branches {
		if c[b] == 0 {
			t.Errorf("no %s shows %q: the comparison does not cover it", what, b)
		}
	}
}

// loadSiteLang loads a site in lang.
func loadSiteLang(t *testing.T, config, lang string) *Model {
	t.Helper()
	m, err := loadSite(config)
	if err != nil {
		t.Fatal(err)
	}
	m.Config.Language = lang
	return New(m.Config, m.Data, m.Results)
}

// synthSites writes a generated site for each of opts and returns their
// config files.
func synthSites(t *testing.T, opts ...synth.Options) []string {
	t.Helper()
	var out []string
	for _, o := range opts {
		dir := t.TempDir()
		if err := synth.WriteSite(dir, o); err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.Join(dir, "config.toml"))
	}
	return out
}

// oddModel puts text that needs escaping wherever a page prints a name
// (the site's titles, entities, peer groups, schemes and their parts),
// an absolute base URL with a space (links go through html/template's URL
// escaping) and a bundle's link filter only, which refuses some links
// (Rel gives "").
func oddModel(m *Model, only func(from, to string) bool) *Model {
	odd := ` A<b> & "q" 'a' +1 ` + "\x00"
	m.Config.Title += odd
	m.Site.Title += odd
	m.Site.Subtitle = odd
	m.Site.BaseURL = "https://example.org/a b/"
	m.Site.Only = only
	for _, e := range m.Data.Entities.All {
		e.Name += odd
		if e.Group != "" {
			e.Group += odd
		}
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
	return m
}

// oddMessages replaces each of the UI strings keys, in both languages,
// with text that needs escaping.
func oddMessages(keys ...string) map[string]render.Message {
	msgs := map[string]render.Message{}
	for _, k := range keys {
		msgs[k] = render.Message{ZH: k + ` 中文 <b> & "x" '+`, EN: k + ` <b> & "x" '+`}
	}
	return msgs
}

// TestNativeTwinsDecline: data a twin does not know goes to the template,
// and a page that fails leaves the buffer as it was.
func TestNativeTwinsDecline(t *testing.T) {
	for _, page := range []string{"sheet.html", "ranking.html", "compare.html", "entity.html"} {
		rs := newTwinRenderers(t, "zh-CN", page, nil)
		buf := bytes.NewBufferString("before|")
		if err := rs.native.Execute(buf, page, struct{ Page *render.Page }{}); err == nil {
			t.Fatalf("%s: a page without data rendered", page)
		}
		if buf.String() != "before|" {
			t.Errorf("%s: failed page left %q in the buffer", page, buf.String())
		}
	}
}

// twinOverrideMark marks an override's output: plain text, as <title>
// escapes tags.
const twinOverrideMark = "SITE-OVERRIDE-MARK"

// twinOverride is a site's template file and whether the twin stays in
// force with it.
type twinOverride struct {
	file, text string
	native     bool
}

// twinOverrides are the templates whose override must turn the twin of
// page off (page itself, marked before mainMark; the layout, its partials
// and blocks; and extra), and those (unrelated) that must not.
func twinOverrides(t *testing.T, page, mainMark string, extra []string, unrelated []string) []twinOverride {
	builtin := func(name string) string {
		b, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const mark = twinOverrideMark
	cases := []twinOverride{
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
		cases = append(cases, twinOverride{f, strings.Replace(builtin(f), "<section", mark+"<section", 1), false})
	}
	for _, f := range unrelated {
		cases = append(cases, twinOverride{f, builtin(f) + mark, true})
	}
	return cases
}

// twinOff overrides each case's file in a site's templates folder and
// checks that the twin of page is in force, and the override's mark
// printed, as the case says.
func twinOff(t *testing.T, lang, page string, data any, cases []twinOverride) {
	t.Helper()
	const mark = twinOverrideMark
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

// The rankings' and comparisons' tests share their sites.

// tableTwinSites are the generated sites of the ranking and comparison
// tests: a small one with months after the quarters, and one whose peer
// groups are large enough for compact charts and limited comparisons.
func tableTwinSites(t *testing.T) []string {
	return synthSites(t,
		synth.Options{Cities: 1, Units: 3, Prosecutors: 4, Periods: 4, Months: 1, Seed: 3},
		synth.Options{Cities: 1, Units: 2, Prosecutors: 45, Periods: 2, Seed: 5})
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

// tableTwinOddDemo is the demo with odd text (oddModel), a filter that
// refuses the profiles and one period, and the amendments.
func tableTwinOddDemo(t *testing.T, lang string) *Model {
	t.Helper()
	m := oddModel(loadSiteLang(t, "../../config.toml", lang), func(from, to string) bool {
		return !strings.HasPrefix(to, "entities/") && !strings.Contains(to, "2026-02")
	})
	tableTwinCorrections(m)
	return m
}

// tableTwinMatches renders every page with template page of the demo
// site (altered by prepare, if not nil), of tableTwinSites and of
// tableTwinOddDemo, in Chinese and English, both ways (twinSame). visit
// sees the data of the first three's pages (see twinPages).
func tableTwinMatches(t *testing.T, page string, prepare func(*Model), visit func(any) []any) {
	t.Helper()
	sites := tableTwinSites(t)
	for _, lang := range []string{"zh-CN", "en"} {
		rs := newTwinRenderers(t, lang, page, nil)
		demo := loadSiteLang(t, "../../config.toml", lang)
		if prepare != nil {
			prepare(demo)
		}
		n := twinPages(t, "demo "+lang, pageJobs(demo, page), rs, visit)
		for _, site := range sites {
			n += twinPages(t, site+" "+lang, pageJobs(loadSiteLang(t, site, lang), page), rs, visit)
		}
		n += twinPages(t, "odd demo "+lang, pageJobs(tableTwinOddDemo(t, lang), page), rs, nil)
		t.Logf("%s: %d pages identical", lang, n)
	}
}

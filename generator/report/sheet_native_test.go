package report

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/render"
	"kaoping/internal/synth"
	"kaoping/templates"
)

// sheetRenderers are the three ways to render a sheet: the native twin,
// the optimized templates and html/template's own.
type sheetRenderers struct{ native, fast, plain *render.Renderer }

func newSheetRenderers(t *testing.T, lang string) sheetRenderers {
	t.Helper()
	var rs sheetRenderers
	for _, x := range []struct {
		r    **render.Renderer
		opts render.Options
	}{
		{&rs.native, render.Options{Lang: lang}},
		{&rs.fast, render.Options{Lang: lang, NoNative: true}},
		{&rs.plain, render.Options{Lang: lang, Plain: true}},
	} {
		x.opts.Dir = "/nonexistent-kaoping-templates"
		r, err := render.New(x.opts)
		if err != nil {
			t.Fatal(err)
		}
		*x.r = r
	}
	if !rs.native.Native("sheet.html") || rs.fast.Native("sheet.html") || rs.plain.Native("sheet.html") {
		t.Fatalf("native twin in force: default %v, NoNative %v, Plain %v",
			rs.native.Native("sheet.html"), rs.fast.Native("sheet.html"), rs.plain.Native("sheet.html"))
	}
	return rs
}

// sheetCoverage counts the sheets showing each optional part, so that the
// test fails when its sites stop exercising one.
type sheetCoverage map[string]int

func (c sheetCoverage) add(d *SheetPage) {
	flag := func(name string, ok bool) {
		if ok {
			c[name]++
		}
	}
	flag("grade", d.Grade != "")
	flag("no grade", d.Grade == "")
	flag("vetoed", d.Vetoed && len(d.Vetoes) > 0)
	flag("scheme vetoes, none hit", len(d.Scheme.Vetoes) > 0 && len(d.Vetoes) == 0)
	flag("adjustments", len(d.Adjustments) > 0 && d.AdjustmentSum != 0)
	flag("no previous period", d.Prev == nil)
	flag("previous and next", d.Prev != nil && d.Next != nil)
	flag("new in ranking", d.RankChange == nil)
	flag("rank history", d.RankChart != nil && d.TotalChart != nil)
	flag("parents", len(d.Parents) > 0)
	for _, c := range d.Categories {
		for _, r := range c.Rows {
			flag("missing value", r.Value == nil && r.Missing != "")
			flag("difference mark", r.DiffMark != "")
			flag("no rank", r.Rank == 0)
		}
	}
}

// compareSheets renders every sheet of m with the three renderers and
// requires the same bytes.
func compareSheets(t *testing.T, name string, m *Model, rs sheetRenderers, cov sheetCoverage) int {
	t.Helper()
	jobs := sheetJobsOf(m)
	if len(jobs) == 0 {
		t.Fatalf("%s: no sheets", name)
	}
	for k, j := range jobs {
		if testing.Short() && k%7 != 0 {
			continue // -short: a sample
		}
		data, err := j.Data()
		if err != nil {
			t.Fatal(err)
		}
		if cov != nil {
			cov.add(data.(*SheetPage))
		}
		var native, fast, plain bytes.Buffer
		for _, x := range []struct {
			r   *render.Renderer
			buf *bytes.Buffer
		}{{rs.native, &native}, {rs.fast, &fast}, {rs.plain, &plain}} {
			if err := x.r.Execute(x.buf, j.Template, data); err != nil {
				t.Fatalf("%s %s: %v", name, j.Path, err)
			}
		}
		var other strings.Builder // not a bytes.Buffer: the twin writes to a pooled one first
		if err := rs.native.Execute(&other, j.Template, data); err != nil {
			t.Fatalf("%s %s: %v", name, j.Path, err)
		}
		for _, o := range []struct {
			what string
			b    []byte
		}{{"native", native.Bytes()}, {"native through io.Writer", []byte(other.String())}, {"optimized template", fast.Bytes()}} {
			if !bytes.Equal(o.b, plain.Bytes()) {
				at := diffAt(o.b, plain.Bytes())
				t.Fatalf("%s %s: %s output differs from html/template at byte %d:\n%s: %q\ntemplate: %q",
					name, j.Path, o.what, at, o.what, around(o.b, at), around(plain.Bytes(), at))
			}
		}
	}
	if testing.Short() {
		return (len(jobs) + 6) / 7
	}
	return len(jobs)
}

func diffAt(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func around(b []byte, i int) []byte { return b[max(0, i-80):min(len(b), i+80)] }

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

// TestSheetNativeMatchesTemplate renders every score sheet of the demo
// site and of a generated site, in Chinese and English, through the
// native twin, the optimized templates and plain html/template, and
// requires the same bytes; also with a base_url, names that need
// escaping, and the link filter of a per-period bundle.
func TestSheetNativeMatchesTemplate(t *testing.T) {
	gen := t.TempDir()
	opts := synth.Options{Cities: 1, Units: 3, Prosecutors: 4, Periods: 4, Months: 1, Seed: 3}
	if testing.Short() {
		opts = synth.Options{Cities: 1, Units: 2, Prosecutors: 3, Periods: 3, Seed: 3}
	}
	if err := synth.WriteSite(gen, opts); err != nil {
		t.Fatal(err)
	}
	cov := sheetCoverage{}
	for _, lang := range []string{"zh-CN", "en"} {
		rs := newSheetRenderers(t, lang)
		n := 0
		for _, site := range []string{"../../config.toml", filepath.Join(gen, "config.toml")} {
			n += compareSheets(t, site+" "+lang, loadSiteLang(t, site, lang), rs, cov)
		}

		// Odd text everywhere a sheet prints a string, an absolute base
		// URL (links go through html/template's URL escaping), and a
		// bundle's filter that refuses some links (Rel gives "").
		m := loadSiteLang(t, "../../config.toml", lang)
		odd := ` A<b> & "q" 'a' +1 ` + "\x00"
		m.Config.Title += odd
		m.Site.Title += odd
		m.Site.Subtitle = odd
		m.Site.BaseURL = "https://example.org/a b/"
		m.Site.Only = func(from, to string) bool { return !strings.HasPrefix(to, "entities/") }
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
		}
		n += compareSheets(t, "odd demo "+lang, m, rs, nil)
		t.Logf("%s: %d sheets identical", lang, n)
	}
	for _, part := range []string{"grade", "no grade", "vetoed", "scheme vetoes, none hit", "adjustments",
		"no previous period", "previous and next", "new in ranking", "rank history", "parents",
		"missing value", "difference mark", "no rank"} {
		if cov[part] == 0 {
			t.Errorf("no sheet shows %q: the comparison does not cover it", part)
		}
	}
}

// TestSheetNativeOffWhenOverridden overrides sheet.html, the layout, each
// partial the sheet uses, and a block of the layout from another file,
// each in turn in a site's templates folder: the native twin must step
// aside and the override's output appear. Overriding a template the
// sheet does not use keeps the twin.
func TestSheetNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	jobs := sheetJobsOf(m)
	data, err := jobs[len(jobs)-1].Data()
	if err != nil {
		t.Fatal(err)
	}
	builtin := func(name string) string {
		b, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const mark = "SITE-OVERRIDE-MARK" // plain text: <title> escapes tags
	cases := []struct {
		file, text string
		native     bool
	}{
		{"sheet.html", strings.Replace(builtin("sheet.html"), `<h1 class="sheet-title">`, mark+`<h1 class="sheet-title">`, 1), false},
		{"base.html", strings.Replace(builtin("base.html"), "<body>", "<body>"+mark, 1), false},
		{"partials/header.html", mark + builtin("partials/header.html"), false},
		{"partials/nav.html", mark + builtin("partials/nav.html"), false},
		{"partials/breadcrumbs.html", mark + builtin("partials/breadcrumbs.html"), false},
		{"partials/footer.html", mark + builtin("partials/footer.html"), false},
		{"partials/extra.html", `{{define "head"}}` + mark + `{{end}}`, false},
		{"partials/extra.html", `{{define "title"}}` + mark + `{{end}}`, false},
		{"ranking.html", builtin("ranking.html") + mark, true},
		{"partials/correction.html", builtin("partials/correction.html") + mark, true},
	}
	for _, c := range cases {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "partials"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := render.New(render.Options{Lang: m.Lang, Dir: dir})
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if r.Native("sheet.html") != c.native {
			t.Errorf("override of %s: native twin in force = %v, want %v", c.file, r.Native("sheet.html"), c.native)
		}
		var buf bytes.Buffer
		if err := r.Execute(&buf, "sheet.html", data); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if got := strings.Contains(buf.String(), mark); got == c.native {
			t.Errorf("override of %s (%.40s): page contains the override's mark = %v", c.file, c.text, got)
		}
	}
}

// TestSheetNativeDeclines: data the twin does not know goes to the
// template, and a page that fails leaves the buffer as it was.
func TestSheetNativeDeclines(t *testing.T) {
	rs := newSheetRenderers(t, "zh-CN")
	buf := bytes.NewBufferString("before|")
	err := rs.native.Execute(buf, "sheet.html", struct{ Page *render.Page }{})
	if err == nil {
		t.Fatal("a sheet without data rendered")
	}
	if buf.String() != "before|" {
		t.Errorf("failed page left %q in the buffer", buf.String())
	}
}

// TestSheetNativeMessages: UI strings a site replaces (config [messages])
// reach the twin as they reach the template, escaped the same way, and a
// sheet.of of another shape is formatted by fmt as tf does.
func TestSheetNativeMessages(t *testing.T) {
	m := rankDemo(t)
	jobs := sheetJobsOf(m)
	for _, of := range []string{"No. %d <of> %d", "%d/%d (100%%)", "%[2]d: %[1]d"} {
		msgs := map[string]render.Message{
			"sheet.of":     {ZH: of, EN: of},
			"sheet.how":    {ZH: `计分 <b> & "过程"`, EN: `How <b> & "it"`},
			"ui.skip":      {ZH: "跳过 ' +", EN: "Skip ' +"},
			"col.total":    {ZH: "合计&", EN: "Sum&"},
			"sheet.vetoes": {ZH: "否决<>", EN: "Vetoes<>"},
		}
		native, err := render.New(render.Options{Lang: m.Lang, Dir: "/nonexistent-kaoping-templates", Messages: msgs})
		if err != nil {
			t.Fatal(err)
		}
		plain, err := render.New(render.Options{Lang: m.Lang, Dir: "/nonexistent-kaoping-templates", Messages: msgs, Plain: true})
		if err != nil {
			t.Fatal(err)
		}
		if !native.Native("sheet.html") {
			t.Fatal("replaced UI strings turned the twin off")
		}
		for k := 0; k < len(jobs); k += 97 {
			data, err := jobs[k].Data()
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := native.Execute(&a, "sheet.html", data); err != nil {
				t.Fatal(err)
			}
			if err := plain.Execute(&b, "sheet.html", data); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				at := diffAt(a.Bytes(), b.Bytes())
				t.Fatalf("sheet.of %q, %s: differs at byte %d:\nnative:   %q\ntemplate: %q", of, jobs[k].Path, at, around(a.Bytes(), at), around(b.Bytes(), at))
			}
		}
	}
}

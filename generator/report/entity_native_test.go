package report

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/render"
	"kaoping/generator/scoring"
	"kaoping/internal/synth"
	"kaoping/templates"
)

// entityRenderers are the three ways to render a profile: the native
// twin, the optimized templates and html/template's own.
type entityRenderers struct{ native, fast, plain *render.Renderer }

func newEntityRenderers(t *testing.T, lang string, msgs map[string]render.Message) entityRenderers {
	t.Helper()
	var rs entityRenderers
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
	if !rs.native.Native("entity.html") || rs.fast.Native("entity.html") || rs.plain.Native("entity.html") {
		t.Fatalf("native twin in force: default %v, NoNative %v, Plain %v",
			rs.native.Native("entity.html"), rs.fast.Native("entity.html"), rs.plain.Native("entity.html"))
	}
	return rs
}

// entityCoverage counts the profiles showing each optional part of
// entity.html, so that the test fails when its sites stop exercising one.
type entityCoverage map[string]int

func (c entityCoverage) add(d *EntityPage) {
	flag := func(name string, ok bool) {
		if ok {
			c[name]++
		}
	}
	flag("parent", d.Parent != nil)
	flag("root", d.Parent == nil)
	flag("entity group", d.Entity.Group != "")
	flag("group without parent", d.Entity.Group != "" && d.Parent == nil)
	flag("children", len(d.Children) > 0)
	flag("not scored", len(d.Schemes) == 0)
	flag("children, no child schemes", len(d.Children) > 0 && len(d.ChildSchemes) == 0)
	flag("below column", d.HasBelow)
	flag("comparison chart", hasComparison(d, true))
	flag("too many to compare", hasComparison(d, false))
	for _, s := range d.Schemes {
		flag("no latest", s.Latest == nil)
		flag("peer group", s.Group != "")
		flag("not in latest period", s.NotLatest)
		flag("trend charts", s.TotalChart != nil)
		flag("no trend charts", s.TotalChart == nil)
		flag("key indicators", len(s.KeyCharts) > 0)
		flag("trend note", s.HasDerived && s.TotalChart != nil)
		for _, r := range s.Rows {
			flag("derived row", r.Derived)
			flag("grade", r.Grade != "")
			flag("no grade", r.Grade == "")
			flag("vetoed", r.Vetoed)
			flag("new in ranking", r.RankChange == nil)
			flag("rank up", r.RankChangeClass == "pos")
			flag("rank down", r.RankChangeClass == "neg")
			flag("above mean", r.DiffClass == "pos")
			flag("below mean", r.DiffClass == "neg")
		}
	}
	for _, ch := range d.Children {
		flag("leaf child", d.HasBelow && ch.Below == "")
		for _, cell := range ch.Cells {
			flag("unscored child cell", !cell.Scored)
			flag("older child result", cell.Scored && cell.Period != "")
			flag("child grade", cell.Grade != "")
			flag("child without grade", cell.Scored && cell.Grade == "")
		}
	}
}

func hasComparison(d *EntityPage, chart bool) bool {
	for _, c := range d.Comparisons {
		if (c.Chart != nil) == chart {
			return true
		}
	}
	return false
}

// entityParts are the flags of entityCoverage every run must see.
var entityParts = []string{"parent", "root", "entity group", "group without parent", "children", "not scored",
	"children, no child schemes", "below column", "comparison chart", "too many to compare",
	"no latest", "peer group", "not in latest period", "trend charts", "no trend charts", "key indicators", "trend note",
	"derived row", "grade", "no grade", "vetoed", "new in ranking", "rank up", "rank down", "above mean", "below mean",
	"leaf child", "unscored child cell", "older child result", "child grade", "child without grade"}

// compareProfiles renders every profile of m (a sample with -short) with
// the three renderers and requires the same bytes.
func compareProfiles(t *testing.T, name string, m *Model, rs entityRenderers, cov entityCoverage) int {
	t.Helper()
	jobs := entityJobs(m)
	if len(jobs) == 0 {
		t.Fatalf("%s: no profiles", name)
	}
	n := 0
	for k, j := range jobs {
		if testing.Short() && k%5 != 0 && len(jobs) > 200 {
			continue // -short: a sample of large sites
		}
		n++
		data, err := j.Data()
		if err != nil {
			t.Fatal(err)
		}
		if cov != nil {
			cov.add(data.(*EntityPage))
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
	return n
}

// entityTestSites writes the generated sites the profile tests use: one
// with months (cumulative periods, entities missing from some periods)
// and one with more prosecutors per procuratorate than a comparison
// chart draws.
func entityTestSites(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, opts := range []synth.Options{
		{Cities: 2, Units: 3, Prosecutors: 4, Periods: 3, Months: 2, Seed: 5},
		{Cities: 1, Units: 1, Prosecutors: maxComparisonBars + 3, Periods: 2, Seed: 7},
	} {
		dir := t.TempDir()
		if err := synth.WriteSite(dir, opts); err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.Join(dir, "config.toml"))
	}
	return out
}

// TestEntityNativeMatchesTemplate renders every profile of the demo site
// and of generated sites, in Chinese and English, through the native
// twin, the optimized templates and plain html/template, and requires the
// same bytes; also with a base_url, names that need escaping, and the
// link filter of a per-period bundle. It fails when the sites stop
// showing some branch of entity.html.
func TestEntityNativeMatchesTemplate(t *testing.T) {
	sites := append([]string{"../../config.toml"}, entityTestSites(t)...)
	cov := entityCoverage{}
	for _, lang := range []string{"zh-CN", "en"} {
		rs := newEntityRenderers(t, lang, nil)
		n := 0
		for _, site := range sites {
			n += compareProfiles(t, site+" "+lang, loadSiteLang(t, site, lang), rs, cov)
		}
		n += compareProfiles(t, "holes "+lang, holeyModel(t, sites[1], lang), rs, cov)

		// Odd text everywhere a profile prints a string, an absolute base
		// URL, and a bundle's filter that refuses some links (Rel gives "").
		for _, site := range sites {
			m := loadSiteLang(t, site, lang)
			oddProfiles(m)
			n += compareProfiles(t, "odd "+site+" "+lang, m, rs, nil)
		}
		t.Logf("%s: %d profiles identical", lang, n)
	}
	for _, part := range entityParts {
		if cov[part] == 0 {
			t.Errorf("no profile shows %q: the comparison does not cover it", part)
		}
	}
}

// holeyModel loads a generated site and takes results away, as members
// that join or leave do: one member misses the latest period, one has
// only cumulative results, one is never scored while its siblings are,
// and one member's history is all empty (a profile section without a
// latest result). A root gets a peer group label.
func holeyModel(t *testing.T, site, lang string) *Model {
	t.Helper()
	m := loadSiteLang(t, site, lang)
	var s *config.Scheme // the scheme with the most members
	most := 0
	for _, x := range m.Config.Schemes {
		if rs := m.Results[x.ID]; len(rs) > 0 && len(rs[len(rs)-1].Groups) > 0 {
			if n := len(rs[len(rs)-1].Groups[0].Entities); n > most {
				s, most = x, n
			}
		}
	}
	if s == nil || most < 4 {
		t.Fatalf("%s: no scheme with four members in a group", site)
	}
	rs := m.Results[s.ID]
	members := rs[len(rs)-1].Groups[0].Entities
	missLatest, onlyDerived, never := members[0].Entity.ID, members[1].Entity.ID, members[2].Entity.ID
	for i, r := range rs {
		for _, g := range r.Groups {
			g.Entities = slices.DeleteFunc(g.Entities, func(er *scoring.EntityResult) bool {
				id := er.Entity.ID
				return id == never || id == missLatest && i == len(rs)-1 || id == onlyDerived && !r.Period.Derived
			})
		}
	}
	for _, e := range m.Data.Entities.All {
		if e.Parent == "" {
			e.Group = "root group"
		}
	}
	m = New(m.Config, m.Data, m.Results)
	m.entityResults[s.ID][members[3].Entity.ID] = make([]*scoring.EntityResult, len(rs))
	return m
}

// oddProfiles puts text that needs escaping into every name a profile
// shows, sets a base_url with a space and a link filter.
func oddProfiles(m *Model) {
	odd := ` A<b> & "q" 'a' +1 ` + "\x00"
	m.Config.Title += odd
	m.Site.Title += odd
	m.Site.Subtitle = odd
	m.Site.BaseURL = "https://example.org/a b/"
	m.Site.Only = func(from, to string) bool {
		return !strings.Contains(to, "/2024-Q2") && !strings.HasPrefix(to, "entities/zz")
	}
	for _, e := range m.Data.Entities.All {
		e.Name += odd
		if e.Group != "" {
			e.Group += odd
		}
	}
	for _, s := range m.Config.Schemes {
		s.Name += odd
		for _, ind := range s.Indicators {
			ind.Name += odd
		}
	}
}

// TestEntityNativeOffWhenOverridden overrides entity.html, the layout,
// each partial, and a block of the layout from another file, each in turn
// in a site's templates folder: the twin must step aside and the
// override's output appear. Overriding a template the profile does not
// use keeps the twin.
func TestEntityNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	j := entJob(t, entityJobs(m), EntityPath("zz-st"))
	data, err := j.Data()
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
	const mark = "SITE-OVERRIDE-MARK"
	cases := []struct {
		file, text string
		native     bool
	}{
		{"entity.html", strings.Replace(builtin("entity.html"), `<h1>`, mark+`<h1>`, 1), false},
		{"base.html", strings.Replace(builtin("base.html"), "<body>", "<body>"+mark, 1), false},
		{"partials/header.html", mark + builtin("partials/header.html"), false},
		{"partials/nav.html", mark + builtin("partials/nav.html"), false},
		{"partials/breadcrumbs.html", mark + builtin("partials/breadcrumbs.html"), false},
		{"partials/footer.html", mark + builtin("partials/footer.html"), false},
		{"partials/extra.html", `{{define "head"}}` + mark + `{{end}}`, false},
		{"partials/extra.html", `{{define "title"}}` + mark + `{{end}}`, false},
		{"sheet.html", builtin("sheet.html") + mark, true},
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
		if r.Native("entity.html") != c.native {
			t.Errorf("override of %s: native twin in force = %v, want %v", c.file, r.Native("entity.html"), c.native)
		}
		var buf bytes.Buffer
		if err := r.Execute(&buf, "entity.html", data); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if got := strings.Contains(buf.String(), mark); got == c.native {
			t.Errorf("override of %s (%.40s): page contains the override's mark = %v", c.file, c.text, got)
		}
	}
}

// TestEntityNativeDeclines: data the twin does not know goes to the
// template, and a page that fails leaves the buffer as it was.
func TestEntityNativeDeclines(t *testing.T) {
	rs := newEntityRenderers(t, "zh-CN", nil)
	buf := bytes.NewBufferString("before|")
	if err := rs.native.Execute(buf, "entity.html", struct{ Page *render.Page }{}); err == nil {
		t.Fatal("a profile without data rendered")
	}
	if buf.String() != "before|" {
		t.Errorf("failed page left %q in the buffer", buf.String())
	}
}

// TestEntityNativeMessages: UI strings a site replaces reach the twin as
// they reach the template, escaped the same way, and an ent.too_many of
// another shape is formatted by fmt as tf does.
func TestEntityNativeMessages(t *testing.T) {
	sites := entityTestSites(t)
	m := loadSiteLang(t, sites[1], "zh-CN") // has a comparison too large to draw
	for _, tooMany := range []string{"<%d> too & many", "%d%% (%d)", "%[1]d: %[1]d"} {
		msgs := map[string]render.Message{
			"ent.too_many": {ZH: tooMany, EN: tooMany},
			"ent.parent":   {ZH: `上级 <b> & "x"`, EN: `Parent <b> & "x"`},
			"ui.skip":      {ZH: "跳过 ' +", EN: "Skip ' +"},
			"col.total":    {ZH: "合计&", EN: "Sum&"},
			"ent.below":    {ZH: "下属<>", EN: "Below<>"},
		}
		rs := newEntityRenderers(t, "zh-CN", msgs)
		if compareProfiles(t, "messages "+tooMany, m, rs, nil) == 0 {
			t.Fatal("no profile compared")
		}
	}
}

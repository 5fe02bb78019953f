package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/diag"
)

// siteTemplates writes files (slash path -> content) into a new
// templates folder and reads it as a build does.
func siteTemplates(t *testing.T, files map[string]string) (*Renderer, diag.List) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "templates")
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return New(Options{Dir: dir})
}

// wantError checks that reading files fails with exactly one error,
// at file:line (line 0: no line), whose message holds every of want in
// Chinese and English.
func wantError(t *testing.T, files map[string]string, file string, line int, zh, en []string) {
	t.Helper()
	r, problems := siteTemplates(t, files)
	if r != nil || !problems.HasErrors() {
		t.Fatalf("%v: no error", keys(files))
	}
	if len(problems) != 1 {
		t.Errorf("%v: %d problems, want 1: %v", keys(files), len(problems), problems.Lines("en"))
	}
	p := problems[0]
	if p.Pos.File != file || p.Pos.Line != line {
		t.Errorf("%v: error at %s:%d, want %s:%d: %s", keys(files), p.Pos.File, p.Pos.Line, file, line, p.Format("en"))
	}
	for _, w := range zh {
		if !strings.Contains(p.ZH, w) {
			t.Errorf("%v: %q lacks %q", keys(files), p.ZH, w)
		}
	}
	for _, w := range en {
		if !strings.Contains(p.EN, w) {
			t.Errorf("%v: %q lacks %q", keys(files), p.EN, w)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

const slotList = "header.html、footer.html、home.html、notice.html"

// TestSlotErrors: a slot that does not parse, or that uses a field the
// slot's data does not have, stops the build with its file and line and
// the list of fields.
func TestSlotErrors(t *testing.T) {
	fields := ".Title .SiteTitle .Root .Path .Period .PeriodLabel .Lang"
	wantError(t, map[string]string{"footer.html": "<p>\n{{if .Title}}\n<b>{{.Title}}</b>\n"},
		"templates/footer.html", 4, []string{"HTML 片段有错误", fields}, []string{"unexpected EOF", fields})
	wantError(t, map[string]string{"header.html": "<p class=\"office\">\n案件管理部\n电话 {{.Phone}}</p>\n"},
		"templates/header.html", 3, []string{"can't evaluate field Phone", fields}, []string{"Phone", fields})
	wantError(t, map[string]string{"notice.html": "<p>{{.Root | nosuchfunc}}</p>"},
		"templates/notice.html", 1, []string{"nosuchfunc"}, []string{"nosuchfunc"})
	// One problem per broken slot, all listed at once.
	_, problems := siteTemplates(t, map[string]string{"home.html": "{{end}}", "footer.html": "{{.Nope}}", "header.html": "<p>{{.Title}}</p>"})
	if len(problems) != 2 {
		t.Errorf("two broken slots: %v", problems.Lines("en"))
	}
}

// TestPageOverridesRefused: a whole-page template of earlier versions
// (any other *.html, a partials/ folder) is an error that names the slots
// a site has now.
func TestPageOverridesRefused(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		file  string
	}{
		{map[string]string{"ranking.html": "{{define \"content\"}}{{end}}"}, "templates/ranking.html"},
		{map[string]string{"base.html": "<html></html>"}, "templates/base.html"},
		{map[string]string{"partials/footer.html": "<p>x</p>"}, "templates/partials"},
	} {
		name := tc.file[strings.LastIndexByte(tc.file, '/')+1:]
		wantError(t, tc.files, tc.file, 0,
			[]string{"不再支持", slotList, "custom.css", "logo.svg", "docs/TEMPLATES.md", "删除 " + name},
			[]string{"no longer supported", "header.html、footer.html", "custom.css", "delete " + name})
	}
}

// TestAssetsRefused: a file of templates/assets that would replace a
// built-in asset is an error that points to custom.css; so are both
// logos at once.
func TestAssetsRefused(t *testing.T) {
	for _, a := range []string{"site.css", "site.js", "echarts.min.js"} {
		wantError(t, map[string]string{"assets/" + a: "x"}, "templates/assets/"+a, 0,
			[]string{"assets/" + a, "custom.css"}, []string{"assets/" + a, "custom.css"})
	}
	wantError(t, map[string]string{"assets/custom.css": "x"}, "templates/assets/custom.css", 0, []string{"custom.css"}, nil)
	_, problems := siteTemplates(t, map[string]string{"logo.png": "png", "logo.svg": "<svg/>"})
	if !problems.HasErrors() || !strings.Contains(problems[0].ZH, "logo.png 和 logo.svg") {
		t.Errorf("both logos: %v", problems.Lines("zh-CN"))
	}
}

// TestCustomisationAccepted: slots, custom.css, a logo, extra assets and
// unrelated files make a renderer whose assets are the built-in ones
// plus the site's, sorted, each once.
func TestCustomisationAccepted(t *testing.T) {
	r, problems := siteTemplates(t, map[string]string{
		"header.html": "<b>{{.SiteTitle}}</b>", "footer.html": "<i>{{.PeriodLabel}}</i>", "home.html": "x", "notice.html": "{{.Root}}",
		"custom.css": ".x{}", "logo.svg": "<svg/>", "assets/img/seal.png": "png", "README.md": "notes for the office",
		"drafts/old.txt": "kept out",
	})
	if r == nil {
		t.Fatal(problems.Lines("en"))
	}
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems.Lines("en"))
	}
	got := map[string]string{}
	prev := ""
	for _, a := range r.Assets() {
		if a.Path <= prev {
			t.Errorf("assets not sorted: %s after %s", a.Path, prev)
		}
		prev = a.Path
		got[a.Path] = string(a.Data)
	}
	for p, want := range map[string]string{"assets/custom.css": ".x{}", "assets/logo.svg": "<svg/>", "assets/img/seal.png": "png"} {
		if got[p] != want {
			t.Errorf("%s = %q, want %q", p, got[p], want)
		}
	}
	for _, p := range []string{"assets/site.css", "assets/site.js", "assets/echarts.min.js", "assets/ECHARTS-LICENSE"} {
		if got[p] == "" {
			t.Errorf("built-in %s missing", p)
		}
	}
	for p := range got {
		if strings.Contains(p, "README") || strings.Contains(p, "old.txt") {
			t.Errorf("%s became an asset", p)
		}
	}
	if !r.env.CustomCSS || r.env.Logo != "assets/logo.svg" || r.env.Slots == nil {
		t.Errorf("env %+v", r.env)
	}
	for _, n := range []string{"header", "footer", "home", "notice"} {
		if !r.env.Slots.Has(n) {
			t.Errorf("slot %s not read", n)
		}
	}
}

// TestNoTemplatesFolder: a site without templates_dir has the built-in
// assets only and no slot.
func TestNoTemplatesFolder(t *testing.T) {
	r, problems := New(Options{Dir: filepath.Join(t.TempDir(), "missing")})
	if r == nil || len(problems) != 0 {
		t.Fatal(problems.Lines("en"))
	}
	if r.env.Slots != nil || r.env.CustomCSS || r.env.Logo != "" {
		t.Errorf("env %+v", r.env)
	}
	builtin, _ := builtinAssets()
	if len(r.Assets()) != len(builtin) || len(builtin) < 5 {
		t.Errorf("%d assets, %d built in", len(r.Assets()), len(builtin))
	}
}

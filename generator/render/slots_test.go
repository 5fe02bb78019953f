package render_test

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/initsite"
	"kaoping/generator/period"
	"kaoping/generator/report"
)

// initSite writes the example site of kaoping init into a temporary
// folder with the files (slash paths under templates/), then loads and
// plans it as a build does; baseURL, when set, replaces base_url.
func initSite(t *testing.T, templates map[string]string, baseURL string) *build.Site {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, problems := initsite.Create(dir); problems.HasErrors() {
		t.Fatal(problems.Lines("en"))
	}
	for name, content := range templates {
		p := filepath.Join(dir, "templates", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, problems := build.Load(filepath.Join(dir, "config.toml"))
	if p == nil || problems.HasErrors() {
		t.Fatal(problems.Lines("en"))
	}
	p.Config.BaseURL = baseURL
	s, problems := build.NewSite(p, build.SiteOptions{Bundles: true})
	if s == nil {
		t.Fatal(problems.Lines("en"))
	}
	return s
}

func file(t *testing.T, s *build.Site, p string) string {
	t.Helper()
	b, err := s.File(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return string(b)
}

// slot is a slot that shows everything it receives, and an image of the
// site's templates/assets reached through .Root.
func slot(name, tag string) string {
	return `<` + tag + ` class="slot-` + name + `" data-root="{{.Root}}" data-path="{{.Path}}" data-period="{{.Period}}" data-label="{{.PeriodLabel}}"` +
		` data-title="{{.Title}}" data-site="{{.SiteTitle}}" data-lang="{{.Lang}}"><img src="{{.Root}}assets/seal.png" alt=""></` + tag + `>`
}

var (
	slotRE   = regexp.MustCompile(`<(?:p|span|div) class="slot-(\w+)" data-root="([^"]*)" data-path="([^"]*)" data-period="([^"]*)" data-label="([^"]*)" data-title="([^"]*)" data-site="([^"]*)" data-lang="([^"]*)"><img src="([^"]*)" alt=""></(?:p|span|div)>`)
	periodRE = regexp.MustCompile(`^(?:periods/|schemes/[^/]+/|compare/[^/]+/)(\d{4}(?:-(?:H[12]|Q[1-4]|\d{2}))?(?:-ytd)?)(?:\.html|/[^/]+\.html)$`)
)

// slotFiles are the four slots, custom.css, a logo and the image.
var slotFiles = map[string]string{
	"header.html":     slot("header", "span"),
	"footer.html":     slot("footer", "p"),
	"home.html":       slot("home", "div"),
	"notice.html":     slot("notice", "p"),
	"custom.css":      ".site-footer .office { font-weight: 600; }\n",
	"logo.svg":        `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"/>`,
	"assets/seal.png": "\x89PNG seal",
}

// TestSlotsOnEveryPage builds the init site with all four slots, each
// showing what it receives, and reads every page: each slot is where
// docs/TEMPLATES.md says (header: in the site header after the title;
// footer: first in the site footer; home: on the home page under the
// lead; notice: under the table of each peer group of every ranking) and
// nowhere else; .Root reaches the site's root from pages at every depth
// ({{.Root}}assets/seal.png is the site's image); .Path is the page;
// .Period and .PeriodLabel are those of a period's pages and empty
// elsewhere.
func TestSlotsOnEveryPage(t *testing.T) {
	s := initSite(t, slotFiles, "")
	title := s.Model().Config.Title
	if got := file(t, s, "assets/seal.png"); got != slotFiles["assets/seal.png"] {
		t.Fatalf("assets/seal.png = %q", got)
	}
	depths := map[int]int{}
	rankings := 0
	for _, j := range s.Model().Jobs() {
		pg := html.UnescapeString(file(t, s, j.Path))
		depths[strings.Count(j.Path, "/")]++
		seen := map[string]int{}
		for _, m := range slotRE.FindAllStringSubmatch(pg, -1) {
			name, root, p, pd, label, ptitle, site, lang, src := m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9]
			seen[name]++
			for _, u := range []string{root + "assets/seal.png", src} {
				if got := path.Join(path.Dir(j.Path), u); got != "assets/seal.png" {
					t.Errorf("%s: slot %s: %q reaches %q, not assets/seal.png", j.Path, name, u, got)
				}
			}
			wantPeriod, wantLabel := "", ""
			if mm := periodRE.FindStringSubmatch(j.Path); mm != nil {
				pp, err := period.Parse(mm[1])
				if err != nil {
					t.Fatal(err)
				}
				wantPeriod, wantLabel = mm[1], pp.Label("zh-CN")
			}
			if p != j.Path || pd != wantPeriod || label != wantLabel || site != title || lang != "zh-CN" || ptitle == "" {
				t.Errorf("%s: slot %s got path %q period %q %q site %q lang %q title %q; want period %q %q",
					j.Path, name, p, pd, label, site, lang, ptitle, wantPeriod, wantLabel)
			}
		}
		if seen["header"] != 1 || seen["footer"] != 1 {
			t.Errorf("%s: header slot %d times, footer slot %d times", j.Path, seen["header"], seen["footer"])
		}
		in := func(name, after, before string) {
			t.Helper()
			i, a, b := strings.Index(pg, `class="slot-`+name+`"`), strings.Index(pg, after), strings.Index(pg, before)
			if i < 0 || a < 0 || b < 0 || !(a < i && i < b) {
				t.Errorf("%s: slot %s at %d, not between %q (%d) and %q (%d)", j.Path, name, i, after, a, before, b)
			}
		}
		in("header", `<p class="site-title">`, `</header>`)
		if !strings.Contains(pg, `<footer class="site-footer"><div class="wrap"><p class="slot-footer"`) {
			t.Errorf("%s: the footer slot does not open the footer", j.Path)
		}
		if j.Path == report.HomePath() {
			in("home", `<p class="lead">`, `<section class="home-scheme"`)
		}
		if want := 0; j.Path == report.HomePath() {
			want = 1
			if seen["home"] != want {
				t.Errorf("%s: home slot %d times", j.Path, seen["home"])
			}
		} else if seen["home"] != 0 {
			t.Errorf("%s: home slot on a page other than the home page", j.Path)
		}
		groups := 0
		if _, ok := pageModelOf(t, j).(*report.RankingPage); ok {
			rankings++
			groups = strings.Count(pg, `<section class="rank-group"`)
			// Under each group's table, before its charts.
			for _, sec := range strings.Split(pg, `<section class="rank-group"`)[1:] {
				tbl, sl, ch := strings.Index(sec, "</table>"), strings.Index(sec, `class="slot-notice"`), strings.Index(sec, `<div class="rank-charts">`)
				if !(tbl >= 0 && tbl < sl && sl < ch) {
					t.Errorf("%s: the notice slot is not between a group's table and its charts", j.Path)
				}
			}
		}
		if seen["notice"] != groups {
			t.Errorf("%s: notice slot %d times, want one per peer group (%d)", j.Path, seen["notice"], groups)
		}
	}
	if depths[0] == 0 || depths[1] == 0 || depths[3] == 0 || rankings == 0 {
		t.Errorf("pages by depth %v, %d rankings: the init site changed?", depths, rankings)
	}
}

func pageModelOf(t *testing.T, j report.Job) any {
	t.Helper()
	d, err := j.Data()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var (
	cssRE  = regexp.MustCompile(`<link rel="stylesheet" href="([^"]*)">`)
	logoRE = regexp.MustCompile(`<header class="site-header"><div class="wrap"><img class="site-logo" src="([^"]*)" alt=""><div class="site-titles">`)
)

// TestCustomCSSAndLogo: custom.css is linked after the built-in
// stylesheet on every page, and the logo opens the site header, before
// the title, on every page; both are the site's files, copied to assets/.
func TestCustomCSSAndLogo(t *testing.T) {
	s := initSite(t, slotFiles, "")
	if file(t, s, "assets/custom.css") != slotFiles["custom.css"] || file(t, s, "assets/logo.svg") != slotFiles["logo.svg"] {
		t.Fatal("custom.css or logo.svg is not copied as it is")
	}
	for _, j := range s.Model().Jobs() {
		pg := file(t, s, j.Path)
		css := cssRE.FindAllStringSubmatch(pg, -1)
		if len(css) != 2 || path.Join(path.Dir(j.Path), css[0][1]) != "assets/site.css" || path.Join(path.Dir(j.Path), css[1][1]) != "assets/custom.css" {
			t.Errorf("%s: stylesheets %v, want site.css then custom.css", j.Path, css)
		}
		logo := logoRE.FindStringSubmatch(pg)
		if logo == nil || path.Join(path.Dir(j.Path), logo[1]) != "assets/logo.svg" {
			t.Errorf("%s: no logo opening the header: %v", j.Path, logo)
		}
	}
	// Without customisation: one stylesheet, no logo, no slot.
	plain := initSite(t, nil, "")
	for _, p := range []string{report.HomePath(), report.RankingPath("basic", "2025-Q2")} {
		pg := file(t, plain, p)
		if n := len(cssRE.FindAllString(pg, -1)); n != 1 || strings.Contains(pg, "site-logo") || strings.Contains(pg, "slot-") {
			t.Errorf("%s of a site without templates: %d stylesheets, logo %v", p, n, strings.Contains(pg, "site-logo"))
		}
	}
	if _, err := plain.File("assets/custom.css"); err == nil {
		t.Error("a site without custom.css has assets/custom.css")
	}
}

// TestSlotsWithBaseURL: with a base_url, a slot's .Root on the site's
// pages is base_url + "/"; in a period's bundle, opened from file://, it
// is relative and reaches the bundle's own copy of the image.
func TestSlotsWithBaseURL(t *testing.T) {
	const base = "https://kp.example/kaoping"
	s := initSite(t, slotFiles, base)
	for _, p := range []string{report.HomePath(), report.RankingPath("basic", "2025-Q2"), report.SheetPath("basic", "2025-Q2", "dq")} {
		for _, m := range slotRE.FindAllStringSubmatch(html.UnescapeString(file(t, s, p)), -1) {
			if m[2] != base+"/" || m[9] != base+"/assets/seal.png" {
				t.Errorf("%s: slot %s has root %q, src %q", p, m[1], m[2], m[9])
			}
		}
	}
	data := []byte(file(t, s, report.BundlePath("2025-Q2")))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
	if files["assets/seal.png"] != slotFiles["assets/seal.png"] {
		t.Fatal("the bundle lacks the site's image")
	}
	checked := 0
	for name, content := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range slotRE.FindAllStringSubmatch(html.UnescapeString(content), -1) {
			checked++
			if got := path.Join(path.Dir(name), m[9]); got != "assets/seal.png" || strings.Contains(m[2], "kp.example") {
				t.Errorf("bundle %s: slot %s has root %q, reaches %q", name, m[1], m[2], got)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d slots in the bundle", checked)
	}
}

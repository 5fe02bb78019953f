package report

import (
	"bytes"
	"html"
	"path"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/publish"
)

var bundleRefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// bundlePages renders the pages of bundle b as the build does: the site's
// page (rendered with m, the site's model), then its copy (Bundle.Page).
// The bundle's index.html comes first.
func bundlePages(t *testing.T, m *Model, b *Bundle) (paths []string, pages [][]byte) {
	t.Helper()
	jobs := map[string]Job{}
	for _, j := range m.Jobs() {
		jobs[j.Path] = j
	}
	r := rankRenderer(t, m.Lang)
	for _, p := range append([]string{b.Index.Path}, b.Pages...) {
		j, ok := jobs[p]
		if p == b.Index.Path {
			j, ok = b.Index, true
		}
		if !ok {
			t.Fatalf("the bundle holds %s, which is no page of the site", p)
		}
		data, err := j.Data()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var buf bytes.Buffer
		if err := r.Execute(&buf, j.Template, data); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		paths = append(paths, p)
		pages = append(pages, b.Page(nil, buf.Bytes(), p))
	}
	return paths, pages
}

// TestBundleContent checks the bundle of the demo's 2026-03: it holds the
// period's pages of every scheme and nothing of another period, and every
// link of every page, once copied from the site's page as the build does,
// resolves to a file of the bundle.
func TestBundleContent(t *testing.T) {
	m := rankDemo(t)
	m.HasBundles = true
	const period = "2026-03"
	b := m.Bundles().Bundle(period)
	if b.Index.Path != HomePath() || b.Index.Template != "bundle.html" {
		t.Fatalf("the bundle's index.html is %+v", b.Index)
	}
	have := map[string]bool{HomePath(): true}
	for _, p := range b.Pages {
		if have[p] {
			t.Errorf("%s twice in the bundle", p)
		}
		have[p] = true
	}
	for _, f := range b.Files {
		have[f] = true
	}
	want := []string{PeriodPath(period), MethodologyIndexPath(), XLSXPath(period)}
	sheets := 0
	for _, s := range m.Config.Schemes {
		want = append(want, MethodologyPath(s.ID))
		r := m.Result(s.ID, period)
		if r == nil {
			continue
		}
		want = append(want, RankingPath(s.ID, period), ComparePath(s.ID, period), DataPath(s.ID, period, "json"), DataPath(s.ID, period, "csv"))
		for _, g := range r.Groups {
			for _, e := range g.Entities {
				want = append(want, SheetPath(s.ID, period, e.Entity.ID))
				sheets++
			}
		}
	}
	for _, p := range want {
		if !have[p] {
			t.Errorf("the bundle lacks %s", p)
		}
	}
	if sheets < 60 {
		t.Errorf("only %d score sheets in 2026-03: the demo changed?", sheets)
	}
	for p := range have {
		if strings.Contains(p, "2026-02") || strings.HasPrefix(p, "entities/") || strings.Contains(p, "/indicators/") || p == ArchivePath() || p == PeriodsIndexPath() {
			t.Errorf("the bundle holds %s, which is not of the period", p)
		}
	}
	if b.Includes(PeriodPath("2026-02")) || !b.Includes("assets/site.js") || !b.Includes(SheetPath("basic", period, "zz-st")) {
		t.Error("Includes is wrong")
	}

	grey := 0
	paths, pages := bundlePages(t, m, b)
	for i, page := range pages {
		p := paths[i]
		grey += bytes.Count(page, []byte(`class="not-in-bundle"`))
		if bytes.Contains(page, []byte(`href=""`)) {
			t.Errorf("%s keeps an empty link", p)
		}
		for _, mm := range bundleRefRE.FindAllSubmatch(page, -1) {
			ref := html.UnescapeString(string(mm[1]))
			if strings.HasPrefix(ref, "#") || strings.Contains(ref, "://") || strings.HasPrefix(ref, "data:") {
				continue
			}
			if i := strings.IndexAny(ref, "#?"); i >= 0 {
				ref = ref[:i]
			}
			target := path.Clean(path.Join(path.Dir(p), ref))
			if !have[target] && !strings.HasPrefix(target, "assets/") {
				t.Errorf("%s links to %s, outside the bundle", p, target)
			}
		}
	}
	if grey == 0 {
		t.Error("no link was turned into text: the pages of a period always link to other periods")
	}
}

// TestBundleBaseURL: a site with a base_url writes absolute links; its
// bundle's pages, copied from those, are byte for byte those of the same
// site without one (relative links, opened from file://).
func TestBundleBaseURL(t *testing.T) {
	m := rankDemo(t)
	m.HasBundles = true
	const period, base = "2026-03", "https://kp.example.org/考评/"
	abs := *m
	site := *m.Site
	site.BaseURL = base
	abs.Site = &site

	_, want := bundlePages(t, m, m.Bundles().Bundle(period))
	paths, got := bundlePages(t, &abs, abs.Bundles().Bundle(period))
	if len(got) != len(want) || len(got) < 80 {
		t.Fatalf("%d pages with a base URL, %d without", len(got), len(want))
	}
	// The site's own pages do use the base URL: html/template writes it
	// percent-encoded.
	sitePage := rankRenderJob(t, &abs, abs.Jobs(), RankingPath("basic", period))
	if !strings.Contains(sitePage, `href="https://kp.example.org/%e8%80%83%e8%af%84/assets/site.css"`) {
		t.Fatalf("the site's ranking does not link its stylesheet through the base URL")
	}
	for i, p := range paths {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("%s: the copy of the page with a base URL differs from the one without:\n%s", p, firstDiff(got[i], want[i]))
		}
		if bytes.Contains(got[i], []byte("kp.example.org")) {
			t.Errorf("%s still names the base URL", p)
		}
	}
}

// firstDiff shows where a and b first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "got  …" + string(a[from:min(len(a), i+80)]) + "\nwant …" + string(b[from:min(len(b), i+80)])
}

func TestBundleReadme(t *testing.T) {
	m := rankDemo(t)
	txt := string(m.BundleReadmeText("2026-03"))
	if !strings.HasPrefix(txt, "\ufeff"+m.Config.Title+"\r\n") {
		t.Errorf("README.txt does not start with a BOM and the site title: %q", txt[:min(40, len(txt))])
	}
	if strings.Contains(strings.ReplaceAll(txt, "\r\n", ""), "\n") {
		t.Error("README.txt has a bare LF: Notepad shows one long line")
	}
	for _, s := range []string{"2026年3月", "index.html", "kaoping verify", m.Config.Schemes[0].Name} {
		if !strings.Contains(txt, s) {
			t.Errorf("README.txt does not mention %q", s)
		}
	}
}

func TestBundleDownloadLinks(t *testing.T) {
	m := rankDemo(t)
	for _, on := range []bool{false, true} {
		m.HasBundles = on
		idx := m.periodResults()
		dl := m.periodDownloads("2026-03", idx)
		found := false
		for _, d := range dl {
			found = found || (d.Format == "ZIP" && d.Path == BundlePath("2026-03"))
		}
		if found != on {
			t.Errorf("HasBundles %v: ZIP download listed = %v", on, found)
		}
		item := m.periodItem(m.Data.Period("2026-03"), idx)
		if last := item.PeriodFiles[len(item.PeriodFiles)-1]; (last.Format == "ZIP") != on {
			t.Errorf("HasBundles %v: the archive's period files end with %+v", on, last)
		}
	}
}

// TestCorrectionNotice: an amendment of the basic scheme of 2026-03 shows
// on the period page and on that ranking, with the changed rows, and not
// on the ranking of another scheme.
func TestCorrectionNotice(t *testing.T) {
	m := rankDemo(t)
	m.Corrections = map[string][]publish.Correction{"2026-03": {{
		Period: "2026-03", Version: 2, Date: "2026-04-10", Reason: "山亭区院结案数录入错误",
		Schemes: []publish.SchemeChange{{Scheme: "basic", Rows: []publish.RowChange{
			{Entity: "zz-st", Name: "山亭区人民检察院", Old: &publish.Standing{Rank: 2, Total: 88.5}, New: &publish.Standing{Rank: 1, Total: 93.7}},
			{Entity: "gone", Name: "已撤销单位", Old: &publish.Standing{Rank: 6, Total: 60}},
		}}},
	}}}
	jobs := m.Jobs()
	for _, tt := range []struct {
		path string
		want bool
	}{{PeriodPath("2026-03"), true}, {RankingPath("basic", "2026-03"), true}, {RankingPath("prosecutor", "2026-03"), false}, {PeriodPath("2026-02"), false}} {
		page := rankRenderJob(t, m, jobs, tt.path)
		has := strings.Contains(page, "更正说明（第 2 版）")
		if has != tt.want {
			t.Errorf("%s: notice shown = %v, want %v", tt.path, has, tt.want)
			continue
		}
		if !has {
			continue
		}
		for _, s := range []string{"2026-04-10", "山亭区院结案数录入错误", "2 → 1", "88.50 → 93.70", "6 → —", "60.00 → —", "已撤销单位"} {
			if !strings.Contains(page, s) {
				t.Errorf("%s: the notice lacks %q", tt.path, s)
			}
		}
		if !strings.Contains(page, `href="`+path.Base(SheetPath("basic", "2026-03", "zz-st"))+`"`) && !strings.Contains(page, "2026-03/zz-st.html") {
			t.Errorf("%s: the changed entity does not link to its score sheet", tt.path)
		}
	}
}

package report

import (
	"bytes"
	"html"
	"path"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/publish"
	"kaoping/generator/render"
)

var bundleRefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestBundleContent checks the bundle of the demo's 2026-03: it holds the
// period's pages of every scheme and nothing of another period, and every
// link of every page, once rendered and rewritten as the build does,
// resolves to a file of the bundle.
func TestBundleContent(t *testing.T) {
	m := rankDemo(t)
	m.HasBundles = true
	const period = "2026-03"
	b := m.Bundles().Bundle(period)
	if len(b.Jobs) == 0 || b.Jobs[0].Path != HomePath() || b.Jobs[0].Template != "bundle.html" {
		t.Fatalf("the bundle does not start with its own index.html: %+v", b.Jobs[:min(1, len(b.Jobs))])
	}
	have := map[string]bool{}
	for _, j := range b.Jobs {
		if have[j.Path] {
			t.Errorf("%s twice in the bundle", j.Path)
		}
		have[j.Path] = true
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

	r := rankRenderer(t, m.Lang)
	note := b.Model.BundleNote()
	grey := 0
	for _, j := range b.Jobs {
		data, err := j.Data()
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		var buf bytes.Buffer
		if err := r.Execute(&buf, j.Template, data); err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		page := render.UnlinkOutside(buf.Bytes(), j.Path, b.Includes, note)
		grey += bytes.Count(page, []byte(`class="not-in-bundle"`))
		if bytes.Contains(page, []byte(`href=""`)) {
			t.Errorf("%s keeps an empty link", j.Path)
		}
		for _, mm := range bundleRefRE.FindAllSubmatch(page, -1) {
			ref := html.UnescapeString(string(mm[1]))
			if strings.HasPrefix(ref, "#") || strings.Contains(ref, "://") || strings.HasPrefix(ref, "data:") {
				continue
			}
			if i := strings.IndexAny(ref, "#?"); i >= 0 {
				ref = ref[:i]
			}
			target := path.Clean(path.Join(path.Dir(j.Path), ref))
			if !have[target] && !strings.HasPrefix(target, "assets/") {
				t.Errorf("%s links to %s, outside the bundle", j.Path, target)
			}
		}
	}
	if grey == 0 {
		t.Error("no link was turned into text: the pages of a period always link to other periods")
	}
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

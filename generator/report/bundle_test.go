package report

import (
	"strings"
	"testing"

	"kaoping/generator/publish"
)

// TestBundleHolds checks what the bundle of the demo's 2026-03 holds: the
// period's pages of every scheme (ranking, comparison, every score
// sheet), the 考核办法, the result files and the assets, and nothing of
// another period, no profile, no indicator page, no list of periods.
func TestBundleHolds(t *testing.T) {
	m := demo(t)
	const period = "2026-03"
	jobs := m.Jobs()
	bs := m.Bundles(jobs)
	if h := bs.Home(period); h.Path != HomePath() || h.Bundle != period {
		t.Errorf("the bundle's own index is %s of bundle %q", h.Path, h.Bundle)
	}
	want := []string{PeriodPath(period), MethodologyIndexPath(), XLSXPath(period), "assets/site.js", "assets/echarts.min.js"}
	sheets := 0
	for _, s := range m.Config.Schemes {
		want = append(want, MethodologyPath(s.ID))
		r := m.Result(s.ID, period)
		if r == nil {
			continue
		}
		want = append(want, RankingPath(s.ID, period), ComparePath(s.ID, period), DataPath(s.ID, period, "json"), DataPath(s.ID, period, "csv"))
		if len(r.Groups) > 1 {
			want = append(want, m.groupPaths(s, r)...)        // each group's 公示表
			want = append(want, m.compareGroupPaths(s, r)...) // and comparison
		}
		for _, g := range r.Groups {
			for _, e := range g.Entities {
				want = append(want, SheetPath(s.ID, period, e.Entity.ID))
				sheets++
			}
		}
	}
	for _, p := range want {
		if !bs.Holds(period, p) {
			t.Errorf("the bundle lacks %s", p)
		}
	}
	// The members of every scheme scored in 2026-03: procuratorates,
	// cities and prosecutors.
	if sheets < 60 {
		t.Errorf("only %d score sheets in 2026-03: the demo changed?", sheets)
	}
	held := 0
	for _, j := range jobs {
		in := bs.Holds(period, j.Path)
		if in {
			held++
		}
		outside := strings.Contains(j.Path, "2026-02") || strings.HasPrefix(j.Path, "entities/") ||
			strings.Contains(j.Path, "/indicators/") || j.Path == ArchivePath() || j.Path == PeriodsIndexPath() ||
			j.Path == HomePath() || j.Path == SchemesIndexPath() || j.Path == SchemePath("basic")
		if in && outside {
			t.Errorf("the bundle of %s holds %s", period, j.Path)
		}
	}
	// Every page the bundle holds is one of those listed above.
	pages := 0
	for _, p := range want {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	if held != pages {
		t.Errorf("the bundle holds %d pages of the site, want the %d listed", held, pages)
	}
	if bs.Holds(period, BundlePath(period)) {
		t.Error("a bundle holds its own zip")
	}
}

// TestBundleHomeDownloads: the bundle's index offers the period's result
// files that the bundle holds, and not the bundle itself.
func TestBundleHomeDownloads(t *testing.T) {
	m := demo(t)
	const period = "2026-03"
	bs := m.Bundles(m.Jobs())
	d, err := bs.Home(period).Data()
	if err != nil {
		t.Fatal(err)
	}
	home := d.(*BundlePage)
	if home.Period != PeriodPath(period) || home.Page.Period != period || home.Page.PeriodLabel != "2026年3月" {
		t.Errorf("bundle home of %s: period page %q, frame period %q %q", period, home.Period, home.Page.Period, home.Page.PeriodLabel)
	}
	formats := map[string]int{}
	for _, dl := range home.Downloads {
		formats[dl.Format]++
		if !bs.Holds(period, dl.Path) {
			t.Errorf("the bundle home offers %s, which the bundle does not hold", dl.Path)
		}
	}
	scored := 0
	for _, s := range m.Config.Schemes {
		if m.Result(s.ID, period) != nil {
			scored++
		}
	}
	if formats["CSV"] != scored || formats["JSON"] != scored || formats["XLSX"] != 1 || formats["ZIP"] != 0 {
		t.Errorf("downloads by format %v, want %d CSV and JSON, one XLSX, no ZIP", formats, scored)
	}
	if len(home.Summaries) != scored {
		t.Errorf("%d summaries, want one per scheme scored in %s (%d)", len(home.Summaries), period, scored)
	}
}

func TestBundleReadme(t *testing.T) {
	m := demo(t)
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

// TestBundleDownloadLinks: the period page and the archive offer the
// period's zip exactly when the build writes bundles.
func TestBundleDownloadLinks(t *testing.T) {
	m := freshDemo(t)
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
		// The archive's lead speaks of the zips only when there are some.
		if a := pageData(t, archiveJobs(m), ArchivePath()).(*ArchivePage); a.Zips != on {
			t.Errorf("HasBundles %v: the archive page says zips = %v", on, a.Zips)
		}
	}
}

// TestCorrections: an amendment of the basic scheme of 2026-03 is on the
// period page (every scheme's changes) and on that ranking, with the
// changed rows old → new and "—" where a row was not ranked; not on the
// ranking of another scheme nor on another period's page.
func TestCorrections(t *testing.T) {
	m := freshDemo(t)
	m.Corrections = demoCorrection()
	jobs := m.Jobs()
	for _, tt := range []struct {
		path string
		want bool
	}{{PeriodPath("2026-03"), true}, {RankingPath("basic", "2026-03"), true}, {RankingPath("prosecutor", "2026-03"), false}, {PeriodPath("2026-02"), false}} {
		var cs []CorrectionView
		switch d := pageData(t, jobs, tt.path).(type) {
		case *PeriodPage:
			cs = d.Corrections
		case *RankingPage:
			cs = d.Corrections
		}
		if (len(cs) > 0) != tt.want {
			t.Errorf("%s: %d notices, want them %v", tt.path, len(cs), tt.want)
			continue
		}
		if !tt.want {
			continue
		}
		c := cs[0]
		if c.Title != "更正说明（第 2 版）" || c.Date != "2026-04-10" || c.Reason != "山亭区院结案数录入错误" || len(c.Schemes) != 1 {
			t.Fatalf("%s: notice %+v", tt.path, c)
		}
		sc := c.Schemes[0]
		if sc.Name != m.Config.Scheme("basic").Name || sc.Ranking != RankingPath("basic", "2026-03") || len(sc.Rows) != 2 {
			t.Fatalf("%s: scheme %+v", tt.path, sc)
		}
		want := []CorrectionRow{
			{Name: "山亭区人民检察院", Sheet: SheetPath("basic", "2026-03", "zz-st"), OldRank: "2", NewRank: "1", OldTotal: "88.50", NewTotal: "93.70"},
			// no longer ranked: no score sheet to link, dashes for now
			{Name: "已撤销单位", OldRank: "6", NewRank: "—", OldTotal: "60.00", NewTotal: "—"},
		}
		for i, r := range sc.Rows {
			if r != want[i] {
				t.Errorf("%s: row %d = %+v, want %+v", tt.path, i, r, want[i])
			}
		}
	}
}

// demoCorrection is a second version of the demo's 2026-03 basic results.
func demoCorrection() map[string][]publish.Correction {
	return map[string][]publish.Correction{"2026-03": {{
		Period: "2026-03", Version: 2, Date: "2026-04-10", Reason: "山亭区院结案数录入错误",
		Schemes: []publish.SchemeChange{{Scheme: "basic", Rows: []publish.RowChange{
			{Entity: "zz-st", Name: "山亭区人民检察院", Old: &publish.Standing{Rank: 2, Total: 88.5}, New: &publish.Standing{Rank: 1, Total: 93.7}},
			{Entity: "gone", Name: "已撤销单位", Old: &publish.Standing{Rank: 6, Total: 60}},
		}}},
	}}}
}

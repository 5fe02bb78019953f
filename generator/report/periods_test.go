package report

import (
	"strings"
	"testing"
)

// A period page renders its note's Markdown, with raw HTML left inert.
func TestPeriodNoteEscapesHTML(t *testing.T) {
	m := homeDemo(t)
	m.Data.Notes["2024-Q2"] = "## 通报\n\n**重点**：<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n- 一\n- 二\n"
	_, html := homeRender(t, homeFind(t, periodJobs(m), PeriodPath("2024-Q2")))
	for _, want := range []string{"<strong>重点</strong>", "<li>一</li>", `id="note"`} {
		if !strings.Contains(html, want) {
			t.Errorf("period page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", "onerror=alert", "<img src=x"} {
		if strings.Contains(html, bad) {
			t.Errorf("period page contains live %q", bad)
		}
	}
}

// The period page: every scheme that scored it, downloads, neighbours.
func TestPeriodPage(t *testing.T) {
	m := homeDemo(t)
	jobs := periodJobs(m)
	data, html := homeRender(t, homeFind(t, jobs, PeriodPath("2025-Q3")))
	d := data.(*PeriodPage)
	if len(d.Summaries) != len(m.Config.Schemes) {
		t.Errorf("%d summaries, want %d", len(d.Summaries), len(m.Config.Schemes))
	}
	if d.Prev == nil || d.Prev.ID != "2025-Q2" || d.Next == nil || d.Next.ID != "2025-Q4" {
		t.Errorf("neighbours %v / %v, want 2025-Q2 / 2025-Q4", d.Prev, d.Next)
	}
	for _, s := range m.Config.Schemes {
		for _, want := range []string{DataPath(s.ID, "2025-Q3", "csv"), DataPath(s.ID, "2025-Q3", "json"), RankingPath(s.ID, "2025-Q3"), ComparePath(s.ID, "2025-Q3")} {
			if !strings.Contains(html, `href="../`+want+`"`) {
				t.Errorf("period page does not link %s", want)
			}
		}
	}
	if !strings.Contains(html, `href="../`+XLSXPath("2025-Q3")+`"`) {
		t.Errorf("period page does not link the workbook")
	}
	homeCheckLinks(t, m, PeriodPath("2025-Q3"), html)

	// A cumulative period's neighbours are cumulative periods.
	data, _ = homeRender(t, homeFind(t, jobs, PeriodPath("2026-02-ytd")))
	d = data.(*PeriodPage)
	if d.Prev == nil || d.Prev.ID != "2026-01-ytd" || d.Next == nil || d.Next.ID != "2026-03-ytd" {
		t.Errorf("2026-02-ytd neighbours %v / %v", d.Prev, d.Next)
	}
}

// The index and the archive list every period with data, latest first,
// and the archive offers each period's files.
func TestPeriodsIndexAndArchive(t *testing.T) {
	m := homeDemo(t)
	_, idx := homeRender(t, homeFind(t, periodJobs(m), PeriodsIndexPath()))
	_, arc := homeRender(t, homeFind(t, archiveJobs(m), ArchivePath()))
	last := -1
	for i := len(m.Data.Periods) - 1; i >= 0; i-- {
		pd := m.Data.Periods[i]
		link := `href="` + pd.ID + `.html"`
		if !strings.Contains(idx, link) {
			t.Errorf("periods index lacks %s", pd.ID)
		}
		at := strings.Index(arc, `href="periods/`+pd.ID+`.html"`)
		if at < 0 {
			t.Errorf("archive lacks %s", pd.ID)
			continue
		}
		if at < last {
			t.Errorf("archive: %s is not after the later periods", pd.ID)
		}
		last = at
		if !strings.Contains(arc, `href="`+DataPath("basic", pd.ID, "csv")+`"`) || !strings.Contains(arc, `href="`+XLSXPath(pd.ID)+`"`) {
			t.Errorf("archive lacks the files of %s", pd.ID)
		}
	}
	homeCheckLinks(t, m, ArchivePath(), arc)
	homeCheckLinks(t, m, PeriodsIndexPath(), idx)
}

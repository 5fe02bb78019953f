package report

import (
	"slices"
	"testing"
)

// The period page: every scheme that scored it (with its ranking and
// comparison), the period's downloads, and its neighbours of the same kind.
func TestPeriodPage(t *testing.T) {
	m := demo(t)
	jobs := periodJobs(m)
	d := pageData(t, jobs, PeriodPath("2025-Q3")).(*PeriodPage)
	if d.Page.Period != "2025-Q3" || d.Page.PeriodLabel != "2025年第三季度" || d.Label != "2025年第三季度" {
		t.Errorf("frame period %q %q, label %q", d.Page.Period, d.Page.PeriodLabel, d.Label)
	}
	if len(d.Summaries) != len(m.Config.Schemes) {
		t.Errorf("%d summaries, want %d", len(d.Summaries), len(m.Config.Schemes))
	}
	if d.Prev == nil || d.Prev.ID != "2025-Q2" || d.Prev.Path != PeriodPath("2025-Q2") || d.Next == nil || d.Next.ID != "2025-Q4" {
		t.Errorf("neighbours %v / %v, want 2025-Q2 / 2025-Q4", d.Prev, d.Next)
	}
	for i, s := range m.Config.Schemes {
		sum := d.Summaries[i]
		if sum.Ranking != RankingPath(s.ID, "2025-Q3") || sum.Compare != ComparePath(s.ID, "2025-Q3") || sum.Methodology != MethodologyPath(s.ID) {
			t.Errorf("%s: summary links %s %s %s", s.ID, sum.Ranking, sum.Compare, sum.Methodology)
		}
	}
	// Per scheme its CSV and JSON, then the workbook, then the bundle (the
	// demo model is that of a default build, with bundles).
	var want []Download
	for _, s := range m.Config.Schemes {
		want = append(want, Download{Label: s.Name, Path: DataPath(s.ID, "2025-Q3", "csv"), Format: "CSV"},
			Download{Label: s.Name, Path: DataPath(s.ID, "2025-Q3", "json"), Format: "JSON"})
	}
	want = append(want, Download{Label: "全部方案（每方案一张工作表）", Path: XLSXPath("2025-Q3"), Format: "XLSX"},
		Download{Label: "本期归档包（网页、评分表和数据，可离线打开）", Path: BundlePath("2025-Q3"), Format: "ZIP"})
	if len(d.Downloads) != len(want) {
		t.Fatalf("downloads %+v, want %+v", d.Downloads, want)
	}
	for i := range want {
		if d.Downloads[i] != want[i] {
			t.Errorf("download %d = %+v, want %+v", i, d.Downloads[i], want[i])
		}
	}

	// A cumulative period's neighbours are cumulative periods.
	d = pageData(t, jobs, PeriodPath("2026-02-ytd")).(*PeriodPage)
	if d.Prev == nil || d.Prev.ID != "2026-01-ytd" || d.Next == nil || d.Next.ID != "2026-03-ytd" || !d.Derived {
		t.Errorf("2026-02-ytd neighbours %v / %v", d.Prev, d.Next)
	}
	// A period with a note carries its Markdown; one without, none.
	if d := pageData(t, jobs, PeriodPath("2024-Q1")).(*PeriodPage); d.Note != m.Data.Notes["2024-Q1"] || d.Note == "" {
		t.Errorf("2024-Q1 note %q", d.Note)
	}
	if d := pageData(t, jobs, PeriodPath("2024-Q2")).(*PeriodPage); d.Note != "" {
		t.Errorf("2024-Q2 has no note, page holds %q", d.Note)
	}
}

// The index and the archive list every period with data, latest first,
// grouped by year, and the archive offers each period's files.
func TestPeriodsIndexAndArchive(t *testing.T) {
	m := demo(t)
	idx := pageData(t, periodJobs(m), PeriodsIndexPath()).(*PeriodsIndex)
	arc := pageData(t, archiveJobs(m), ArchivePath()).(*ArchivePage)
	for name, years := range map[string][]PeriodYear{"index": idx.Years, "archive": arc.Years} {
		var got []PeriodItem
		for _, y := range years {
			for _, p := range y.Periods {
				if p.Path != PeriodPath(p.ID) || m.Data.Period(p.ID).Period.Year != y.Year {
					t.Errorf("%s: %s at %s under %d", name, p.ID, p.Path, y.Year)
				}
				got = append(got, p)
			}
		}
		if len(got) != len(m.Data.Periods) {
			t.Fatalf("%s: %d periods, want %d", name, len(got), len(m.Data.Periods))
		}
		for k, p := range got {
			pd := m.Data.Periods[len(m.Data.Periods)-1-k]
			if p.ID != pd.ID {
				t.Errorf("%s: entry %d is %s, want %s (latest first)", name, k, p.ID, pd.ID)
			}
			_, note := m.Data.Notes[pd.ID]
			if p.HasNote != note || p.Derived != pd.Derived {
				t.Errorf("%s: %s note %v derived %v", name, p.ID, p.HasNote, p.Derived)
			}
			if len(p.Schemes) != len(m.Config.Schemes) || p.Schemes[0].CSV != DataPath("basic", pd.ID, "csv") || p.Schemes[0].Ranking != RankingPath("basic", pd.ID) {
				t.Errorf("%s: %s scheme files %+v", name, p.ID, p.Schemes)
			}
			if len(p.PeriodFiles) != 2 || p.PeriodFiles[0].Path != XLSXPath(pd.ID) || p.PeriodFiles[1].Path != BundlePath(pd.ID) {
				t.Errorf("%s: %s period files %+v", name, p.ID, p.PeriodFiles)
			}
		}
	}
}

// TestSourceNames: a period page names its workbooks under data/periods,
// not by their path in the site folder.
func TestSourceNames(t *testing.T) {
	got := sourceNames([]string{"data/periods/2025-Q2.xlsx", "data/periods/2025-Q4/basic.csv", "其他/periods/2026-01.csv", "x.csv"})
	want := []string{"2025-Q2.xlsx", "2025-Q4/basic.csv", "2026-01.csv", "x.csv"}
	if !slices.Equal(got, want) {
		t.Errorf("sourceNames = %q, want %q", got, want)
	}
}

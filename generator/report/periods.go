package report

import (
	"path"
	"path/filepath"
	"strings"

	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
)

// PeriodsIndex lists every period with data, latest first, grouped by year.
type PeriodsIndex struct {
	Page  *Page
	Years []PeriodYear
}

// PeriodYear is the periods of one calendar year, latest first.
type PeriodYear struct {
	Year    int
	Periods []PeriodItem
}

// PeriodItem is one period in a list of periods, with what a reader can
// open for it.
type PeriodItem struct {
	ID, Label, Path string
	Derived         bool
	HasNote         bool
	Rankings        []SchemeLink // the schemes scored in this period
	Downloads       []Download   // per scheme JSON and CSV, then the workbook
	// Schemes are the result files of each scheme scored in this period.
	Schemes []PeriodSchemeFiles
	// PeriodFiles are the files of the whole period: the workbook (and,
	// once written, a bundle of the period's report).
	PeriodFiles []Download
}

// PeriodSchemeFiles is one scheme's ranking and result files for a period.
type PeriodSchemeFiles struct {
	Name, Ranking, CSV, JSON string
}

// SchemeLink is a link to a scheme's page for one period.
type SchemeLink struct {
	Name, Path string
}

// Download is one file of a period's results.
type Download struct {
	Label, Path, Format string // Format: "JSON", "CSV", "XLSX"
}

// PeriodPage is one period: every scheme's summary, the commentary, the
// downloads and the neighbouring periods.
type PeriodPage struct {
	Page       *Page
	ID, Label  string
	Derived    bool
	Files      []string // source files, relative to data/periods: 2025-Q2.xlsx, 2025-Q4/basic.csv
	Summaries  []*Summary
	Note       string // Markdown of data/notes/<period>.md; "" when none
	Downloads  []Download
	Prev, Next *PeriodItem // the neighbouring periods of the same kind, or nil
	// Corrections are the 更正说明 of a published period that was amended.
	Corrections []CorrectionView
}

// periodIndex holds, per period id, the results of every scheme that scored
// it (in config order), computed once for the whole family.
type periodIndex map[string][]*scoring.Result

func (m *Model) periodResults() periodIndex {
	idx := periodIndex{}
	for _, s := range m.Config.Schemes {
		for _, r := range m.Results[s.ID] {
			idx[r.Period.ID] = append(idx[r.Period.ID], r)
		}
	}
	return idx
}

// periodItem describes one period for lists.
func (m *Model) periodItem(pd *dataset.PeriodData, idx periodIndex) PeriodItem {
	it := PeriodItem{ID: pd.ID, Label: pd.Period.Label(m.Lang), Path: PeriodPath(pd.ID), Derived: pd.Derived}
	_, it.HasNote = m.Data.Notes[pd.ID]
	for _, r := range idx[pd.ID] {
		it.Rankings = append(it.Rankings, SchemeLink{Name: r.Scheme.Name, Path: RankingPath(r.Scheme.ID, pd.ID)})
		it.Schemes = append(it.Schemes, PeriodSchemeFiles{Name: r.Scheme.Name, Ranking: RankingPath(r.Scheme.ID, pd.ID),
			CSV: DataPath(r.Scheme.ID, pd.ID, "csv"), JSON: DataPath(r.Scheme.ID, pd.ID, "json")})
	}
	it.Downloads = m.periodDownloads(pd.ID, idx)
	for _, dl := range it.Downloads {
		if dl.Format == "XLSX" || dl.Format == "ZIP" {
			it.PeriodFiles = append(it.PeriodFiles, dl)
		}
	}
	return it
}

// periodDownloads lists a period's result files: JSON and CSV per scheme,
// then the workbook with one sheet per scheme (none when no scheme scored
// the period).
func (m *Model) periodDownloads(id string, idx periodIndex) []Download {
	var out []Download
	for _, r := range idx[id] {
		out = append(out,
			Download{Label: r.Scheme.Name, Path: DataPath(r.Scheme.ID, id, "csv"), Format: "CSV"},
			Download{Label: r.Scheme.Name, Path: DataPath(r.Scheme.ID, id, "json"), Format: "JSON"})
	}
	if len(idx[id]) > 0 {
		out = append(out, Download{Label: m.T("全部方案（每方案一张工作表）", "All schemes (one sheet each)"), Path: XLSXPath(id), Format: "XLSX"})
	}
	if m.HasBundles {
		out = append(out, Download{Label: m.T("本期归档包（网页、评分表和数据，可离线打开）", "Report bundle (pages, score sheets and data; opens offline)"), Path: BundlePath(id), Format: "ZIP"})
	}
	return out
}

// periodYears lists the periods with data, latest first, grouped by year.
func (m *Model) periodYears() []PeriodYear {
	idx := m.periodResults()
	var years []PeriodYear
	for i := len(m.Data.Periods) - 1; i >= 0; i-- {
		pd := m.Data.Periods[i]
		if len(years) == 0 || years[len(years)-1].Year != pd.Period.Year {
			years = append(years, PeriodYear{Year: pd.Period.Year})
		}
		y := &years[len(years)-1]
		y.Periods = append(y.Periods, m.periodItem(pd, idx))
	}
	return years
}

func periodJobs(m *Model) []Job {
	title := m.T("考核期", "Periods")
	jobs := []Job{{Path: PeriodsIndexPath(), Data: func() (any, error) {
		return &PeriodsIndex{Page: m.Page(PeriodsIndexPath(), title, NavPeriods), Years: m.periodYears()}, nil
	}}}
	idx := m.periodResults()
	for i, pd := range m.Data.Periods {
		jobs = append(jobs, Job{Path: PeriodPath(pd.ID), Bundle: pd.ID, Data: func() (any, error) {
			return m.periodPage(i, idx), nil
		}})
	}
	return jobs
}

// periodPage builds the page of m.Data.Periods[i].
func (m *Model) periodPage(i int, idx periodIndex) *PeriodPage {
	pd := m.Data.Periods[i]
	label := pd.Period.Label(m.Lang)
	page := m.Page(PeriodPath(pd.ID), label, NavPeriods,
		Crumb{Label: m.T("考核期", "Periods"), Path: PeriodsIndexPath()})
	page.PrintHeader = label
	m.setPeriod(page, pd.ID, label)
	d := &PeriodPage{
		Page: page, ID: pd.ID, Label: label, Derived: pd.Derived, Files: sourceNames(pd.Files),
		Note: m.Data.Notes[pd.ID], Downloads: m.periodDownloads(pd.ID, idx),
		Corrections: m.corrections(pd.ID, ""),
	}
	for _, r := range idx[pd.ID] {
		d.Summaries = append(d.Summaries, m.summarize(r))
	}
	same := func(o *dataset.PeriodData) bool {
		return o.Derived == pd.Derived && o.Period.Gran == pd.Period.Gran
	}
	for j := i - 1; j >= 0; j-- {
		if o := m.Data.Periods[j]; same(o) {
			it := m.periodItem(o, idx)
			d.Prev = &it
			break
		}
	}
	for j := i + 1; j < len(m.Data.Periods); j++ {
		if o := m.Data.Periods[j]; same(o) {
			it := m.periodItem(o, idx)
			d.Next = &it
			break
		}
	}
	return d
}

// sourceNames shortens the source files of a period to their names under
// data/periods (2025-Q2.xlsx, 2025-Q4/basic.csv): leaders reading the
// period page need to know which workbook it came from, not where it
// lies on the office's disk.
func sourceNames(files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		f = filepath.ToSlash(f)
		if k := strings.LastIndex(f, "periods/"); k >= 0 {
			f = f[k+len("periods/"):]
		} else {
			f = path.Base(f)
		}
		out[i] = f
	}
	return out
}

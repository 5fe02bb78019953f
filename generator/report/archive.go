package report

// ArchivePage lists every period, latest first and grouped by year, with
// its result files, its period page and its rankings.
type ArchivePage struct {
	Page  *Page
	Years []PeriodYear
	// Zips: the site has each period's zip (Model.HasBundles), one more
	// download of each period's row.
	Zips bool
}

func archiveJobs(m *Model) []Job {
	return []Job{{Path: ArchivePath(), Data: func() (any, error) {
		return &ArchivePage{
			Page:  m.Page(ArchivePath(), m.T("归档", "Archive"), NavArchive),
			Years: m.periodYears(),
			Zips:  m.HasBundles,
		}, nil
	}}}
}

package report

// ArchivePage lists every period, latest first and grouped by year, with
// its result files, its period page and its rankings.
type ArchivePage struct {
	Page  *Page
	Years []PeriodYear
}

// The archive's rows are PeriodItems; a per-period bundle (zip) will be
// one more Download of the period, so the template needs no change.

func archiveJobs(m *Model) []Job {
	return []Job{{Path: ArchivePath(), Data: func() (any, error) {
		return &ArchivePage{
			Page:  m.Page(ArchivePath(), m.T("归档", "Archive"), NavArchive),
			Years: m.periodYears(),
		}, nil
	}}}
}

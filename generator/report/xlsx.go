package report

import (
	"io"

	"kaoping/generator/output"
	"kaoping/generator/scoring"
)

func init() { registerFile(xlsxJobs) }

// xlsxJobs gives one workbook per period that some scheme has results for
// (report.XLSXPath), in period order, written by output.XLSX.
func xlsxJobs(m *Model) []FileJob {
	var jobs []FileJob
	for _, pd := range m.Data.Periods {
		results := map[string]*scoring.Result{}
		for _, s := range m.Config.Schemes {
			if r := m.Result(s.ID, pd.ID); r != nil {
				results[s.ID] = r
			}
		}
		if len(results) == 0 {
			continue
		}
		jobs = append(jobs, FileJob{Path: XLSXPath(pd.ID), Write: func(w io.Writer) error {
			return output.XLSX(w, m.Config, m.Data.Entities, pd.Period, results)
		}})
	}
	return jobs
}

package report

import "io"

// FileJob is one file of the site that is not a page rendered from a
// template (a workbook, say): its site path and the function that writes
// its bytes. Like Job, the content is built only when the worker runs it.
type FileJob struct {
	Path  string
	Write func(w io.Writer) error
}

// FileJobs lists every non-page file of the site, in a stable order.
func (m *Model) FileJobs() []FileJob {
	var jobs []FileJob
	for _, family := range fileFamilies {
		jobs = append(jobs, family(m)...)
	}
	return jobs
}

// fileFamilies are the builders of non-page files, in registration order.
var fileFamilies []func(*Model) []FileJob

// registerFile adds a builder of non-page files (see register).
func registerFile(f func(*Model) []FileJob) { fileFamilies = append(fileFamilies, f) }

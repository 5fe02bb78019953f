package report

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestXLSXJobs: one workbook per period with results, written by
// output.XLSX (whose tests check its content): a ranking and a 明细 sheet
// for each scheme of the period.
func TestXLSXJobs(t *testing.T) {
	m := rankDemo(t)
	jobs := map[string]FileJob{}
	for _, j := range m.FileJobs() {
		jobs[j.Path] = j
	}
	read := false
	for _, pd := range m.Data.Periods {
		var schemes int
		for _, s := range m.Config.Schemes {
			if m.Result(s.ID, pd.ID) != nil {
				schemes++
			}
		}
		j, ok := jobs[XLSXPath(pd.ID)]
		if ok != (schemes > 0) {
			t.Fatalf("%s: workbook job %v, %d schemes with results", pd.ID, ok, schemes)
		}
		if !ok || pd.ID != "2025-Q4" {
			continue
		}
		var buf bytes.Buffer
		if err := j.Write(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(f.GetSheetList()); got != 2*schemes {
			t.Errorf("%s: %d sheets %v, want 2 × %d", pd.ID, got, f.GetSheetList(), schemes)
		}
		f.Close()
		read = true
	}
	if !read {
		t.Error("no workbook of 2025-Q4 read: the demo changed")
	}
}

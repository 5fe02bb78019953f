package report

import (
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kaoping/generator/render"
	"kaoping/internal/cputime"
	"kaoping/internal/synth"
)

// Score sheets are most of a province's pages (130,816 of 139,946), so
// their cost per page is the build's:
//
//	go test -bench Sheet -run '^$' -benchmem ./generator/report/
//
// Each op builds one sheet's data and renders it into io.Discard, cycling
// through every sheet of a generated medium site (4 cities × 10 units ×
// 20 prosecutors × 8 quarters) with a prime stride. cpu-us/op counts the process's CPU time,
// garbage collection included, and holds on a busy machine.

var (
	benchSheetOnce  sync.Once
	benchSheetModel *Model
	benchSheetErr   error
)

// benchSheetSite writes and loads the medium site once per test binary.
func benchSheetSite(b *testing.B) *Model {
	b.Helper()
	benchSheetOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kaoping-sheet-bench-")
		if err != nil {
			benchSheetErr = err
			return
		}
		defer os.RemoveAll(dir)
		opts := synth.Options{Cities: 4, Units: 10, Prosecutors: 20, Periods: 8, Seed: 1}
		if benchSheetErr = synth.WriteSite(dir, opts); benchSheetErr != nil {
			return
		}
		benchSheetModel, benchSheetErr = loadSite(filepath.Join(dir, "config.toml"))
	})
	if benchSheetErr != nil {
		b.Fatal(benchSheetErr)
	}
	return benchSheetModel
}

// sheetJobsOf returns the score sheet jobs of m.
func sheetJobsOf(m *Model) []Job {
	var out []Job
	for _, j := range sheetJobs(m) {
		if j.Template == "sheet.html" {
			out = append(out, j)
		}
	}
	return out
}

func BenchmarkSheet(b *testing.B) {
	m := benchSheetSite(b)
	jobs := sheetJobsOf(m)
	r, err := render.New(render.Options{Lang: m.Lang, Dir: "/nonexistent-kaoping-templates"})
	if err != nil {
		b.Fatal(err)
	}
	datas := make([]any, len(jobs))
	for i, j := range jobs {
		if datas[i], err = j.Data(); err != nil {
			b.Fatal(err)
		}
	}
	run := func(name string, data, exec bool) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			start := cputime.Process()
			for i := 0; b.Loop(); i++ {
				k := i * 7919 % len(jobs) // a prime stride: every scheme and level
				j, d := jobs[k], datas[k]
				if data {
					var err error
					if d, err = j.Data(); err != nil {
						b.Fatal(err)
					}
				}
				if exec {
					if err := r.Execute(io.Discard, j.Template, d); err != nil {
						b.Fatal(err)
					}
				}
			}
			if cpu := cputime.Process() - start; cpu > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us/op")
			}
		})
	}
	run("data", true, false)
	run("render", false, true)
	run("both", true, true)
}

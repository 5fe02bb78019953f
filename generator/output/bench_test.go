package output_test

// Benchmarks of the data files of a whole site (every scheme and period,
// SPEC §7: JSON, CSV, and the workbook of each period), on sites written
// by internal/synth:
//
//	go test -bench . -run '^$' -benchmem ./generator/output/
//	KAOPING_BENCH_PROVINCE=1 go test -bench . -run '^$' -benchmem ./generator/output/
//
// The medium size (4 cities × 10 procuratorates × 20 prosecutors × 8
// quarters) runs by default; the province (synth.Province(), 8,977
// entities, 48 results) only with KAOPING_BENCH_PROVINCE=1.

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/output"
	"kaoping/generator/scoring"
	"kaoping/internal/cputime"
	"kaoping/internal/synth"
)

type benchSite struct {
	name     string
	opts     synth.Options
	province bool

	once sync.Once
	p    *build.Project
	rs   []*scoring.Result
}

var benchSites = []*benchSite{
	{name: "medium", opts: synth.Options{Cities: 4, Units: 10, Prosecutors: 20, Periods: 8, Seed: 1}},
	{name: "province", opts: synth.Province(), province: true},
}

// results loads the site once per test binary; the loading is not timed.
func (s *benchSite) results(b *testing.B) []*scoring.Result {
	b.Helper()
	if s.province && os.Getenv("KAOPING_BENCH_PROVINCE") != "1" {
		b.Skip("province size needs KAOPING_BENCH_PROVINCE=1")
	}
	s.once.Do(func() {
		s.p = synthProject(b, "bench-"+s.name, s.opts)
		s.rs = allResults(b, s.p)
	})
	if s.rs == nil {
		b.Fatal("site failed to load")
	}
	return s.rs
}

// cpuMeter reports the process CPU time per op: the encoders are single
// threaded, so it is close to ns/op on an idle machine, and steadier than
// it on a shared one.
func cpuMeter(b *testing.B) func() {
	start := cputime.Process()
	return func() {
		if d := cputime.Process() - start; start > 0 && b.N > 0 {
			b.ReportMetric(d.Seconds()*1000/float64(b.N), "cpu-ms/op")
		}
	}
}

func BenchmarkJSON(b *testing.B) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			rs := s.results(b)
			b.ReportAllocs()
			b.ResetTimer()
			defer cpuMeter(b)()
			var n int
			for b.Loop() {
				n = 0
				for _, r := range rs {
					js, err := output.JSON(r)
					if err != nil {
						b.Fatal(err)
					}
					n += len(js)
				}
			}
			b.SetBytes(int64(n))
		})
	}
}

func BenchmarkCSV(b *testing.B) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			rs := s.results(b)
			b.ReportAllocs()
			b.ResetTimer()
			defer cpuMeter(b)()
			var buf bytes.Buffer
			var n int
			for b.Loop() {
				n = 0
				for _, r := range rs {
					buf.Reset()
					if err := output.CSV(&buf, r); err != nil {
						b.Fatal(err)
					}
					n += buf.Len()
				}
			}
			b.SetBytes(int64(n))
		})
	}
}

func BenchmarkXLSX(b *testing.B) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			s.results(b)
			var periods []string
			for _, pd := range s.p.Data.Periods {
				if len(periodResults(s.p, pd.ID)) > 0 {
					periods = append(periods, pd.ID)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			defer cpuMeter(b)()
			var buf bytes.Buffer
			var n int
			for b.Loop() {
				n = 0
				for _, period := range periods {
					buf.Reset()
					pd := s.p.Data.Period(period)
					if err := output.XLSX(&buf, s.p.Config, s.p.Data.Entities, pd.Period, periodResults(s.p, period)); err != nil {
						b.Fatal(err)
					}
					n += buf.Len()
				}
			}
			b.SetBytes(int64(n))
		})
	}
}

// BenchmarkLargestResult writes the site's largest result (most
// members) as JSON and CSV, and its period's workbook.
func BenchmarkLargestResult(b *testing.B) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			var r *scoring.Result
			size := func(r *scoring.Result) (n int) {
				for _, g := range r.Groups {
					n += len(g.Entities)
				}
				return n
			}
			for _, x := range s.results(b) {
				if r == nil || size(x) > size(r) {
					r = x
				}
			}
			var buf bytes.Buffer
			for _, f := range []struct {
				name  string
				write func() error
			}{
				{"JSON", func() error { js, err := output.JSON(r); buf.Write(js); return err }},
				{"CSV", func() error { return output.CSV(&buf, r) }},
				{"XLSX", func() error {
					return output.XLSX(&buf, s.p.Config, s.p.Data.Entities, r.Period.Period, periodResults(s.p, r.Period.ID))
				}},
			} {
				b.Run(f.name, func(b *testing.B) {
					b.ReportAllocs()
					defer cpuMeter(b)()
					for b.Loop() {
						buf.Reset()
						if err := f.write(); err != nil {
							b.Fatal(err)
						}
					}
					b.SetBytes(int64(buf.Len()))
					b.ReportMetric(float64(size(r)), "members")
				})
			}
		})
	}
}

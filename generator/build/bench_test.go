package build_test

// Benchmarks of a whole site at three sizes, on sites written by
// internal/synth (the generator behind cmd/gensite):
//
//	go test -bench . -run '^$' -benchmem ./generator/build/
//	KAOPING_BENCH_PROVINCE=1 go test -bench Build -run '^$' ./generator/build/
//
// The province size (16 cities × 10 procuratorates × 50 prosecutors × 8
// quarters, 8,977 entities) is skipped with -short; its full build, which
// writes every page, runs only with KAOPING_BENCH_PROVINCE=1. Figures and
// how to read them: docs/PERFORMANCE.md.

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kaoping/generator/build"
	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
	"kaoping/internal/cputime"
	"kaoping/internal/synth"
)

// benchSize is one size of generated site.
type benchSize struct {
	name string
	opts synth.Options
	// province marks the largest size: skipped with -short, and its full
	// build needs KAOPING_BENCH_PROVINCE=1.
	province bool

	once sync.Once
	dir  string // the site folder, written once per test binary run
	err  error
}

var benchSizes = []*benchSize{
	{name: "small", opts: synth.Options{Cities: 1, Units: 2, Prosecutors: 5, Periods: 4, Seed: 1}},
	{name: "medium", opts: synth.Options{Cities: 4, Units: 10, Prosecutors: 20, Periods: 8, Seed: 1}},
	{name: "province", opts: synth.Province(), province: true},
}

// benchRoot holds every generated site; removed by TestMain.
var benchRoot string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

// site returns the config.toml of the size's site, writing the site on
// first use. The writing is not timed.
func (s *benchSize) site(b *testing.B) string {
	b.Helper()
	if s.province && testing.Short() {
		b.Skip("province size skipped with -short")
	}
	s.once.Do(func() {
		if benchRoot == "" {
			benchRoot, s.err = os.MkdirTemp("", "kaoping-bench-")
			if s.err != nil {
				return
			}
		}
		s.dir = filepath.Join(benchRoot, s.name)
		s.err = synth.WriteSite(s.dir, s.opts)
	})
	if s.err != nil {
		b.Fatal(s.err)
	}
	return filepath.Join(s.dir, "config.toml")
}

// cpuMeter reports the process CPU time per operation as cpu-ms/op, which
// unlike ns/op holds on a busy machine (it counts every thread, the
// garbage collector's included). Start it after any untimed setup.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{cputime.Process()} }

func (m cpuMeter) report(b *testing.B) {
	if m.start > 0 && b.N > 0 {
		d := cputime.Process() - m.start
		b.ReportMetric(d.Seconds()*1000/float64(b.N), "cpu-ms/op")
	}
}

// load runs the stages before scoring: config.toml, the data folder
// (entities, period files, ytd, aggregation) and the compiled formulas.
func load(b *testing.B, path string) (*config.Config, *dataset.Dataset, *scoring.Engine) {
	cfg, ps := config.Load(path)
	if ps.HasErrors() {
		b.Fatal(ps.Err("en"))
	}
	ds, ps := dataset.Load(cfg)
	if ps.HasErrors() {
		b.Fatal(ps.Err("en"))
	}
	eng, ps := scoring.Compile(cfg, scoring.KnownFields(cfg, ds))
	if ps.HasErrors() {
		b.Fatal(ps.Err("en"))
	}
	return cfg, ds, eng
}

// scoreAll scores every scheme for each of its periods with rank changes,
// as a build does, and returns the number of (entity, period) results.
func scoreAll(cfg *config.Config, ds *dataset.Dataset, eng *scoring.Engine) int {
	n := 0
	for _, s := range cfg.Schemes {
		byPeriod := map[string]*scoring.Result{}
		var rs []*scoring.Result
		for _, pd := range scoring.SchemePeriods(s, ds) {
			r := eng.Score(s, pd, ds.Entities)
			byPeriod[pd.ID] = r
			rs = append(rs, r)
			eng.Problems(r)
			for _, g := range r.Groups {
				n += len(g.Entities)
			}
		}
		for _, r := range rs {
			if prev := scoring.PreviousPeriod(s, ds, r.Period); prev != nil {
				scoring.RankChanges(r, byPeriod[prev.ID])
			}
		}
	}
	return n
}

// BenchmarkLoad measures reading config.toml and the data folder and
// compiling the formulas (no scoring, no output).
func BenchmarkLoad(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			path := s.site(b)
			b.ReportAllocs()
			var ds *dataset.Dataset
			cpu := startCPU()
			for b.Loop() {
				_, ds, _ = load(b, path)
			}
			cpu.report(b)
			b.ReportMetric(float64(len(ds.Entities.All)), "entities")
			b.ReportMetric(float64(len(ds.Periods)), "periods")
		})
	}
}

// BenchmarkScore measures scoring every scheme for each of its periods
// (the demo's three schemes; ytd periods included) with rank changes and
// warnings, on data loaded once.
func BenchmarkScore(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			cfg, ds, eng := load(b, s.site(b))
			b.ReportAllocs()
			results := 0
			cpu := startCPU()
			for b.Loop() {
				results = scoreAll(cfg, ds, eng)
			}
			cpu.report(b)
			b.ReportMetric(float64(len(ds.Entities.All)), "entities")
			b.ReportMetric(float64(len(ds.Periods)), "periods")
			b.ReportMetric(float64(results)*float64(b.N)/b.Elapsed().Seconds(), "results/s")
		})
	}
}

// BenchmarkBuild measures a full build (load, score, every page and file,
// the atomic swap) into a temporary folder. The province size needs
// KAOPING_BENCH_PROVINCE=1: it writes tens of thousands of pages.
func BenchmarkBuild(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			if s.province && os.Getenv("KAOPING_BENCH_PROVINCE") == "" {
				b.Skip("set KAOPING_BENCH_PROVINCE=1 for the province-size full build")
			}
			path := s.site(b)
			out := b.TempDir()
			b.ReportAllocs()
			var sum *build.Summary
			cpu := startCPU()
			for i := 0; b.Loop(); i++ {
				_, sm, ps := build.Build(build.Options{ConfigPath: path, OutDir: filepath.Join(out, fmt.Sprint(i%2))})
				if ps.HasErrors() {
					b.Fatal(ps.Err("en"))
				}
				sum = sm
			}
			cpu.report(b)
			b.ReportMetric(float64(sum.Files), "files")
			b.ReportMetric(float64(sum.Periods), "periods")
			b.ReportMetric(float64(sum.Files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

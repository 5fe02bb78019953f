package report

// Benchmarks of the three heaviest page kinds after the score sheets
// (profiles, comparisons, rankings) on sites written by internal/synth:
//
//	go test -bench Page -run '^$' -benchmem ./generator/report/
//	go test -bench Page -run '^$' -benchmem -short ./generator/report/   # medium only
//
// Each op builds a page's data and renders it into io.Discard with the
// built-in templates, as a build's worker does (the file write is left
// out). Entity ops cycle through every profile of the site; compare and
// ranking ops cycle through every page of the prosecutor scheme, the
// largest (8,000 rows on the province). "data" sub-benchmarks build the
// data only, so the rest of "page" is the template.

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kaoping/generator/render"
	"kaoping/internal/cputime"
	"kaoping/internal/synth"
)

// benchSite is one size of generated site, written and loaded once per
// test binary run.
type benchSite struct {
	name     string
	opts     synth.Options
	province bool // skipped with -short

	once     sync.Once
	m        *Model
	renderer *render.Renderer
	err      error
}

var benchSites = []*benchSite{
	{name: "medium", opts: synth.Options{Cities: 4, Units: 10, Prosecutors: 20, Periods: 8, Seed: 1}},
	{name: "province", opts: synth.Province(), province: true},
}

// load writes, loads and scores the site on first use (not timed).
func (s *benchSite) load(b *testing.B) (*Model, *render.Renderer) {
	b.Helper()
	if s.province && testing.Short() {
		b.Skip("province size skipped with -short")
	}
	s.once.Do(func() {
		dir, err := os.MkdirTemp("", "kaoping-report-bench-")
		if err != nil {
			s.err = err
			return
		}
		defer os.RemoveAll(dir)
		if s.err = synth.WriteSite(dir, s.opts); s.err != nil {
			return
		}
		if s.m, s.err = loadSite(filepath.Join(dir, "config.toml")); s.err != nil {
			return
		}
		s.renderer, s.err = render.New(render.Options{Lang: s.m.Lang, Dir: s.m.Config.TemplatesDir})
	})
	if s.err != nil {
		b.Fatal(s.err)
	}
	return s.m, s.renderer
}

// benchJobs are the site's pages of one template whose path starts with
// prefix.
func benchJobs(b *testing.B, m *Model, template, prefix string) []Job {
	var out []Job
	for _, j := range m.Jobs() {
		if j.Template == template && strings.HasPrefix(j.Path, prefix) {
			out = append(out, j)
		}
	}
	if len(out) == 0 {
		b.Fatalf("no %s page under %s", template, prefix)
	}
	return out
}

// benchPages runs the "data" and "page" sub-benchmarks of a page kind.
func benchPages(b *testing.B, template, prefix string) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			m, r := s.load(b)
			jobs := benchJobs(b, m, template, prefix)
			b.Run("data", func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b, cputime.Process())
				for i := 0; b.Loop(); i++ {
					if _, err := jobs[i%len(jobs)].Data(); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("page", func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b, cputime.Process())
				for i := 0; b.Loop(); i++ {
					j := jobs[i%len(jobs)]
					data, err := j.Data()
					if err != nil {
						b.Fatal(err)
					}
					if err := r.Execute(io.Discard, j.Template, data); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// reportCPU reports the process CPU time since start per op as
// cpu-ms/op, which unlike ns/op holds on a busy machine (it counts every
// thread, the garbage collector's included).
func reportCPU(b *testing.B, start time.Duration) {
	if start > 0 && b.N > 0 {
		b.ReportMetric((cputime.Process()-start).Seconds()*1000/float64(b.N), "cpu-ms/op")
	}
}

func BenchmarkEntityPage(b *testing.B)  { benchPages(b, "entity.html", "entities/") }
func BenchmarkComparePage(b *testing.B) { benchPages(b, "compare.html", "compare/prosecutor/") }
func BenchmarkRankingPage(b *testing.B) { benchPages(b, "ranking.html", "schemes/prosecutor/") }

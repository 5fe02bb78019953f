package output_test

// Sites for the tests and the benchmarks: the demo site of the
// repository and sites written by internal/synth (the generator behind
// cmd/gensite), loaded and scored by build.Load as a build does.

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/scoring"
	"kaoping/internal/synth"
)

// siteRoot holds every generated site; removed by TestMain.
var (
	siteRoot string
	rootOnce sync.Once
	rootErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if siteRoot != "" {
		os.RemoveAll(siteRoot)
	}
	os.Exit(code)
}

// loadProject loads and scores the site of configPath.
func loadProject(tb testing.TB, configPath string) *build.Project {
	tb.Helper()
	p, ps := build.Load(configPath)
	if ps.HasErrors() || p == nil {
		tb.Fatal(ps.Err("en"))
	}
	return p
}

// loadResults loads the site of configPath and returns every result, in
// scheme and period order.
func loadResults(tb testing.TB, configPath string) []*scoring.Result {
	tb.Helper()
	return allResults(tb, loadProject(tb, configPath))
}

// allResults are every result of p, in scheme and period order.
func allResults(tb testing.TB, p *build.Project) []*scoring.Result {
	var rs []*scoring.Result
	for _, s := range p.Config.Schemes {
		rs = append(rs, p.Results[s.ID]...)
	}
	if len(rs) == 0 {
		tb.Fatal("the site has no results")
	}
	return rs
}

// demoResults are the results of the repository's demo site.
func demoResults(tb testing.TB) []*scoring.Result {
	return loadResults(tb, "../../config.toml")
}

// synthProject writes a site of opts under name and loads it.
func synthProject(tb testing.TB, name string, opts synth.Options) *build.Project {
	tb.Helper()
	rootOnce.Do(func() { siteRoot, rootErr = os.MkdirTemp("", "kaoping-output-") })
	if rootErr != nil {
		tb.Fatal(rootErr)
	}
	dir := filepath.Join(siteRoot, name)
	if err := synth.WriteSite(dir, opts); err != nil {
		tb.Fatal(err)
	}
	return loadProject(tb, filepath.Join(dir, "config.toml"))
}

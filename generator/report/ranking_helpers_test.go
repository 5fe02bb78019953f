package report

import (
	"bytes"
	"sort"
	"sync"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"kaoping/generator/render"
	"kaoping/generator/scoring"
)

// rankDemo loads and scores the demo site (../../config.toml) the way
// build.Load does; each call gives a fresh model, so a test may alter it.
func rankDemo(t *testing.T) *Model {
	t.Helper()
	cfg, ps := config.Load("../../config.toml")
	if cfg == nil || ps.HasErrors() {
		t.Fatalf("demo config: %v", ps)
	}
	ds, ps := dataset.Load(cfg)
	if ds == nil || ps.HasErrors() {
		t.Fatalf("demo data: %v", ps)
	}
	set := map[string]bool{}
	for _, f := range cfg.Fields {
		set[f.ID] = true
	}
	for _, f := range ds.Fields {
		set[f] = true
	}
	var fields []string
	for f := range set {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	eng, ps := scoring.Compile(cfg, fields)
	if eng == nil || ps.HasErrors() {
		t.Fatalf("demo rules: %v", ps)
	}
	results := map[string][]*scoring.Result{}
	for _, s := range cfg.Schemes {
		byPeriod := map[string]*scoring.Result{}
		for _, pd := range scoring.SchemePeriods(s, ds) {
			r := eng.Score(s, pd, ds.Entities)
			byPeriod[pd.ID] = r
			results[s.ID] = append(results[s.ID], r)
		}
		for _, r := range results[s.ID] {
			if prev := scoring.PreviousPeriod(s, ds, r.Period); prev != nil {
				scoring.RankChanges(r, byPeriod[prev.ID])
			}
		}
	}
	return New(cfg, ds, results)
}

var (
	rankRendererOnce sync.Once
	rankRendererVal  map[string]*render.Renderer
	rankRendererErr  error
)

// rankRenderer is the built-in templates' renderer for lang.
func rankRenderer(t *testing.T, lang string) *render.Renderer {
	t.Helper()
	rankRendererOnce.Do(func() {
		rankRendererVal = map[string]*render.Renderer{}
		for _, l := range []string{"zh-CN", "en"} {
			r, err := render.New(render.Options{Lang: l, Dir: "/nonexistent-kaoping-templates"})
			if err != nil {
				rankRendererErr = err
				return
			}
			rankRendererVal[l] = r
		}
	})
	if rankRendererErr != nil {
		t.Fatalf("templates: %v", rankRendererErr)
	}
	return rankRendererVal[lang]
}

// rankRenderJob finds the job at path among jobs and renders it.
func rankRenderJob(t *testing.T, m *Model, jobs []Job, path string) string {
	t.Helper()
	for _, j := range jobs {
		if j.Path != path {
			continue
		}
		data, err := j.Data()
		if err != nil {
			t.Fatalf("%s: data: %v", path, err)
		}
		var buf bytes.Buffer
		if err := rankRenderer(t, m.Lang).Execute(&buf, j.Template, data); err != nil {
			t.Fatalf("%s: render: %v", path, err)
		}
		return buf.String()
	}
	t.Fatalf("no job for %s", path)
	return ""
}

// rankLatestPlain is the scheme's latest result of a plain quarter.
func rankLatestPlain(t *testing.T, m *Model, scheme string) *scoring.Result {
	t.Helper()
	rs := m.Results[scheme]
	for i := len(rs) - 1; i >= 0; i-- {
		p := rs[i].Period.Period
		if !p.YTD && p.Gran == period.Quarter {
			return rs[i]
		}
	}
	t.Fatalf("%s: no quarter", scheme)
	return nil
}

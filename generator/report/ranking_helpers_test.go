package report

import (
	"bytes"
	"sync"
	"testing"

	"kaoping/generator/period"
	"kaoping/generator/render"
	"kaoping/generator/scoring"
)

// rankDemo loads and scores the demo site (../../config.toml) the way
// build.Load does; each call gives a fresh model, so a test may alter it.
func rankDemo(t *testing.T) *Model {
	t.Helper()
	m, err := loadDemo()
	if err != nil {
		t.Fatal(err)
	}
	return m
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

package report

import (
	"bytes"
	"kaoping/generator/render"
	"sync"
	"testing"
)

// Test helpers of the entity, indicator and scheme overview families.

var (
	entDemoOnce  sync.Once
	entDemoModel *Model
	entDemoErr   string
)

// entDemo is the demo site (../../config.toml) loaded and scored the way
// build.Load does, shared by the tests of these families (read-only).
func entDemo(t *testing.T) *Model {
	t.Helper()
	entDemoOnce.Do(func() {
		var err error
		if entDemoModel, err = loadDemo(); err != nil {
			entDemoErr = err.Error()
		}
	})
	if entDemoModel == nil {
		t.Fatal(entDemoErr)
	}
	return entDemoModel
}

var (
	entRendererOnce sync.Once
	entRendererVal  *render.Renderer
	entRendererErr  error
)

// entRenderer renders with the built-in templates in Chinese.
func entRenderer(t *testing.T) *render.Renderer {
	t.Helper()
	entRendererOnce.Do(func() {
		entRendererVal, entRendererErr = render.New(render.Options{Lang: "zh-CN", Dir: "/nonexistent-kaoping-templates"})
	})
	if entRendererErr != nil {
		t.Fatalf("templates: %v", entRendererErr)
	}
	return entRendererVal
}

// entJob finds the job at path.
func entJob(t *testing.T, jobs []Job, path string) Job {
	t.Helper()
	for _, j := range jobs {
		if j.Path == path {
			return j
		}
	}
	t.Fatalf("no job for %s", path)
	return Job{}
}

// entRender builds a job's data and renders it with r.
func entRender(t *testing.T, r *render.Renderer, j Job) (any, string) {
	t.Helper()
	data, err := j.Data()
	if err != nil {
		t.Fatalf("%s: data: %v", j.Path, err)
	}
	var buf bytes.Buffer
	if err := r.Execute(&buf, j.Template, data); err != nil {
		t.Fatalf("%s: render: %v", j.Path, err)
	}
	return data, buf.String()
}

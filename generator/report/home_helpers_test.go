package report

import (
	"bytes"
	"kaoping/generator/render"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// homeDemo loads and scores the demo site (../../config.toml) like
// build.Load, with rank changes; each call gives a fresh model that a test
// may alter (notes, say).
func homeDemo(t *testing.T) *Model {
	t.Helper()
	m, err := loadDemo()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var (
	homeRendererOnce sync.Once
	homeRendererVal  *render.Renderer
	homeRendererErr  error
)

// homeRenderer renders with the built-in templates only.
func homeRenderer(t *testing.T) *render.Renderer {
	t.Helper()
	homeRendererOnce.Do(func() {
		homeRendererVal, homeRendererErr = render.New(render.Options{Lang: "zh-CN", Dir: "/nonexistent-kaoping-templates"})
	})
	if homeRendererErr != nil {
		t.Fatalf("templates: %v", homeRendererErr)
	}
	return homeRendererVal
}

// homeFind returns the job at p from the given family's jobs.
func homeFind(t *testing.T, jobs []Job, p string) Job {
	t.Helper()
	for _, j := range jobs {
		if j.Path == p {
			return j
		}
	}
	t.Fatalf("no job for %s", p)
	return Job{}
}

// homeRender builds a job's data and renders it.
func homeRender(t *testing.T, j Job) (any, string) {
	t.Helper()
	data, err := j.Data()
	if err != nil {
		t.Fatalf("%s: data: %v", j.Path, err)
	}
	var buf bytes.Buffer
	if err := homeRenderer(t).Execute(&buf, j.Template, data); err != nil {
		t.Fatalf("%s: render: %v", j.Path, err)
	}
	return data, buf.String()
}

var homeHref = regexp.MustCompile(`href="([^"#]*)(#[^"]*)?"`)

// homeCheckLinks asserts that every relative link of a page (rendered at
// site path from) names a page or file the site writes.
func homeCheckLinks(t *testing.T, m *Model, from, html string) {
	t.Helper()
	exists := map[string]bool{}
	for _, j := range m.Jobs() {
		exists[j.Path] = true
	}
	for _, f := range m.FileJobs() {
		exists[f.Path] = true
	}
	for _, s := range m.Config.Schemes {
		for _, r := range m.Results[s.ID] {
			exists[DataPath(s.ID, r.Period.ID, "json")] = true
			exists[DataPath(s.ID, r.Period.ID, "csv")] = true
		}
	}
	for _, mt := range homeHref.FindAllStringSubmatch(html, -1) {
		href := strings.ReplaceAll(mt[1], "&amp;", "&")
		if href == "" || strings.Contains(href, ":") {
			continue
		}
		target := path.Clean(path.Join(path.Dir(from), href))
		if strings.HasPrefix(target, "assets/") {
			continue
		}
		if !exists[target] {
			t.Errorf("%s links to %s (%s), which the site does not write", from, href, target)
		}
	}
}

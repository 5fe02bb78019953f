package zz

import (
	"bytes"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/report"
)

func BenchmarkSheet(b *testing.B) {
	p, ps := build.Load("/dev/shm/med/config.toml")
	if ps.HasErrors() {
		b.Fatal(ps)
	}
	site, _ := build.NewSite(p, build.SiteOptions{})
	m := site.Model()
	var job report.Job
	for _, j := range m.Jobs() {
		if j.Path == "schemes/basic/2024-Q4/zz-u01.html" {
			job = j
		}
	}
	data, _ := job.Data()
	b.Run("model", func(b *testing.B) {
		for b.Loop() {
			job.Data()
		}
	})
	b.Run("file", func(b *testing.B) {
		for b.Loop() {
			site.File(job.Path)
		}
	})
	_ = data
	var buf bytes.Buffer
	_ = buf
}

package templates_test

// Benchmarks of the page kinds a build spends its time on: score sheets
// (most of a site's pages), rankings, profiles and comparisons, on the
// demo and on a medium site written by internal/synth (4 cities × 10
// procuratorates × 50 prosecutors, 4 quarters: 2,045 entities):
//
//	go test -run '^$' -bench . -benchmem ./templates/
//
// "page" ops build a page's model (Job.Data), render it once (Render) and
// write it for the site (Doc.WriteTo), as a build's worker does (the file
// write left out); "render" ops do the same with models built beforehand,
// so that page − render is the model; "bundle" ops write a rendered page
// for a period's bundle, the second output of a build's page. Each op takes the next page of the kind, cycling through all
// of them in the site's order with a prime stride (every scheme, period
// and level). No figure is asserted: compare them between commits.

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/report"
	"kaoping/internal/synth"
	"kaoping/templates"
)

// benchKinds are the page kinds measured and how their site paths look.
var benchKinds = []struct {
	name  string
	match func(path string) bool
}{
	{"sheet", func(p string) bool {
		return strings.HasPrefix(p, "schemes/") && strings.Count(p, "/") == 3 && !strings.Contains(p, "/indicators/")
	}},
	{"ranking", func(p string) bool {
		return strings.HasPrefix(p, "schemes/") && strings.Count(p, "/") == 2 && !strings.HasSuffix(p, "/index.html")
	}},
	{"profile", func(p string) bool { return strings.HasPrefix(p, "entities/") && p != report.EntitiesPath() }},
	{"compare", func(p string) bool { return strings.HasPrefix(p, "compare/") && p != report.CompareIndexPath() }},
}

func BenchmarkPages(b *testing.B) {
	dir := b.TempDir()
	medium := synth.Options{Cities: 4, Units: 10, Prosecutors: 50, Periods: 4, Seed: 1}
	if err := synth.WriteSite(dir, medium); err != nil {
		b.Fatal(err)
	}
	for _, site := range []struct{ name, config string }{{"demo", "../config.toml"}, {"medium", filepath.Join(dir, "config.toml")}} {
		p := loadProject(b, site.config)
		s := newSite(b, p, build.SiteOptions{})
		jobs := s.Model().Jobs()
		for _, kind := range benchKinds {
			var pages []report.Job
			for _, j := range jobs {
				if kind.match(j.Path) {
					pages = append(pages, j)
				}
			}
			if len(pages) == 0 {
				b.Fatalf("%s: no %s page", site.name, kind.name)
			}
			env := &templates.Env{}
			bundle := &templates.Env{Bundle: &templates.Bundle{Holds: func(p string) bool { return strings.HasPrefix(p, "schemes/") }, Note: "n"}}
			ctx := context.Background()
			var doc templates.Doc
			var out resetBuffer
			next := func(i int) report.Job { return pages[i*7919%len(pages)] }
			b.Run(site.name+"/"+kind.name+"/page", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					d, err := next(i).Data()
					if err != nil {
						b.Fatal(err)
					}
					if err := templates.Render(ctx, &doc, env, d); err != nil {
						b.Fatal(err)
					}
					if err := doc.WriteTo(out.reset(), env); err != nil {
						b.Fatal(err)
					}
				}
			})
			models := make([]any, min(len(pages), 500))
			for i := range models {
				d, err := next(i).Data()
				if err != nil {
					b.Fatal(err)
				}
				models[i] = d
			}
			b.Run(site.name+"/"+kind.name+"/bundle", func(b *testing.B) {
				if err := templates.Render(ctx, &doc, env, models[0]); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := doc.WriteTo(out.reset(), bundle); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(site.name+"/"+kind.name+"/render", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					if err := templates.Render(ctx, &doc, env, models[i%len(models)]); err != nil {
						b.Fatal(err)
					}
					if err := doc.WriteTo(out.reset(), env); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// resetBuffer is a bytes.Buffer emptied before each page, as a build's
// worker empties its own.
type resetBuffer struct{ bytes.Buffer }

func (b *resetBuffer) reset() *bytes.Buffer {
	b.Reset()
	return &b.Buffer
}

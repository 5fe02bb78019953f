package render_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/render"
	"kaoping/generator/report"
	"kaoping/internal/synth"
)

// TestOptimizedPagesMatchPlain renders every page of the demo site and of
// a small generated site, in both languages, with the optimized templates
// and with html/template's own, and requires the same bytes.
func TestOptimizedPagesMatchPlain(t *testing.T) {
	small := t.TempDir()
	if err := synth.WriteSite(small, synth.Options{Cities: 1, Units: 2, Prosecutors: 3, Periods: 3, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	for _, site := range []string{"../../config.toml", filepath.Join(small, "config.toml")} {
		p, ps := build.Load(site)
		if ps.HasErrors() {
			t.Fatal(ps.Err("en"))
		}
		for _, lang := range []string{"zh-CN", "en"} {
			p.Config.Language = lang
			m := report.New(p.Config, p.Data, p.Results)
			fast, err := render.New(render.Options{Lang: lang, Dir: p.Config.TemplatesDir})
			if err != nil {
				t.Fatal(err)
			}
			plain, err := render.New(render.Options{Lang: lang, Dir: p.Config.TemplatesDir, Plain: true})
			if err != nil {
				t.Fatal(err)
			}
			jobs := m.Jobs()
			if len(jobs) < 20 {
				t.Fatalf("%s: only %d pages", site, len(jobs))
			}
			for _, j := range jobs {
				data, err := j.Data()
				if err != nil {
					t.Fatal(err)
				}
				var a, b bytes.Buffer
				if err := fast.Execute(&a, j.Template, data); err != nil {
					t.Fatal(err)
				}
				if err := plain.Execute(&b, j.Template, data); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Fatalf("%s %s %s: optimized output differs at byte %d:\nfast:  %q\nplain: %q", site, lang, j.Path,
						diffAt(a.Bytes(), b.Bytes()), around(a.Bytes(), diffAt(a.Bytes(), b.Bytes())), around(b.Bytes(), diffAt(a.Bytes(), b.Bytes())))
				}
			}
		}
	}
}

func diffAt(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func around(b []byte, i int) []byte {
	return b[max(0, i-80):min(len(b), i+80)]
}

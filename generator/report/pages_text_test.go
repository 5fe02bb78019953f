package report

import (
	"bytes"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"kaoping/generator/numfmt"
	"kaoping/generator/render"
	"kaoping/internal/synth"
)

// The profile, ranking and comparison pages print numbers, classes and
// links that their data carries formatted (…Text, …Class, …Href), where
// the templates once called points, signed, signclass, rankchange and
// .Page.Rel per cell. textChecks print each such field next to the
// template function it replaces, one "label: want ≟ got" per line.
var textChecks = fstest.MapFS{
	"entity.html": {Data: []byte(`
{{- range .Schemes}}{{range .Rows}}
total: {{points .Total}} ≟ {{.TotalText}}
mean: {{points .GroupMean}} ≟ {{.GroupMeanText}}
diff: {{signed .Diff 2}} ≟ {{.DiffText}}
diff class: {{signclass .Diff}} ≟ {{.DiffClass}}
rank change: {{rankchange .RankChange}} ≟ {{.RankChangeText}}
rank change class: {{signclass .RankChange}} ≟ {{.RankChangeClass}}
sheet: {{$.Page.Rel .Sheet}} ≟ {{.SheetHref}}
ranking: {{$.Page.Rel .Ranking}} ≟ {{.RankingHref}}
{{- end}}{{end}}
{{- range .Children}}
child: {{$.Page.Rel .Path}} ≟ {{.Href}}
{{- range .Cells}}{{if .Scored}}
child total: {{points .Total}} ≟ {{.TotalText}}
child sheet: {{$.Page.Rel .Sheet}} ≟ {{.SheetHref}}
{{- end}}{{end}}{{end}}`)},
	"ranking.html": {Data: []byte(`
{{- range .Groups}}{{range .Rows}}{{$r := .}}
rank change: {{rankchange .RankChange}} ≟ {{.RankChangeText}}
rank change class: {{signclass .RankChange}} ≟ {{.RankChangeClass}}
sheet: {{$.Page.Rel .Sheet}} ≟ {{.SheetHref}}
total: {{points .Total}} ≟ {{.TotalText}}
categories: {{len .Categories}} ≟ {{len .CategoryTexts}}
adjustments: {{len .Adjustments}} ≟ {{len .AdjustmentCells}}
{{- range $i, $v := .Categories}}
category: {{points $v}} ≟ {{index $r.CategoryTexts $i}}
{{- end}}
{{- range $i, $v := .Adjustments}}{{$c := index $r.AdjustmentCells $i}}
adjustment class: {{signclass $v}} ≟ {{$c.Class}}
adjustment: {{signed $v 2}} ≟ {{$c.Text}}
adjustment zero: {{eq $v 0.0}} ≟ {{$c.Zero}}
{{- end}}{{end}}{{end}}`)},
	"compare.html": {Data: []byte(`
{{- range .Groups}}{{range .Rows}}
sheet: {{$.Page.Rel .Sheet}} ≟ {{.SheetHref}}
{{- end}}{{end}}`)},
}

// TestFormattedFieldsMatchFunctions checks every profile, ranking and
// comparison of the demo in both languages and of a small generated site:
// each formatted field equals what the template function it replaces
// prints.
func TestFormattedFieldsMatchFunctions(t *testing.T) {
	small := t.TempDir()
	if err := synth.WriteSite(small, synth.Options{Cities: 1, Units: 2, Prosecutors: 3, Periods: 5, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	for _, site := range []string{"../../config.toml", filepath.Join(small, "config.toml")} {
		for _, lang := range []string{"zh-CN", "en"} {
			m, err := loadSite(site)
			if err != nil {
				t.Fatal(err)
			}
			m.Lang = lang
			r, err := render.New(render.Options{Lang: lang, Builtin: textChecks})
			if err != nil {
				t.Fatal(err)
			}
			lines := 0
			for _, j := range m.Jobs() {
				if !r.Has(j.Template) {
					continue
				}
				data, err := j.Data()
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := r.Execute(&buf, j.Template, data); err != nil {
					t.Fatalf("%s %s: %v", lang, j.Path, err)
				}
				for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
					if line == "" {
						continue
					}
					lines++
					label, pair, _ := strings.Cut(line, ": ")
					want, got, ok := strings.Cut(pair, " ≟ ")
					if !ok || want != got {
						t.Fatalf("%s %s %s: %s", lang, j.Path, label, line)
					}
				}
			}
			if lines < 1000 {
				t.Fatalf("%s %s: only %d checks", site, lang, lines)
			}
		}
	}
}

// TestPrintsZeroMatchesFixed holds the comparison's test for "no change"
// (printsZero on the signed text) to the one it replaced: the difference
// printed with numfmt.Fixed equals zero printed the same way.
func TestPrintsZeroMatchesFixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 20000 {
		d := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(8)-5))
		switch n % 50 {
		case 0:
			d = math.NaN()
		case 1:
			d = math.Inf(1)
		case 2:
			d = math.Copysign(0, -1)
		case 3:
			d = 0.005 // rounds up to 0.01 with two decimals
		case 4:
			d = -0.004999
		}
		dec := rng.IntN(12) - 1
		want := numfmt.Fixed(d, dec) == numfmt.Fixed(0, dec)
		if got := printsZero(numfmt.Signed(d, dec), dec); got != want {
			t.Fatalf("d=%v decimals=%d: printsZero %v, Fixed says %v", d, dec, got, want)
		}
	}
}

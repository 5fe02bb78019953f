package templates_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/report"
)

// greyRE is a link a bundle shows as text: the span and its title.
var greyRE = regexp.MustCompile(`<span class="not-in-bundle" title="([^"]*)">`)

// TestBundleLinksStayInside opens the zip of periods of the demo as a
// build writes it: every href and src of every page in it names a file of
// the zip (relative, so it works unzipped anywhere from file://), and each
// link of the site's page to a page the bundle does not hold is, in the
// bundle's copy, a grey <span class="not-in-bundle"> with the note that
// says so.
func TestBundleLinksStayInside(t *testing.T) {
	t.Parallel()
	s := demoSite(t)
	m := s.Model()
	bs := m.Bundles(m.Jobs())
	// Bundles of every kind of period: the first quarter (no previous
	// period), a quarter read from a folder, with a note, a cumulative
	// month and the latest month. The other bundles are made by the
	// same code from the same kinds of pages.
	periods := []string{"2024-Q1", "2025-Q4", "2026-02-ytd", "2026-03"}
	note := m.BundleNote()
	for _, period := range periods {
		files, names := unzip(t, s, period)
		if names[0] != "index.html" || names[1] != "README.txt" || names[len(names)-1] != "manifest.json" {
			t.Errorf("%s: the zip starts %v and ends with %s", period, names[:2], names[len(names)-1])
		}
		held := func(p string) bool { return p == report.HomePath() || bs.Holds(period, p) }
		grey, pages := 0, 0
		for _, name := range names {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			pages++
			pg := string(files[name])
			if !held(name) {
				t.Errorf("%s: the zip holds %s, which its bundle does not", period, name)
			}
			attrs, urls := pageRefs(pg)
			for i, u := range urls {
				if strings.HasPrefix(u, "#") {
					continue
				}
				target, ok := resolveRef(name, u)
				if external(u) || !ok || files[target] == nil {
					t.Errorf("%s: %s: %s=%q is not a file of the zip", period, name, attrs[i], u)
				}
			}
			spans := greyRE.FindAllStringSubmatch(pg, -1)
			for _, sp := range spans {
				if sp[1] != note {
					t.Errorf("%s: %s: a grey link titled %q, want %q", period, name, sp[1], note)
				}
			}
			grey += len(spans)
			if name == report.HomePath() || strings.HasPrefix(name, "periods/") {
				continue // the bundle's own index; a note's links become plain text (TestBundleNoteLinks)
			}
			// The site's page links what the bundle's copy greys out.
			_, siteURLs := pageRefs(page(t, s, name))
			outside := 0
			for _, u := range siteURLs {
				if target, ok := resolveRef(name, u); ok && !strings.HasPrefix(u, "#") && !held(target) {
					outside++
				}
			}
			if outside != len(spans) {
				t.Errorf("%s: %s: %d links of the site's page leave the bundle, %d are grey in it", period, name, outside, len(spans))
			}
		}
		// A period's pages always refer to other periods and to profiles.
		if grey == 0 || pages < 20 {
			t.Errorf("%s: %d pages, %d grey links", period, pages, grey)
		}
	}
}

// TestBundleNoteLinks: a note's relative link to a page of another period
// is a link on the site's period page and plain text in the bundle's copy;
// a link to a page the bundle holds stays a link in both, and a link that
// leaves the site stays a link.
func TestBundleNoteLinks(t *testing.T) {
	p := loadDemo(t)
	p.Data.Notes["2026-03"] = "见[上月通报](2026-02.html)、[本月排名](../schemes/basic/2026-03.html)和[最高检](https://www.spp.gov.cn/)。\n"
	s := newSite(t, p, optsWithZips)
	site := page(t, s, report.PeriodPath("2026-03"))
	for _, want := range []string{`<a href="2026-02.html">上月通报</a>`, `<a href="../schemes/basic/2026-03.html">本月排名</a>`, `<a href="https://www.spp.gov.cn/">最高检</a>`} {
		if !strings.Contains(site, want) {
			t.Errorf("the site's period page lacks %s", want)
		}
	}
	files, _ := unzip(t, s, "2026-03")
	bundle := string(files[report.PeriodPath("2026-03")])
	for _, want := range []string{"见上月通报、", `<a href="../schemes/basic/2026-03.html">本月排名</a>`, `<a href="https://www.spp.gov.cn/">最高检</a>`} {
		if !strings.Contains(bundle, want) {
			t.Errorf("the bundle's period page lacks %s", want)
		}
	}
	if strings.Contains(bundle, "2026-02.html") {
		t.Error("the bundle's period page still links 2026-02, which it does not hold")
	}
}

// TestBundleBaseURL: a site with a base_url writes absolute links on its
// own pages; its bundles, opened from file://, are byte for byte those of
// the same site without one.
func TestBundleBaseURL(t *testing.T) {
	const period, base = "2026-03", "https://kp.example.org/考评/"
	plain, _ := unzip(t, demoSite(t), period)
	p := loadDemo(t)
	p.Config.BaseURL = base
	s := newSite(t, p, optsWithZips)
	if pg := page(t, s, report.RankingPath("basic", period)); !strings.Contains(pg, `href="https://kp.example.org/考评/assets/site.css"`) &&
		!strings.Contains(pg, `href="https://kp.example.org/%e8%80%83%e8%af%84/assets/site.css"`) {
		t.Fatal("the site's ranking does not link its stylesheet through the base URL")
	}
	abs, names := unzip(t, s, period)
	if len(abs) != len(plain) || len(names) < 80 {
		t.Fatalf("%d files with a base URL, %d without", len(abs), len(plain))
	}
	for _, name := range names {
		if !bytes.Equal(abs[name], plain[name]) {
			t.Errorf("%s: differs with a base URL", name)
		}
		if bytes.Contains(abs[name], []byte("kp.example.org")) {
			t.Errorf("%s names the base URL", name)
		}
	}
}

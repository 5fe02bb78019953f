package templates_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kaoping/generator/report"
)

var headingRe = regexp.MustCompile(`<h([1-6])[\s>]`)

// TestHeadingLevels: no page of the kinds the HTML checker flagged skips
// a heading level (h1 → h3, h2 → h4), whatever the number of groups.
func TestHeadingLevels(t *testing.T) {
	s := demoSite(t)
	paths := []string{report.HomePath(), report.EntitiesPath(), report.EntityPath("zz-st"), report.IndicatorPath("basic", "case_ratio"), report.MethodologyPath("basic")}
	for _, sc := range []string{"basic", "city", "prosecutor"} {
		for _, r := range s.Model().Results[sc] {
			paths = append(paths, report.ComparePath(sc, r.Period.ID))
		}
	}
	for _, p := range paths {
		prev := 0
		for _, m := range headingRe.FindAllStringSubmatch(page(t, s, p), -1) {
			l, _ := strconv.Atoi(m[1])
			if l > prev+1 {
				t.Errorf("%s: h%d after h%d", p, l, prev)
				break
			}
			prev = l
		}
	}
}

// TestNoLinkInSummary: the entities index keeps links out of <summary>
// (axe nested-interactive: a link inside the toggle).
func TestNoLinkInSummary(t *testing.T) {
	s := demoSite(t)
	pg := page(t, s, report.EntitiesPath())
	n := strings.Count(pg, "<summary")
	if n == 0 {
		t.Fatal("no <summary> on the entities index: the test no longer looks at anything")
	}
	for _, part := range strings.Split(pg, "<summary")[1:] {
		if inner := part[:strings.Index(part, "</summary>")]; strings.Contains(inner, "<a ") {
			t.Errorf("link inside <summary>: %s", inner)
		}
	}
}

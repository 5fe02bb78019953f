package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// validatorPath returns the file named by the environment variable env
// (the Nu HTML checker's vnu.jar, or axe-core's axe.min.js: .ci/run
// installs both from npm). Without it the test is skipped, unless the
// browser tests are required (CI), where it fails.
func validatorPath(t *testing.T, env, what string) string {
	t.Helper()
	if testing.Short() && os.Getenv("KAOPING_BROWSER_TESTS") != "required" {
		t.Skipf("%s skipped under go test -short", what)
	}
	p := os.Getenv(env)
	if p == "" {
		noBrowser(t, env+" is not set (the path of "+what+"; .ci/run installs it)")
	} else if _, err := os.Stat(p); err != nil {
		noBrowser(t, env+"="+p+": "+err.Error())
	}
	return p
}

// TestHTMLValid runs the W3C Nu HTML checker over every page of the demo
// and fails on any error: invalid markup is what breaks on the one old
// browser an office still runs, and what screen readers stumble on.
func TestHTMLValid(t *testing.T) {
	jar := validatorPath(t, "KAOPING_VNU_JAR", "the Nu HTML checker (vnu.jar)")
	java, err := exec.LookPath("java")
	if err != nil {
		noBrowser(t, "java is not on PATH (apt-get install default-jre-headless)")
	}
	cmd := exec.Command(java, "-jar", jar, "--skip-non-html", "--errors-only", "--format", "gnu", demo.Dir)
	out, err := cmd.CombinedOutput()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err == nil && len(out) == 0 {
		return
	}
	if _, ok := err.(*exec.ExitError); !ok && err != nil {
		t.Fatalf("running the Nu HTML checker: %v\n%s", err, out)
	}
	t.Errorf("the Nu HTML checker found %d errors in %s:", len(lines), demo.Dir)
	for i, l := range lines {
		if i == 30 {
			t.Errorf("… and %d more", len(lines)-i)
			break
		}
		t.Error(strings.TrimPrefix(l, "\"file:"+demo.Dir))
	}
}

// axeFinding is one rule axe-core found broken on a page.
type axeFinding struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeJS runs axe-core (already injected) with the WCAG 2.1 A/AA and
// best-practice rules and returns the serious and critical violations
// with the first selectors of their nodes.
const axeJS = `(async () => {
  const r = await window.axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
    resultTypes: ['violations']});
  return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})));
})()`

// TestAccessibility runs axe-core on one page of every kind of the demo
// (home, rankings, score sheets, profiles, indicators, comparisons, the
// 考核办法 …) and fails on any serious or critical finding.
func TestAccessibility(t *testing.T) {
	axePath := validatorPath(t, "KAOPING_AXE_JS", "axe-core (axe.min.js)")
	axeSource, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	s := fileSite(demo.Dir)
	tb := newTab(t, ctx, s.outside)
	pages := onePerKind(htmlFiles(t, demo.Dir))
	if len(pages) < 5 {
		t.Fatalf("only %d kinds of page found in %s", len(pages), demo.Dir)
	}
	for _, p := range pages {
		v := tb.visit(s.pageURL(p))
		for _, pr := range v.Problems {
			t.Errorf("%s: %s", p, pr)
		}
		if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](string(axeSource))); err != nil {
			t.Fatalf("%s: loading axe-core: %v", p, err)
		}
		raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](axeJS, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("%s: running axe: %v", p, err)
			continue
		}
		var found []axeFinding
		if err := json.Unmarshal([]byte(raw), &found); err != nil {
			t.Fatalf("%s: axe's answer %q: %v", p, raw, err)
		}
		for _, f := range found {
			t.Errorf("%s: axe %s %s: %s (%s)", p, f.Impact, f.ID, f.Help, strings.Join(f.Nodes, "; "))
		}
	}
	t.Logf("axe ran on %d pages: %s", len(pages), strings.Join(pages, ", "))
}

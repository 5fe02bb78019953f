package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kaoping/generator/build"
	"kaoping/generator/report"
)

// Input that users edit, carrying HTML: an entity name, a period note and
// an indicator description (DESIGN: "Safe").
const (
	xssName = `</script><script>alert(1)</script><img src=x onerror=alert(2)>`
	xssNote = "\n\n<script>alert(3)</script>\n\n<img src=x onerror=alert(4)>\n\n行内 <b onmouseover=alert(6)>粗体</b> 与 [链接](javascript:alert(7))\n"
	xssDesc = `<b onmouseover=alert(5)>不起诉率</b>`
)

// xssRaw are the payloads as they would appear if some output put them
// into HTML unescaped.
var xssRaw = []string{"<script>alert", "<img src=x onerror", "<b onmouseover", `href="javascript:`}

// TestXSS builds a copy of the demo whose entity name, note and indicator
// description hold HTML and script, and checks that no page carries them
// as markup: not in the files, and not in the browser (no dialog, no
// console error, no element with an event-handler attribute, no script
// but the site's own).
func TestXSS(t *testing.T) {
	cfg := copySite(t)
	dir := filepath.Dir(cfg)
	editFile(t, filepath.Join(dir, "data", "entities.csv"), "\nzz-szq,市中区人民检察院,", "\nzz-szq,"+xssName+",")
	note := filepath.Join(dir, "data", "notes", "2024-Q1.md")
	if err := os.WriteFile(note, []byte(readFile(t, note)+xssNote), 0o644); err != nil {
		t.Fatal(err)
	}
	editFile(t, cfg, `description = "不起诉率`, `description = "`+xssDesc)
	out := filepath.Join(t.TempDir(), "public")
	if _, _, problems := build.Build(build.Options{ConfigPath: cfg, OutDir: out}); problems.HasErrors() {
		t.Fatalf("building the site with HTML in its input:\n%v", problems.Err("en"))
	}

	// Files: pages, scripts and styles must not hold the payloads raw. The
	// data downloads (CSV, JSON, XLSX) hold the name as it is, as they must.
	var shown []string // pages that show the entity's name
	for _, f := range treeFiles(t, out) {
		switch filepath.Ext(f) {
		case ".html", ".js", ".css", ".svg":
		default:
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		lower := bytes.ToLower(b)
		for _, raw := range xssRaw {
			if i := bytes.Index(lower, []byte(strings.ToLower(raw))); i >= 0 {
				t.Errorf("%s holds %q unescaped at byte %d: %q", f, raw, i, around(b, i))
			}
		}
		if strings.HasSuffix(f, ".html") && bytes.Contains(b, []byte("alert(1)")) {
			shown = append(shown, f)
		}
	}
	if len(shown) == 0 {
		t.Fatal("no page shows the entity whose name holds a script; the test checks nothing")
	}
	notePage := ""
	for _, f := range treeFiles(t, out) {
		if strings.HasSuffix(f, ".html") && bytes.Contains([]byte(readFile(t, filepath.Join(out, filepath.FromSlash(f)))), []byte("行内")) {
			notePage = f
			break
		}
	}
	if notePage == "" {
		t.Error("no page shows the 2024-Q1 note")
	}

	t.Run("browser", func(t *testing.T) {
		ctx := newBrowser(t)
		s := fileSite(out)
		tb := newTab(t, ctx, s.outside)
		pages := onePerKind(shown)
		if notePage != "" {
			pages = append(pages, notePage)
		}
		// The entity's own profile and latest score sheet, whichever page
		// of their kind onePerKind chose.
		r := demo.Project.Results["basic"]
		for _, p := range []string{report.EntityPath("zz-szq"), report.SheetPath("basic", r[len(r)-1].Period.ID, "zz-szq")} {
			if slices.Contains(shown, p) && !slices.Contains(pages, p) {
				pages = append(pages, p)
			}
		}
		for _, p := range pages {
			v := tb.visit(s.pageURL(p))
			for _, pr := range v.Problems {
				t.Errorf("%s: %s", p, pr)
			}
			bad, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](injectedJS))
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, b := range bad {
				t.Errorf("%s: injected markup in the page: %s", p, b)
			}
		}
		t.Logf("opened %d pages showing the name or the note: %s", len(pages), strings.Join(pages, ", "))
	})
}

// injectedJS lists what an injection would leave in the DOM: elements
// with an event-handler attribute, javascript: links, and scripts that are
// neither the site's own files nor chart data.
const injectedJS = `(() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push('<' + el.tagName.toLowerCase() + ' ' + a.name + '="' + a.value + '">');
    }
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (/^\s*javascript:/i.test(a.getAttribute('href'))) bad.push('<a href="' + a.getAttribute('href') + '">');
  }
  for (const s of document.scripts) {
    if (s.type === 'application/json') continue;
    if (s.src && /\/assets\/(site|echarts\.min)\.js$/.test(s.src)) continue;
    bad.push('script: ' + (s.src || s.textContent.slice(0, 80)));
  }
  return bad;
})()`

// onePerKind picks the first page of each kind (see pageKind), so a test
// sees every template that shows something without opening them all.
func onePerKind(pages []string) []string {
	sort.Strings(pages)
	seen := map[string]bool{}
	var out []string
	for _, p := range pages {
		if k := pageKind(p); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

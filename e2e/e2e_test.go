package e2e

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kaoping/generator/report"
	"kaoping/generator/scoring"
)

// TestBrowserFile opens the site from file://, as the supervising
// procuratorate does with an unzipped report: every page reached from
// index.html loads with no console error, draws every chart and requests
// nothing but the site's own files. With KAOPING_SCREENSHOTS=DIR it also
// saves full-page screenshots of the key pages there.
func TestBrowserFile(t *testing.T) {
	ctx := newBrowser(t)
	s := fileSite(demo.Dir)
	tb := newTab(t, ctx, s.outside)
	// Every page of the small kinds, and of the large ones (score sheets,
	// profiles: hundreds of pages from one template) the first ten reached
	// and a fixed sixteenth of the rest.
	res := crawl(t, tb, s, sampled(sampling{PerKind: 10, Every: 16}), crawlBudget(120*time.Second))
	res.report(t, "file://")
	if res.Opened == 0 {
		t.Fatal("no page was opened")
	}
	if dir := os.Getenv("KAOPING_SCREENSHOTS"); dir != "" {
		screenshots(t, tb, s, dir)
	}
}

// TestBrowserSubpath serves the site from a web server under a subpath,
// as on an intranet server: the same checks, requests only to that host
// and under that path, and no HTTP error.
func TestBrowserSubpath(t *testing.T) {
	const prefix = "/sub/path/"
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(prefix, indexServer(demo.Dir)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	root, err := url.Parse(srv.URL + prefix)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	s := site{Root: root, Dir: demo.Dir}
	tb := newTab(t, ctx, s.outside)
	// What differs from file:// is how URLs resolve, which the same
	// templates decide for all pages of a kind: a few pages of each kind.
	res := crawl(t, tb, s, sampled(sampling{PerKind: 3, Every: 64}), crawlBudget(60*time.Second))
	res.report(t, "http"+prefix)
	if res.Opened == 0 {
		t.Fatal("no page was opened")
	}
}

// indexServer serves dir like http.FileServer, except that it serves
// .../index.html as it is, as intranet servers do, where FileServer
// redirects it to the folder.
func indexServer(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		if path.Base(p) != "index.html" {
			files.ServeHTTP(w, r)
			return
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, st.Name(), st.ModTime(), f)
	})
}

// keyPage is one page worth looking at.
type keyPage struct{ name, path string }

// keyPages are the home page and, for the latest period of the first
// scheme, its ranking, the first-ranked entity's score sheet and profile,
// and the comparison.
func keyPages() []keyPage {
	p := demo.Project
	s := p.Config.Schemes[0]
	pages := []keyPage{{"home", report.HomePath()}}
	rs := p.Results[s.ID]
	if len(rs) == 0 {
		return pages
	}
	r := rs[len(rs)-1]
	pages = append(pages, keyPage{"ranking", report.RankingPath(s.ID, r.Period.ID)})
	if e := firstEntity(r); e != nil {
		pages = append(pages,
			keyPage{"sheet", report.SheetPath(s.ID, r.Period.ID, e.Entity.ID)},
			keyPage{"profile", report.EntityPath(e.Entity.ID)})
	}
	return append(pages, keyPage{"compare", report.ComparePath(s.ID, r.Period.ID)})
}

func firstEntity(r *scoring.Result) *scoring.EntityResult {
	for _, g := range r.Groups {
		if len(g.Entities) > 0 {
			return g.Entities[0]
		}
	}
	return nil
}

// screenshots saves full-page PNGs of the key pages into dir, for people
// to look at; a missing page is only logged (the crawl reports problems).
func screenshots(t *testing.T, tb *tab, s site, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kp := range keyPages() {
		if _, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(kp.path))); err != nil {
			t.Logf("screenshot of the %s page skipped: %s does not exist", kp.name, kp.path)
			continue
		}
		tb.visit(s.pageURL(kp.path))
		if err := tb.settle(); err != nil {
			t.Logf("%s: %v", kp.path, err)
		}
		png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Errorf("screenshot of %s: %v", kp.path, err)
			continue
		}
		out := filepath.Join(dir, kp.name+".png")
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("saved %s (%s)", out, kp.path)
	}
}

// pdfPageRE matches a page object of a PDF (and not the /Pages tree).
var pdfPageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestPrintRanking prints the latest ranking (公示表) of the basic scheme to
// an A4 PDF, as the office does to post it: printing succeeds and gives at
// least one page, and the PDF carries the page title with the scheme name.
func TestPrintRanking(t *testing.T) {
	p := demo.Project
	s := p.Config.Scheme("basic")
	if s == nil {
		s = p.Config.Schemes[0]
	}
	rs := p.Results[s.ID]
	if len(rs) == 0 {
		t.Fatalf("scheme %s has no results", s.ID)
	}
	path := report.RankingPath(s.ID, rs[len(rs)-1].Period.ID)
	if _, err := os.Stat(filepath.Join(demo.Dir, filepath.FromSlash(path))); err != nil {
		t.Fatalf("the ranking page %s is not built: %v", path, err)
	}
	ctx := newBrowser(t)
	st := fileSite(demo.Dir)
	tb := newTab(t, ctx, st.outside)
	v := tb.visit(st.pageURL(path))
	for _, pr := range v.Problems {
		t.Errorf("%s: %s", path, pr)
	}
	title, err := chromedp.Run(tb.ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, s.Name) {
		t.Errorf("%s: the title %q does not name the scheme %q", path, title, s.Name)
	}
	// Print as a browser does: tell the page (site.js redraws the charts
	// at the paper's width on beforeprint), switch to print media, and let
	// the charts settle. Every chart must then fit its box on paper.
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event('beforeprint'))`)); err != nil {
		t.Fatal(err)
	}
	if err := tb.settle(); err != nil {
		t.Errorf("%s: %v", path, err)
	}
	overflow, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](overflowJS))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range overflow {
		t.Errorf("%s on paper: %s", path, o)
	}
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("printing %s: %v", path, err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("printing %s gave no PDF (%d bytes)", path, len(pdf))
	}
	pages := len(pdfPageRE.FindAll(pdf, -1))
	if pages == 0 {
		t.Errorf("the PDF of %s has no page", path)
	}
	// Chromium writes the document title into the PDF's /Title as UTF-16BE.
	if !bytes.Contains(bytes.ToUpper(pdf), []byte(utf16Hex(s.Name))) {
		t.Errorf("the PDF of %s does not carry the scheme name %q in its title", path, s.Name)
	}
	if dir := os.Getenv("KAOPING_SCREENSHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "ranking.pdf"), pdf, 0o644)
	}
	t.Logf("%s printed to %d A4 pages (%d bytes)", path, pages, len(pdf))
}

// overflowJS lists the charts wider than their box or than the page.
const overflowJS = `(() => {
  const bad = [], page = document.documentElement.getBoundingClientRect().width;
  for (const el of document.querySelectorAll('[data-chart]')) {
    const g = el.querySelector('svg, canvas');
    if (!g) continue;
    const box = el.getBoundingClientRect(), r = g.getBoundingClientRect();
    if (r.width > box.width + 1 || r.right > page + 1) {
      bad.push((el.id || el.getAttribute('data-chart')) + ': chart ' + Math.round(r.width) + 'px wide in a box of ' + Math.round(box.width) + 'px (page ' + Math.round(page) + 'px)');
    }
  }
  return bad;
})()`

// utf16Hex is s in UTF-16BE as upper-case hex, as PDF text strings hold it.
func utf16Hex(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return strings.ToUpper(hex.EncodeToString(b))
}

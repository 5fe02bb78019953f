package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kaoping/generator/build"
	"kaoping/generator/publish"
	"kaoping/generator/report"
	"kaoping/generator/scoring"
)

// printPages prints the page at path of the site in dir to A4 as the
// browser's print command does (no header or footer of the browser's
// own) and returns its number of pages, and the number of pages without
// the site footer: fewer means the last page held only the footer.
func printPages(t *testing.T, dir, path string) (pages, withoutFooter int) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path))); err != nil {
		t.Fatalf("%s is not built: %v", path, err)
	}
	st := fileSite(dir)
	tb := newTab(t, newBrowser(t), st.outside)
	v := tb.visit(st.pageURL(path))
	for _, pr := range v.Problems {
		t.Errorf("%s: %s", path, pr)
	}
	if err := tb.settle(); err != nil {
		t.Errorf("%s: %v", path, err)
	}
	count := func() int {
		pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
		if err != nil {
			t.Fatalf("printing %s: %v", path, err)
		}
		if dir := os.Getenv("KAOPING_SCREENSHOTS"); dir != "" {
			os.WriteFile(filepath.Join(dir, strings.NewReplacer("/", "_").Replace(path)+".pdf"), pdf, 0o644)
		}
		return len(pdfPageRE.FindAll(pdf, -1))
	}
	pages = count()
	if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('.site-footer').style.display = 'none'`)); err != nil {
		t.Fatal(err)
	}
	return pages, count()
}

// TestPrintGongshi prints a 院's 17 prosecutors as the 公示 they post: the
// demo's 院内 scheme (peers = "procuratorate") ranks 山亭区院's (zz-st)
// prosecutors as one group, with 2026-03 published with a 公示期. The
// group has a page of its own, which says the 公示期, the issuer, where
// objections go and the date, and prints on one A4 page; the period's
// page links it; a period not published says 未公示（草稿）.
func TestPrintGongshi(t *testing.T) {
	cfg := copySite(t)
	p, problems := build.Load(cfg)
	if problems.HasErrors() {
		t.Fatal(problems.Err("en"))
	}
	s := p.Config.Scheme("inhouse")
	if s == nil {
		t.Fatal("the demo has no scheme inhouse (院内员额检察官业绩考评); update the test")
	}
	term, err := publish.NewTerm("2026-04-01", 5, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, problems := p.PublishWithTerm("2026-03", "", "2026-03-31", &term); problems.HasErrors() {
		t.Fatal(problems.Err("en"))
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, _, problems := build.Build(build.Options{ConfigPath: cfg, OutDir: out}); problems.HasErrors() {
		t.Fatal(problems.Err("en"))
	}
	var r *scoring.Result
	for _, x := range p.Results[s.ID] {
		if x.Period.ID == "2026-03" {
			r = x
		}
	}
	if r == nil {
		t.Fatal("scheme inhouse has no 2026-03")
	}
	var ids []string
	for _, g := range r.Groups {
		ids = append(ids, g.ID)
	}
	var path string
	for i, id := range ids {
		if id == "zz-st" {
			path = report.GroupPaths(s.ID, "2026-03", ids)[i]
		}
	}
	if path == "" {
		t.Fatalf("no group zz-st among %q", ids)
	}
	html := readFile(t, filepath.Join(out, filepath.FromSlash(path)))
	for _, want := range []string{"关于2026年3月" + s.Name + "结果的公示", "2026年4月1日至4月7日（5个工作日）",
		p.Config.Publication.Issuer, p.Config.Publication.Contact, "2026年3月31日", "制表：", "已公示"} {
		if !strings.Contains(html, want) {
			t.Errorf("%s does not say %q", path, want)
		}
	}
	if strings.Contains(html, "拟定等次") || strings.Contains(html, "未公示") {
		t.Errorf("%s, published, still calls itself a draft", path)
	}
	if n := strings.Count(html, `rank-no"`); n != 17 {
		t.Errorf("%s has %d rows, want zz-st's 17 prosecutors", path, n)
	}
	index := readFile(t, filepath.Join(out, filepath.FromSlash(report.RankingPath(s.ID, "2026-03"))))
	if !strings.Contains(index, filepath.Base(path)) {
		t.Errorf("the period's page does not link to the group page %s", path)
	}
	if pages, _ := printPages(t, out, path); pages != 1 {
		t.Errorf("the 17-row 公示表 %s prints on %d A4 pages, want 1", path, pages)
	}
	draft := readFile(t, filepath.Join(out, filepath.FromSlash(report.SheetPath(s.ID, "2026-02", "zz-st-p01"))))
	if !strings.Contains(draft, "未公示（草稿）") {
		t.Errorf("the score sheet of 2026-02, not published, does not say 未公示（草稿）")
	}
}

// TestPrintScoreSheet prints score sheets of the demo: each fits on at
// most two A4 pages, and the last page holds more than the site footer.
func TestPrintScoreSheet(t *testing.T) {
	p := demo.Project
	var paths []string
	for _, s := range p.Config.Schemes {
		rs := p.Results[s.ID]
		r := rs[len(rs)-1]
		paths = append(paths, report.SheetPath(s.ID, r.Period.ID, firstEntity(r).Entity.ID))
	}
	// Every 院 of the basic scheme, the longest sheets (16 indicators).
	for _, g := range p.Results["basic"][len(p.Results["basic"])-1].Groups {
		for _, e := range g.Entities[1:] {
			paths = append(paths, report.SheetPath("basic", p.Results["basic"][len(p.Results["basic"])-1].Period.ID, e.Entity.ID))
		}
	}
	// The vetoed prosecutor of 2025-Q3 (docs/DEMO.md): a sheet with the
	// most to say.
	paths = append(paths, report.SheetPath("prosecutor", "2025-Q3", "zz-szq-p03"))
	for _, path := range paths {
		pages, without := printPages(t, demo.Dir, path)
		if pages > 2 {
			t.Errorf("the score sheet %s prints on %d A4 pages, want at most 2", path, pages)
		}
		if without < pages {
			t.Errorf("the score sheet %s prints its footer alone on page %d", path, pages)
		}
		t.Logf("%s: %d A4 pages", path, pages)
	}
}

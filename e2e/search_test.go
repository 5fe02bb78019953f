package e2e

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kaoping/generator/report"
)

// TestBrowserSearch types into the header's search box of a page opened
// from file://, as a leader looking for one unit among many would: pinyin
// initials and full pinyin find 山亭区人民检察院, the result links to its
// profile, Enter goes there, and a query that matches nothing says so.
func TestBrowserSearch(t *testing.T) {
	ctx := newBrowser(t)
	s := fileSite(demo.Dir)
	tb := newTab(t, ctx, s.outside)
	from := report.IndicatorsIndexPath()
	type hit struct {
		Text string `json:"text"`
		Href string `json:"href"`
	}
	search := func(q string) ([]hit, string) {
		t.Helper()
		c, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(c,
			chromedp.WaitVisible("#site-search"),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#site-search').value = ''`),
			chromedp.SendKeys("#site-search", q),
			chromedp.Poll[chromedp.Void](`document.querySelector('#site-search-status').textContent !== ''`)); err != nil {
			t.Fatalf("searching %q: %v", q, err)
		}
		hits, err := chromedp.Run(c, chromedp.Evaluate[[]hit](`Array.from(document.querySelectorAll('.site-search-results a'), a => ({text: a.textContent, href: a.href}))`))
		if err != nil {
			t.Fatal(err)
		}
		status, err := chromedp.Run(c, chromedp.Evaluate[string](`document.querySelector('#site-search-status').textContent`))
		if err != nil {
			t.Fatal(err)
		}
		return hits, status
	}
	if v := tb.visit(s.pageURL(from)); len(v.Problems) > 0 {
		t.Fatalf("%s: %v", from, v.Problems)
	}
	want := s.pageURL(report.EntityPath("zz-st"))
	for _, q := range []string{"stq", "shanting", "山亭区", "zz-st"} {
		hits, status := search(q)
		if len(hits) == 0 {
			t.Errorf("%q finds nothing (status %q)", q, status)
			continue
		}
		if !strings.HasPrefix(hits[0].Text, "山亭区人民检察院") || hits[0].Href != want {
			t.Errorf("%q: first result %q → %s, want 山亭区人民检察院 → %s", q, hits[0].Text, hits[0].Href, want)
		}
		for _, h := range hits {
			u, err := url.Parse(h.Href)
			if err != nil {
				t.Fatal(err)
			}
			rel, ok := s.rel(u)
			if !ok {
				t.Errorf("%q: result %q links outside the site: %s", q, h.Text, h.Href)
				continue
			}
			if _, err := os.Stat(filepath.Join(demo.Dir, filepath.FromSlash(rel))); err != nil {
				t.Errorf("%q: result %q links to a missing page: %s", q, h.Text, rel)
			}
		}
	}
	if hits, status := search("qqqqxyz"); len(hits) != 0 || !strings.Contains(status, "没有找到") {
		t.Errorf("a query that matches nothing: %d results, status %q", len(hits), status)
	}
	search("stq")
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys("#site-search", "\r")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		loc, err := chromedp.Run(tb.ctx, chromedp.Location())
		if err == nil && loc == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Enter in the search box: at %s, want %s", loc, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if problems, _ := tb.take(); len(problems) > 0 {
		t.Errorf("problems while searching: %v", problems)
	}
}

// TestBrowserTableFilter: a table of more than 20 rows gets a filter box;
// typing a name keeps the rows that hold it and says how many are shown.
func TestBrowserTableFilter(t *testing.T) {
	ctx := newBrowser(t)
	s := fileSite(demo.Dir)
	tb := newTab(t, ctx, s.outside)
	r := demo.Project.Results["prosecutor"]
	if len(r) == 0 {
		t.Fatal("the demo has no prosecutor results")
	}
	// The largest peer group's page: a table of more than 20 rows.
	last := r[len(r)-1]
	ids, big := make([]string, len(last.Groups)), 0
	for i, g := range last.Groups {
		ids[i] = g.ID
		if len(g.Entities) > len(last.Groups[big].Entities) {
			big = i
		}
	}
	p := report.RankingPath("prosecutor", last.Period.ID)
	if len(ids) > 1 {
		p = report.GroupPaths("prosecutor", last.Period.ID, ids)[big]
	}
	if v := tb.visit(s.pageURL(p)); len(v.Problems) > 0 {
		t.Fatalf("%s: %v", p, v.Problems)
	}
	type state struct {
		Boxes   int    `json:"boxes"`
		Visible int    `json:"visible"`
		Total   int    `json:"total"`
		Count   string `json:"count"`
		First   string `json:"first"`
	}
	const stateJS = `(() => {
	  const box = document.querySelector('.table-filter');
	  if (!box) return {boxes: 0, visible: 0, total: 0, count: '', first: ''};
	  let t = box.nextElementSibling;
	  if (t.tagName !== 'TABLE') t = t.querySelector('table');
	  const rows = Array.from(t.tBodies[0].rows);
	  return {boxes: document.querySelectorAll('.table-filter').length,
	    visible: rows.filter(r => !r.hidden).length, total: rows.length,
	    count: box.querySelector('span').textContent,
	    first: (rows[0].querySelector('a') || {textContent: ''}).textContent.trim()};
	})()`
	before, err := chromedp.Run(tb.ctx, chromedp.Evaluate[state](stateJS))
	if err != nil {
		t.Fatal(err)
	}
	if before.Boxes == 0 || before.Total <= 20 || before.Visible != before.Total {
		t.Fatalf("%s: filter boxes %d, first table %d rows, %d visible; want a box over a table of more than 20 rows, all visible", p, before.Boxes, before.Total, before.Visible)
	}
	if before.First == "" {
		t.Fatalf("%s: the first row of the table has no linked name", p)
	}
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(".table-filter input", before.First)); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(tb.ctx, chromedp.Evaluate[state](stateJS))
	if err != nil {
		t.Fatal(err)
	}
	if after.Visible < 1 || after.Visible >= after.Total || !strings.Contains(after.Count, "显示") {
		t.Errorf("after typing %s: %d of %d rows visible, count %q", before.First, after.Visible, after.Total, after.Count)
	}
}

package e2e

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chartWait is how long a page may take to draw its charts after load.
const chartWait = 3 * time.Second

// tab is one browser tab that records, for the page it shows, what a user
// would hit: console errors, uncaught exceptions, errors in the browser
// log, failed or foreign requests, HTTP errors and dialogs. Every request
// is intercepted (Fetch domain) and one that leaves the site is failed
// before it leaves the machine.
type tab struct {
	ctx context.Context
	// outside says why a request URL is not one of the site's own files,
	// or "" when it is.
	outside func(u string) string

	work chan func() // commands answering events, run outside the event loop

	mu       sync.Mutex
	problems []string
	seen     map[string]bool
	urls     map[network.RequestID]string
	requests []string // every request URL of the current page
}

// newTab opens a tab in the browser of ctx.
func newTab(t *testing.T, browser context.Context, outside func(string) string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx, outside: outside, work: make(chan func(), 4096)}
	tb.reset()
	if err := chromedp.Listen(ctx, tb.onEvent); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case f := <-tb.work:
				f()
			}
		}
	}()
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	if err != nil {
		t.Fatalf("enabling request interception: %v", err)
	}
	return tb
}

// onEvent runs in the tab's event loop: it only records, and hands the
// commands that answer an event to the work goroutine.
func (tb *tab) onEvent(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			tb.report("console.%s: %s", ev.Type, argsText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		tb.report("uncaught exception: %s", exceptionText(ev.ExceptionDetails))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			tb.report("browser log error (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		tb.mu.Lock()
		tb.urls[ev.RequestID] = ev.Request.URL
		tb.requests = append(tb.requests, ev.Request.URL)
		tb.mu.Unlock()
		if why := tb.outside(ev.Request.URL); why != "" {
			tb.report("request outside the site: %s (%s)", ev.Request.URL, why)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			tb.report("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			tb.mu.Lock()
			u := tb.urls[ev.RequestID]
			tb.mu.Unlock()
			tb.report("request failed: %s (%s)", u, ev.ErrorText)
		}
	case *fetch.EventRequestPaused:
		id, u := ev.RequestID, ev.Request.URL
		why := tb.outside(u)
		if why != "" {
			tb.report("request outside the site: %s (%s)", u, why)
		}
		tb.work <- func() {
			if why == "" {
				chromedp.Call(tb.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
			} else {
				chromedp.Call(tb.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonBlockedByClient})
			}
		}
	case *page.EventJavascriptDialogOpening:
		tb.report("a JavaScript %s dialog opened: %q", ev.Type, ev.Message)
		tb.work <- func() {
			chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}
}

// report records a problem of the current page, once.
func (tb *tab) report(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if !tb.seen[s] {
		tb.seen[s] = true
		tb.problems = append(tb.problems, s)
	}
}

// reset forgets the previous page.
func (tb *tab) reset() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.problems, tb.requests = nil, nil
	tb.seen = map[string]bool{}
	tb.urls = map[network.RequestID]string{}
}

// take returns what was recorded since reset.
func (tb *tab) take() (problems, requests []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.problems...), append([]string(nil), tb.requests...)
}

// pageVisit is what one visit found.
type pageVisit struct {
	Problems []string
	Requests []string
	Links    []string      // absolute URLs of the page's <a href>, fragments kept
	Charts   int           // [data-chart] containers
	Took     time.Duration // from navigation to every chart drawn
}

// chartState is the result of chartJS.
type chartState struct {
	N   int      `json:"n"`
	Bad []string `json:"bad"`
}

// chartJS checks every chart container: it must hold an <svg> or <canvas>
// of non-zero size, and an <svg> must have drawn shapes.
const chartJS = `(() => {
  const els = Array.from(document.querySelectorAll('[data-chart]'));
  const bad = [];
  els.forEach((el, i) => {
    const name = el.id || el.getAttribute('data-chart') || ('#' + i);
    const g = el.querySelector('svg, canvas');
    if (!g) { bad.push(name + ': no <svg> or <canvas> in the chart container'); return; }
    const r = g.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) { bad.push(name + ': chart drawn with size ' + r.width + 'x' + r.height); return; }
    if (g.tagName.toLowerCase() === 'svg' && !g.querySelector('path, rect, text, circle, line, polyline, polygon')) {
      bad.push(name + ': the <svg> has no shapes');
    }
  });
  return {n: els.length, bad: bad};
})()`

// linksJS lists the page's links, resolved against its location.
const linksJS = `Array.from(document.querySelectorAll('a[href]'), a => a.href)`

// visit loads u, waits for its charts and returns what it found.
func (tb *tab) visit(u string) (v pageVisit) {
	tb.reset()
	start := time.Now()
	defer func() { v.Took = time.Since(start) }()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		tb.report("loading the page: %v", err)
		v.Problems, v.Requests = tb.take()
		return v
	}
	var st chartState
	deadline := time.Now().Add(chartWait)
	for {
		var err error
		st, err = chromedp.Run(ctx, chromedp.Evaluate[chartState](chartJS))
		if err != nil {
			tb.report("checking the charts: %v", err)
			break
		}
		if len(st.Bad) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, b := range st.Bad {
		tb.report("chart not drawn after %s: %s", chartWait, b)
	}
	v.Charts = st.N
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](linksJS))
	if err != nil {
		tb.report("reading the links: %v", err)
	}
	v.Links = links
	v.Problems, v.Requests = tb.take()
	return v
}

// settleJS fingerprints the drawn charts, to tell when their animation
// has ended.
const settleJS = `(() => {
  let h = 0;
  for (const s of document.querySelectorAll('[data-chart] svg, [data-chart] canvas')) {
    const t = s.tagName === 'CANVAS' ? s.toDataURL() : s.innerHTML;
    for (let i = 0; i < t.length; i++) h = (h * 31 + t.charCodeAt(i)) | 0;
  }
  return h;
})()`

// settle waits until the charts stop changing (ECharts animates them in
// for about a second), so that a screenshot or a print shows them whole.
func (tb *tab) settle() error {
	prev, deadline := int64(0), time.Now().Add(5*time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		h, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int64](settleJS))
		if err != nil {
			return err
		}
		if i > 0 && h == prev {
			return nil
		}
		prev = h
		time.Sleep(300 * time.Millisecond)
	}
	return fmt.Errorf("the charts were still changing after 5s")
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a == nil:
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s at %s:%d:%d", s, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

package e2e

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kaoping/generator/serve"
)

// TestBrowserServe opens the demo as kaoping serve answers it: from
// memory, with the reload script and under serve's Content-Security-
// Policy (scripts from the site only, no inline script). Every page
// opened must load with no console error (a blocked script or style is
// one), draw its charts and request nothing outside the server.
func TestBrowserServe(t *testing.T) {
	s := serve.New(serve.Options{ConfigPath: demoConfig})
	if !s.Rebuild("") {
		t.Fatal("serve cannot load the demo")
	}
	srv := httptest.NewServer(s.Handler())
	// The pages keep an event stream open (the reload script), which
	// Close would wait for: the connections are cut first, after the
	// browser has gone (cleanups run last first).
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	root, err := url.Parse(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	st := site{Root: root, Dir: demo.Dir}
	tb := newTab(t, ctx, st.outside)
	res := crawl(t, tb, st, sampled(sampling{PerKind: 2, Every: 128}), crawlBudget(45*time.Second))
	res.report(t, "kaoping serve")
	if res.Opened == 0 || res.Charts == 0 {
		t.Fatalf("opened %d pages with %d charts", res.Opened, res.Charts)
	}
}

// TestHarnessCatchesCSP: a page that breaks the Content-Security-Policy
// it is served with is reported by the crawler, so that a clean
// TestBrowserServe means the pages meet serve's policy.
func TestHarnessCatchesCSP(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"index.html":   `<!DOCTYPE html><title>t</title><a href="inline.html">x</a> <a href="handler.html">y</a>`,
		"inline.html":  `<!DOCTYPE html><title>t</title><script>document.title = "ran"</script>`,
		"handler.html": `<!DOCTYPE html><title>t</title><img src="data:," onload="document.title='ran'" alt="">`,
	}
	for name, body := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; img-src 'self' data:")
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	root, _ := url.Parse(srv.URL + "/")
	ctx := newBrowser(t)
	st := site{Root: root, Dir: dir}
	tb := newTab(t, ctx, st.outside)
	res := crawl(t, tb, st, sampling{}, time.Minute)
	for _, page := range []string{"inline.html", "handler.html"} {
		found := false
		for _, p := range res.Problems[page] {
			found = found || strings.Contains(p, "Content Security Policy")
		}
		if !found {
			t.Errorf("the crawler did not report the policy violation of %s; it reported %q", page, res.Problems[page])
		}
	}
	if len(res.Problems["index.html"]) > 0 {
		t.Errorf("problems reported on a page that meets the policy: %q", res.Problems["index.html"])
	}
}

package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"kaoping/generator/build"
	"kaoping/generator/initsite"
)

// copyDemo copies the demo site's inputs (config.toml, data/) into a new
// temporary site folder and returns its config path.
func copyDemo(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	for _, name := range []string{"config.toml", "data"} {
		src := filepath.Join("..", "..", name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			target := filepath.Join(dst, name, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dst, "config.toml")
}

// builtFiles lists the files under dir as sorted slash paths.
func builtFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// reloadTag is the one thing serve adds to a page that loaded: the
// reload script, right before </body>.
var reloadTag = regexp.MustCompile(`<script src="/__kaoping/reload\.js" data-gen="[0-9a-f]+-[0-9]+"></script></body>`)

// stripReload takes the reload tag out of a served page; ok is false
// when the page does not hold it exactly once, before its last </body>.
func stripReload(page []byte) (plain []byte, ok bool) {
	locs := reloadTag.FindAllIndex(page, -1)
	if len(locs) != 1 {
		return nil, false
	}
	at := locs[0]
	if bytes.LastIndex(page, []byte("</body>")) != at[1]-len("</body>") {
		return nil, false
	}
	plain = append(append([]byte(nil), page[:at[0]]...), page[at[1]-len("</body>"):]...)
	return plain, true
}

// TestServeEqualsBuild: for every file `kaoping build` writes for the
// demo (each page, result file, asset, bundle and manifest.json), serve
// answers the same bytes, except that a page has the reload tag before
// </body>; and serving writes nothing. (All of it takes about as long
// as two builds of the demo, so -short keeps it whole.)
func TestServeEqualsBuild(t *testing.T) {
	t.Parallel()
	cfg := copyDemo(t)
	// With archive_zips, serve answers the zips too.
	text, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append([]byte("archive_zips = true\n"), text...), 0o644); err != nil {
		t.Fatal(err)
	}
	siteDir := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "public")
	if _, _, ps := build.Build(build.Options{ConfigPath: cfg, OutDir: out, Version: "test"}); ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	before := treeHash(t, siteDir)

	s := New(Options{ConfigPath: cfg, Version: "test"})
	if !s.Rebuild("") {
		t.Fatalf("serve could not load the demo: %v", s.snapshot().problems)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	files := builtFiles(t, out)
	var bundles []string
	for _, f := range files {
		if strings.HasPrefix(f, "archive/") && strings.HasSuffix(f, ".zip") {
			bundles = append(bundles, f)
		}
	}
	if len(bundles) < 2 || len(files) < 1000 {
		t.Fatalf("the demo's build has %d files and %d bundles; the demo changed?", len(files), len(bundles))
	}

	var (
		mu       sync.Mutex
		compared = map[string]int{}
		failures int
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if failures++; failures <= 20 {
			t.Errorf(format, args...)
		}
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
				if err != nil {
					fail("%v", err)
					continue
				}
				resp, err := http.Get(srv.URL + "/" + (&url.URL{Path: f}).EscapedPath())
				if err != nil {
					fail("GET %s: %v", f, err)
					continue
				}
				got, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					fail("GET %s = %d %v", f, resp.StatusCode, err)
					continue
				}
				kind := "file"
				if strings.HasSuffix(f, ".html") {
					kind = "page"
					plain, ok := stripReload(got)
					if !ok {
						fail("GET %s: the page does not hold the reload tag exactly once, right before its last </body>", f)
						continue
					}
					got = plain
					cspProblems(f, got, fail)
				}
				if !bytes.Equal(got, want) {
					off := 0
					for off < len(got) && off < len(want) && got[off] == want[off] {
						off++
					}
					fail("GET %s: serve's bytes differ from build's at byte %d (sizes %d and %d):\n serve: %q\n build: %q",
						f, off, len(got), len(want), clipAt(got, off), clipAt(want, off))
					continue
				}
				mu.Lock()
				compared[kind]++
				if strings.HasSuffix(f, ".zip") {
					compared["bundle"]++
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	t.Logf("compared %d pages and %d other files (%d bundles) of %d", compared["page"], compared["file"], compared["bundle"], len(files))
	if compared["page"] < 1000 || compared["bundle"] != len(bundles) {
		t.Errorf("compared %d pages and %d bundles only", compared["page"], compared["bundle"])
	}

	// Serving wrote nothing: not into the site folder (no public/), not
	// into the built output.
	if after := treeHash(t, siteDir); after != before {
		t.Errorf("serve changed the site folder; it holds %q", treeNames(t, siteDir))
	}
	if _, err := os.Stat(filepath.Join(siteDir, "public")); err == nil {
		t.Error("serve wrote public/")
	}
}

func clipAt(b []byte, off int) []byte {
	return b[max(0, off-40):min(len(b), off+60)]
}

// cspProblems reports what in a page the Content-Security-Policy would
// block: a <script> with a body (only type="application/json" data
// blocks may have one), a script from another origin, an event handler
// attribute (onclick=...) or a javascript: URL.
func cspProblems(name string, page []byte, fail func(string, ...any)) {
	z := html.NewTokenizer(bytes.NewReader(page))
	inScript, scriptType, scriptSrc := false, "", ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				fail("%s: %v", name, z.Err())
			}
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					fail("%s: <%s %s=...>: an inline event handler, blocked by script-src 'self'", name, tok.Data, a.Key)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					fail("%s: <%s %s=%q>: a javascript: URL, blocked by the policy", name, tok.Data, a.Key, a.Val)
				}
			}
			if tok.Data == "script" {
				inScript, scriptType, scriptSrc = true, "", ""
				for _, a := range tok.Attr {
					switch a.Key {
					case "type":
						scriptType = a.Val
					case "src":
						scriptSrc = a.Val
					}
				}
				if u, err := url.Parse(scriptSrc); scriptSrc != "" && (err != nil || u.Scheme != "" || u.Host != "") {
					fail("%s: <script src=%q> is not one of the site's files", name, scriptSrc)
				}
			}
		case html.TextToken:
			if inScript && strings.TrimSpace(string(z.Text())) != "" && scriptType != "application/json" {
				fail("%s: an inline <script type=%q> with a body, blocked by script-src 'self'", name, scriptType)
			}
		case html.EndTagToken:
			if tn, _ := z.TagName(); string(tn) == "script" {
				inScript = false
			}
		}
	}
}

// TestCSPScanCatches: the scan of TestServeEqualsBuild reports what the
// policy blocks, and passes what it allows.
func TestCSPScanCatches(t *testing.T) {
	tests := []struct {
		page string
		bad  bool
	}{
		{`<script src="assets/site.js"></script>`, false},
		{`<script type="application/json" id="c1-option">{"a":1}</script>`, false},
		{`<div style="height:3px" class="x">a</div>`, false},
		{`<script>alert(1)</script>`, true},
		{`<script type="module">import x from "./x.js"</script>`, true},
		{`<script src="http://cdn.example/x.js"></script>`, true},
		{`<script src="//cdn.example/x.js"></script>`, true},
		{`<a href="#" onclick="go()">x</a>`, true},
		{`<a href=" JavaScript:go()">x</a>`, true},
		{`<body onload="go()">`, true},
	}
	for _, tt := range tests {
		var got []string
		cspProblems("page", []byte(tt.page), func(f string, args ...any) { got = append(got, fmt.Sprintf(f, args...)) })
		if (len(got) > 0) != tt.bad {
			t.Errorf("%s: problems %q, want bad = %v", tt.page, got, tt.bad)
		}
	}
}

// hardened is a server of the init site listening on loopback, with the
// Host headers Run would allow.
func hardened(t *testing.T) (s *Server, addr string) {
	t.Helper()
	dir := t.TempDir()
	if _, ps := initsite.Create(dir); ps.HasErrors() {
		t.Fatal(ps)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s = New(Options{ConfigPath: filepath.Join(dir, "config.toml"), Hosts: hostsOf(ln.Addr())})
	if !s.Rebuild("") {
		t.Fatal("the init site does not load")
	}
	srv := httptest.NewUnstartedServer(s.Handler())
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(func() {
		s.hub.close()
		srv.Close()
	})
	return s, ln.Addr().String()
}

// rawResponse sends one request as written (target and Host untouched
// by any client) and returns the response with its body read. For the
// event stream, only the header is read.
func rawResponse(t *testing.T, addr, method, target, host string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s %s (Host %s): %v", method, target, host, err)
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return resp, "" // the stream does not end: closing conn ends it
	}
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestServeHosts: on loopback, serve answers its own address and
// localhost, 127.0.0.1 and [::1] with its port, and 421 to any other Host
// (a name another site points here: DNS rebinding), whatever the path.
func TestServeHosts(t *testing.T) {
	t.Parallel()
	_, addr := hardened(t)
	_, port, _ := net.SplitHostPort(addr)
	tests := []struct {
		host string
		code int
	}{
		{addr, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST:" + port, 200},
		{"127.0.0.1:" + port, 200},
		{"[::1]:" + port, 200},
		{"evil.example:" + port, 421},
		{"evil.example", 421},
		{"localhost", 421},
		{"127.0.0.1", 421},
		{"localhost:1" + port, 421},
		{"127.0.0.1:" + port + ".evil.example", 421},
		{"localhost.evil.example:" + port, 421},
		{"127.0.0.2:" + port, 421},
		{"", 421},
	}
	for _, tt := range tests {
		for _, target := range []string{"/", "/assets/site.css", statusPath, eventsPath, "/nothing.html"} {
			want := tt.code
			if want == 200 && target == "/nothing.html" {
				want = 404
			}
			resp, _ := rawResponse(t, addr, "GET", target, tt.host)
			if resp.StatusCode != want {
				t.Errorf("GET %s with Host %q = %d, want %d", target, tt.host, resp.StatusCode, want)
			}
		}
	}

	// Listening on every address: any IP address of the machine with the
	// port, never a name (but localhost and the machine's own).
	s := New(Options{ConfigPath: "config.toml", Hosts: []string{"*:8080"}})
	for host, want := range map[string]bool{
		"192.168.1.5:8080": true, "[fe80::1]:8080": true, "localhost:8080": true,
		"192.168.1.5:8081": false, "evil.example:8080": false, "192.168.1.5": false, "": false,
	} {
		if got := s.hostAllowed(host); got != want {
			t.Errorf("listening on 0.0.0.0:8080, Host %q allowed = %v, want %v", host, got, want)
		}
	}
	if got := hostsOf(&net.TCPAddr{IP: net.IPv4zero, Port: 8080}); len(got) != 1 || got[0] != "*:8080" {
		t.Errorf("hostsOf(0.0.0.0:8080) = %q", got)
	}
	if got := hostsOf(&net.TCPAddr{IP: net.ParseIP("192.168.1.5"), Port: 8080}); len(got) != 1 || got[0] != "192.168.1.5:8080" {
		t.Errorf("hostsOf(192.168.1.5:8080) = %q (a LAN address answers only as itself)", got)
	}
}

// TestServeHeaders: every response, whatever its status, says nosniff,
// no framing and the Content-Security-Policy.
func TestServeHeaders(t *testing.T) {
	t.Parallel()
	_, addr := hardened(t)
	requests := []struct {
		method, target, host string
		code                 int
	}{
		{"GET", "/", addr, 200},
		{"HEAD", "/", addr, 200},
		{"GET", "/schemes/index.html", addr, 200},
		{"GET", "/assets/site.css", addr, 200},
		{"GET", "/assets/site.js", addr, 200},
		{"GET", "/data/basic/2025-Q2.csv", addr, 200},
		{"GET", "/manifest.json", addr, 200},
		{"GET", "/schemes", addr, 301},
		{"GET", "/../config.toml", addr, 400},
		{"GET", "/nothing.html", addr, 404},
		{"GET", "/__kaoping/nothing", addr, 404},
		{"POST", "/", addr, 405},
		{"GET", "/", "evil.example", 421},
		{"GET", scriptPath, addr, 200},
		{"GET", statusPath, addr, 200},
		{"GET", eventsPath, addr, 200},
	}
	for _, r := range requests {
		resp, _ := rawResponse(t, addr, r.method, r.target, r.host)
		checkHeaders(t, fmt.Sprintf("%s %s (Host %s)", r.method, r.target, r.host), resp, r.code)
	}

	// A server whose site never loaded answers 503 with the same headers.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("title = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := New(Options{ConfigPath: filepath.Join(dir, "config.toml")})
	if broken.Rebuild("") {
		t.Fatal("a broken config loaded")
	}
	rec := httptest.NewRecorder()
	broken.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	checkHeaders(t, "GET / of a site that never loaded", rec.Result(), 503)
}

func checkHeaders(t *testing.T, what string, resp *http.Response, code int) {
	t.Helper()
	if resp.StatusCode != code {
		t.Errorf("%s = %d, want %d", what, resp.StatusCode, code)
	}
	for name, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Content-Security-Policy": contentSecurityPolicy,
	} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("%s: %s = %q, want %q", what, name, got, want)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, d := range []string{"default-src 'self'", "script-src 'self';", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("%s: the Content-Security-Policy %q lacks %q", what, csp, d)
		}
	}
	if strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
		t.Errorf("%s: the Content-Security-Policy allows inline or eval'd script: %q", what, csp)
	}
}

// TestServeNoOpenRedirect: a request whose path starts with // or /\ is
// never answered with a Location a browser would read as another host
// (scheme-relative //evil.example/ or /\evil.example), while a folder
// asked for without its slash is still redirected, to a path on this
// server.
func TestServeNoOpenRedirect(t *testing.T) {
	t.Parallel()
	_, addr := hardened(t)
	base, _ := url.Parse("http://" + addr + "/")
	redirected := 0
	for _, target := range []string{
		"//schemes", "//schemes/", "///schemes", "//schemes?x=1", "/%2fschemes", "/.//schemes",
		"//evil.example", "//evil.example/", "///evil.example", "//evil.example/%2e%2e",
		"/\\evil.example", "/\\evil.example/", "/\\/evil.example", "/%5cevil.example", "/%2f%2fevil.example",
		"//evil.example/schemes", "//127.0.0.1:1/", "/schemes//", "/schemes/..", "//",
	} {
		resp, _ := rawResponse(t, addr, "GET", target, addr)
		loc := resp.Header.Get("Location")
		if loc == "" {
			continue
		}
		redirected++
		u, err := base.Parse(loc)
		if err != nil || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") ||
			strings.Contains(loc, "\\") || u.Host != addr || u.Scheme != "http" {
			t.Errorf("GET %s answers %d with Location %q: not a path on this server", target, resp.StatusCode, loc)
		}
	}
	if redirected == 0 {
		t.Error("no request was redirected: the folder redirect is not exercised")
	}
	resp, _ := rawResponse(t, addr, "GET", "//schemes?x=1", addr)
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/schemes/?x=1" {
		t.Errorf("GET //schemes?x=1 = %d %q, want 301 to /schemes/?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestServeKeepsLastGood: a bad cell does not take the site away: the
// last good model is served, byte for byte, with the problems banner
// (naming the file, line and column) and the reload tag; once fixed, the
// banner goes.
func TestServeKeepsLastGood(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, ps := initsite.Create(dir); ps.HasErrors() {
		t.Fatal(ps)
	}
	s := New(Options{ConfigPath: filepath.Join(dir, "config.toml")})
	get := func(p string) []byte {
		t.Helper()
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 200 {
			t.Fatalf("GET %s = %d", p, rec.Code)
		}
		return rec.Body.Bytes()
	}
	if !s.Rebuild("") {
		t.Fatal("the init site does not load")
	}
	// A good change first, so that "last good" is not the first load.
	csv := filepath.Join(dir, "data", "periods", "2025-Q1.csv")
	orig, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(orig, []byte("dq,120,")) {
		t.Fatal("data/periods/2025-Q1.csv has no dq,120, any more; update the test")
	}
	os.WriteFile(csv, bytes.Replace(orig, []byte("dq,120,"), []byte("dq,121,"), 1), 0o644)
	if !s.Rebuild("data/periods/2025-Q1.csv") {
		t.Fatal("a good change does not load")
	}
	const page = "/data/basic/2025-Q1.csv"
	goodData, goodHome := get(page), get("/")
	goodPlain, ok := stripReload(goodHome)
	if !ok {
		t.Fatal("the home page has no reload tag")
	}

	os.WriteFile(csv, bytes.Replace(orig, []byte("dq,120,"), []byte("dq,12%,"), 1), 0o644)
	if s.Rebuild("data/periods/2025-Q1.csv") {
		t.Fatal("a bad cell loaded")
	}
	if got := get(page); !bytes.Equal(got, goodData) {
		t.Errorf("after a bad cell, %s is not the last good one", page)
	}
	home := get("/")
	banner := regexp.MustCompile(`<div id="kaoping-problems"[^>]*>.*?</div>`)
	b := banner.Find(home)
	if b == nil || !bytes.Contains(b, []byte("data/periods/2025-Q1.csv:2:2: 错误")) {
		t.Fatalf("the page has no banner naming data/periods/2025-Q1.csv:2:2:\n%.800s", home)
	}
	plain, ok := stripReload(bytes.Replace(home, b, nil, 1))
	if !ok || !bytes.Equal(plain, goodPlain) {
		t.Error("after a bad cell, the home page (banner and reload tag taken out) is not the last good one")
	}

	os.WriteFile(csv, orig, 0o644)
	if !s.Rebuild("data/periods/2025-Q1.csv") {
		t.Fatal("the fixed data does not load")
	}
	if bytes.Contains(get("/"), []byte("kaoping-problems")) {
		t.Error("the banner stays after the fix")
	}
	if bytes.Equal(get(page), goodData) {
		t.Error("the fixed data (dq back to 120) serves the result of 121")
	}
}

// TestServeContentTypes: with nosniff, a browser runs a script and
// applies a stylesheet only when its Content-Type says so: pages,
// stylesheets and scripts are served with their types.
func TestServeContentTypes(t *testing.T) {
	t.Parallel()
	_, addr := hardened(t)
	for target, want := range map[string]string{
		"/":                "text/html; charset=utf-8",
		"/periods/":        "text/html; charset=utf-8",
		"/assets/site.css": "text/css; charset=utf-8",
		"/assets/site.js":  "text/javascript; charset=utf-8",
		scriptPath:         "text/javascript; charset=utf-8",
	} {
		resp, _ := rawResponse(t, addr, "GET", target, addr)
		if got := resp.Header.Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", target, got, want)
		}
	}
}

package serve

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kaoping/generator/diag"
	"kaoping/generator/initsite"
)

// site is a running server on a copy of the `kaoping init` example.
type site struct {
	t    *testing.T
	dir  string // site folder
	base string // http://127.0.0.1:port
	log  *syncBuffer
	hash string // of the site folder before the server started
}

// startSite creates the example site in a temporary folder, lets edit
// change it, and serves it on a random loopback port until the test ends.
func startSite(t *testing.T, edit func(dir string)) *site {
	t.Helper()
	dir := t.TempDir()
	if _, problems := initsite.Create(dir); len(problems) > 0 {
		t.Fatal(problems)
	}
	if edit != nil {
		edit(dir)
	}
	hash := treeHash(t, dir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, ln, Options{ConfigPath: filepath.Join(dir, "config.toml"), Log: log, Debounce: 100 * time.Millisecond})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(60 * time.Second):
			t.Error("Run did not stop")
		}
	})
	s := &site{t: t, dir: dir, base: "http://" + ln.Addr().String(), log: log, hash: hash}
	s.get(statusPath) // answered once the first build is done
	return s
}

// get fetches a path and returns the status and body.
func (s *site) get(path string) (int, string) {
	s.t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// unchanged fails the test when a file of the site folder was added,
// removed or changed since the server started (call it before the test
// writes into the site).
func (s *site) unchanged(step string) {
	s.t.Helper()
	if h := treeHash(s.t, s.dir); h != s.hash {
		s.t.Errorf("%s: the site folder changed while serving (serve must write nothing); it holds %q", step, treeNames(s.t, s.dir))
	}
}

func (s *site) write(rel, text string) {
	s.t.Helper()
	if err := os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) read(rel string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// subscribe opens the event stream and returns its events.
func (s *site) subscribe() <-chan event {
	s.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.base+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		s.t.Fatalf("events Content-Type = %q", ct)
	}
	ch := make(chan event, 32)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data += strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				ch <- e
				e = event{}
			}
		}
	}()
	return ch
}

// wait returns the next event called name, skipping others.
func (s *site) wait(ch <-chan event, name string) event {
	s.t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				s.t.Fatalf("event stream ended while waiting for %q", name)
			}
			if e.name == name {
				return e
			}
		case <-deadline:
			s.t.Fatalf("no %q event within 60 s; log:\n%s", name, s.log.String())
		}
	}
}

// TestServeEndToEnd: a page is served with the reload script; changing a
// note and the config rebuilds and reloads; a broken config keeps the last
// good site, reports the error on the page, in the event stream and in the
// terminal; fixing it recovers.
func TestServeEndToEnd(t *testing.T) {
	t.Parallel()
	s := startSite(t, nil)
	code, home := s.get("/")
	if code != 200 || !strings.Contains(home, "示例市检察机关业绩考评") {
		t.Fatalf("GET / = %d, want 200 with the site title:\n%.300s", code, home)
	}
	if !strings.Contains(home, `<script src="/__kaoping/reload.js"`) {
		t.Error("the served page has no reload script")
	}
	if code, js := s.get(scriptPath); code != 200 || !strings.Contains(js, "EventSource") {
		t.Errorf("GET %s = %d %.80q", scriptPath, code, js)
	}
	// Serving writes nothing: the site folder is as init left it.
	s.unchanged("after the first load")

	events := s.subscribe()
	if e := s.wait(events, "hello"); e.data == "" {
		t.Error("hello event without a build id")
	}

	// A new note is rebuilt into the period page.
	s.write("data/notes/2025-Q2.md", "# 新的说明\n\n本季度说明已更新：检察建议全部落实。\n")
	s.wait(events, "reload")
	if _, page := s.get("/periods/2025-Q2.html"); !strings.Contains(page, "本季度说明已更新：检察建议全部落实。") {
		t.Errorf("the period page does not show the changed note:\n%.500s", page)
	}

	// A new title is rebuilt into every page.
	good := strings.Replace(s.read("config.toml"), `title = "示例市检察机关业绩考评"`, `title = "新标题业绩考评"`, 1)
	s.write("config.toml", good)
	s.wait(events, "reload")
	if _, page := s.get("/"); !strings.Contains(page, "新标题业绩考评") {
		t.Errorf("GET / after the title change:\n%.300s", page)
	}
	if !strings.Contains(s.log.String(), "检测到改动：config.toml") {
		t.Errorf("the terminal does not name the changed file:\n%s", s.log.String())
	}

	// A broken config: the old site stays, the error is everywhere.
	s.write("config.toml", good+"\nbroken = [\n")
	e := s.wait(events, "problems")
	if !strings.Contains(e.data, "config.toml:") || !strings.Contains(e.data, "错误") {
		t.Errorf("problems event = %s, want config.toml:line and 错误", e.data)
	}
	code, page := s.get("/")
	if code != 200 || !strings.Contains(page, "新标题业绩考评") {
		t.Errorf("the last good site is not served after a failed build: %d\n%.300s", code, page)
	}
	if !strings.Contains(page, `id="kaoping-problems"`) || !strings.Contains(page, "config.toml:") {
		t.Errorf("the page does not show the problems:\n%.600s", page)
	}
	if log := s.log.String(); !strings.Contains(log, "config.toml:") || !strings.Contains(log, "载入失败") {
		t.Errorf("the terminal does not show the error:\n%s", log)
	}
	var st status
	_, body := s.get(statusPath)
	if err := json.Unmarshal([]byte(body), &st); err != nil || st.OK || len(st.Problems) == 0 {
		t.Errorf("status after a failed build = %s", body)
	}
	if _, err := os.Stat(filepath.Join(s.dir, "public")); err == nil {
		t.Error("serve wrote an output folder (public/)")
	}

	// Fixed again: rebuilt, reloaded, banner gone.
	s.write("config.toml", good)
	s.wait(events, "reload")
	if _, page := s.get("/"); strings.Contains(page, "kaoping-problems") || !strings.Contains(page, "新标题业绩考评") {
		t.Errorf("the site did not recover:\n%.300s", page)
	}
	// Through every load, serve wrote nothing: the site folder holds
	// what init made and what this test wrote, and nothing else.
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".gitignore config.toml data" {
		t.Errorf("the site folder holds %q after serving, want only .gitignore, config.toml and data", names)
	}
}

// TestServeEnglish: with language = "en" the terminal and the page speak
// English.
func TestServeEnglish(t *testing.T) {
	t.Parallel()
	s := startSite(t, func(dir string) {
		cfg := filepath.Join(dir, "config.toml")
		b, _ := os.ReadFile(cfg)
		os.WriteFile(cfg, bytes.Replace(b, []byte(`language = "zh-CN"`), []byte(`language = "en"`), 1), 0o644)
	})
	events := s.subscribe()
	s.wait(events, "hello")
	s.write("data/entities.csv", s.read("data/entities.csv")+"bad id,名字,procuratorate,city,,\n")
	e := s.wait(events, "problems")
	if !strings.Contains(e.data, "data/entities.csv:15") || !strings.Contains(e.data, "error:") {
		t.Errorf("problems event = %s, want data/entities.csv:15 and error:", e.data)
	}
	if log := s.log.String(); !strings.Contains(log, "data/entities.csv:15") || !strings.Contains(log, "load failed") {
		t.Errorf("terminal:\n%s", log)
	}
	if _, page := s.get("/"); !strings.Contains(page, "The site could not be loaded: this is the last good one.") {
		t.Errorf("page banner is not in English:\n%.600s", page)
	}
}

// TestServePaths: only the site's own files are answered; no file on
// disk is reachable, not even an input whose path looks like a site path
// (data/entities.csv beside the site's data/<scheme>/ result files), nor
// a file a user put where a build would write (public/).
func TestServePaths(t *testing.T) {
	t.Parallel()
	s := startSite(t, nil)
	// Files on disk where an output folder would be: serve never reads it.
	if err := os.MkdirAll(filepath.Join(s.dir, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.write("public/leak.html", "title = leaked")
	if err := os.Symlink(filepath.Join(s.dir, "config.toml"), filepath.Join(s.dir, "public", "leak.toml")); err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(s.base, "http://")
	tests := []struct {
		target string
		codes  []int
	}{
		{"/../config.toml", []int{400}},
		{"/%2e%2e/config.toml", []int{400}},
		{"/..%2fconfig.toml", []int{400}},
		{"/assets/..%2f..%2fconfig.toml", []int{400}},
		{"/assets/%2e%2e/%2e%2e/data/entities.csv", []int{400}},
		{"/..\\config.toml", []int{400}},
		{"/config.toml", []int{404}},
		{"/data/entities.csv", []int{404}},
		{"/data/periods/2025-Q1.csv", []int{404}},
		{"/data/notes/2025-Q2.md", []int{404}},
		{"/public/leak.html", []int{404}},
		{"/leak.html", []int{404}},
		{"/leak.toml", []int{404}},
		{"/__kaoping/nothing", []int{404}},
		{"/schemes", []int{301}},
		{"/assets", []int{404}}, // a folder without index.html is not a page
		{"/assets/site.css", []int{200}},
		{"/data/basic/2025-Q2.csv", []int{200}},
	}
	for _, tt := range tests {
		code, body := rawGet(t, addr, tt.target)
		found := false
		for _, c := range tt.codes {
			found = found || c == code
		}
		if !found {
			t.Errorf("GET %s = %d, want %v", tt.target, code, tt.codes)
		}
		if strings.Contains(body, "title =") || strings.Contains(body, "id,name,kind") || strings.Contains(body, "leaked") {
			t.Errorf("GET %s leaked a file from disk", tt.target)
		}
	}
}

// rawGet sends target as written (no client-side cleaning) and returns
// the status code and body.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSitePath(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"/", "", true},
		{"/index.html", "index.html", true},
		{"/schemes/basic/", "schemes/basic/", true},
		{"/schemes/basic", "schemes/basic", true},
		{"//schemes/", "schemes/", true},
		{"/\\evil.example", "", false},
		{"//a//b.html", "a/b.html", true},
		{"/./a.html", "a.html", true},
		{"/../a", "", false},
		{"/a/../../b", "", false},
		{"/a/..", "", false},
		{"/a\\b", "", false},
		{"/a\x00", "", false},
		{"a.html", "", false},
	}
	for _, tt := range tests {
		got, ok := sitePath(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sitePath(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestInject(t *testing.T) {
	failing := state{lang: "zh-CN", gen: 3}
	failing.problems = append(failing.problems, problemAt("config.toml", 4, "缺少 <title>", "missing title"))
	tests := []struct {
		name string
		st   state
		page string
		want string // the whole result with the script written as S and the banner as B
	}{
		{"page", state{gen: 1}, "<html><body class=x><p>hi</p></body></html>", "<html><body class=x><p>hi</p>{S}</body></html>"},
		{"upper case", state{gen: 1}, "<BODY><p>hi</p></BODY>", "<BODY><p>hi</p>{S}</BODY>"},
		{"no body", state{gen: 1}, "<p>hi</p>", "<p>hi</p>{S}"},
		{"failing", failing, "<body><p>hi</p></body>", "<body>{B}<p>hi</p>{S}</body>"},
		// Letters whose lower case has another length in UTF-8 (the
		// Kelvin sign K is 3 bytes, its k 1; İ is 2 bytes, its i̇ 3): a
		// name holding them must not move where the tags go.
		{"unicode case", state{gen: 1}, "<body><p>K Å İ</p></body>", "<body><p>K Å İ</p>{S}</body>"},
		{"unicode case failing", failing, "<p>KKKK</p><BODY class=x><p>İİİ</p></BODY>", "<p>KKKK</p><BODY class=x>{B}<p>İİİ</p>{S}</BODY>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Options{ConfigPath: "config.toml"})
			s.state = tt.st
			script := `<script src="/__kaoping/reload.js" data-gen="` + s.genID(tt.st.gen) + `"></script>`
			want := strings.NewReplacer("{S}", script, "{B}", s.banner(tt.st)).Replace(tt.want)
			if got := string(s.inject([]byte(tt.page))); got != want {
				t.Errorf("inject =\n%s\nwant\n%s", got, want)
			}
		})
	}
	// The banner escapes the messages.
	s := New(Options{ConfigPath: "config.toml"})
	if b := s.banner(failing); !strings.Contains(b, "config.toml:4: 错误: 缺少 &lt;title&gt;") {
		t.Errorf("banner = %s", b)
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func problemAt(file string, line int, zh, en string) diag.Problem {
	return diag.Problem{Severity: diag.Error, Pos: diag.Pos{File: file, Line: line}, ZH: zh, EN: en}
}

// treeHash is one hash of the paths, kinds and contents of everything
// under dir (links by their target), so that two calls tell whether
// anything in it was added, removed or changed.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%v\x00", filepath.ToSlash(rel), d.Type())
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00", target)
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d\x00", len(b))
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// treeNames lists the paths under dir, for failure messages.
func treeNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	return names
}

// TestServeFailedPage: a page whose HTML slot fails on it is answered
// with 500, the slot's file and line, and the reload script, so that the
// browser shows the page once the slot is fixed and saved.
func TestServeFailedPage(t *testing.T) {
	t.Parallel()
	s := startSite(t, func(dir string) {
		if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
			t.Fatal(err)
		}
		slot := "<p>电话</p>\n{{ if eq .Path \"archive.html\" }}{{ .Phone }}{{ end }}\n"
		if err := os.WriteFile(filepath.Join(dir, "templates", "footer.html"), []byte(slot), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	code, body := s.get("/archive.html")
	if code != http.StatusInternalServerError || !strings.Contains(body, "templates/footer.html:2") || !strings.Contains(body, scriptPath) {
		t.Errorf("GET /archive.html = %d:\n%.2000s\nwant 500 with the slot's file and line and the reload script", code, body)
	}
	if code, body := s.get("/index.html"); code != http.StatusOK || !strings.Contains(body, "电话") {
		t.Errorf("GET /index.html = %d; want 200 with the footer", code)
	}
}

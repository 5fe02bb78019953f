package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"kaoping/generator/build"
	"kaoping/templates"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
)

// Reserved paths of the server; no site file can be served under prefix.
const (
	prefix     = "/__kaoping/"
	eventsPath = prefix + "events"
	scriptPath = prefix + "reload.js"
	statusPath = prefix + "status"
)

// Handler serves the site's files from memory, with the reload script in
// every HTML page, and the server's own paths under /__kaoping/.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// contentSecurityPolicy is what every response allows: the site's own
// files only, no inline script (the charts' options are JSON data blocks,
// drawn by assets/site.js), inline style attributes (chart heights, the
// problems banner), no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Referrer-Policy", "no-referrer")
	if !s.hostAllowed(r.Host) {
		http.Error(w, "421 misdirected request: kaoping serve answers only as "+strings.Join(s.opts.Hosts, ", "), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h.Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case eventsPath:
		st := s.snapshot()
		first := []event{{"hello", s.genID(st.gen)}}
		if len(st.problems) > 0 {
			first = append(first, event{"problems", s.problemsEvent(st)})
		}
		s.hub.serve(w, r, first...)
		return
	case scriptPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
		return
	case statusPath:
		s.serveStatus(w)
		return
	}
	if strings.HasPrefix(r.URL.Path, prefix) {
		s.errorPage(w, http.StatusNotFound, r.URL.Path)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "400 bad request: path outside the site", http.StatusBadRequest)
		return
	}
	s.serveFile(w, r, name)
}

// sitePath turns a URL path into a site path. It refuses any ".."
// segment (also when it was written %2e%2e, which net/http has decoded by
// now), backslashes and NUL. The root and a folder ("/", "/schemes/")
// are "" and "schemes/".
func sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.Trim(path.Clean(p), "/")
	if name == "" || name == "." {
		return "", true
	}
	if strings.HasSuffix(p, "/") {
		name += "/"
	}
	return name, fs.ValidPath(strings.TrimSuffix(name, "/"))
}

// serveFile answers the site path name with the file the site makes
// there: a folder ("x/" or "") is its index.html, and a folder asked
// for without its slash is redirected to it.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	site := s.snapshot().site
	if site == nil {
		s.errorPage(w, http.StatusServiceUnavailable, r.URL.Path)
		return
	}
	file := name
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	data, err := site.File(file)
	if errors.Is(err, build.ErrNotFound) && !strings.HasSuffix(name, "/") && name != "" {
		if _, err := site.File(name + "/index.html"); err == nil {
			// Always a path from the root with one leading slash: a
			// request for //x must not be sent to the host x.
			target := "/" + name + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	switch {
	case errors.Is(err, build.ErrNotFound):
		s.errorPage(w, http.StatusNotFound, r.URL.Path)
		return
	case err != nil:
		s.failedPage(w, err)
		return
	}
	if !strings.HasSuffix(file, ".html") {
		if ct := mime.TypeByExtension(path.Ext(file)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(data))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(s.inject(data)))
}

// hostAllowed reports whether the server answers requests for host.
func (s *Server) hostAllowed(host string) bool {
	if len(s.opts.Hosts) == 0 {
		return true
	}
	for _, h := range s.opts.Hosts {
		if strings.EqualFold(h, host) {
			return true
		}
		// A wildcard address (0.0.0.0:8080): any IP address of this
		// machine, with the port; never a name another host could point
		// here (DNS rebinding).
		if wantPort, ok := strings.CutPrefix(h, "*:"); ok {
			hh, port, err := net.SplitHostPort(host)
			if err == nil && port == wantPort && (net.ParseIP(hh) != nil || strings.EqualFold(hh, "localhost") || strings.EqualFold(hh, hostname())) {
				return true
			}
		}
	}
	return false
}

// hostsOf lists the Host headers a server listening on addr answers: the
// address itself, and localhost with the port on loopback; "*:port" for a
// wildcard address.
func hostsOf(addr net.Addr) []string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return []string{addr.String()}
	}
	port := strconv.Itoa(tcp.Port)
	switch {
	case tcp.IP.IsUnspecified():
		return []string{"*:" + port}
	case tcp.IP.IsLoopback():
		return []string{net.JoinHostPort(tcp.IP.String(), port), "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port}
	}
	return []string{net.JoinHostPort(tcp.IP.String(), port)}
}

// hostname is this machine's name, "" when unknown.
func hostname() string {
	h, _ := os.Hostname()
	return h
}

// inject adds the problems banner (when the last load failed) after
// <body> and the reload script before </body>.
func (s *Server) inject(page []byte) []byte {
	st := s.snapshot()
	script := render(templates.ServeReload(scriptPath, s.genID(st.gen)))
	lower := asciiLower(page)
	var out bytes.Buffer
	rest := page
	if banner := s.banner(st); banner != "" {
		if i := bytes.Index(lower, []byte("<body")); i >= 0 {
			if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
				out.Write(page[:i+j+1])
				out.WriteString(banner)
				rest = page[i+j+1:]
				lower = lower[i+j+1:]
			}
		} else {
			out.WriteString(banner)
		}
	}
	if i := bytes.LastIndex(lower, []byte("</body>")); i >= 0 {
		out.Write(rest[:i])
		out.WriteString(script)
		out.Write(rest[i:])
	} else {
		out.Write(rest)
		out.WriteString(script)
	}
	return out.Bytes()
}

// asciiLower is b with the ASCII letters in lower case and every other
// byte as it is: the same length as b, so that an index into it is an
// index into b (bytes.ToLower changes the length of some letters, e.g.
// the Kelvin sign K, and a name holding one would move the tags).
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// banner is the HTML listing the errors of the last load, "" when it
// succeeded.
func (s *Server) banner(st state) string {
	if len(st.problems) == 0 {
		return ""
	}
	return render(templates.ServeBanner(st.problems.Lines(st.lang), st.lang))
}

// render is a component's HTML.
func render(c templ.Component) string {
	var b strings.Builder
	_ = c.Render(context.Background(), &b) // a strings.Builder does not fail
	return b.String()
}

// problemsEvent is the data of a "problems" event: the banner to show.
func (s *Server) problemsEvent(st state) string {
	js, _ := json.Marshal(map[string]string{"html": s.banner(st)})
	return string(js)
}

// errorPage answers a path that has no file (404) or a site that was
// never loaded (503), with the problems and the reload script, so that
// the page turns into the site once a load succeeds.
func (s *Server) errorPage(w http.ResponseWriter, code int, urlPath string) {
	st := s.snapshot()
	var title, text string
	switch {
	case code == http.StatusNotFound && st.lang == "en":
		title, text = "404 not found", "There is no page "+urlPath+" in the site."
	case code == http.StatusNotFound:
		title, text = "404 找不到页面", "站点中没有 "+urlPath+"。"
	case st.lang == "en":
		title, text = "The site could not be loaded yet", "Fix the problems shown and save: the page reloads by itself."
	default:
		title, text = "站点尚未载入", "请改正显示的问题并保存，本页会自动刷新。"
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(s.inject([]byte(render(templates.ServeError(st.lang, title, text)))))
}

// failedPage answers a page that failed to render (a site's HTML slot
// that fails on it, say) with the error and the reload script, so that
// the page comes back once the cause is fixed and saved.
func (s *Server) failedPage(w http.ResponseWriter, err error) {
	st := s.snapshot()
	title, text := "500 页面生成失败", "生成本页时出错："+err.Error()+"。改正后保存，本页会自动刷新。"
	if st.lang == "en" {
		title, text = "500 the page could not be made", "Making this page failed: "+err.Error()+". Fix it and save: the page reloads by itself."
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(s.inject([]byte(render(templates.ServeError(st.lang, title, text)))))
}

// status is the JSON of /__kaoping/status, for scripts and tests.
type status struct {
	OK       bool     `json:"ok"`
	Builds   int      `json:"builds"`
	Problems []string `json:"problems"`
}

func (s *Server) serveStatus(w http.ResponseWriter) {
	st := s.snapshot()
	out := status{OK: len(st.problems) == 0, Builds: st.gen, Problems: []string{}}
	out.Problems = append(out.Problems, st.problems.Lines(st.lang)...)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(out)
}

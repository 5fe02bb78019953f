package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// Reserved paths of the server; no site file can be served under prefix.
const (
	prefix     = "/__kaoping/"
	eventsPath = prefix + "events"
	scriptPath = prefix + "reload.js"
	statusPath = prefix + "status"
)

// Handler serves the output folder, with the reload script in every HTML
// page, and the server's own paths under /__kaoping/.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
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
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
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

// sitePath turns a URL path into a name inside the output folder. It
// refuses any ".." segment (also when it was written %2e%2e, which
// net/http has decoded by now), backslashes and NUL.
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
	if name == "" {
		name = "."
	}
	return name, fs.ValidPath(name)
}

// serveFile serves name from the output folder opened as an os.Root, which
// refuses symbolic links that lead out of it.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	root, err := os.OpenRoot(s.outDir())
	if err != nil {
		s.errorPage(w, http.StatusServiceUnavailable, r.URL.Path)
		return
	}
	defer root.Close()
	fi, err := root.Stat(name)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		fi, err = root.Stat(name)
	}
	if err != nil || fi.IsDir() {
		s.errorPage(w, http.StatusNotFound, r.URL.Path)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		s.errorPage(w, http.StatusNotFound, r.URL.Path)
		return
	}
	defer f.Close()
	if !strings.HasSuffix(name, ".html") {
		http.ServeContent(w, r, name, fi.ModTime(), f)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	// No modification time: the injected banner changes while the file
	// does not, so a page must never be answered "304 not modified".
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(s.inject(page)))
}

// inject adds the problems banner (when the last build failed) after
// <body> and the reload script before </body>.
func (s *Server) inject(page []byte) []byte {
	st := s.snapshot()
	script := fmt.Sprintf(`<script src="%s" data-gen="%s"></script>`, scriptPath, s.genID(st.gen))
	lower := bytes.ToLower(page)
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

// banner is the HTML listing the errors of the last build, "" when it
// succeeded. Inline styles: it must look the same over any template.
func (s *Server) banner(st state) string {
	if len(st.problems) == 0 {
		return ""
	}
	en := st.lang == "en"
	var b strings.Builder
	b.WriteString(`<div id="kaoping-problems" role="alert" style="position:sticky;top:0;z-index:99999;margin:0;padding:12px 16px;background:#fff1f0;color:#820014;border-bottom:3px solid #cf1322;font:14px/1.5 sans-serif">`)
	if en {
		b.WriteString(`<strong>The build failed: this is the last good site.</strong>`)
	} else {
		b.WriteString(`<strong>生成失败：下面是上一次成功生成的站点。</strong>`)
	}
	b.WriteString(`<ul style="margin:6px 0;padding-left:20px;font-family:monospace;white-space:pre-wrap">`)
	for _, p := range st.problems {
		b.WriteString("<li>" + html.EscapeString(p.Format(st.lang)) + "</li>")
	}
	b.WriteString("</ul>")
	if en {
		b.WriteString(`<span>Fix the problems and save: the site rebuilds and this page reloads by itself.</span>`)
	} else {
		b.WriteString(`<span>改正以上问题并保存后，站点会自动重新生成，本页自动刷新。</span>`)
	}
	b.WriteString("</div>")
	return b.String()
}

// problemsEvent is the data of a "problems" event: the banner to show.
func (s *Server) problemsEvent(st state) string {
	js, _ := json.Marshal(map[string]string{"html": s.banner(st)})
	return string(js)
}

// errorPage answers a path that has no file (404) or a site that was
// never built (503), with the problems and the reload script, so that the
// page turns into the site once a build succeeds.
func (s *Server) errorPage(w http.ResponseWriter, code int, urlPath string) {
	st := s.snapshot()
	var title, text string
	switch {
	case code == http.StatusNotFound && st.lang == "en":
		title, text = "404 not found", "There is no page "+urlPath+" in the site."
	case code == http.StatusNotFound:
		title, text = "404 找不到页面", "站点中没有 "+urlPath+"。"
	case st.lang == "en":
		title, text = "The site is not built yet", "There is no output folder "+st.outDir+" yet."
	default:
		title, text = "站点尚未生成", "输出目录 "+st.outDir+" 还不存在。"
	}
	page := fmt.Sprintf("<!DOCTYPE html>\n<html lang=%q><head><meta charset=\"utf-8\"><title>%s</title></head><body><h1>%s</h1><p>%s</p></body></html>\n",
		html.EscapeString(st.lang), html.EscapeString(title), html.EscapeString(title), html.EscapeString(text))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(s.inject([]byte(page)))
}

// status is the JSON of /__kaoping/status, for scripts and tests.
type status struct {
	OK       bool     `json:"ok"`
	Builds   int      `json:"builds"`
	OutDir   string   `json:"out_dir"`
	Problems []string `json:"problems"`
}

func (s *Server) serveStatus(w http.ResponseWriter) {
	st := s.snapshot()
	out := status{OK: len(st.problems) == 0, Builds: st.gen, OutDir: st.outDir, Problems: []string{}}
	for _, p := range st.problems {
		out.Problems = append(out.Problems, p.Format(st.lang))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(out)
}

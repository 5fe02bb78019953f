// Package serve is `kaoping serve`: it loads and scores the site, renders
// each page when it is asked for, watches config.toml, the data folder and
// the templates folder, loads again on change and makes open pages reload.
//
// Decisions:
//   - Nothing is written to disk: a page is rendered from the scored
//     model in memory when asked for (build.Site.File), the same bytes a
//     build writes, so serve scales to a province and never disturbs the
//     published output folder. A load that fails keeps the last good site
//     served, with the problems in the terminal and on the pages.
//   - The reload script is added to HTML responses by the server only (a
//     <script src> before </body>); the site's pages never contain it. The
//     server's own paths live under /__kaoping/ (events, reload.js,
//     status), which no site file can use.
//   - Requests are answered only for the Host the server listens as (and
//     localhost on loopback), against DNS rebinding; every response says
//     nosniff, no framing, and a Content-Security-Policy the pages meet
//     (scripts and styles from the site only, no inline script).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"kaoping/generator/build"
	"kaoping/generator/config"
	"kaoping/generator/diag"
)

// Options are the settings of a server.
type Options struct {
	ConfigPath string        // config.toml of the site
	Debounce   time.Duration // quiet time after a change before loading again; default 200 ms
	Log        io.Writer     // terminal messages; nil discards them
	Quiet      bool          // print problems only, not the successful loads
	Version    string        // kaoping's version, recorded in manifest.json
	// Hosts are the Host headers answered (host:port); empty answers any
	// (tests). Run sets them from the address it listens on.
	Hosts []string
}

// Server loads a site and serves its pages from memory. Use Run, or New
// with Handler and Rebuild to drive it by hand.
type Server struct {
	opts  Options
	hub   *hub
	nonce int64 // tells one server process from the next, for reconnecting pages

	mu    sync.RWMutex
	state state
}

// state is the outcome of the last load and what follows from it.
type state struct {
	lang     string
	site     *build.Site // the last good site; nil before the first
	cfgDir   string      // folder of config.toml
	watch    []string    // absolute data and templates folders
	problems diag.List   // errors of the last load; nil when it succeeded
	gen      int         // successful loads so far
}

// New returns a server for opts; it does not build yet.
func New(opts Options) *Server {
	if opts.Debounce <= 0 {
		opts.Debounce = 200 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	dir, err := filepath.Abs(filepath.Dir(opts.ConfigPath))
	if err != nil {
		dir = filepath.Dir(opts.ConfigPath)
	}
	s := &Server{opts: opts, hub: newHub(), nonce: time.Now().UnixNano()}
	s.state = state{lang: "zh-CN", cfgDir: dir}
	return s
}

// Run builds the site, serves it on ln and rebuilds on every change until
// ctx is done. A build error does not stop it: the last good site keeps
// being served. Run returns an error only when the config file cannot be
// found or the file watcher cannot start.
func Run(ctx context.Context, ln net.Listener, opts Options) error {
	if _, err := os.Stat(opts.ConfigPath); err != nil {
		var l diag.List
		l.Errorf(diag.Pos{File: opts.ConfigPath}, "找不到配置文件：%v；请在站点文件夹中运行，或用 --config 指定 config.toml 的位置",
			"cannot find the config file: %v; run in the site folder or use --config to say where config.toml is", err)
		return l.Err("zh-CN")
	}
	if len(opts.Hosts) == 0 {
		opts.Hosts = hostsOf(ln.Addr())
	}
	s := New(opts)
	w, err := newWatcher(s)
	if err != nil {
		return fmt.Errorf("无法监视文件改动（cannot watch for changes）: %w", err)
	}
	defer w.close()
	s.Rebuild("")
	w.update()

	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.announce(ln.Addr())

	w.loop(ctx)

	s.hub.close() // ends the event streams, which would keep Shutdown waiting
	shutCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shutCtx)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// announce prints where the site is served.
func (s *Server) announce(addr net.Addr) {
	lang := s.lang()
	url := "http://" + addr.String() + "/"
	if s.opts.Quiet {
		return
	}
	if lang == "en" {
		fmt.Fprintf(s.opts.Log, "serving the site at %s from memory, nothing is written (Ctrl+C stops)\n", url)
	} else {
		fmt.Fprintf(s.opts.Log, "正在 %s 预览站点（在内存中生成，不写入任何文件；按 Ctrl+C 停止）\n", url)
	}
	if tcp, ok := addr.(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		if lang == "en" {
			fmt.Fprintln(s.opts.Log, "note: listening on a non-loopback address: other computers on the network can open the site")
		} else {
			fmt.Fprintln(s.opts.Log, "注意：监听的不是本机回环地址，网络中的其他计算机也能访问该站点")
		}
	}
}

// Rebuild loads and scores the site now, prints the outcome, and tells
// open pages to reload (or to show the problems). changed names the file
// whose change caused it ("" for the first load). It reports whether the
// load succeeded.
func (s *Server) Rebuild(changed string) bool {
	start := time.Now()
	site, p, problems := load(s.opts)

	st := s.snapshot()
	cfg := (*config.Config)(nil)
	if p != nil {
		cfg = p.Config
	} else {
		cfg, _ = config.Load(s.opts.ConfigPath) // for the language and the folders
	}
	if cfg != nil {
		st.lang = cfg.Language
		st.cfgDir = cfg.Dir
		st.watch = []string{cfg.DataDir, cfg.TemplatesDir}
	} else {
		st.lang = build.Language(s.opts.ConfigPath)
	}
	ok := site != nil
	if ok {
		st.problems = nil
		st.gen++
		st.site = site
	} else {
		st.problems = problems.Errors()
	}
	s.mu.Lock()
	s.state = st
	s.mu.Unlock()

	s.report(changed, problems, site, time.Since(start), st.lang)
	if ok {
		s.hub.send("reload", s.genID(st.gen))
	} else {
		s.hub.send("problems", s.problemsEvent(st))
	}
	return ok
}

// load loads, scores and plans the site as a build does, without writing.
func load(opts Options) (*build.Site, *build.Project, diag.List) {
	p, problems := build.Load(opts.ConfigPath)
	if p == nil || problems.HasErrors() {
		return nil, p, problems
	}
	problems.Add(p.CheckPublished()...)
	if problems.HasErrors() {
		return nil, p, problems
	}
	site, ps := build.NewSite(p, build.SiteOptions{Version: opts.Version, Bundles: p.Config.ArchiveZips})
	problems.Add(ps...)
	if problems.HasErrors() {
		return nil, p, problems
	}
	return site, p, problems
}

// report prints the outcome of a build to the terminal.
func (s *Server) report(changed string, problems diag.List, site *build.Site, took time.Duration, lang string) {
	w := s.opts.Log
	en := lang == "en"
	if changed != "" && !s.opts.Quiet {
		if en {
			fmt.Fprintf(w, "changed: %s\n", changed)
		} else {
			fmt.Fprintf(w, "检测到改动：%s\n", changed)
		}
	}
	if problems.HasErrors() || !s.opts.Quiet {
		problems.Fprint(w, lang)
	}
	took = took.Round(time.Millisecond)
	switch {
	case site == nil && en:
		fmt.Fprintln(w, "load failed: still serving the last good site; fix the problems above and save, it reloads by itself")
	case site == nil:
		fmt.Fprintln(w, "载入失败：继续提供上一次成功载入的站点；改正上面的问题并保存后会自动重新载入")
	case s.opts.Quiet:
	case en:
		fmt.Fprintf(w, "loaded: %d pages in %s, rendered when opened\n", site.Pages(), took)
	default:
		fmt.Fprintf(w, "已载入：%d 个页面，用时 %s，打开时生成\n", site.Pages(), took)
	}
}

func (s *Server) snapshot() state {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.state
	st.problems = append(diag.List(nil), s.state.problems...)
	st.watch = append([]string(nil), s.state.watch...)
	return st
}

func (s *Server) lang() string { return s.snapshot().lang }

// genID names a successful build of this process; a page that sees
// another id than the one it was served with reloads.
func (s *Server) genID(gen int) string { return fmt.Sprintf("%x-%d", s.nonce, gen) }

// Package serve is `kaoping serve`: it builds the site, serves the output
// folder over HTTP, watches config.toml, the data folder and the templates
// folder, rebuilds on change and makes open pages reload.
//
// Decisions:
//   - Every rebuild is the normal atomic build into output_dir (or --out),
//     so the folder on disk is always exactly what `kaoping build` makes;
//     a failed build leaves it untouched and the last good site keeps being
//     served, with the problems shown in the terminal and on the pages.
//   - The reload script is injected into HTML responses by the server only
//     (a <script> before </body>); the files on disk never contain it.
//     The server's own paths live under /__kaoping/ (events, reload.js,
//     status), which no site file can use.
//   - Files are served through os.Root, so no request, not even through a
//     symbolic link, reaches anything outside the output folder; a path
//     with a ".." segment is refused with 400.
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
	OutDir     string        // overrides output_dir when not empty
	Debounce   time.Duration // quiet time after a change before rebuilding; default 200 ms
	Log        io.Writer     // terminal messages; nil discards them
	Quiet      bool          // print problems only, not the successful builds
	Version    string        // kaoping's version, recorded in manifest.json
}

// Server builds a site and serves its output. Use Run, or New with
// Handler and Rebuild to drive it by hand.
type Server struct {
	opts  Options
	hub   *hub
	nonce int64 // tells one server process from the next, for reconnecting pages

	mu    sync.RWMutex
	state state
}

// state is the outcome of the last build and what follows from it.
type state struct {
	lang     string
	outDir   string    // absolute folder served
	cfgDir   string    // folder of config.toml
	watch    []string  // absolute data and templates folders
	problems diag.List // errors of the last build; nil when it succeeded
	gen      int       // successful builds so far
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
	s.state = state{lang: "zh-CN", cfgDir: dir, outDir: filepath.Join(dir, "public")}
	if opts.OutDir != "" {
		s.state.outDir, _ = filepath.Abs(opts.OutDir)
	}
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
		fmt.Fprintf(s.opts.Log, "serving %s at %s (Ctrl+C stops)\n", s.outDir(), url)
	} else {
		fmt.Fprintf(s.opts.Log, "正在 %s 提供 %s 中的站点（按 Ctrl+C 停止）\n", url, s.outDir())
	}
	if tcp, ok := addr.(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		if lang == "en" {
			fmt.Fprintln(s.opts.Log, "note: listening on a non-loopback address: other computers on the network can open the site")
		} else {
			fmt.Fprintln(s.opts.Log, "注意：监听的不是本机回环地址，网络中的其他计算机也能访问该站点")
		}
	}
}

// Rebuild builds the site now, prints the outcome, and tells open pages
// to reload (or to show the problems). changed names the file whose change
// caused it ("" for the first build). It reports whether the build
// succeeded.
func (s *Server) Rebuild(changed string) bool {
	start := time.Now()
	p, sum, problems := build.Build(build.Options{ConfigPath: s.opts.ConfigPath, OutDir: s.opts.OutDir, Version: s.opts.Version})

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
		if s.opts.OutDir == "" {
			st.outDir = cfg.OutputDir
		}
	} else {
		st.lang = build.Language(s.opts.ConfigPath)
	}
	ok := !problems.HasErrors() && sum != nil
	if ok {
		st.problems = nil
		st.gen++
		st.outDir = sum.OutDir
	} else {
		st.problems = problems.Errors()
	}
	s.mu.Lock()
	s.state = st
	s.mu.Unlock()

	s.report(changed, problems, sum, time.Since(start), st.lang)
	if ok {
		s.hub.send("reload", s.genID(st.gen))
	} else {
		s.hub.send("problems", s.problemsEvent(st))
	}
	return ok
}

// report prints the outcome of a build to the terminal.
func (s *Server) report(changed string, problems diag.List, sum *build.Summary, took time.Duration, lang string) {
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
		printProblems(w, problems, lang)
	}
	took = took.Round(time.Millisecond)
	switch {
	case sum == nil && en:
		fmt.Fprintln(w, "build failed: still serving the last good site; fix the problems above and save, it rebuilds by itself")
	case sum == nil:
		fmt.Fprintln(w, "生成失败：继续提供上一次成功生成的站点；改正上面的问题并保存后会自动重新生成")
	case s.opts.Quiet:
	case en:
		fmt.Fprintf(w, "built: %d pages, %d files in %s\n", sum.Pages, sum.Files, took)
	default:
		fmt.Fprintf(w, "已生成：%d 个页面，共 %d 个文件，用时 %s\n", sum.Pages, sum.Files, took)
	}
}

// printProblems writes every problem, one per line, with a count, like
// `kaoping check`.
func printProblems(w io.Writer, problems diag.List, lang string) {
	problems.Sort()
	nerr, nwarn := 0, 0
	for _, p := range problems {
		fmt.Fprintln(w, p.Format(lang))
		if p.Severity == diag.Error {
			nerr++
		} else {
			nwarn++
		}
	}
	switch {
	case nerr+nwarn == 0:
	case lang == "en":
		fmt.Fprintf(w, "%d error(s), %d warning(s)\n", nerr, nwarn)
	default:
		fmt.Fprintf(w, "共 %d 个错误，%d 个警告\n", nerr, nwarn)
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

func (s *Server) lang() string   { return s.snapshot().lang }
func (s *Server) outDir() string { return s.snapshot().outDir }

// genID names a successful build of this process; a page that sees
// another id than the one it was served with reloads.
func (s *Server) genID(gen int) string { return fmt.Sprintf("%x-%d", s.nonce, gen) }

package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher turns changes to config.toml, the data folder and the templates
// folder into rebuilds, once the files have been quiet for the debounce
// time (an editor or a copy writes several events per save).
type watcher struct {
	s       *Server
	fw      *fsnotify.Watcher
	cfgFile string
	added   map[string]bool
	warned  bool
}

func newWatcher(s *Server) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	cfg, err := filepath.Abs(s.opts.ConfigPath)
	if err != nil {
		cfg = s.opts.ConfigPath
	}
	return &watcher{s: s, fw: fw, cfgFile: cfg, added: map[string]bool{}}, nil
}

func (w *watcher) close() { w.fw.Close() }

// update watches the folders the config names now: the folder of
// config.toml (editors replace a file by renaming, so the folder is
// watched rather than the file) and every folder under the data and
// templates folders, or their parent while they do not exist.
func (w *watcher) update() {
	st := w.s.snapshot()
	w.add(filepath.Dir(w.cfgFile))
	for _, root := range st.watch {
		if _, err := os.Stat(root); err != nil {
			w.add(filepath.Dir(root))
			continue
		}
		w.addTree(root)
	}
}

// addTree watches dir and every folder below it but hidden ones.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && ignoredName(d.Name()) {
			return filepath.SkipDir
		}
		w.add(p)
		return nil
	})
}

func (w *watcher) add(dir string) {
	if w.added[dir] {
		return
	}
	if err := w.fw.Add(dir); err != nil {
		w.warn(err)
		return
	}
	w.added[dir] = true
}

// warn prints, once, that some changes may go unseen.
func (w *watcher) warn(err error) {
	if w.warned {
		return
	}
	w.warned = true
	if w.s.lang() == "en" {
		fmt.Fprintf(w.s.opts.Log, "warning: cannot watch every folder (%v); some changes may need a restart of kaoping serve\n", err)
	} else {
		fmt.Fprintf(w.s.opts.Log, "警告: 无法监视全部文件夹（%v）；部分改动可能需要重新运行 kaoping serve 才能生效\n", err)
	}
}

// relevant reports whether a change to path calls for a rebuild.
func (w *watcher) relevant(path string, st state) bool {
	if path == w.cfgFile {
		return true
	}
	for _, root := range st.watch {
		if !within(path, root) {
			continue
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return false
		}
		for _, seg := range strings.Split(rel, string(filepath.Separator)) {
			if seg != "." && ignoredName(seg) {
				return false
			}
		}
		return true
	}
	return false
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	return dir != "" && (path == dir || strings.HasPrefix(path, dir+string(filepath.Separator)))
}

// ignoredName is true for names a build never reads and that editors,
// spreadsheets and file managers leave around while a file is saved, so
// that saving a file is one change (the file itself) and opening one is
// none:
//   - hidden files: .DS_Store, vim's .x.swp, emacs's lock .#x,
//     LibreOffice's .~lock.x#;
//   - Office lock files ~$x.xlsx, backups x~ and x.bak, emacs's auto-save
//     #x#, swap and temporary files x.swp/.swo/.swx, x.tmp, x.temp;
//   - vim's test file 4913 (or 5036, 5159 … when that exists: never a
//     year a period folder is named after), Excel's temporary copy (eight
//     hexadecimal digits, no extension);
//   - Thumbs.db and desktop.ini of Windows.
func ignoredName(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "~$"),
		strings.HasSuffix(name, "~"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		lower == "thumbs.db", lower == "desktop.ini":
		return true
	}
	switch filepath.Ext(lower) {
	case ".swp", ".swo", ".swn", ".swx", ".tmp", ".temp", ".bak":
		return true
	}
	if n, err := strconv.Atoi(name); err == nil && n >= 4913 && (n-4913)%123 == 0 {
		return true
	}
	return len(name) == 8 && strings.Trim(lower, "0123456789abcdef") == ""
}

// loop rebuilds after changes until ctx is done. Builds run one at a time
// on this goroutine; changes made during a build start another one after.
func (w *watcher) loop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	changed := ""
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			st := w.s.snapshot()
			if !w.relevant(ev.Name, st) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name)
				}
			}
			if changed == "" {
				changed = w.s.rel(ev.Name)
			}
			timer.Reset(w.s.opts.Debounce)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.warn(err)
		case <-timer.C:
			w.s.Rebuild(changed)
			changed = ""
			w.update()
		}
	}
}

// rel names path relative to the site folder, for messages.
func (s *Server) rel(path string) string {
	if r, err := filepath.Rel(s.snapshot().cfgDir, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path
}

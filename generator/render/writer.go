package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Writer writes files under an output folder (the build's temporary
// folder). It is safe for concurrent use on distinct files.
type Writer struct {
	Dir string
	// Record, when not nil, is told the site path and the sha256 of each
	// file once it is written (for the build's manifest.json). It may be
	// called from several goroutines at once.
	Record func(name string, sum [sha256.Size]byte)
	// Keep, when not nil, is asked first for each file: true means the
	// file is already in place under Dir (an incremental build kept the
	// previous build's copy), so Create writes nothing and does not call
	// fill. It may be called from several goroutines at once.
	Keep func(name string) bool
	// Same, when not nil, is asked once a file's bytes are ready, with
	// their sha256: true means an identical file is already in place
	// under Dir (an incremental build linked the previous build's copy,
	// which keeps its modification time), so nothing is written. Record
	// is told of the file either way. It may be called from several
	// goroutines at once.
	Same func(name string, sum [sha256.Size]byte) bool
	// Recycle, when not nil, is asked for a file to write into before a
	// new one is created at the file path p: it returns the descriptor
	// of a spare file it has just put at p, open for writing, and the
	// file's size, which the writer writes from its start and cuts to
	// length if it was longer; or -1, and the file is created. (An incremental build recycles the files it
	// replaced the build before: see build's recycle.go. Only Unix
	// builds set it.)
	Recycle func(p string) (fd int, size int64)

	dirs sync.Map // folders known to exist
}

// Create writes the file at the site path name (slash-separated, relative
// to Dir), creating folders as needed, with the bytes fill writes. The file
// is written with mode 0644. A name that is absolute or leaves Dir ("../x")
// is an error.
//
// The content is collected in a pooled buffer and written with one call:
// a province build writes 140,000 files, and a fresh 64 KB bufio buffer
// each, a stat per folder and Go's poller registration per file were a
// tenth of its time.
func (w *Writer) Create(name string, fill func(io.Writer) error) error {
	p, err := w.path(name)
	if err != nil {
		return err
	}
	if w.Keep != nil && w.Keep(name) {
		return nil
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := fill(buf); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	name = strings.TrimPrefix(name, "./")
	var sum [sha256.Size]byte
	if w.Record != nil || w.Same != nil {
		sum = sha256.Sum256(buf.Bytes())
	}
	if w.Same == nil || !w.Same(name, sum) {
		if err := w.mkdirAll(filepath.Dir(p)); err != nil {
			return err
		}
		fd, size := -1, int64(0)
		if w.Recycle != nil {
			fd, size = w.Recycle(p)
		}
		if err := writeFile(p, buf.Bytes(), fd, size); err != nil {
			return err
		}
	}
	if w.Record != nil {
		w.Record(name, sum)
	}
	return nil
}

// mkdirAll creates dir and its parents once per Writer: most files share
// their folder with thousands of others.
func (w *Writer) mkdirAll(dir string) error {
	if _, ok := w.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w.dirs.Store(dir, struct{}{})
	return nil
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// putBuffer returns buf to the pool unless it grew past 4 MB (the few
// very large pages would otherwise keep their memory for the whole build).
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 4<<20 {
		return
	}
	buf.Reset()
	buffers.Put(buf)
}

// WriteFile writes data to the site path name.
func (w *Writer) WriteFile(name string, data []byte) error {
	return w.Create(name, func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	})
}

// Page renders a page template with r into the site path name.
func (w *Writer) Page(r *Renderer, name, template string, data any) error {
	return w.Create(name, func(out io.Writer) error { return r.Execute(out, template, data) })
}

// path maps a site path to a file path under Dir, refusing escapes.
func (w *Writer) path(name string) (string, error) {
	clean := path.Clean("/" + name)[1:]
	if name == "" || clean == "" || clean != strings.TrimPrefix(name, "./") || strings.HasPrefix(name, "/") {
		return "", fmt.Errorf("render: bad output path %q", name)
	}
	return filepath.Join(w.Dir, filepath.FromSlash(clean)), nil
}

// CopyAssets writes the built-in assets (stylesheet, site script, ECharts
// and its licence) to assets/ under the writer's folder, each replaced by
// a file of the same name in the site's templates/assets/ folder, which may
// also add files. It returns the site paths written, sorted.
func (r *Renderer) CopyAssets(w *Writer) ([]string, error) {
	files := map[string]fs.FS{}
	collect := func(fsys fs.FS) error {
		entries, err := fs.ReadDir(fsys, "assets")
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		for _, e := range entries {
			if e.Type().IsRegular() {
				files[e.Name()] = fsys
			}
		}
		return nil
	}
	if err := collect(r.builtin); err != nil {
		return nil, err
	}
	if r.site != nil {
		if err := collect(r.site); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var written []string
	for _, n := range names {
		b, err := fs.ReadFile(files[n], "assets/"+n)
		if err != nil {
			return nil, err
		}
		target := "assets/" + n
		if err := w.WriteFile(target, b); err != nil {
			return nil, err
		}
		written = append(written, target)
	}
	return written, nil
}

package render

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
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
}

// Create writes the file at the site path name (slash-separated, relative
// to Dir), creating folders as needed, through a buffer filled by fill.
// The file is written with mode 0644. A name that is absolute or leaves
// Dir ("../x") is an error.
func (w *Writer) Create(name string, fill func(io.Writer) error) error {
	p, err := w.path(name)
	if err != nil {
		return err
	}
	if w.Keep != nil && w.Keep(name) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	var out io.Writer = bw
	var h hash.Hash
	if w.Record != nil {
		h = sha256.New()
		out = io.MultiWriter(bw, h)
	}
	if err := fill(out); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if h != nil {
		var sum [sha256.Size]byte
		h.Sum(sum[:0])
		w.Record(strings.TrimPrefix(name, "./"), sum)
	}
	return nil
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

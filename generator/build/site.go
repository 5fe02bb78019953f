package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"kaoping/generator/diag"
	"kaoping/generator/manifest"
	"kaoping/generator/output"
	"kaoping/generator/render"
	"kaoping/generator/report"
	"kaoping/generator/scoring"
	"kaoping/internal/parallel"
)

// Site is everything a build writes, planned once from a scored project:
// the pages (report's jobs), the result files, the assets, a zip of each
// period's report and manifest.json. Each page model is built once and
// rendered for the site and, when a bundle holds the page, for the bundle;
// each file is made once and handed to a sink (the staging folder of a
// build, or nothing but a hash for serve's manifest). Serve asks it for
// one file at a time (File), so that what serve answers and what build
// writes come from the same code.
type Site struct {
	p       *Project
	m       *report.Model
	r       *render.Renderer
	version string

	jobs []report.Job
	data []report.DataFile
	// bundles is the pages each period's zip holds, made when a zip is
	// first wanted; plans has one per period with data, in period order,
	// when the site has its zips (SiteOptions.Bundles).
	bundles     *report.Bundles
	bundlesOnce sync.Once
	plans       []*bundlePlan
	// search lists what the search box finds (report.SearchIndexPath).
	search func() []report.SearchEntry

	byPath sync.Map // site path -> file index, filled once by File
	index  sync.Once
}

// SiteOptions configures NewSite.
type SiteOptions struct {
	// Version is kaoping's version, recorded in manifest.json.
	Version string
	// Bundles gives the site the zip of each period's report: its pages
	// link them and a build writes them. Without, Bundle still makes
	// one period's zip on its own.
	Bundles bool
}

// NewSite plans the site of p. It reads the site's customisation
// (templates_dir): a slot that does not parse is reported here, before
// anything is written.
func NewSite(p *Project, opts SiteOptions) (*Site, diag.List) {
	r, problems := render.New(render.Options{Dir: p.Config.TemplatesDir, DisplayDir: filepath.ToSlash(p.Rel(p.Config.TemplatesDir))})
	if problems.HasErrors() {
		return nil, problems
	}
	if opts.Version == "" {
		opts.Version = "dev" // manifest.json always says kaoping wrote the site (outdir.go)
	}
	s := &Site{p: p, r: r, version: opts.Version}
	s.m = p.Model(opts.Bundles)
	s.jobs = s.m.Jobs()
	s.data = s.m.DataFiles()
	s.search = sync.OnceValue(s.m.SearchIndex)
	if opts.Bundles {
		for _, pd := range p.Data.Periods {
			s.plans = append(s.plans, s.planBundle(pd.ID))
		}
	}
	return s, problems
}

// Bundle writes the zip of period's report to w: the bytes a build with
// the zips writes at report.BundlePath(period).
func (s *Site) Bundle(w io.Writer, period string) error {
	if s.p.Data.Period(period) == nil {
		return fmt.Errorf("no period %q", period)
	}
	_, _, err := s.generate(&streamSink{want: report.BundlePath(period), w: w}, noProgress{}, s.planBundle(period))
	return err
}

// CheckTemplates reports the problems of the site's customisation
// (templates_dir: slots, custom.css, logo, assets) that a build would
// stop on; `check` lists them with the problems of the config and data.
func (p *Project) CheckTemplates() diag.List {
	_, problems := render.New(render.Options{Dir: p.Config.TemplatesDir, DisplayDir: filepath.ToSlash(p.Rel(p.Config.TemplatesDir))})
	return problems
}

// Model is the site's page model.
func (s *Site) Model() *report.Model { return s.m }

// Pages is the number of HTML pages of the site (bundles not counted).
func (s *Site) Pages() int { return len(s.jobs) }

// sink receives the files of a site as they are made.
type sink interface {
	// file takes one whole file; it is called from several goroutines
	// at once, never twice for one path.
	file(path string, data []byte) error
	// stream opens a file written in pieces (a bundle, tens of
	// megabytes at province size); one goroutine at a time writes it.
	stream(path string) (io.WriteCloser, error)
}

// item is one piece of work of a generation: making a file (and its
// copies in the bundles).
type item func(w *worker) error

// worker is what one goroutine of a generation reuses from item to item.
type worker struct {
	doc              render.Page
	page, bundlePage bytes.Buffer
	packer
}

// generate makes every file of the site and hands it to out, then
// manifest.json with the sha256 of every other file. only, when not nil,
// is the plan of one period's zip, made alone (serve, Bundle); out then
// receives that zip only.
func (s *Site) generate(out sink, prog Progress, only *bundlePlan) (files, pages int, err error) {
	rec := manifest.NewRecorder()
	out = &recording{sink: out, rec: rec, only: only != nil}
	plans := s.plans
	if only != nil {
		plans = []*bundlePlan{only}
	}
	var writers []*bundleWriter
	for _, plan := range plans {
		bw, err := s.openBundle(out, plan)
		if err != nil {
			closeBundles(writers)
			return 0, 0, err
		}
		writers = append(writers, bw)
	}
	items, nPages := s.items(out, writers, only != nil)
	prog.Start(StageRender, len(items))
	var firstErr atomic.Pointer[error]
	// One worker per goroutine: its buffers keep their size from page to
	// page (a sync.Pool would drop them at every collection).
	parallel.Workers(len(items), func() *worker { return new(worker) }, func(w *worker, i int) {
		if firstErr.Load() != nil {
			return
		}
		if err := items[i](w); err != nil {
			firstErr.CompareAndSwap(nil, &err)
		}
		prog.Step()
	})
	if e := firstErr.Load(); e != nil {
		closeBundles(writers)
		return 0, 0, *e
	}
	for _, bw := range writers {
		if bw != nil && !bw.finished() {
			closeBundles(writers)
			return 0, 0, fmt.Errorf("%s: %d of its files were not made", bw.plan.path(), len(bw.plan.names)-bw.next)
		}
	}
	if only != nil {
		return rec.Len(), 0, nil
	}
	files = rec.Len()
	inputs, err := s.p.siteInputs()
	if err != nil {
		return 0, 0, err
	}
	js, err := rec.MarshalManifest(s.version, inputs.config, inputs.files)
	if err != nil {
		return 0, 0, err
	}
	if err := out.(*recording).sink.file(manifest.FileName, js); err != nil {
		return 0, 0, err
	}
	return files + 1, nPages, nil
}

// items lists the work of a generation: the assets, then each bundle's
// own index and README, the result files, then the pages, so that the
// slowest files (workbooks) start first and each bundle's entries come
// in roughly the order they are written. only makes the zips of writers
// alone, not the site's files.
func (s *Site) items(out sink, writers []*bundleWriter, only bool) (items []item, pages int) {
	holders := func(owner string) []*bundleWriter {
		var out []*bundleWriter
		for _, bw := range writers {
			if bw != nil && (owner == report.AllBundles || owner == bw.plan.period) {
				out = append(out, bw)
			}
		}
		return out
	}
	for _, a := range s.r.Assets() {
		items = append(items, func(w *worker) error {
			if !only {
				if err := out.file(a.Path, a.Data); err != nil {
					return err
				}
			}
			if bws := holders(report.AllBundles); len(bws) > 0 {
				e, err := w.pack(a.Path, a.Data, packBest)
				if err != nil {
					return err
				}
				for _, bw := range bws {
					if err := bw.put(a.Path, e); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	items = append(items, func(w *worker) error {
		if !only {
			data, err := report.SearchIndexJS(s.search())
			if err != nil {
				return err
			}
			if err := out.file(report.SearchIndexPath, data); err != nil {
				return err
			}
		}
		// A bundle's index finds the pages the bundle holds, no others.
		for _, bw := range writers {
			if bw == nil {
				continue
			}
			data, err := report.SearchIndexJS(s.m.BundleSearchIndex(s.search(), bw.plan.period, bw.plan.holds))
			if err != nil {
				return err
			}
			if err := bw.putBytes(w, report.SearchIndexPath, data); err != nil {
				return err
			}
		}
		return nil
	})
	for _, bw := range writers {
		if bw == nil {
			continue
		}
		items = append(items, func(w *worker) error {
			home := s.bundles.Home(bw.plan.period)
			data, err := home.Data()
			if err != nil {
				return err
			}
			w.bundlePage.Reset()
			if err := s.r.Render(&w.doc, data); err != nil {
				return fmt.Errorf("%s: %w", bw.plan.path(), err)
			}
			if err := w.doc.WriteBundle(&w.bundlePage, bw.plan.holds, s.m.BundleNote()); err != nil {
				return fmt.Errorf("%s: %w", bw.plan.path(), err)
			}
			if err := bw.putBytes(w, home.Path, w.bundlePage.Bytes()); err != nil {
				return err
			}
			return bw.putBytes(w, report.BundleReadme, s.m.BundleReadmeText(bw.plan.period))
		})
	}
	for _, f := range s.data {
		bws := holders(f.Period)
		if only && len(bws) == 0 {
			continue
		}
		items = append(items, func(w *worker) error {
			data, err := s.dataFile(f)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Path, err)
			}
			if !only {
				if err := out.file(f.Path, data); err != nil {
					return err
				}
			}
			for _, bw := range bws {
				if err := bw.putBytes(w, f.Path, data); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for _, j := range s.jobs {
		var bws []*bundleWriter
		if j.Bundle != "" {
			bws = holders(j.Bundle)
		}
		if only && len(bws) == 0 {
			continue
		}
		pages++
		items = append(items, func(w *worker) error {
			data, err := j.Data()
			if err != nil {
				return fmt.Errorf("%s: %w", j.Path, err)
			}
			if len(bws) == 0 {
				// The site's copy alone: written as it renders.
				page, err := s.r.RenderSite(&w.doc, data)
				if err != nil {
					return fmt.Errorf("%s: %w", j.Path, err)
				}
				return out.file(j.Path, page)
			}
			if err := s.r.Render(&w.doc, data); err != nil {
				return fmt.Errorf("%s: %w", j.Path, err)
			}
			if !only {
				w.page.Reset()
				if err := w.doc.WriteSite(&w.page); err != nil {
					return fmt.Errorf("%s: %w", j.Path, err)
				}
				if err := out.file(j.Path, w.page.Bytes()); err != nil {
					return err
				}
			}
			for _, bw := range bws {
				w.bundlePage.Reset()
				if err := w.doc.WriteBundle(&w.bundlePage, bw.plan.holds, s.m.BundleNote()); err != nil {
					return fmt.Errorf("%s (%s): %w", j.Path, bw.plan.path(), err)
				}
				if err := bw.putBytes(w, j.Path, w.bundlePage.Bytes()); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return items, pages
}

// dataFile encodes a result file (SPEC §7).
func (s *Site) dataFile(f report.DataFile) ([]byte, error) {
	var buf bytes.Buffer
	switch f.Format {
	case "json":
		return output.JSON(s.m.Result(f.Scheme, f.Period))
	case "csv":
		err := output.CSV(&buf, s.m.Result(f.Scheme, f.Period))
		return buf.Bytes(), err
	case "xlsx":
		results := map[string]*scoring.Result{}
		for _, sc := range s.m.Config.Schemes {
			if r := s.m.Result(sc.ID, f.Period); r != nil {
				results[sc.ID] = r
			}
		}
		err := output.XLSX(&buf, s.m.Config, s.m.Data.Entities, s.m.Data.Period(f.Period).Period, results)
		return buf.Bytes(), err
	}
	return nil, fmt.Errorf("unknown result format %q", f.Format)
}

// recording is a sink that records the sha256 of each file for
// manifest.json.
type recording struct {
	sink
	rec  *manifest.Recorder
	only bool
}

func (r *recording) file(path string, data []byte) error {
	if err := r.sink.file(path, data); err != nil {
		return err
	}
	r.rec.AddHex(path, manifest.Sum(data))
	return nil
}

func (r *recording) stream(path string) (io.WriteCloser, error) {
	w, err := r.sink.stream(path)
	if err != nil {
		return nil, err
	}
	return &hashingWriter{WriteCloser: w, h: newHash(), done: func(sum string) { r.rec.AddHex(path, sum) }}, nil
}

// dirSink writes the files under a folder.
type dirSink struct {
	dir  string
	dirs sync.Map // folders known to exist
}

func (d *dirSink) full(name string) (string, error) {
	if name == "" || path.IsAbs(name) || path.Clean(name) != name || strings.HasPrefix(name, "../") {
		return "", fmt.Errorf("%q is not a site path", name)
	}
	full := filepath.Join(d.dir, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if _, ok := d.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		d.dirs.Store(dir, true)
	}
	return full, nil
}

func (d *dirSink) file(name string, data []byte) error {
	full, err := d.full(name)
	if err != nil {
		return err
	}
	// O_EXCL: a folder a build just made holds no file it did not
	// write; a second write of one path is a bug, never an overwrite.
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (d *dirSink) stream(name string) (io.WriteCloser, error) {
	full, err := d.full(name)
	if err != nil {
		return nil, err
	}
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// File makes the file at the site path p as a build writes it: a page,
// a result file, an asset, a period's bundle or manifest.json (which
// takes the whole site, made in memory and hashed). It answers
// ErrNotFound for a path the site does not have. It is safe for
// concurrent use.
func (s *Site) File(p string) ([]byte, error) {
	s.index.Do(func() {
		for i, a := range s.r.Assets() {
			s.byPath.Store(a.Path, fileRef{kind: fileAsset, i: i})
		}
		for i, j := range s.jobs {
			s.byPath.Store(j.Path, fileRef{kind: filePage, i: i})
		}
		for i, f := range s.data {
			s.byPath.Store(f.Path, fileRef{kind: fileData, i: i})
		}
		for i, b := range s.plans {
			s.byPath.Store(b.path(), fileRef{kind: fileBundle, i: i})
		}
		s.byPath.Store(report.SearchIndexPath, fileRef{kind: fileSearch})
		s.byPath.Store(manifest.FileName, fileRef{kind: fileManifest})
	})
	v, ok := s.byPath.Load(p)
	if !ok {
		return nil, ErrNotFound
	}
	ref := v.(fileRef)
	switch ref.kind {
	case fileAsset:
		return s.r.Assets()[ref.i].Data, nil
	case filePage:
		j := s.jobs[ref.i]
		data, err := j.Data()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", j.Path, err)
		}
		var buf bytes.Buffer
		if err := s.r.Page(&buf, data); err != nil {
			return nil, fmt.Errorf("%s: %w", j.Path, err)
		}
		return buf.Bytes(), nil
	case fileData:
		return s.dataFile(s.data[ref.i])
	case fileSearch:
		return report.SearchIndexJS(s.search())
	case fileBundle:
		var buf bytes.Buffer
		_, _, err := s.generate(&streamSink{want: p, w: &buf}, noProgress{}, s.plans[ref.i])
		return buf.Bytes(), err
	default:
		var buf bytes.Buffer
		_, _, err := s.generate(&streamSink{want: p, w: &buf}, noProgress{}, nil)
		return buf.Bytes(), err
	}
}

// ErrNotFound is File's answer for a path that is not in the site.
var ErrNotFound = errors.New("not in the site")

type fileKind int

const (
	fileAsset fileKind = iota
	filePage
	fileData
	fileBundle
	fileSearch
	fileManifest
)

// fileRef is where File finds a site path.
type fileRef struct {
	kind fileKind
	i    int
}

// streamSink passes the one file it wants to w (a zip as it is made) and
// drops the others.
type streamSink struct {
	want string
	w    io.Writer
}

func (z *streamSink) file(p string, data []byte) error {
	if p == z.want {
		_, err := z.w.Write(data)
		return err
	}
	return nil
}

func (z *streamSink) stream(p string) (io.WriteCloser, error) {
	if p == z.want {
		return nopCloser{z.w}, nil
	}
	return nopCloser{io.Discard}, nil
}

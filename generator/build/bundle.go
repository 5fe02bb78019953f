package build

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"github.com/klauspost/compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"kaoping/generator/manifest"
	"kaoping/generator/period"
	"kaoping/generator/render"
	"kaoping/generator/report"
)

// writeBundles writes archive/<period>.zip for every period with data
// (report.Bundle says what each holds) and returns the number written.
// The site must already be in w.Dir: each bundled page is derived from
// the page the site wrote there (report.Bundle.Page), and data files and
// assets are copied from there; in an incremental build a kept file is a
// hard link there, or still in the previous output (siteFiles). Bundles
// are independent, so one worker per core writes them; within a bundle
// the files go in name order, each read, rewritten and compressed when
// its turn comes, and the zip goes to its file as it is written, so that
// a province's bundle (150 MB of pages) never sits in memory.
func writeBundles(p *Project, m *report.Model, w *render.Writer, version string, prog Progress) (int, error) {
	r, err := p.renderer()
	if err != nil {
		return 0, err
	}
	names, err := listFiles(w.Dir, "assets")
	if err != nil {
		return 0, err
	}
	// Every bundle holds the same assets (ECharts is 1 MB): compress them
	// once.
	assets := make([]*packed, len(names))
	for i, n := range names {
		if assets[i], err = pack(w.Dir, n); err != nil {
			return 0, err
		}
	}
	configSum, err := manifest.HashFile(p.Config.Path)
	if err != nil {
		return 0, err
	}
	periods := p.Data.Periods
	bs := p.bundlesOf(m)
	prog.Start(StageBundle, len(periods))
	var (
		next     = make(chan int)
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for range min(runtime.GOMAXPROCS(0), len(periods)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bw := newBundleWriter(p, r, assets, siteFiles(p.inc, w.Dir), configSum, version)
			for i := range next {
				pd := periods[i]
				err := createStreamed(w, report.BundlePath(pd.ID), func(out io.Writer) error {
					return bw.write(out, bs.Bundle(pd.ID))
				})
				prog.Step()
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range periods {
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	return len(periods), nil
}

// bundlesOf is m's bundles, from the pages writeSite listed when it ran.
func (p *Project) bundlesOf(m *report.Model) *report.Bundles {
	if p.pagePaths != nil {
		return m.BundlesOf(p.pagePaths)
	}
	return m.Bundles()
}

// createStreamed writes the file at site path name under w.Dir with the
// bytes fill writes, as w.Create does (asking w.Keep first, telling
// w.Record), but straight to the file instead of through a buffer holding
// all of it: a bundle is tens of megabytes.
func createStreamed(w *render.Writer, name string, fill func(io.Writer) error) error {
	if w.Keep != nil && w.Keep(name) {
		return nil
	}
	full := filepath.Join(w.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	buf := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	err = fill(buf)
	if err == nil {
		err = buf.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if w.Record != nil {
		var sum [sha256.Size]byte
		h.Sum(sum[:0])
		w.Record(name, sum)
	}
	return nil
}

// bundleEntry is one file of a bundle and how to get its bytes (appended
// to a buffer the writer reuses), or its bytes already compressed.
type bundleEntry struct {
	name   string
	bytes  func(dst []byte) ([]byte, error)
	packed *packed
	// fromSite: the bytes are made from the site's file of the same
	// name alone (a page's copy, a data file).
	fromSite bool
}

// packed is a file compressed once for every bundle, when the first
// bundle needs it: an incremental build copies it from the previous
// bundle instead.
type packed struct {
	name string
	sum  string // hex sha256 of the uncompressed bytes
	crc  uint32
	size uint64
	data []byte

	once     sync.Once
	deflated []byte
	err      error
}

// pack reads the file at site path name under dir, to deflate later.
func pack(dir, name string) (*packed, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	return &packed{name: name, sum: manifest.Sum(data), crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), data: data}, nil
}

// compressed returns the file's bytes deflated at packLevel.
func (a *packed) compressed() ([]byte, error) {
	a.once.Do(func() {
		var buf bytes.Buffer
		fw, err := flate.NewWriter(&buf, packLevel)
		if err == nil {
			_, err = fw.Write(a.data)
		}
		if err == nil {
			err = fw.Close()
		}
		a.deflated, a.err = buf.Bytes(), err
	})
	return a.deflated, a.err
}

// Deflate levels. The pages and data files of a bundle are compressed at
// flate.BestSpeed: at province size they are 150 MB a bundle, and level 1
// takes half the time of archive/zip's level 5 for a zip about 15 %
// larger (figures in docs/ARCHIVE.md); Huffman-only would be faster again
// but makes the zip three times as large. The assets are compressed once
// for all bundles, so they get the best level. The compressor is
// klauspost/compress's flate (same API, same format): at level 1 it took
// 40 % less CPU than the standard library's on a province's bundles, where
// Deflate was two thirds of the bundle stage.
const (
	zipLevel  = flate.BestSpeed
	packLevel = flate.BestCompression
)

// bundleWriter writes bundles one after the other, reusing its buffers
// and its compressor: one per worker.
type bundleWriter struct {
	p                  *Project
	r                  *render.Renderer
	assets             []*packed
	site               func(name string) string // the file of a site path (siteFiles)
	configSum, version string
	fw                 *flate.Writer
	raw, page          []byte // a file as read, a page as bundled
	copyBuf            []byte // for entries copied from a previous bundle
}

func newBundleWriter(p *Project, r *render.Renderer, assets []*packed, site func(string) string, configSum, version string) *bundleWriter {
	fw, _ := flate.NewWriter(nil, zipLevel) // cannot fail: the level is valid
	return &bundleWriter{p: p, r: r, assets: assets, site: site, configSum: configSum, version: version, fw: fw}
}

// entries lists the files of bundle b, in name order.
func (bw *bundleWriter) entries(b *report.Bundle) []bundleEntry {
	var entries []bundleEntry
	entries = append(entries, bundleEntry{name: b.Index.Path, bytes: func(dst []byte) ([]byte, error) {
		data, err := b.Index.Data()
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := bw.r.Execute(&buf, b.Index.Template, data); err != nil {
			return nil, err
		}
		return b.Page(dst, buf.Bytes(), b.Index.Path), nil
	}})
	for _, name := range b.Pages {
		entries = append(entries, bundleEntry{name: name, bytes: func(dst []byte) ([]byte, error) {
			var err error
			if bw.raw, err = readInto(bw.raw[:0], bw.site(name)); err != nil {
				return nil, err
			}
			return b.Page(dst, bw.raw, name), nil
		}, fromSite: true})
	}
	for _, f := range b.Files {
		if _, err := os.Stat(bw.site(f)); err == nil {
			entries = append(entries, bundleEntry{name: f, bytes: func(dst []byte) ([]byte, error) {
				return readInto(dst, bw.site(f))
			}, fromSite: true})
		}
	}
	for _, a := range bw.assets {
		entries = append(entries, bundleEntry{name: a.name, packed: a})
	}
	entries = append(entries, bundleEntry{name: report.BundleReadme, bytes: func(dst []byte) ([]byte, error) {
		return append(dst, b.Model.BundleReadmeText(b.Period)...), nil
	}})
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	return entries
}

// siteFiles says where the file of a site path is while the bundles are
// written: in the staging folder stageDir, written or kept (hard-linked)
// there, except in a folder an incremental build keeps whole (inc.moves),
// which is moved from the previous output only after the bundles, just
// before the swap (incremental_dirs.go): its files are read where they
// are.
func siteFiles(inc *incremental, stageDir string) func(name string) string {
	moved := map[string]bool{}
	prevDir := ""
	if inc != nil {
		for _, d := range inc.moves {
			moved[d] = true
		}
		prevDir = inc.prevDir
	}
	return func(name string) string {
		dir := stageDir
		if moved[path.Dir(name)] {
			dir = prevDir
		}
		return filepath.Join(dir, filepath.FromSlash(name))
	}
}

// readInto appends the content of the file at path to dst, as
// os.ReadFile does but into a buffer used again for the next file.
func readInto(dst []byte, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return dst, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		dst = slices.Grow(dst, int(st.Size())+1) // +1: room to see the end of the file
	}
	for {
		if len(dst) == cap(dst) {
			dst = slices.Grow(dst, 4096)
		}
		n, err := f.Read(dst[len(dst):cap(dst)])
		dst = dst[:len(dst)+n]
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
	}
}

// write writes bundle b as a zip to out: deterministic (entries in name
// order, manifest.json last; every entry dated the period's last day at
// 00:00 UTC, mode 0644, Deflate), so the same input gives the same bytes.
func (bw *bundleWriter) write(out io.Writer, b *report.Bundle) error {
	modified := periodEnd(bw.p.Data.Period(b.Period).Period)
	zw := zip.NewWriter(out)
	// One compressor for every entry: archive/zip would take one from
	// its pool at its own level. Each entry resets it, so an entry's
	// bytes do not depend on the entries before.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		bw.fw.Reset(w)
		return bw.fw, nil
	})
	header := func(name string, method uint16) *zip.FileHeader {
		h := &zip.FileHeader{Name: name, Method: method, Modified: modified}
		h.SetMode(0o644)
		return h
	}
	add := func(name string, data []byte) error {
		f, err := zw.CreateHeader(header(name, entryMethod(name)))
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	addPacked := func(a *packed) error {
		deflated, err := a.compressed()
		if err != nil {
			return err
		}
		// CreateRaw takes the header as it is: fill in what CreateHeader
		// derives, so that every entry looks the same.
		h := header(a.name, zip.Deflate)
		h.CRC32, h.UncompressedSize64, h.CompressedSize64 = a.crc, a.size, uint64(len(deflated))
		h.CreatorVersion, h.ReaderVersion = h.CreatorVersion&0xff00|20, 20
		h.ModifiedDate, h.ModifiedTime = dosTime(modified)
		h.Extra = extTime(modified)
		f, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		_, err = f.Write(deflated)
		return err
	}
	inputs, err := bw.p.periodInputs(b.Period, true)
	if err != nil {
		return err
	}
	mf := &manifest.Manifest{Kaoping: bw.version, Config: bw.configSum, Inputs: inputs, Outputs: map[string]string{}}
	prev := openPreviousBundle(bw.p.inc, report.BundlePath(b.Period))
	defer prev.Close()
	entries := bw.entries(b)
	sameNames := prev.hasNames(entries)
	for _, e := range entries {
		if e.fromSite && sameNames && bw.p.inc.sameBytes(e.name) {
			// The site file did not change, nor did the bundle's list of
			// files its copy depends on: the previous entry is the copy.
			if f, sum := prev.unchanged(e.name, entryMethod(e.name)); f != nil {
				mf.Outputs[e.name] = sum
				if err := bw.copyEntry(zw, f); err != nil {
					return err
				}
				bw.p.inc.copiedEntries.Add(1)
				continue
			}
		}
		if e.packed != nil {
			mf.Outputs[e.name] = e.packed.sum
			if f := prev.entry(e.name, e.packed.sum, zip.Deflate); f != nil {
				if err := bw.copyEntry(zw, f); err != nil {
					return err
				}
				bw.p.inc.copiedEntries.Add(1)
				continue
			}
			if err := addPacked(e.packed); err != nil {
				return err
			}
			continue
		}
		data, err := e.bytes(bw.page[:0])
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		bw.page = data
		sum := manifest.Sum(data)
		mf.Outputs[e.name] = sum
		if f := prev.entry(e.name, sum, entryMethod(e.name)); f != nil {
			if err := bw.copyEntry(zw, f); err != nil {
				return err
			}
			bw.p.inc.copiedEntries.Add(1)
			continue
		}
		if err := add(e.name, data); err != nil {
			return err
		}
	}
	js, err := mf.Marshal()
	if err != nil {
		return err
	}
	if err := add(manifest.FileName, js); err != nil {
		return err
	}
	return zw.Close()
}

// entryMethod is how a bundle stores the file name: workbooks are
// already zips, and storing them costs nothing; the rest is deflated.
func entryMethod(name string) uint16 {
	if strings.HasSuffix(name, ".xlsx") {
		return zip.Store
	}
	return zip.Deflate
}

// periodEnd is the last day of a period at 00:00 UTC: the date of every
// entry of its bundle.
func periodEnd(pp period.Period) time.Time {
	month := 12
	switch pp.Gran {
	case period.Month:
		month = pp.N
	case period.Quarter:
		month = 3 * pp.N
	case period.Half:
		month = 6 * pp.N
	}
	// Day 0 of the next month is the last day of this one.
	return time.Date(pp.Year, time.Month(month+1), 0, 0, 0, 0, 0, time.UTC)
}

// dosTime is t as an MS-DOS date and time (2-second resolution).
func dosTime(t time.Time) (date, tm uint16) {
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	tm = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()>>1)
	return
}

// extTime is the "extended timestamp" extra field (0x5455) holding the
// modification time, as archive/zip writes it for CreateHeader.
func extTime(t time.Time) []byte {
	u := uint32(t.Unix())
	return []byte{0x55, 0x54, 5, 0, 1, byte(u), byte(u >> 8), byte(u >> 16), byte(u >> 24)}
}

// listFiles lists the regular files under dir/sub as sorted site paths.
func listFiles(dir, sub string) ([]string, error) {
	var out []string
	root := filepath.Join(dir, sub)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// renderer parses the site's templates (built-in, overridden by the
// site's own).
func (p *Project) renderer() (*render.Renderer, error) {
	return render.New(render.Options{
		Lang:       p.Config.Language,
		Dir:        p.Config.TemplatesDir,
		DisplayDir: p.Rel(p.Config.TemplatesDir),
	})
}

// periodFiles lists the data files a period is computed from (site-
// relative slash paths, sorted): its own files, or for a derived (ytd)
// period the files of every part it sums.
func (p *Project) periodFiles(id string) []string {
	pd := p.Data.Period(id)
	if pd == nil {
		return nil
	}
	if !pd.Derived {
		return slashAll(pd.Files)
	}
	var files []string
	for _, o := range p.Data.Periods {
		if !o.Derived && o.Period.Year == pd.Period.Year && o.Period.Gran == pd.Period.Gran && o.Period.N <= pd.Period.N {
			files = append(files, slashAll(o.Files)...)
		}
	}
	sort.Strings(files)
	return files
}

func slashAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, f := range paths {
		out[i] = filepath.ToSlash(f)
	}
	return out
}

// periodInputs hashes the files a period is computed from; with context,
// also data/entities.csv and the period's note (what a bundle's report
// was made from).
func (p *Project) periodInputs(id string, context bool) (map[string]string, error) {
	files := p.periodFiles(id)
	if context {
		for _, name := range []string{"entities.csv", "notes/" + id + ".md"} {
			full := filepath.Join(p.Config.DataDir, filepath.FromSlash(name))
			if _, err := os.Stat(full); err == nil {
				files = append(files, filepath.ToSlash(p.Rel(full)))
			}
		}
	}
	out := map[string]string{}
	for _, f := range files {
		full := f
		if !filepath.IsAbs(filepath.FromSlash(f)) {
			full = filepath.Join(p.Config.Dir, filepath.FromSlash(f))
		}
		sum, err := manifest.HashFile(full)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(f, "./")] = sum
	}
	return out, nil
}

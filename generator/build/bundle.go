package build

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"

	"kaoping/generator/manifest"
	"kaoping/generator/period"
	"kaoping/generator/report"
)

// A bundle is one period's report as a zip (report.BundlePath): its own
// index.html and README.txt, the assets, the period's pages as the
// bundle holds them (report.Bundles) and its result files, then
// manifest.json. The entries are made by the generation's workers in any
// order and written in the order of the plan, so the zip goes to its file
// as it is made and the same input gives the same bytes.

// bundlePlan is the list of a bundle's entries, in the order they are
// written (manifest.json last, not listed).
type bundlePlan struct {
	period   string
	names    []string
	seq      map[string]int
	holds    func(sitePath string) bool
	modified time.Time
	inputs   map[string]string // what the bundle's report was made from (its manifest's inputs)
	inputErr error
}

func (b *bundlePlan) path() string { return report.BundlePath(b.period) }

// planBundle lists the entries of period's bundle: index.html,
// README.txt, the assets, the search index, the pages the bundle holds in
// the site's order, the result files.
func (s *Site) planBundle(id string) *bundlePlan {
	s.bundlesOnce.Do(func() { s.bundles = s.m.Bundles(s.jobs) })
	b := &bundlePlan{period: id, seq: map[string]int{}, modified: periodEnd(s.p.Data.Period(id).Period)}
	b.holds = func(p string) bool { return p == report.HomePath() || s.bundles.Holds(id, p) }
	add := func(name string) {
		b.seq[name] = len(b.names)
		b.names = append(b.names, name)
	}
	add(report.HomePath())
	add(report.BundleReadme)
	for _, a := range s.r.Assets() {
		add(a.Path)
	}
	add(report.SearchIndexPath)
	for _, j := range s.jobs {
		if j.Bundle == id || j.Bundle == report.AllBundles {
			add(j.Path)
		}
	}
	for _, f := range s.data {
		if f.Period == id {
			add(f.Path)
		}
	}
	b.inputs, b.inputErr = s.p.periodInputs(id, true)
	return b
}

// entry is one file of a bundle, compressed (or stored) and summed.
type entry struct {
	method uint16
	crc    uint32
	size   uint64
	sum    string // hex sha256 of the file's bytes
	data   []byte // as stored in the zip
}

// Deflate levels: pages and result files at flate.BestSpeed, since a
// bundle holds every score sheet of its period and Deflate is most of
// what it costs (the trade against size is in ARCHIVE.md); the assets,
// compressed once for every bundle, at the best level. klauspost/compress's
// flate writes the same format as the standard library's, with less CPU.
const (
	packFast = flate.BestSpeed
	packBest = flate.BestCompression
)

// packer compresses entries, reusing its compressors.
type packer struct {
	fw    [2]*flate.Writer // by level: fast, best
	deflt bytes.Buffer
}

// pack makes the entry of a file's bytes. Workbooks, which are zips
// already, are stored; the rest is deflated at level.
func (p *packer) pack(name string, data []byte, level int) (*entry, error) {
	e := &entry{method: zip.Deflate, crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), sum: manifest.Sum(data)}
	if strings.HasSuffix(name, ".xlsx") {
		e.method = zip.Store
		e.data = data
		return e, nil
	}
	k := 0
	if level == packBest {
		k = 1
	}
	p.deflt.Reset()
	if p.fw[k] == nil {
		fw, err := flate.NewWriter(&p.deflt, level)
		if err != nil {
			return nil, err
		}
		p.fw[k] = fw
	} else {
		p.fw[k].Reset(&p.deflt)
	}
	if _, err := p.fw[k].Write(data); err != nil {
		return nil, err
	}
	if err := p.fw[k].Close(); err != nil {
		return nil, err
	}
	e.data = bytes.Clone(p.deflt.Bytes())
	return e, nil
}

// bundleWriter writes one bundle's zip: entries are put in any order,
// from any goroutine, and written in the plan's order as soon as the
// ones before them are.
type bundleWriter struct {
	plan    *bundlePlan
	site    *Site
	mu      sync.Mutex
	out     io.WriteCloser
	zw      *zip.Writer
	next    int
	pending map[int]*entry
	outputs map[string]string
	err     error
}

func (s *Site) openBundle(out sink, plan *bundlePlan) (*bundleWriter, error) {
	if plan.inputErr != nil {
		return nil, fmt.Errorf("%s: %w", plan.path(), plan.inputErr)
	}
	w, err := out.stream(plan.path())
	if err != nil {
		return nil, err
	}
	return &bundleWriter{plan: plan, site: s, out: w, zw: zip.NewWriter(w), pending: map[int]*entry{},
		outputs: make(map[string]string, len(plan.names))}, nil
}

// putBytes packs a file's bytes at the fast level and puts them.
func (bw *bundleWriter) putBytes(w *worker, name string, data []byte) error {
	e, err := w.pack(name, data, packFast)
	if err != nil {
		return err
	}
	return bw.put(name, e)
}

// put adds the entry of the file name; once every entry is written, it
// writes the bundle's manifest and closes the zip.
func (bw *bundleWriter) put(name string, e *entry) error {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	if bw.err != nil {
		return bw.err
	}
	seq, ok := bw.plan.seq[name]
	if !ok {
		return fmt.Errorf("%s: %s is not in the bundle's plan", bw.plan.path(), name)
	}
	bw.pending[seq] = e
	for {
		e, ok := bw.pending[bw.next]
		if !ok {
			return nil
		}
		delete(bw.pending, bw.next)
		if bw.err = bw.write(bw.plan.names[bw.next], e); bw.err != nil {
			return bw.err
		}
		bw.next++
		if bw.next == len(bw.plan.names) {
			bw.err = bw.finish()
			return bw.err
		}
	}
}

// write writes one entry: dated the period's last day, mode 0644.
func (bw *bundleWriter) write(name string, e *entry) error {
	h := &zip.FileHeader{Name: name, Method: e.method, Modified: bw.plan.modified}
	h.SetMode(0o644)
	// CreateRaw takes the header as it is: fill in what CreateHeader
	// derives, so that every entry looks the same.
	h.CRC32, h.UncompressedSize64, h.CompressedSize64 = e.crc, e.size, uint64(len(e.data))
	h.CreatorVersion, h.ReaderVersion = h.CreatorVersion&0xff00|20, 20
	h.ModifiedDate, h.ModifiedTime = dosTime(bw.plan.modified)
	h.Extra = extTime(bw.plan.modified)
	f, err := bw.zw.CreateRaw(h)
	if err == nil {
		_, err = f.Write(e.data)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", bw.plan.path(), err)
	}
	bw.outputs[name] = e.sum
	return nil
}

// finish writes manifest.json and closes the zip and its file.
func (bw *bundleWriter) finish() error {
	configSum, err := manifest.HashFile(bw.site.p.Config.Path)
	if err != nil {
		return err
	}
	mf := &manifest.Manifest{Kaoping: bw.site.version, Config: configSum, Inputs: bw.plan.inputs, Outputs: bw.outputs}
	js, err := mf.Marshal()
	if err != nil {
		return err
	}
	var p packer
	e, err := p.pack(manifest.FileName, js, packFast)
	if err != nil {
		return err
	}
	if err := bw.write(manifest.FileName, e); err != nil {
		return err
	}
	err = bw.zw.Close()
	if cerr := bw.out.Close(); err == nil {
		err = cerr
	}
	bw.out = nil
	return err
}

// finished reports whether the bundle was written whole.
func (bw *bundleWriter) finished() bool {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	return bw.err == nil && bw.out == nil
}

// closeBundles closes the files of bundles left unfinished by a failed
// generation.
func closeBundles(writers []*bundleWriter) {
	for _, bw := range writers {
		if bw == nil {
			continue
		}
		bw.mu.Lock()
		if bw.out != nil {
			bw.out.Close()
			bw.out = nil
		}
		bw.mu.Unlock()
	}
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

// hashingWriter sums what goes through it and tells the sum on Close.
type hashingWriter struct {
	io.WriteCloser
	h    hash.Hash
	done func(sum string)
}

func newHash() hash.Hash { return sha256.New() }

func (w *hashingWriter) Write(p []byte) (int, error) {
	w.h.Write(p)
	return w.WriteCloser.Write(p)
}

func (w *hashingWriter) Close() error {
	if err := w.WriteCloser.Close(); err != nil {
		return err
	}
	w.done(hex.EncodeToString(w.h.Sum(nil)))
	return nil
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

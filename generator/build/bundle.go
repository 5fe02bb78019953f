package build

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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
// The site must already be in w.Dir: data files and assets are copied
// from there. Bundles are independent, so one worker per core writes
// them; within a bundle the files go in name order, each page rendered
// when its turn comes, so that a province's bundle never sits in memory.
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
	bs := m.Bundles()
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
			for i := range next {
				pd := periods[i]
				err := w.Create(report.BundlePath(pd.ID), func(out io.Writer) error {
					return writeBundle(out, p, bs.Bundle(pd.ID), r, assets, w.Dir, configSum, version)
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

// bundleEntry is one file of a bundle and how to get its bytes, or its
// bytes already compressed.
type bundleEntry struct {
	name   string
	bytes  func() ([]byte, error)
	packed *packed
}

// packed is a file compressed once for every bundle.
type packed struct {
	name     string
	sum      string // hex sha256 of the uncompressed bytes
	crc      uint32
	size     uint64
	deflated []byte
}

// pack reads and deflates the file at site path name under dir.
func pack(dir, name string) (*packed, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, zipLevel)
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return &packed{name: name, sum: manifest.Sum(data), crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), deflated: buf.Bytes()}, nil
}

// zipLevel is the Deflate level of the entries compressed once for every
// bundle: 5, the level archive/zip uses (with pooled compressors) for the
// others.
const zipLevel = 5

// writeBundle writes one period's zip to out: deterministic (entries in
// name order, manifest.json last; every entry dated the period's last day
// at 00:00 UTC, mode 0644, Deflate), so the same input gives the same
// bytes.
func writeBundle(out io.Writer, p *Project, b *report.Bundle, r *render.Renderer, assets []*packed, siteDir, configSum, version string) error {
	var entries []bundleEntry
	note := b.Model.BundleNote()
	for _, j := range b.Jobs {
		entries = append(entries, bundleEntry{name: j.Path, bytes: func() ([]byte, error) {
			data, err := j.Data()
			if err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			if err := r.Execute(&buf, j.Template, data); err != nil {
				return nil, err
			}
			return render.UnlinkOutside(buf.Bytes(), j.Path, b.Includes, note), nil
		}})
	}
	copyFile := func(name string) bundleEntry {
		return bundleEntry{name: name, bytes: func() ([]byte, error) {
			return os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(name)))
		}}
	}
	for _, f := range b.Files {
		if _, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(f))); err == nil {
			entries = append(entries, copyFile(f))
		}
	}
	for _, a := range assets {
		entries = append(entries, bundleEntry{name: a.name, packed: a})
	}
	entries = append(entries, bundleEntry{name: report.BundleReadme, bytes: func() ([]byte, error) {
		return b.Model.BundleReadmeText(b.Period), nil
	}})
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })

	modified := periodEnd(p.Data.Period(b.Period).Period)
	zw := zip.NewWriter(out)
	header := func(name string, method uint16) *zip.FileHeader {
		h := &zip.FileHeader{Name: name, Method: method, Modified: modified}
		h.SetMode(0o644)
		return h
	}
	add := func(name string, data []byte) error {
		method := zip.Deflate
		if strings.HasSuffix(name, ".xlsx") { // already a zip: storing it costs nothing
			method = zip.Store
		}
		f, err := zw.CreateHeader(header(name, method))
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	addPacked := func(a *packed) error {
		// CreateRaw takes the header as it is: fill in what CreateHeader
		// derives, so that every entry looks the same.
		h := header(a.name, zip.Deflate)
		h.CRC32, h.UncompressedSize64, h.CompressedSize64 = a.crc, a.size, uint64(len(a.deflated))
		h.CreatorVersion, h.ReaderVersion = h.CreatorVersion&0xff00|20, 20
		h.ModifiedDate, h.ModifiedTime = dosTime(modified)
		h.Extra = extTime(modified)
		f, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		_, err = f.Write(a.deflated)
		return err
	}
	inputs, err := p.periodInputs(b.Period, true)
	if err != nil {
		return err
	}
	mf := &manifest.Manifest{Kaoping: version, Config: configSum, Inputs: inputs, Outputs: map[string]string{}}
	for _, e := range entries {
		if e.packed != nil {
			mf.Outputs[e.name] = e.packed.sum
			if err := addPacked(e.packed); err != nil {
				return err
			}
			continue
		}
		data, err := e.bytes()
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		mf.Outputs[e.name] = manifest.Sum(data)
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

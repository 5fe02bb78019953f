package build

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"

	"kaoping/generator/manifest"
)

// Compressed entries reused. An incremental build writes the bundle of a
// changed period again, yet most of its files usually have the bytes they
// had in the previous bundle (a new number moves a few ranks; the other
// sheets of the period stay as they were). Deflate was most of a bundle's
// cost, so an entry whose bytes are unchanged (same name, same sha256 in
// the previous bundle's manifest.json) is copied still compressed from the
// previous bundle. That bundle was written by the same program from the
// same configuration (incremental.previous), and Deflate restarts at
// every entry, so the copy is the very bytes a clean build writes.

// previousBundle is the previous build's copy of a bundle, open for
// copying entries.
type previousBundle struct {
	zr     *zip.ReadCloser
	byName map[string]*zip.File
	sums   map[string]string // entry name -> hex sha256, from its manifest.json
}

// openPreviousBundle opens the previous copy of the bundle at site path
// name, or returns nil when there is none to reuse.
func openPreviousBundle(inc *incremental, name string) *previousBundle {
	path, ok := inc.previous(name)
	if !ok {
		return nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	pb := &previousBundle{zr: zr, byName: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		pb.byName[f.Name] = f
	}
	var mf manifest.Manifest
	if f := pb.byName[manifest.FileName]; f != nil {
		if rc, err := f.Open(); err == nil {
			err = json.NewDecoder(rc).Decode(&mf)
			rc.Close()
			if err == nil {
				pb.sums = mf.Outputs
			}
		}
	}
	if pb.sums == nil {
		zr.Close()
		return nil
	}
	return pb
}

// entry returns the previous bundle's entry name if its bytes had the
// sha256 sum and it was stored with method; nil otherwise (pb may be nil).
func (pb *previousBundle) entry(name, sum string, method uint16) *zip.File {
	if pb == nil || pb.sums[name] != sum {
		return nil
	}
	if f := pb.byName[name]; f != nil && f.Method == method {
		return f
	}
	return nil
}

// hasNames reports whether the previous bundle holds exactly the files
// of entries (and its manifest.json): the copy of a page in a bundle
// depends on the page and on which other files the bundle holds (links
// to the others become text). pb may be nil.
func (pb *previousBundle) hasNames(entries []bundleEntry) bool {
	if pb == nil || len(pb.byName) != len(entries)+1 || pb.byName[manifest.FileName] == nil {
		return false
	}
	for _, e := range entries {
		if pb.byName[e.name] == nil {
			return false
		}
	}
	return true
}

// unchanged returns the previous bundle's entry name, stored with method,
// and its hex sha256, or nil when there is none such. pb may be nil.
func (pb *previousBundle) unchanged(name string, method uint16) (*zip.File, string) {
	if pb == nil {
		return nil, ""
	}
	f, sum := pb.byName[name], pb.sums[name]
	if f == nil || sum == "" || f.Method != method {
		return nil, ""
	}
	return f, sum
}

// Close closes the previous bundle (pb may be nil).
func (pb *previousBundle) Close() {
	if pb != nil {
		pb.zr.Close()
	}
}

// sameBytes reports whether the file at site path name has in this build
// the bytes (sha256) it had in the previous one: kept, moved, linked as
// unchanged, or written again with the same bytes. Asked once the site's
// files are written.
func (inc *incremental) sameBytes(name string) bool {
	if inc == nil {
		return false
	}
	old, ok := inc.prev[name]
	if !ok {
		return false
	}
	if inc.movedFile(name) {
		return true
	}
	inc.mu.Lock()
	now, ok := inc.next[name]
	inc.mu.Unlock()
	return ok && now.sum == old.sum
}

// previous returns the previous output's copy of the file at site path
// name when it may stand in for bytes this build makes the same way: the
// previous build had this build's global inputs (program, configuration,
// templates, options) and the file is still the one the cache describes.
func (inc *incremental) previous(name string) (string, bool) {
	if inc == nil || inc.keys == nil || inc.prevGlobal == "" || inc.prevGlobal != inc.keys.Global() {
		return "", false
	}
	old, ok := inc.prev[name]
	if !ok {
		return "", false
	}
	path := filepath.Join(inc.prevDir, filepath.FromSlash(name))
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	if e := entryOf(st); e.size != old.size || e.mtime != old.mtime || e.ino != old.ino {
		return "", false
	}
	return path, true
}

// copyEntry copies f from the previous bundle to zw still compressed, as
// zip.Writer.Copy does but through the writer's own buffer: Copy's
// io.Copy takes a new 32 KB buffer per entry, 130 MB of garbage for the
// 4,000 entries a province bundle copies.
func (bw *bundleWriter) copyEntry(zw *zip.Writer, f *zip.File) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	h := f.FileHeader
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	if bw.copyBuf == nil {
		bw.copyBuf = make([]byte, 64<<10)
	}
	_, err = io.CopyBuffer(w, r, bw.copyBuf)
	return err
}

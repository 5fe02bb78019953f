package build

import (
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"
)

// Recycled files. On a disk that discards freed blocks as it frees them
// (ext4 mounted with discard, usual on virtual machines and SSDs),
// freeing a file costs far more than writing one: on the machine of
// docs/PERFORMANCE.md, unlinking a 28 KB page took 245 µs and creating
// one 73 µs. An incremental build replaces the previous copies of the
// files it rewrote (12,500 at province size when one number changes:
// 3 s of unlinks), and the next incremental build writes about as many
// new files. So the previous copies are not freed: after the swap they
// are renamed into a pool beside the build cache, and the next build
// writes its new files into pooled files (renamed into the staging
// folder, written over and cut to length) instead of creating them.
//
// Only a file no other name links to is pooled, and is written over only
// if that is still so and its permissions are those a new file would get.
// The pool holds at most as many files as the build that filled it wrote,
// and never more than poolMax; the rest are freed as before. It is
// nothing but spare files: removing it, or the whole .kaoping folder, is
// always safe.

// poolMax caps the pool: 32,768 files, under 1 GB of pages at province
// size.
const poolMax = 1 << 15

// recycler is the pool of one build. A nil recycler recycles nothing
// (another OS, an unknown umask, a pool on another file system).
type recycler struct {
	dir   string
	names []string // the files pooled when the build started
	next  atomic.Int64
	// wrote counts the files this build wrote (recycled or created): about
	// as many as the next build will want.
	wrote atomic.Int64
	perm  uint32 // the permissions of a new file: 0644 less the umask
	off   atomic.Bool
}

// poolPath is the pool of the output folder whose cache is at cachePath.
func poolPath(cachePath string) string {
	return cachePath[:len(cachePath)-len(filepath.Ext(cachePath))] + ".pool"
}

// openRecycler lists the pool at dir (which need not exist yet).
func openRecycler(dir string) *recycler {
	perm, ok := newFilePerm()
	if !ok {
		return nil
	}
	r := &recycler{dir: dir, perm: perm}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() {
				r.names = append(r.names, e.Name())
			}
		}
	}
	return r
}

// take is the writer's Recycle hook: it puts a pooled file at p and
// opens it for writing, or returns -1 for a new file.
func (r *recycler) take(p string) int {
	if r == nil {
		return -1
	}
	r.wrote.Add(1)
	if r.off.Load() {
		return -1
	}
	i := int(r.next.Add(1) - 1)
	if i >= len(r.names) {
		return -1
	}
	return takeFile(filepath.Join(r.dir, r.names[i]), p, r.perm)
}

// recycleTree removes the previous output dir after the swap, as
// removeTree does, but pools its files instead of freeing them, as many
// as the pool may hold; it also frees the pooled files the build left
// that the pool may no longer hold.
func (r *recycler) recycleTree(dir string) error {
	if r == nil {
		return removeTree(dir)
	}
	limit := min(int(r.wrote.Load()), poolMax)
	left := r.names[min(int(r.next.Load()), len(r.names)):]
	for _, name := range left[min(limit, len(left)):] {
		os.Remove(filepath.Join(r.dir, name))
	}
	slots := int64(limit - min(limit, len(left)))
	if slots > 0 {
		if err := os.MkdirAll(r.dir, 0o755); err != nil {
			slots = 0
		}
	}
	// Pooled names are unique across builds: this build's start, then a
	// number.
	prefix := strconv.FormatInt(time.Now().UnixNano(), 36) + "-"
	var used, seq atomic.Int64
	return disposeTree(dir, func(f string) {
		if used.Load() < slots && !r.off.Load() && soleLink(f) && used.Add(1) <= slots {
			to := filepath.Join(r.dir, prefix+strconv.FormatInt(seq.Add(1), 10))
			if os.Rename(f, to) == nil {
				return
			}
			r.off.Store(true) // another file system, say: free as before
		}
		os.Remove(f)
	})
}

package build

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"kaoping/internal/atomicfile"
	"kaoping/internal/parallel"
)

// Recycled files. On a disk that discards freed blocks as it frees them
// (ext4 mounted with discard, usual on virtual machines and SSDs),
// freeing a file costs far more than writing one: on the machine of
// docs/PERFORMANCE.md, unlinking a 28 KB page took 245 µs and creating
// one 73 µs. An incremental build replaces the previous copies of the
// files it rewrote (12,500 at province size when one number changes:
// 3 s of unlinks), and the next incremental build writes about as many
// new files. So the previous copies are not freed: after the swap, what
// is left of the previous output (its files this build replaced, and
// those it linked, which are unlinked from it first) becomes, by one
// rename, a pool beside the build cache, with a list of its files. The
// next build writes each new file into a pooled one (renamed into the
// staging folder, written over and cut to length) instead of creating
// it: the previous copy of the same page when there is one (the same
// size give or take a few bytes, so nothing is freed or allocated), any
// other otherwise.
//
// A pooled file is written over only if no other name links to it and
// its permissions are those a new file would get. The pool lists at most
// as many files as the build that made it wrote, and never more than
// poolMax; the rest are freed as before, and what a build did not take
// of the pool is freed at its end. The pool is nothing but spare files:
// removing it, or the whole .kaoping folder, is always safe.

// poolMax caps the pool: 32,768 files, under 1 GB of pages at province
// size.
const poolMax = 1 << 15

const poolHeader = "kaoping pool 1"

// recycler is the pool of one build. A nil recycler recycles nothing
// (another OS, an unknown umask).
type recycler struct {
	dir   string // the pool: a folder tree of spare files
	list  string // the files of dir that may be written over, one site path a line
	stage string // the staging folder the files are taken into
	perm  uint32 // the permissions of a new file: 0644 less the umask

	names  []string // dir's listed files, as site paths
	byName map[string]int
	taken  []atomic.Bool
	next   atomic.Int64
	// wrote counts the files this build wrote (recycled or created): about
	// as many as the next build will want.
	wrote atomic.Int64
}

// poolPath is the pool of the output folder whose cache is at cachePath.
func poolPath(cachePath string) string {
	return cachePath[:len(cachePath)-len(filepath.Ext(cachePath))] + ".pool"
}

// openRecycler reads the list of the pool at dir (which need not exist)
// for a build into the staging folder stage.
func openRecycler(dir, stage string) *recycler {
	perm, ok := newFilePerm()
	if !ok {
		return nil
	}
	r := &recycler{dir: dir, list: dir + ".txt", stage: stage, perm: perm, byName: map[string]int{}}
	if f, err := os.Open(r.list); err == nil {
		sc := bufio.NewScanner(f)
		if sc.Scan() && sc.Text() == poolHeader {
			for sc.Scan() {
				r.byName[sc.Text()] = len(r.names)
				r.names = append(r.names, sc.Text())
			}
		}
		f.Close()
		if sc.Err() != nil {
			r.names, r.byName = nil, map[string]int{}
		}
	}
	r.taken = make([]atomic.Bool, len(r.names))
	return r
}

// take is the writer's Recycle hook: it puts a pooled file at p (a file
// path under the staging folder) and opens it for writing, or returns -1
// for a new file.
func (r *recycler) take(p string) (fd int, size int64) {
	if r == nil {
		return -1, 0
	}
	r.wrote.Add(1)
	if len(r.names) == 0 {
		return -1, 0
	}
	if name, ok := strings.CutPrefix(p, r.stage+string(filepath.Separator)); ok {
		if i, ok := r.byName[filepath.ToSlash(name)]; ok {
			if fd, size := r.takeAt(i, p); fd >= 0 {
				return fd, size
			}
		}
	}
	for {
		i := int(r.next.Add(1) - 1)
		if i >= len(r.names) {
			return -1, 0
		}
		if fd, size := r.takeAt(i, p); fd >= 0 {
			return fd, size
		}
	}
}

// takeAt takes the pool's file i for p, unless another write took it.
func (r *recycler) takeAt(i int, p string) (int, int64) {
	if !r.taken[i].CompareAndSwap(false, true) {
		return -1, 0
	}
	return takeFile(filepath.Join(r.dir, filepath.FromSlash(r.names[i])), p, r.perm)
}

// recycleTree disposes of old, the folder holding what is left of the
// previous output after the swap: linked are its files this build linked
// into the new output, free the others the cache knew. The previous pool
// is freed (what this build did not take of it), linked are unlinked,
// and old becomes the pool, listing as many of free as it may hold; the
// rest of free is unlinked. Without a recycler, with nothing to pool, or
// if old cannot be moved, old is removed as removeTree does.
func (r *recycler) recycleTree(old string, linked, free []string) error {
	if r == nil {
		return removeTree(old)
	}
	// The list goes first: a pool without one is only ever removed.
	os.Remove(r.list)
	if err := removeTree(r.dir); err != nil {
		return removeTree(old)
	}
	limit := min(int(r.wrote.Load()), poolMax, len(free))
	if limit == 0 {
		// Nothing worth keeping (no cache told what old holds, say): a pool
		// of unknown files would only be freed by the next build.
		return removeTree(old)
	}
	unlink := append(linked[:len(linked):len(linked)], free[limit:]...)
	free = free[:limit]
	parallel.ForN(16, len(unlink), func(i int) { os.Remove(filepath.Join(old, filepath.FromSlash(unlink[i]))) })
	if err := os.MkdirAll(filepath.Dir(r.dir), 0o755); err != nil {
		return removeTree(old)
	}
	if err := os.Rename(old, r.dir); err != nil { // another file system, say
		return removeTree(old)
	}
	// Without its list (an error here) the pool is only removed, by the
	// next build.
	atomicfile.Write(r.list, 0o644, false, func(w *bufio.Writer) error {
		w.WriteString(poolHeader + "\n")
		for _, name := range free {
			w.WriteString(name)
			w.WriteByte('\n')
		}
		return nil
	})
	return nil
}

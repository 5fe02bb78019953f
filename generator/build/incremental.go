package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"kaoping/generator/report"
	"kaoping/internal/atomicfile"
)

// Incremental builds. Every page and generated file has a dependency key
// (report.Keys): a hash of the inputs it is built from. The build cache
// remembers, for each file of the output, its key, its sha256 and the
// identity of the file (inode, size, modification time). On the next
// build, a file whose key did not change and whose previous copy is still
// the very file the cache describes is hard-linked from the previous
// output into the staging folder instead of being rendered: it keeps its
// bytes, inode and modification time, and the atomic swap still replaces
// the whole folder at once. Everything else is rendered as in a clean
// build, so an incremental build gives the same bytes as a clean one.
//
// The cache lives in the site folder, .kaoping/cache/<hash of the output
// path>.txt, not in the output: the output of a clean and an incremental
// build are identical, and nothing appears beside the output folder. A
// missing, unreadable or foreign cache only means a full build; a cache
// that does not describe the current output (a build killed between the
// swap and the cache write) is caught by the file identity check.

// cacheEntry is what the cache knows of one output file.
type cacheEntry struct {
	key   string
	sum   [sha256.Size]byte
	size  int64
	mtime int64 // UnixNano
	ino   uint64
}

const cacheHeader = "kaoping build cache 2"

// incremental is the incremental state of one build. It is safe for
// concurrent use.
type incremental struct {
	prevDir   string // the output folder of the previous build
	stageDir  string
	cachePath string // "" when the cache cannot be kept
	prev      map[string]cacheEntry
	// prevGlobal is the previous build's global key (report.Keys.Global):
	// equal to this build's, the previous output was made by the same
	// program from the same configuration.
	prevGlobal string
	keys       *report.Keys // nil: nothing is reused and no key is recorded

	record func(string, [sha256.Size]byte) // the manifest's hook, told of kept files too

	mu      sync.Mutex
	next    map[string]cacheEntry
	pending map[string]string // site path -> key, for files being written
	decided map[string]bool   // site path -> kept, once asked

	dirs      sync.Map // staging folders link created
	kept      atomic.Int64
	samePages atomic.Int64 // pages among kept that were rendered again, with the same bytes (same)
	// copiedEntries counts bundle entries copied from the previous bundle.
	copiedEntries atomic.Int64
	moves         []string // folders moved whole from the previous output (planMoves)
	// moved lists the files of each folder of moves; read-only once
	// planMoves returns.
	moved map[string][]string
	// intact are the previous output's folders that may be moved whole,
	// with their number of files (intactFolders); nil: not known yet.
	intact    map[string]int
	recording chan struct{} // closed once planMoves told the manifest of the moved files
}

// newIncremental loads the cache of the output folder out (from cache,
// when it was read ahead). stageDir is the build's staging folder;
// siteDir the site folder, where the cache is kept.
func newIncremental(siteDir, out, stageDir string, cache *cacheRead) *incremental {
	inc := &incremental{prevDir: out, stageDir: stageDir, cachePath: cachePath(siteDir, out)}
	inc.prev, inc.prevGlobal, inc.intact = cache.get(inc.cachePath, out) // no cache: a full build
	inc.next = make(map[string]cacheEntry, len(inc.prev))
	inc.decided = make(map[string]bool, len(inc.prev))
	inc.pending = map[string]string{}
	return inc
}

// cacheRead is a build cache being read ahead, while the data loads and
// is scored: 140,000 lines at province size.
type cacheRead struct {
	path, out string
	done      chan struct{}
	entries   map[string]cacheEntry
	global    string
	intact    map[string]int // intactFolders of the previous output
}

// readCacheAsync starts reading the cache at path of the output folder out.
func readCacheAsync(path, out string) *cacheRead {
	c := &cacheRead{path: path, out: out, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		c.entries, c.global, _ = readCache(path, out)
		if len(c.entries) > 0 {
			c.intact = intactFolders(out, c.entries)
		}
	}()
	return c
}

// get returns the entries and global key of the cache at path of the
// output folder out, and the previous output's intact folders (nil when
// not checked yet): those read ahead by c when they are of that cache
// (c may be nil), or the cache read now.
func (c *cacheRead) get(path, out string) (map[string]cacheEntry, string, map[string]int) {
	if c != nil && c.path == path && c.out == out {
		<-c.done
		return c.entries, c.global, c.intact
	}
	entries, global, _ := readCache(path, out)
	return entries, global, nil
}

// cachePath is where the build cache of the output folder out is kept.
func cachePath(siteDir, out string) string {
	sum := sha256.Sum256([]byte(filepath.Clean(out)))
	return filepath.Join(siteDir, ".kaoping", "cache", hex.EncodeToString(sum[:8])+".txt")
}

// startIncremental prepares the incremental build of p (the project or
// its shared view) into stageDir, replacing out: it loads the cache and
// computes every file's key. If the inputs cannot be hashed nothing is
// kept (a full build).
func (p *Project) startIncremental(out, stageDir, version string, cache *cacheRead) *incremental {
	inc := newIncremental(p.Config.Dir, out, stageDir, cache)
	if in, err := p.keyInputs(version); err == nil {
		inc.setKeys(p.model().Keys(in))
	}
	p.inc = inc
	return inc
}

// setKeys gives the dependency keys of this build's files. Until it is
// called nothing is kept.
func (inc *incremental) setKeys(k *report.Keys) { inc.keys = k }

// keep reports whether the previous build's copy of the file at site path
// name was kept: hard-linked (or copied, where links are impossible) into
// the staging folder because its key is unchanged. When it returns false
// the caller writes the file, and the writer's record hook (recorder)
// stores it in the cache under its key.
//
// The answer for a name is decided once: asking again (the writer asks
// after the page loop did) gives the same answer and does nothing, so a
// linked file is never written over.
func (inc *incremental) keep(name string) bool {
	if inc == nil || inc.keys == nil {
		return false
	}
	name = strings.TrimPrefix(name, "./")
	if inc.movedFile(name) {
		return true
	}
	inc.mu.Lock()
	if kept, ok := inc.decided[name]; ok {
		inc.mu.Unlock()
		return kept
	}
	inc.decided[name] = false
	inc.mu.Unlock()
	key := inc.keys.For(name)
	if old, ok := inc.prev[name]; ok && old.key == key {
		if e, err := inc.link(name, old); err == nil {
			e.key, e.sum = key, old.sum
			inc.mu.Lock()
			inc.decided[name] = true
			inc.next[name] = e
			inc.mu.Unlock()
			inc.kept.Add(1)
			if inc.record != nil {
				inc.record(name, old.sum)
			}
			return true
		}
	}
	inc.mu.Lock()
	inc.pending[name] = key
	inc.mu.Unlock()
	return false
}

// same is the writer's Same hook. A file rendered again because its key
// changed, whose bytes are still those of the previous build's copy (a
// new number that moves a few ranks leaves most sheets of its period as
// they were), is linked from the previous output instead of written: it
// keeps its inode and modification time, so a copy to the web server
// skips it, and the swap does not free the previous copy.
func (inc *incremental) same(name string, sum [sha256.Size]byte) bool {
	if inc == nil || inc.keys == nil {
		return false
	}
	old, ok := inc.prev[name]
	if !ok || old.sum != sum {
		return false
	}
	e, err := inc.link(name, old)
	if err != nil {
		return false
	}
	inc.mu.Lock()
	if key, ok := inc.pending[name]; ok {
		delete(inc.pending, name)
		e.key, e.sum = key, sum
		inc.next[name] = e
	}
	inc.mu.Unlock()
	inc.kept.Add(1)
	if strings.HasSuffix(name, ".html") {
		inc.samePages.Add(1)
	}
	return true
}

// link puts the previous copy of name into the staging folder, after
// checking that it is still the file the cache describes.
func (inc *incremental) link(name string, old cacheEntry) (cacheEntry, error) {
	from := filepath.Join(inc.prevDir, filepath.FromSlash(name))
	st, err := os.Lstat(from)
	if err != nil {
		return cacheEntry{}, err
	}
	e := entryOf(st)
	if !st.Mode().IsRegular() || e.size != old.size || e.mtime != old.mtime || e.ino != old.ino {
		return cacheEntry{}, fmt.Errorf("%s changed since the last build", name)
	}
	to := filepath.Join(inc.stageDir, filepath.FromSlash(name))
	if err := inc.mkdirAll(filepath.Dir(to)); err != nil {
		return cacheEntry{}, err
	}
	if err := os.Link(from, to); err != nil {
		if err := copyFile(from, to, st); err != nil {
			return cacheEntry{}, err
		}
		if st, err = os.Lstat(to); err != nil {
			return cacheEntry{}, err
		}
		e = entryOf(st)
	}
	return e, nil
}

// mkdirAll creates the staging folder dir once per build: thousands of
// kept files share each folder.
func (inc *incremental) mkdirAll(dir string) error {
	if _, ok := inc.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	inc.dirs.Store(dir, struct{}{})
	return nil
}

// copyFile copies from to to, keeping the modification time.
func copyFile(from, to string, st os.FileInfo) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chtimes(to, st.ModTime(), st.ModTime())
}

// recorder wraps a writer's record hook (nil: none) so that each file
// written with a pending key enters the cache with its sha256.
func (inc *incremental) recorder(next func(string, [sha256.Size]byte)) func(string, [sha256.Size]byte) {
	inc.record = next
	return func(name string, sum [sha256.Size]byte) {
		if next != nil {
			next(name, sum)
		}
		inc.wrote(name, sum)
	}
}

// wrote stores a freshly written file in the cache, if it has a key.
func (inc *incremental) wrote(name string, sum [sha256.Size]byte) {
	inc.mu.Lock()
	key, ok := inc.pending[name]
	delete(inc.pending, name)
	inc.mu.Unlock()
	if !ok {
		return
	}
	st, err := os.Lstat(filepath.Join(inc.stageDir, filepath.FromSlash(name)))
	if err != nil {
		return // not cached: rendered again next time
	}
	e := entryOf(st)
	e.key, e.sum = key, sum
	inc.mu.Lock()
	inc.next[name] = e
	inc.mu.Unlock()
}

// Kept is the number of files kept from the previous build.
func (inc *incremental) Kept() int {
	if inc == nil {
		return 0
	}
	return int(inc.kept.Load())
}

// oldFiles sorts the files the cache knew in the previous output, except
// those of the folders moved whole, which are what is left of it after
// the swap: linked into the new output (the same inode is there) or not
// (replaced, or gone), which recycleTree may pool. Call it before save.
func (inc *incremental) oldFiles() (linked, free []string) {
	if inc == nil {
		return nil, nil
	}
	for name, old := range inc.prev {
		if inc.movedFile(name) {
			continue
		}
		if e, ok := inc.next[name]; ok && e.ino == old.ino {
			linked = append(linked, name)
		} else {
			free = append(free, name)
		}
	}
	sort.Strings(free) // the pool's list, the same for the same build
	return linked, free
}

// save writes the cache of the output just committed. Errors are
// ignored: without a cache the next build is a full one.
func (inc *incremental) save() {
	if inc == nil || inc.cachePath == "" {
		return
	}
	inc.mu.Lock()
	for _, names := range inc.moved {
		for _, n := range names {
			if _, linked := inc.next[n]; !linked { // linkDir may have linked it
				inc.next[n] = inc.prev[n]
			}
		}
	}
	names := make([]string, 0, len(inc.next))
	for n := range inc.next {
		names = append(names, n)
	}
	inc.mu.Unlock()
	sort.Strings(names)
	if err := os.MkdirAll(filepath.Dir(inc.cachePath), 0o755); err != nil {
		return
	}
	global := ""
	if inc.keys != nil {
		global = inc.keys.Global()
	}
	atomicfile.Write(inc.cachePath, 0o600, false, func(bw *bufio.Writer) error {
		fmt.Fprintf(bw, "%s\t%s\t%s\n", cacheHeader, filepath.Clean(inc.prevDir), global)
		var line []byte // one line per file, 140,000 at province size: no fmt
		for _, n := range names {
			e := inc.next[n]
			line = append(append(line[:0], n...), '\t')
			line = append(append(line, e.key...), '\t')
			line = append(hex.AppendEncode(line, e.sum[:]), '\t')
			line = append(strconv.AppendInt(line, e.size, 10), '\t')
			line = append(strconv.AppendInt(line, e.mtime, 10), '\t')
			line = append(strconv.AppendUint(line, e.ino, 10), '\n')
			bw.Write(line)
		}
		return nil
	})
}

// readCache reads the cache of the output folder out: its entries and the
// global key of the build that wrote it.
func readCache(path, out string) (map[string]cacheEntry, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	// One string for the whole file: names and keys are slices of it,
	// not 140,000 strings of their own for the collector to follow.
	text := string(data)
	header, text, _ := strings.Cut(text, "\n")
	prefix := cacheHeader + "\t" + filepath.Clean(out) + "\t"
	if !strings.HasPrefix(header, prefix) {
		return nil, "", fmt.Errorf("%s: not a cache of %s", path, out)
	}
	global := strings.TrimPrefix(header, prefix)
	entries := make(map[string]cacheEntry, strings.Count(text, "\n"))
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		bad := func() (map[string]cacheEntry, string, error) {
			return nil, "", fmt.Errorf("%s: bad line %q", path, line)
		}
		var f [6]string
		rest := line
		for i := range 5 {
			tab := strings.IndexByte(rest, '\t')
			if tab < 0 {
				return bad()
			}
			f[i], rest = rest[:tab], rest[tab+1:]
		}
		f[5] = rest
		var e cacheEntry
		if len(f[2]) != 2*sha256.Size {
			return bad()
		}
		var hexSum [2 * sha256.Size]byte // decoded from the stack, not a copy per line
		copy(hexSum[:], f[2])
		if _, err := hex.Decode(e.sum[:], hexSum[:]); err != nil {
			return bad()
		}
		e.key = f[1]
		var err1, err2, err3 error
		e.size, err1 = strconv.ParseInt(f[3], 10, 64)
		e.mtime, err2 = strconv.ParseInt(f[4], 10, 64)
		e.ino, err3 = strconv.ParseUint(f[5], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return bad()
		}
		entries[f[0]] = e
	}
	return entries, global, nil
}

// entryOf is the identity of a file: size, modification time and inode.
func entryOf(st os.FileInfo) cacheEntry {
	return cacheEntry{size: st.Size(), mtime: st.ModTime().UnixNano(), ino: inode(st)}
}

package build

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"kaoping/internal/atomicfile"
	"kaoping/internal/parallel"
)

// Whole folders kept. Most of what an incremental build keeps sits in
// folders none of whose files changed: the score sheets of every period
// but the changed ones (schemes/<s>/<p>/, 8,000 files each at province
// size). Linking 114,000 files one by one into the staging folder, and
// unlinking them again with the previous output, cost a province build
// 6 CPU-seconds, a third of an incremental build. Such a folder is
// instead moved, by one rename, from the previous output into the staging
// folder just before the swap; its files keep their inode and modification
// time, as linked files do.
//
// Moving takes folders out of the previous output, which must stay whole
// until the swap. So the moves happen after everything else is written,
// each is undone if the build fails before the swap, and a journal
// (beside the cache) lists them first: a build killed between the moves
// and the swap is repaired by the next build, which moves the folders
// back before anything else (recoverMoves).

// planMoves picks the folders of the previous output that can be moved
// whole: a folder (not the output's root, with no subfolder) whose files
// are exactly the pages named in pages that fall in it, each with an
// unchanged key and still the very file the cache describes. Their pages
// count as kept from now on; keep answers true for them without linking.
func (inc *incremental) planMoves(pages []string) {
	if inc == nil || inc.keys == nil || len(inc.prev) == 0 {
		return
	}
	intact := inc.intact
	if intact == nil {
		intact = intactFolders(inc.prevDir, inc.prev)
	}
	newByDir := map[string][]string{}
	for _, name := range pages {
		name = strings.TrimPrefix(name, "./")
		newByDir[path.Dir(name)] = append(newByDir[path.Dir(name)], name)
	}
	var dirs []string
	for d, names := range newByDir {
		if n, ok := intact[d]; !ok || n != len(names) || !inc.unchanged(names) {
			continue
		}
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	inc.moves = dirs
	inc.moved = make(map[string][]string, len(dirs))
	for _, d := range dirs {
		inc.moved[d] = newByDir[d]
	}
	// Telling the manifest of the moved files (114,000 at province size)
	// is done beside the rendering, not before it; recorded waits for it.
	inc.recording = make(chan struct{})
	go func() {
		defer close(inc.recording)
		for _, d := range dirs {
			for _, name := range newByDir[d] {
				inc.kept.Add(1)
				if inc.record != nil {
					inc.record(name, inc.prev[name].sum)
				}
			}
		}
	}()
}

// movedFile reports whether the file at site path name is in a folder
// moved whole (its file is the previous build's).
func (inc *incremental) movedFile(name string) bool {
	_, ok := inc.moved[path.Dir(name)]
	return ok
}

// recorded waits until the moved files are told to the manifest.
func (inc *incremental) recorded() {
	if inc != nil && inc.recording != nil {
		<-inc.recording
	}
}

// unchanged reports whether every one of names was in the previous output
// with the key it has now.
func (inc *incremental) unchanged(names []string) bool {
	for _, name := range names {
		old, ok := inc.prev[name]
		if !ok || old.key != inc.keys.For(name) {
			return false
		}
	}
	return true
}

// intactFolders returns the folders of the previous output that could
// be moved whole, with their number of files: folders (not the root,
// without subfolders, where other files could hide) that hold exactly
// the files the cache lists there, each still the very file it
// describes (sameOnDisk). It needs only the cache, so a build runs it
// while its data loads and scores (readCacheAsync), on the core loading
// leaves idle; the folders are checked in parallel, one fstatat per
// file. (A page edited by hand after this check, while the build runs,
// is kept as edited, as it would be if edited just after the build.)
func intactFolders(prevDir string, prev map[string]cacheEntry) map[string]int {
	count := map[string]int{}
	for name := range prev {
		count[path.Dir(name)]++
	}
	parents := map[string]bool{}
	for d := range count {
		for p := d; p != "." && p != "/"; {
			p = path.Dir(p)
			if parents[p] {
				break
			}
			parents[p] = true
		}
	}
	var dirs []string
	for d := range count {
		if d != "." && !parents[d] {
			dirs = append(dirs, d)
		}
	}
	ok := make([]bool, len(dirs))
	parallel.ForN(2*runtime.GOMAXPROCS(0), len(dirs), func(i int) {
		ok[i] = sameOnDisk(prevDir, prev, dirs[i], count[dirs[i]])
	})
	intact := map[string]int{}
	for i, d := range dirs {
		if ok[i] {
			intact[d] = count[d]
		}
	}
	return intact
}

// sameOnDisk reports whether the previous output's folder d holds exactly
// the n regular files the cache lists there, each still the file it
// describes (a page edited by hand is rendered again, as with links).
func sameOnDisk(prevDir string, prev map[string]cacheEntry, d string, n int) bool {
	dir, err := os.Open(filepath.Join(prevDir, filepath.FromSlash(d)))
	if err != nil {
		return false
	}
	defer dir.Close()
	entries, err := dir.ReadDir(-1)
	if err != nil || len(entries) != n {
		return false
	}
	name := append(make([]byte, 0, len(d)+64), d+"/"...)
	for _, e := range entries {
		name = append(name[:len(d)+1], e.Name()...)
		old, ok := prev[string(name)]
		if !ok || !e.Type().IsRegular() {
			return false
		}
		now, err := statIn(dir, e.Name())
		if err != nil || now.size != old.size || now.mtime != old.mtime || now.ino != old.ino {
			return false
		}
	}
	return true
}

// journalPath is where the moves of a build are listed until its swap.
func (inc *incremental) journalPath() string { return inc.cachePath + ".moves" }

// moveDirs moves the planned folders from the previous output into the
// staging folder, after listing them in the journal. A folder the staging
// folder already has (something else was written there) is linked file by
// file instead. On an error the moves done are undone.
func (inc *incremental) moveDirs() error {
	if inc == nil || len(inc.moves) == 0 {
		return nil
	}
	if err := inc.writeJournal(); err != nil {
		return err
	}
	for i, d := range inc.moves {
		from := filepath.Join(inc.prevDir, filepath.FromSlash(d))
		to := filepath.Join(inc.stageDir, filepath.FromSlash(d))
		if _, err := os.Lstat(to); err == nil {
			if err := inc.linkDir(d); err != nil {
				inc.undoMoves(i)
				return err
			}
			continue
		}
		err := os.MkdirAll(filepath.Dir(to), 0o755)
		if err == nil {
			err = os.Rename(from, to)
		}
		if err != nil {
			inc.undoMoves(i)
			return err
		}
	}
	return nil
}

// linkDir links the files of the planned folder d one by one.
func (inc *incremental) linkDir(d string) error {
	for _, name := range inc.moved[d] {
		old := inc.prev[name]
		e, err := inc.link(name, old)
		if err != nil {
			return err
		}
		e.key, e.sum = old.key, old.sum // the key is unchanged (planMoves)
		inc.mu.Lock()
		inc.next[name] = e
		inc.mu.Unlock()
	}
	return nil
}

// undoMoves moves the first n planned folders back into the previous
// output (a failed build leaves it as it was) and drops the journal.
func (inc *incremental) undoMoves(n int) {
	if inc == nil {
		return
	}
	failed := false
	for _, d := range inc.moves[:min(n, len(inc.moves))] {
		if err := moveBack(inc.stageDir, inc.prevDir, d); err != nil {
			failed = true
		}
	}
	if !failed {
		os.Remove(inc.journalPath())
	}
}

// movesDone drops the journal once the swap is done.
func (inc *incremental) movesDone() {
	if inc != nil && len(inc.moves) > 0 {
		os.Remove(inc.journalPath())
	}
}

// moveBack returns folder d from the staging folder to the output folder,
// unless the output has it (a linked folder, or the swap was done).
func moveBack(stage, out, d string) error {
	from := filepath.Join(stage, filepath.FromSlash(d))
	to := filepath.Join(out, filepath.FromSlash(d))
	if _, err := os.Lstat(to); err == nil {
		return nil
	}
	if _, err := os.Lstat(from); err != nil {
		return nil
	}
	return os.Rename(from, to)
}

const journalHeader = "kaoping moves 1"

// writeJournal lists the staging folder, the output folder and the
// folders about to move.
func (inc *incremental) writeJournal() error {
	if inc.cachePath == "" {
		return errors.New("no place for the journal of moved folders")
	}
	if err := os.MkdirAll(filepath.Dir(inc.cachePath), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(inc.journalPath(), 0o644, true, func(w *bufio.Writer) error {
		fmt.Fprintf(w, "%s\n%s\n%s\n", journalHeader, inc.stageDir, inc.prevDir)
		for _, d := range inc.moves {
			w.WriteString(d + "\n")
		}
		return nil
	})
}

// recoverMoves repairs what a build killed between its moves and its
// swap left: the folders listed in the journal go back into the output
// folder (where it does not have them), and the killed build's staging
// folder is removed. Without a journal it does nothing.
func recoverMoves(journal string) error {
	f, err := os.Open(journal)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(f)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	f.Close()
	if err := sc.Err(); err != nil {
		return err
	}
	if len(lines) < 3 || lines[0] != journalHeader {
		return fmt.Errorf("%s: not a journal of moved folders; remove it once the output folder is checked", journal)
	}
	stage, out := lines[1], lines[2]
	for _, d := range lines[3:] {
		if err := moveBack(stage, out, d); err != nil {
			return fmt.Errorf("%s: cannot move %s back into %s: %w", journal, d, out, err)
		}
	}
	if err := removeTree(stage); err != nil {
		return err
	}
	return os.Remove(journal)
}

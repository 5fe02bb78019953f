//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Tests that run the compiled kaoping as separate processes: two builds
// at once, a build killed while it holds the lock, and a build killed
// with SIGKILL at system calls of each kind (through strace).

// syncBuffer is a bytes.Buffer that a process writes while the test
// reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// proc is a kaoping process started by a test.
type proc struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	done   chan error
}

func start(t *testing.T, name string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(name, args...), stderr: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Signal(syscall.SIGCONT)
		p.cmd.Process.Kill()
		<-p.done
		p.done <- nil
	})
	return p
}

// wait waits for the process to end, at most a minute.
func (p *proc) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for Cleanup
		return err
	case <-time.After(time.Minute):
		t.Fatalf("%v did not end within a minute; stderr:\n%s", p.cmd.Args, p.stderr.String())
		return nil
	}
}

// running reports whether the process has not ended yet.
func (p *proc) running() bool {
	select {
	case err := <-p.done:
		p.done <- err
		return false
	default:
		return true
	}
}

// lockHolder returns the process id written in the lock file of out, ""
// when there is no lock file.
func lockHolder(out string) string {
	b, err := os.ReadFile(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".kaoping-lock"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// holdingLock starts a build of cfg into out and returns once the
// process holds the output's lock, stopped there (SIGSTOP) when stop
// is set. A build of the small site may end before the test sees its
// lock; it is started again, a few times.
func holdingLock(t *testing.T, bin, cfg, out string, stop bool) *proc {
	t.Helper()
	for attempt := 0; attempt < 10; attempt++ {
		p := start(t, bin, "build", "--config", cfg, "--out", out, "--quiet")
		pid := strconv.Itoa(p.cmd.Process.Pid)
		for p.running() && lockHolder(out) != pid {
			time.Sleep(200 * time.Microsecond)
		}
		if !p.running() {
			continue // done before it was seen holding the lock
		}
		if stop {
			p.cmd.Process.Signal(syscall.SIGSTOP)
			if lockHolder(out) != pid { // it let go just before it stopped
				p.cmd.Process.Signal(syscall.SIGCONT)
				p.wait(t)
				continue
			}
		}
		return p
	}
	t.Fatal("no build was seen holding the lock in 10 attempts")
	return nil
}

// filesState is one hash of the paths and contents of the files under
// dir ("" when dir does not exist): two folders with the same state hold
// the same site.
func filesState(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	files := siteFiles(t, dir)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// binBuild runs the compiled kaoping build and fails the test unless it
// succeeds.
func binBuild(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"build", "--quiet"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("kaoping build %q: %v\n%s", args, err, stderr.String())
	}
	return stderr.String()
}

// TestTwoBuildsAtOnce starts a build, holds it (SIGSTOP) while it has the
// lock, changes a data file and starts a second build into the same
// output: the second says it waits for the first, writes nothing while
// it waits, and both end with exit 0 once the first goes on; the output
// then verifies and is a clean build of the changed data.
func TestTwoBuildsAtOnce(t *testing.T) {
	bin := kaopingBinary(t)
	cfg := initSite(t)
	out := filepath.Join(t.TempDir(), "public")
	binBuild(t, bin, "--config", cfg, "--out", out)

	a := holdingLock(t, bin, cfg, out, true)
	before := filesState(t, out)
	setCell(t, cfg, "dq,120,", "dq,144,")
	b := start(t, bin, "build", "--config", cfg, "--out", out, "--quiet")
	waitMsg := fmt.Sprintf("另一个 kaoping 生成（进程 %d）正在写入该输出目录，等待它结束", a.cmd.Process.Pid)
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(b.stderr.String(), waitMsg) && b.running() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(b.stderr.String(), waitMsg) {
		t.Fatalf("the second build did not say it waits (%q); stderr:\n%s", waitMsg, b.stderr.String())
	}
	time.Sleep(300 * time.Millisecond)
	if !b.running() {
		t.Fatal("the second build ended while the first held the lock")
	}
	if filesState(t, out) != before {
		t.Error("the output changed while the first build was stopped and the second waited")
	}
	a.cmd.Process.Signal(syscall.SIGCONT)
	if err := a.wait(t); err != nil {
		t.Errorf("the first build: %v\n%s", err, a.stderr.String())
	}
	if err := b.wait(t); err != nil {
		t.Errorf("the second build: %v\n%s", err, b.stderr.String())
	}

	want := filepath.Join(t.TempDir(), "want")
	binBuild(t, bin, "--config", cfg, "--out", want)
	if filesState(t, want) == before {
		t.Fatal("the change of data did not change the site; the test proves nothing")
	}
	sameSite(t, "the output after both builds", out, want)
	verifyOK(t, "the output after both builds", out)
	if l := leftovers(t, filepath.Dir(out)); len(l) > 0 {
		t.Errorf("left beside the output: %q", l)
	}
}

// TestWaitingBuildGoesOn: a build waits for one that holds the lock and
// is killed there (SIGKILL, e.g. a hung build ended by hand): the waiting
// build then takes the lock, removes what the killed one left and ends
// with exit 0; the output verifies and is a clean build of the data.
func TestWaitingBuildGoesOn(t *testing.T) {
	bin := kaopingBinary(t)
	cfg := initSite(t)
	out := filepath.Join(t.TempDir(), "public")
	binBuild(t, bin, "--config", cfg, "--out", out)

	a := holdingLock(t, bin, cfg, out, true)
	setCell(t, cfg, "dq,120,", "dq,177,")
	b := start(t, bin, "build", "--config", cfg, "--out", out, "--quiet")
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(b.stderr.String(), "等待它结束") && b.running() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(b.stderr.String(), "等待它结束") || !b.running() {
		t.Fatalf("the second build is not waiting; stderr:\n%s", b.stderr.String())
	}
	a.cmd.Process.Kill()
	a.wait(t)
	if err := b.wait(t); err != nil {
		t.Fatalf("the waiting build after the holder was killed: %v\n%s", err, b.stderr.String())
	}
	want := filepath.Join(t.TempDir(), "want")
	binBuild(t, bin, "--config", cfg, "--out", want)
	sameSite(t, "the output", out, want)
	verifyOK(t, "the output", out)
	if l := leftovers(t, filepath.Dir(out)); len(l) > 0 {
		t.Errorf("left beside the output: %q", l)
	}
}

// TestStaleLock: a build killed (SIGKILL) while it holds the lock leaves
// its lock file, which does not hold up the next build: that one neither
// waits nor fails, removes the file and what the killed build left, and
// its output verifies.
func TestStaleLock(t *testing.T) {
	bin := kaopingBinary(t)
	cfg := initSite(t)
	out := filepath.Join(t.TempDir(), "public")
	binBuild(t, bin, "--config", cfg, "--out", out)

	a := holdingLock(t, bin, cfg, out, false)
	a.cmd.Process.Kill()
	a.wait(t)
	if lockHolder(out) != strconv.Itoa(a.cmd.Process.Pid) {
		t.Fatalf("the killed build left no lock file naming it (%q); the test proves nothing", lockHolder(out))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "build", "--config", cfg, "--out", out, "--quiet")
	stderr, err := cmd.CombinedOutput()
	if err != nil || ctx.Err() != nil {
		t.Fatalf("the build after a killed one: %v %v\n%s", err, ctx.Err(), stderr)
	}
	if strings.Contains(string(stderr), "等待") {
		t.Errorf("the build waited for the lock of a killed process:\n%s", stderr)
	}
	if l := leftovers(t, filepath.Dir(out)); len(l) > 0 {
		t.Errorf("left beside the output: %q", l)
	}
	verifyOK(t, "the output", out)
}

// strace finds strace and checks that it can trace here; without it the
// test is skipped, or fails when KAOPING_BROWSER_TESTS=required (CI).
func straceOrSkip(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("strace")
	if err == nil {
		var out []byte
		if out, err = exec.Command(path, "-f", "-o", "/dev/null", "true").CombinedOutput(); err != nil {
			err = fmt.Errorf("strace cannot trace here (%v: %s)", err, bytes.TrimSpace(out))
		}
	} else {
		err = errors.New("strace is not installed (apt-get install strace)")
	}
	if err != nil {
		if os.Getenv("KAOPING_BROWSER_TESTS") == "required" {
			t.Fatalf("the kill harness is required (KAOPING_BROWSER_TESTS=required) but %v", err)
		}
		t.Skipf("kill harness skipped: %v", err)
	}
	return path
}

// killKinds are the kinds of system call a build is killed at: each a
// strace syscall set.
var killKinds = []struct{ name, set string }{
	{"rename", "rename,renameat,renameat2"},
	{"unlink", "unlink,unlinkat,rmdir"},
	{"write", "write,pwrite64"},
	{"openat", "open,openat,creat"},
	{"mkdir", "mkdir,mkdirat"},
}

// callCounts traces a build once and returns, per kind, the most calls
// of one system call of the set that one thread made (strace counts
// per thread and per call when it injects), and for openat the ordinal,
// on its thread, of the first open that creates a file (the lock file,
// once config and data are read).
func callCounts(t *testing.T, strace, bin string, args ...string) (most map[string]int, firstCreate int) {
	t.Helper()
	var sets []string
	kindOf := map[string]string{}
	for _, k := range killKinds {
		sets = append(sets, k.set)
		for _, s := range strings.Split(k.set, ",") {
			kindOf[s] = k.name
		}
	}
	log := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(strace, append([]string{"-f", "-qq", "-o", log, "-e", "trace=" + strings.Join(sets, ","), bin}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tracing a build: %v\n%s", err, out)
	}
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	call := regexp.MustCompile(`^(\d+) +([a-z0-9_]+)\(`)
	perThread := map[string]int{} // tid + call -> calls so far
	most = map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := call.FindStringSubmatch(sc.Text())
		if m == nil || kindOf[m[2]] == "" {
			continue // a resumed call, a signal, an exit
		}
		key := m[1] + " " + m[2]
		perThread[key]++
		n := perThread[key]
		kind := kindOf[m[2]]
		most[kind] = max(most[kind], n)
		if kind == "openat" && strings.Contains(sc.Text(), "O_CREAT") && firstCreate == 0 {
			firstCreate = n // the lock file, on the main thread
		}
	}
	return most, firstCreate
}

// TestKillHarness kills a build with SIGKILL at system calls of each kind
// (rename, unlink, write, open, mkdir), at the first, a middle and the
// last call of a traced build (strace inject ... signal=SIGKILL:when=N),
// over an existing site of other data and into no output at all. After
// each kill the output is the old complete site or the new complete one
// (it verifies, and its files are those of one of the two); the next
// build then succeeds without waiting, leaves nothing beside the output,
// and its output verifies and is the new site. Under -short, one point
// per kind.
func TestKillHarness(t *testing.T) {
	strace := straceOrSkip(t)
	bin := kaopingBinary(t)
	cfg := initSite(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build := []string{"build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"}

	// The old site, kept aside to put back before each kill, and the new
	// one, built clean elsewhere.
	oldCopy := filepath.Join(t.TempDir(), "old")
	binBuild(t, bin, "--config", cfg, "--out", oldCopy, "--no-bundles")
	setCell(t, cfg, "dq,120,", "dq,155,")
	newCopy := filepath.Join(t.TempDir(), "new")
	binBuild(t, bin, "--config", cfg, "--out", newCopy, "--no-bundles")
	oldState, newState := filesState(t, oldCopy), filesState(t, newCopy)
	if oldState == newState {
		t.Fatal("the old and the new site are the same; the test proves nothing")
	}

	type outcome struct{ killed, old, new, none, leftNew, leftLock int }
	for _, scenario := range []string{"over an old site", "no output yet"} {
		t.Run(scenario, func(t *testing.T) {
			reset := func() {
				t.Helper()
				if err := os.RemoveAll(out); err != nil {
					t.Fatal(err)
				}
				if scenario == "over an old site" {
					if err := os.CopyFS(out, os.DirFS(oldCopy)); err != nil {
						t.Fatal(err)
					}
				}
			}
			reset()
			most, firstCreate := callCounts(t, strace, bin, build...)
			reset()
			var got outcome
			for _, kind := range killKinds {
				m := most[kind.name]
				if m == 0 {
					if kind.name == "rename" || kind.name == "write" || kind.name == "openat" || kind.name == "mkdir" || scenario == "over an old site" {
						t.Errorf("a build made no %s call; the harness kills at nothing", kind.name)
					}
					continue
				}
				first := 1
				if kind.name == "openat" && firstCreate > 0 {
					first = firstCreate
				}
				points := []int{first, max(first, m/2), m}
				if testing.Short() {
					points = []int{max(first, m/2)}
					if kind.name == "rename" || kind.name == "unlink" {
						points = []int{1} // the swap itself, and the first removal after it
					}
				}
				points = dedupe(points)
				for i, n := range points {
					what := fmt.Sprintf("%s call %d (of at most %d on a thread)", kind.name, n, m)
					killed := killAt(t, strace, bin, kind.set, n, build)
					if killed {
						got.killed++
					} else if i == 0 {
						t.Errorf("%s: the build was not killed at its first call of the kind", what)
					}
					// The output is one whole site: the old or the new.
					left := leftovers(t, parent)
					st := filesState(t, out)
					t.Logf("%s: killed %v, output %s, left %q", what, killed, map[string]string{oldState: "old", newState: "new", "": "none"}[st], left)
					switch {
					case st == newState:
						got.new++
						verifyOK(t, what+", the output after the kill", out)
					case st == oldState && scenario == "over an old site":
						got.old++
						verifyOK(t, what+", the output after the kill", out)
					case st == "" && scenario == "no output yet":
						got.none++
						if _, err := os.Lstat(out); err == nil {
							t.Errorf("%s: an output that is not a folder of files is left", what)
						}
					default:
						t.Errorf("%s: after the kill the output is neither the old site nor the new one: %d files", what, len(siteFiles(t, out)))
					}
					for _, name := range left {
						if strings.Contains(name, ".kaoping-new-") {
							got.leftNew++
						} else {
							got.leftLock++
						}
					}
					// The next build puts everything right.
					ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
					stderr, err := exec.CommandContext(ctx, bin, build...).CombinedOutput()
					cancel()
					if err != nil {
						t.Fatalf("%s: the build after the kill: %v\n%s", what, err, stderr)
					}
					if strings.Contains(string(stderr), "等待") {
						t.Errorf("%s: the build after the kill waited for a lock:\n%s", what, stderr)
					}
					if names := dirNamesOf(t, parent); strings.Join(names, ",") != "public" {
						t.Errorf("%s: beside the output after the next build: %q, want only public", what, names)
					}
					if filesState(t, out) != newState {
						t.Errorf("%s: the next build's output is not the new site", what)
					}
					verifyOK(t, what+", the output of the next build", out)
					reset()
				}
			}
			t.Logf("%d kills: output old %d, new %d, none %d; left a build folder %d times, a lock file %d times",
				got.killed, got.old, got.new, got.none, got.leftNew, got.leftLock)
			// The harness must reach both sides of the swap, and leave
			// what an interrupted build leaves for the next to remove.
			if scenario == "over an old site" && (got.old == 0 || got.new == 0) {
				t.Errorf("no kill left the old site (%d) or none left the new one (%d): the swap was not bracketed", got.old, got.new)
			}
			if got.leftNew == 0 || got.leftLock == 0 {
				t.Errorf("no kill left a build folder (%d) or a lock file (%d) for the next build to remove", got.leftNew, got.leftLock)
			}
		})
	}
}

// killAt runs the build under strace, which sends SIGKILL when a thread
// enters its n-th call of one of the set; it reports whether the build
// was killed (a late n may not be reached: the calls are counted per
// thread, and the threads share the work differently each time).
func killAt(t *testing.T, strace, bin, set string, n int, build []string) bool {
	t.Helper()
	args := append([]string{"-f", "-qq", "-o", "/dev/null", "-e", fmt.Sprintf("inject=%s:signal=SIGKILL:when=%d", set, n), bin}, build...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, strace, args...).CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("strace %q did not end within a minute", args)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && (ws.Signaled() && ws.Signal() == syscall.SIGKILL || ws.ExitStatus() == 137) {
			return true
		}
	}
	if err != nil {
		t.Fatalf("strace %q: %v\n%s", args, err, out)
	}
	return false
}

func dedupe(xs []int) []int {
	var out []int
	seen := map[int]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// TestSwapWithoutExchange: where the file system cannot exchange two
// folders in one step (renameat2 fails, here by strace's injection),
// the build swaps with two renames; killed between them, the previous
// site waits aside whole (.public.kaoping-new-*-old, it verifies) and the
// next build puts the new one in place and removes it.
func TestSwapWithoutExchange(t *testing.T) {
	strace := straceOrSkip(t)
	bin := kaopingBinary(t)
	cfg := initSite(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build := []string{"build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"}
	binBuild(t, bin, build[1:]...)
	old := filesState(t, out)
	setCell(t, cfg, "dq,120,", "dq,166,")

	// No exchange, no kill: the two renames do it.
	args := append([]string{"-f", "-qq", "-o", "/dev/null", "-e", "inject=renameat2:error=EINVAL", bin}, build...)
	if out, err := exec.Command(strace, args...).CombinedOutput(); err != nil {
		t.Fatalf("a build without exchange: %v\n%s", err, out)
	}
	newState := filesState(t, out)
	if newState == old {
		t.Fatal("the build without exchange did not replace the output")
	}
	verifyOK(t, "after a build without exchange", out)
	if names := dirNamesOf(t, parent); strings.Join(names, ",") != "public" {
		t.Errorf("beside the output: %q", names)
	}

	// Killed between the renames: the output moved aside, the new site
	// not yet in place.
	setCell(t, cfg, "dq,166,", "dq,167,")
	args = append([]string{"-f", "-qq", "-o", "/dev/null", "-e", "inject=renameat2:error=EINVAL", "-e", "inject=renameat:signal=SIGKILL:when=2", bin}, build...)
	exec.Command(strace, args...).Run()
	var aside string
	for _, name := range dirNamesOf(t, parent) {
		if strings.HasSuffix(name, "-old") {
			aside = filepath.Join(parent, name)
		}
	}
	if _, err := os.Stat(out); err == nil || aside == "" {
		t.Fatalf("the kill did not fall between the two renames (output there: %v, aside: %q); names %q", err == nil, aside, dirNamesOf(t, parent))
	}
	if filesState(t, aside) != newState {
		t.Error("the site put aside is not the previous one")
	}
	verifyOK(t, "the site put aside", aside)
	binBuild(t, bin, build[1:]...)
	if names := dirNamesOf(t, parent); strings.Join(names, ",") != "public" {
		t.Errorf("beside the output after the next build: %q", names)
	}
	verifyOK(t, "after the next build", out)
	if filesState(t, out) == newState {
		t.Error("the next build did not write the new data")
	}
}

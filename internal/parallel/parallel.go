// Package parallel runs independent pieces of work on every core: a
// province build has two, and a stage that leaves one idle doubles its
// share of an incremental build.
package parallel

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// For calls f(0), …, f(n-1), from one worker per core (GOMAXPROCS), each
// taking the next index when it is done with one; it returns once every
// call has.
func For(n int, f func(i int)) { ForN(runtime.GOMAXPROCS(0), n, f) }

// ForN is For with the given number of workers: more than the cores for
// work that mostly waits on the disk.
func ForN(workers, n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// Sort sorts s in place: a large slice (the 140,000 paths of a province
// site) in two halves at once, then merged.
func Sort(s []string) {
	if len(s) < 1<<13 {
		slices.Sort(s)
		return
	}
	half := len(s) / 2
	Do(func() { slices.Sort(s[:half]) }, func() { slices.Sort(s[half:]) })
	merged := make([]string, 0, len(s))
	a, b := s[:half], s[half:]
	for len(a) > 0 && len(b) > 0 {
		if b[0] < a[0] {
			merged, b = append(merged, b[0]), b[1:]
		} else {
			merged, a = append(merged, a[0]), a[1:]
		}
	}
	copy(s, append(append(merged, a...), b...))
}

// Do runs f and g at once and returns when both have.
func Do(f, g func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		g()
	}()
	f()
	<-done
}

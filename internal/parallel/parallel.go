// Package parallel runs independent pieces of work on every core: a
// province build has two, and a stage that leaves one idle doubles its
// share of an incremental build.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0), …, f(n-1), from one worker per core (GOMAXPROCS), each
// taking the next index when it is done with one; it returns once every
// call has.
func For(n int, f func(i int)) { ForN(runtime.GOMAXPROCS(0), n, f) }

// Workers is For with a state per worker, made by newState when the
// worker starts and handed to each of its calls of f.
func Workers[S any](n int, newState func() S, f func(state S, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			state := newState()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(state, i)
			}
		}()
	}
	wg.Wait()
}

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

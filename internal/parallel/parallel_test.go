package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestForCallsEachIndexOnce: every index is called exactly once, for any
// number of workers, and For returns only after the last call.
func TestForCallsEachIndexOnce(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		for _, n := range []int{0, 1, 5, 1000} {
			calls := make([]atomic.Int32, n)
			ForN(workers, n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("%d workers, n=%d: index %d called %d times", workers, n, i, c)
				}
			}
		}
	}
}

// TestWorkers: every index is done once, each by a worker holding its own
// state, and there are no more states than workers.
func TestWorkers(t *testing.T) {
	const n = 1000
	var done [n]atomic.Int32
	var states atomic.Int32
	Workers(n, func() *int { states.Add(1); return new(int) }, func(s *int, i int) {
		*s++ // a state is never shared: no race here (go test -race)
		done[i].Add(1)
	})
	for i := range done {
		if got := done[i].Load(); got != 1 {
			t.Fatalf("index %d done %d times", i, got)
		}
	}
	if s := states.Load(); s < 1 || int(s) > runtime.GOMAXPROCS(0) {
		t.Errorf("%d states for %d workers", s, runtime.GOMAXPROCS(0))
	}
}

package parallel

import (
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

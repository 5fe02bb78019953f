package parallel

import (
	"slices"
	"strconv"
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

// TestSort: small and large slices (sorted in halves and merged), with
// duplicates, end up as slices.Sort leaves them.
func TestSort(t *testing.T) {
	for _, n := range []int{0, 1, 100, 1<<13 - 1, 1 << 13, 1<<13 + 1, 50001} {
		s := make([]string, n)
		for i := range s {
			s[i] = strconv.Itoa((i * 7919) % (n/2 + 1)) // shuffled, with duplicates
		}
		want := slices.Clone(s)
		slices.Sort(want)
		Sort(s)
		if !slices.Equal(s, want) {
			t.Fatalf("n=%d: not sorted as slices.Sort sorts", n)
		}
	}
}

func TestDoRunsBoth(t *testing.T) {
	var f, g bool
	Do(func() { f = true }, func() { g = true })
	if !f || !g {
		t.Errorf("f ran: %v, g ran: %v", f, g)
	}
}

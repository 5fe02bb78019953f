//go:build unix

package cputime

import "testing"

// TestProcess checks that busy work advances the process CPU time.
func TestProcess(t *testing.T) {
	start := Process()
	x := 0.0
	for i := range 50_000_000 {
		x += float64(i % 7)
	}
	if d := Process() - start; start <= 0 || d <= 0 || x == 0 {
		t.Errorf("CPU time %v, then advanced by %v over a busy loop", start, d)
	}
}

//go:build unix

package synth

import "testing"

// TestProcessCPUTime checks that busy work advances the process CPU time.
func TestProcessCPUTime(t *testing.T) {
	start := ProcessCPUTime()
	x := 0.0
	for i := range 50_000_000 {
		x += float64(i % 7)
	}
	if d := ProcessCPUTime() - start; start <= 0 || d <= 0 || x == 0 {
		t.Errorf("CPU time %v, then advanced by %v over a busy loop", start, d)
	}
}

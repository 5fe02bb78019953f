//go:build !unix

package synth

import "time"

// ProcessCPUTime returns 0: this platform's CPU time is not read here.
func ProcessCPUTime() time.Duration { return 0 }

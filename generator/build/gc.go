package build

import (
	"os"
	"runtime/debug"
)

// renderMemoryLimit caps the heap while a build renders, so that a
// province (140,000 pages) stays well under 2 GiB.
const renderMemoryLimit = 1536 << 20

// tuneGC makes the garbage collector run less often during a build: the
// heap is the loaded model plus short-lived page data, and collecting it at
// Go's default pace (each time the heap doubles) cost a tenth of the
// build. The collector then runs when the heap grows fivefold or nears
// renderMemoryLimit, whichever comes first. GOGC or GOMEMLIMIT set in the
// environment win. It returns the function that restores the settings.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(renderMemoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

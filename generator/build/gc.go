package build

import (
	"os"
	"runtime/debug"
)

// renderMemoryLimit caps the heap while a build renders, so that a
// province (140,000 pages) stays well under 2 GiB.
const renderMemoryLimit = 1536 << 20

// tuneGC makes the garbage collector run less often during a build: the
// heap is the loaded model plus short-lived page data, and a province's
// model is large enough that collecting at Go's default pace (each time
// the heap doubles) costs a tenth of its build. The collector runs when
// the heap triples or nears renderMemoryLimit, whichever comes first; a
// laxer pace (fivefold) made smaller sites slower, their page data then
// landing in fresh memory the kernel has to fault in. GOGC or GOMEMLIMIT
// set in the environment win. It returns what restores the settings.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(200)
	limit := debug.SetMemoryLimit(renderMemoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

package build

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"kaoping/internal/cputime"
)

// Developer switches, read from the environment (docs/PERFORMANCE.md):
//
//   - KAOPING_TRACE=1 prints the wall and CPU time of each stage of a
//     build to stderr, to see where a slow build spends its time and
//     which stages leave a core idle;
//   - KAOPING_CPUPROFILE=FILE writes a CPU profile of the build to FILE,
//     for go tool pprof.
var (
	traceOn      = os.Getenv("KAOPING_TRACE") != ""
	traceLast    time.Time
	traceLastCPU time.Duration
)

// traceStart starts the stage clock of a build.
func traceStart() { traceLast, traceLastCPU = time.Now(), cputime.Process() }

// trace prints the time since the previous stage ended, when tracing.
func trace(stage string) {
	if !traceOn {
		return
	}
	now, cpu := time.Now(), cputime.Process()
	fmt.Fprintf(os.Stderr, "kaoping trace: %-18s %6.2f s wall %6.2f s CPU\n", stage, now.Sub(traceLast).Seconds(), (cpu - traceLastCPU).Seconds())
	traceLast, traceLastCPU = now, cpu
}

// startProfile starts a CPU profile into the file KAOPING_CPUPROFILE
// names, if any, and returns what stops it.
func startProfile() (stop func()) {
	path := os.Getenv("KAOPING_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kaoping: KAOPING_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "kaoping: KAOPING_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

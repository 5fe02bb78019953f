// Package cputime reads the CPU time the process has used, for the
// benchmarks and the build trace (KAOPING_TRACE).
package cputime

// Package synth generates synthetic site data in the shape a case
// management office sends: entities.csv and per-period files of counts.
// It holds the value model shared by the demo (cmd/gendemo) and the
// size generator used for benchmarks (cmd/gensite, WriteSite).
//
// Everything is deterministic: one PCG source, a fixed order of draws and
// no clock, so the same arguments give byte-identical files.
package synth

import "math/rand/v2"

// RNG is a generator's only source of randomness.
type RNG struct{ *rand.Rand }

// NewRNG returns a PCG source seeded with (seed1, seed2).
func NewRNG(seed1, seed2 uint64) *RNG { return &RNG{rand.New(rand.NewPCG(seed1, seed2))} }

// Nz returns normal noise with standard deviation sd.
func (r *RNG) Nz(sd float64) float64 { return r.NormFloat64() * sd }

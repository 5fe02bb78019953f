package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
)

// nearValues returns n values full of exact ties and of differences
// around eps, where the tolerance makes "equal" not transitive.
func nearValues(rng *rand.Rand, n int) []float64 {
	vs := make([]float64, n)
	for i := range vs {
		vs[i] = float64(rng.IntN(5)) + float64(rng.IntN(4))*0.6e-9
		if rng.IntN(10) == 0 {
			vs[i] = math.Copysign(0, -1) // −0 ties with 0
		}
	}
	return vs
}

// TestRankValuesMatchStableSort: indicator ranks equal those of the
// former sort.SliceStable on the value alone.
func TestRankValuesMatchStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + rng.IntN(60)
		vs := nearValues(rng, n)
		for _, sign := range []string{"higher", "lower", ""} {
			for _, method := range []string{"rank", "direct"} {
				ind := &config.Indicator{Direction: sign, Method: method}
				r := &indicatorRun{ind: ind, sign: ind.Sign(), v: vs, scores: make([]*IndicatorScore, n)}
				for k := range n {
					r.scores[k] = &IndicatorScore{}
					if rng.IntN(5) > 0 {
						r.have = append(r.have, k)
					}
				}
				r.rankValues()
				want := refRanks(r)
				for k, sc := range r.scores {
					if sc.Rank != want[k] {
						t.Fatalf("trial %d, %q %s: member %d rank %d, want %d (values %v)", trial, sign, method, k, sc.Rank, want[k], vs)
					}
				}
			}
		}
	}
}

// refRanks is the former rankValues.
func refRanks(r *indicatorRun) []int {
	ranks := make([]int, len(r.scores))
	sgn := r.sign
	if sgn == 0 {
		sgn = 1
	}
	order := append([]int(nil), r.have...)
	sort.SliceStable(order, func(a, b int) bool { return sgn*r.v[order[a]] > sgn*r.v[order[b]] })
	rank := 0
	for i, k := range order {
		if i == 0 || math.Abs(r.v[k]-r.v[order[i-1]]) > eps {
			rank = i + 1
		}
		ranks[k] = rank
	}
	if r.sign == 0 && r.ind.Method != "rank" {
		for _, k := range order {
			ranks[k] = 0
		}
	}
	return ranks
}

// TestRankEntitiesMatchStableSort: the order and ranks of members equal
// those of the former sort.SliceStable, even where totals within eps make
// the comparison not transitive.
func TestRankEntitiesMatchStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	s := &config.Scheme{TieBreak: []string{"q"}}
	for trial := range 300 {
		n := 1 + rng.IntN(80)
		totals, qs := nearValues(rng, n), nearValues(rng, n)
		mk := func() []*EntityResult {
			rs := make([]*EntityResult, n)
			for i := range rs {
				rs[i] = &EntityResult{
					Entity:     &dataset.Entity{ID: fmt.Sprintf("e%02d", (i*7)%n)},
					Total:      totals[i],
					Vetoed:     i%11 == 3,
					Categories: map[string]float64{"q": qs[i]},
				}
			}
			return rs
		}
		got, want := mk(), mk()
		rankEntities(s, got)
		sort.SliceStable(want, func(i, j int) bool {
			if c := compareEntities(s, want[i], want[j]); c != 0 {
				return c < 0
			}
			return want[i].Entity.ID < want[j].Entity.ID
		})
		for i := range got {
			if got[i].Total != want[i].Total || got[i].Entity.ID != want[i].Entity.ID || got[i].Categories["q"] != want[i].Categories["q"] {
				t.Fatalf("trial %d: position %d is %s (%v), want %s (%v)", trial, i, got[i].Entity.ID, got[i].Total, want[i].Entity.ID, want[i].Total)
			}
		}
	}
}

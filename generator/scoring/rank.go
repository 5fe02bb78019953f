package scoring

import (
	"math"
	"slices"
	"strings"

	"kaoping/generator/config"
)

// compareEntities orders two members by the rank keys of SPEC §6: not
// vetoed before vetoed, total highest first, then the tie_break category
// subtotals highest first, in order. Values within eps are equal. It
// returns 0 when every key is equal.
func compareEntities(s *config.Scheme, a, b *EntityResult) int {
	if a.Vetoed != b.Vetoed {
		if b.Vetoed {
			return -1
		}
		return 1
	}
	if c := cmpDesc(a.Total, b.Total); c != 0 {
		return c
	}
	for _, cat := range s.TieBreak {
		if c := cmpDesc(a.Categories[cat], b.Categories[cat]); c != 0 {
			return c
		}
	}
	return 0
}

// cmpDesc compares for a highest-first order with tolerance eps.
func cmpDesc(x, y float64) int {
	switch {
	case math.Abs(x-y) <= eps:
		return 0
	case x > y:
		return -1
	}
	return 1
}

// rankEntities sorts the members by rank then id and sets Rank: members
// equal on every key share a rank and the next rank skips (1, 2, 2, 4).
func rankEntities(s *config.Scheme, rs []*EntityResult) {
	// slices.SortStableFunc runs the same merge sort as sort.SliceStable
	// (same comparisons, same order even though eps makes ties not
	// transitive), without its reflection.
	slices.SortStableFunc(rs, func(a, b *EntityResult) int {
		if c := compareEntities(s, a, b); c != 0 {
			return c
		}
		return strings.Compare(a.Entity.ID, b.Entity.ID)
	})
	for i, r := range rs {
		if i > 0 && compareEntities(s, rs[i-1], r) == 0 {
			r.Rank = rs[i-1].Rank
		} else {
			r.Rank = i + 1
		}
	}
}

// assignGrades gives each ranked member its grade (SPEC §6 "Grades").
// n = |G|. Grade k's share condition holds when r ≤ floor(n·S_k + 1e-9),
// S_k the sum of the shares of grades 1..k (a grade without share adds 0
// and has no share condition); its min_score condition when total ≥
// min_score. The first grade whose conditions all hold is taken, and the
// last grade takes everyone left. A vetoed member gets the worse of that
// and each hit veto's grade (default: the last grade). No grades: "".
func assignGrades(s *config.Scheme, rs []*EntityResult) {
	if len(s.Grades) == 0 {
		return
	}
	last := len(s.Grades) - 1
	n := float64(len(rs))
	limits := make([]int, len(s.Grades)) // rank limit of each grade's share condition; -1: none
	cum := 0.0
	for k, g := range s.Grades {
		limits[k] = -1
		if g.Share != nil {
			cum += *g.Share
			limits[k] = int(math.Floor(n*cum + 1e-9))
		}
	}
	vetoGrade := map[string]int{}
	for _, v := range s.Vetoes {
		vetoGrade[v.ID] = gradeIndex(s, v.Grade, last)
	}
	for _, r := range rs {
		k := last
		for i, g := range s.Grades[:last] {
			if limits[i] >= 0 && r.Rank > limits[i] {
				continue
			}
			if g.MinScore != nil && r.Total < *g.MinScore {
				continue
			}
			k = i
			break
		}
		if r.Vetoed {
			for _, id := range r.Vetoes {
				k = max(k, vetoGrade[id])
			}
		}
		r.Grade = s.Grades[k].Name
	}
}

// gradeIndex returns the index of the grade named name, or def when the
// name is empty or unknown (config.Load reports an unknown name).
func gradeIndex(s *config.Scheme, name string, def int) int {
	if strings.TrimSpace(name) == "" {
		return def
	}
	for i, g := range s.Grades {
		if g.Name == name {
			return i
		}
	}
	return def
}

// RankChanges sets RankChange on every entity of cur: its rank in prev
// minus its rank now (positive = moved up), or nil when it was not ranked
// in prev. Entities are matched by id whatever their group, so an entity
// that changed peer group compares its rank in the old group with its
// rank in the new one. A nil prev clears every RankChange.
func RankChanges(cur, prev *Result) {
	var before map[string]int
	if prev != nil {
		n := 0
		for _, g := range prev.Groups {
			n += len(g.Entities)
		}
		before = make(map[string]int, n)
		for _, g := range prev.Groups {
			for _, r := range g.Entities {
				before[r.Entity.ID] = r.Rank
			}
		}
	}
	for _, g := range cur.Groups {
		for _, r := range g.Entities {
			r.RankChange = nil
			if p, ok := before[r.Entity.ID]; ok {
				d := p - r.Rank
				r.RankChange = &d
			}
		}
	}
}

package publish

import (
	"encoding/json"
	"math"
	"path/filepath"
	"sort"

	"kaoping/generator/diag"
	"kaoping/internal/inputfile"
)

// Correction is one amendment of a published period, as the period's
// pages show it (更正说明): when, why, and per scheme the entities whose
// rank or total changed.
type Correction struct {
	Period  string
	Version int // the amended version (2 for the first correction)
	Date    string
	Reason  string
	Schemes []SchemeChange // schemes whose results changed, by scheme id
}

// SchemeChange is what one correction changed in one scheme's results.
type SchemeChange struct {
	Scheme string
	Rows   []RowChange // in the order of the new ranking, then removed entities
}

// RowChange is one entity whose rank or total changed. Old or New is nil
// when the entity was not ranked in that version.
type RowChange struct {
	Entity, Name string
	Group        string
	Old, New     *Standing
}

// Standing is an entity's rank and total in one version.
type Standing struct {
	Rank  int
	Total float64
}

// resultFile is the part of the results JSON (SPEC §7) a diff needs.
type resultFile struct {
	Groups []struct {
		ID       string `json:"id"`
		Entities []struct {
			ID    string  `json:"id"`
			Name  string  `json:"name"`
			Rank  int     `json:"rank"`
			Total float64 `json:"total"`
		} `json:"entities"`
	} `json:"groups"`
}

// Corrections lists every amendment of every published period, by period
// id, oldest first, reading the kept results of consecutive versions of
// the publication in force: a withdrawn period has none, and a period
// published again after a withdrawal shows only the corrections since. A
// kept file that is missing or unreadable is a warning (Verify makes it
// an error before); that scheme's table is then left out of the notice.
func (r *Record) Corrections() (map[string][]Correction, diag.List) {
	var warnings diag.List
	out := map[string][]Correction{}
	for _, p := range r.Periods {
		vs := p.Publication()
		for i := 1; i < len(vs); i++ {
			prev, v := vs[i-1], vs[i]
			c := Correction{Period: p.ID, Version: v.N, Date: v.Date, Reason: v.Reason}
			schemes := map[string]bool{}
			for s := range prev.Results {
				schemes[s] = true
			}
			for s := range v.Results {
				schemes[s] = true
			}
			ids := make([]string, 0, len(schemes))
			for s := range schemes {
				if prev.Results[s] != v.Results[s] {
					ids = append(ids, s)
				}
			}
			sort.Strings(ids)
			for _, s := range ids {
				old, err1 := r.readVersion(p.ID, prev.N, s, prev.Results[s] != "")
				now, err2 := r.readVersion(p.ID, v.N, s, v.Results[s] != "")
				if err := firstErr(err1, err2); err != nil {
					warnings.Warnf(r.Pos(p.ID), "无法读取考核期 %s 已公示的结果（%v），更正说明中不列出方案 %s 的变化",
						"cannot read the published results of period %s (%v); the correction notice leaves out the changes of scheme %s", p.ID, err, s)
					continue
				}
				c.Schemes = append(c.Schemes, SchemeChange{Scheme: s, Rows: diffRows(old, now)})
			}
			out[p.ID] = append(out[p.ID], c)
		}
	}
	return out, warnings
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// readVersion reads the kept results of a scheme; an absent scheme
// (exists false) is an empty result.
func (r *Record) readVersion(period string, n int, scheme string, exists bool) (*resultFile, error) {
	if !exists {
		return &resultFile{}, nil
	}
	b, err := inputfile.Read(filepath.Join(r.dataDir, filepath.FromSlash(VersionFile(period, n, scheme))))
	if err != nil {
		return nil, err
	}
	var f resultFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// diffRows lists the entities whose rank or total differ between old and
// now (totals within 1e-9 are equal, as in ranking), in the order of now,
// then those only in old.
func diffRows(old, now *resultFile) []RowChange {
	type entry struct {
		name, group string
		s           Standing
	}
	index := func(f *resultFile) (map[string]entry, []string) {
		m := map[string]entry{}
		var order []string
		for _, g := range f.Groups {
			for _, e := range g.Entities {
				if _, dup := m[e.ID]; !dup {
					order = append(order, e.ID)
				}
				m[e.ID] = entry{e.Name, g.ID, Standing{e.Rank, e.Total}}
			}
		}
		return m, order
	}
	om, oorder := index(old)
	nm, norder := index(now)
	var rows []RowChange
	for _, id := range norder {
		n := nm[id]
		o, had := om[id]
		if had && o.s.Rank == n.s.Rank && math.Abs(o.s.Total-n.s.Total) <= 1e-9 {
			continue
		}
		row := RowChange{Entity: id, Name: n.name, Group: n.group, New: &Standing{n.s.Rank, n.s.Total}}
		if had {
			row.Old = &Standing{o.s.Rank, o.s.Total}
		}
		rows = append(rows, row)
	}
	for _, id := range oorder {
		if _, ok := nm[id]; !ok {
			o := om[id]
			rows = append(rows, RowChange{Entity: id, Name: o.name, Group: o.group, Old: &Standing{o.s.Rank, o.s.Total}})
		}
	}
	return rows
}

package dataset

import (
	"math"
	"testing"

	"kaoping/generator/diag"
)

// FuzzReadPeriodCSV feeds arbitrary bytes to the period CSV reader. It must
// never panic; every value it keeps must be finite and ≥ 0 and belong to a
// known entity; every problem must name the file, and every problem about
// a row must name its line.
func FuzzReadPeriodCSV(f *testing.F) {
	for _, seed := range []string{
		"entity,cases,closed\na1,1,2\nb,,3.5\n",
		"编号,受理案件数\na1,12\n",
		"\ufeffentity,cases\na1,1\na1,2\n",
		"entity,cases\na1,\"1\n\"\nzz,1\n",
		"entity,cases,\na1,-1,x\n",
		"entity,Cases\n",
		"entity,cases\na1,1e3\nb,1,234\n",
		"\xb1\xe0\xba\xc5,cases\na1,1\n", // 编号 in GB18030
		"\xff\xfe\x00",
		"entity,\"cases\na1,1\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	es := NewEntities([]*Entity{
		{ID: "city", Kind: "city"},
		{ID: "a1", Kind: "procuratorate", Parent: "city", Order: 1},
		{ID: "b", Kind: "procuratorate", Parent: "city", Order: 2},
	})
	names := fieldNames{"受理案件数": "cases", "cases": "cases"}
	const file = "data/periods/2024-Q1.csv"
	f.Fuzz(func(t *testing.T, data []byte) {
		var l diag.List
		g := newGrid(es)
		pr := newPeriodReader(names, entityLookup{es: es}, g, &l)
		fs := &fileState{file: file}
		readCSV(data, file, &l, func(r *row) bool { return pr.readRow(fs, r) })
		own := pr.own()
		if len(g.ids) != len(es.All) || len(own) != len(g.ids)*len(g.fields) {
			t.Errorf("grid %d × %d for %d values; want a row per entity", len(g.ids), len(g.fields), len(own))
		}
		for i, v := range own {
			if !math.IsNaN(v) && (math.IsInf(v, 0) || v < 0) {
				t.Errorf("%s.%s = %v", g.ids[i/len(g.fields)], g.fields[i%len(g.fields)], v)
			}
		}
		for _, p := range l {
			if p.Pos.File != file || p.ZH == "" || p.EN == "" {
				t.Errorf("problem without file or text: %+v", p)
			}
			if p.Pos.Line == 0 && p.Pos.Col != 0 {
				t.Errorf("column without line: %+v", p)
			}
		}
		pd := &PeriodData{grid: g, vals: own}
		aggregate(pd, newPlan(es, g))
	})
}

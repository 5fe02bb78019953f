package dataset

import (
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The name column (SPEC §4) is read but is not a field: matching and
// empty names load, and the values beside them are the row's.
func TestNameColumnIsNotAField(t *testing.T) {
	for _, head := range []string{"name", "名称", "Name"} {
		t.Run(head, func(t *testing.T) {
			cfg := newSite(t, map[string]string{
				"data/entities.csv": testEntities,
				// The name column may stand anywhere after the first; a
				// cell may be empty, and spaces around it are trimmed.
				"data/periods/2024-Q1.csv": "entity,cases," + head + ",closed\n" +
					"a1,1, 刑事检察部 ,2\n" +
					"a2,3,,4\n",
			})
			ds := mustLoad(t, cfg)
			if !slices.Equal(ds.Fields, []string{"cases", "closed"}) {
				t.Errorf("Fields = %v, want cases and closed only", ds.Fields)
			}
			for _, tt := range []struct {
				e, f string
				want float64
			}{{"a1", "cases", 1}, {"a1", "closed", 2}, {"a2", "cases", 3}, {"a2", "closed", 4}} {
				if v := get(t, ds, "2024-Q1", tt.e, tt.f); v != tt.want {
					t.Errorf("%s.%s = %v, want %v", tt.e, tt.f, v, tt.want)
				}
			}
		})
	}
}

func TestNameColumnMismatch(t *testing.T) {
	const csvFile, xlsxFile = "data/periods/2024-Q1.csv", "data/periods/2024-Q1.xlsx"
	// a2's row carries a1's name: pasted against the wrong id.
	wrong := want{csvFile, 3, 3, []string{`entity "a2"`, `"民事检察部"`, `"刑事检察部"`, "does not match"}, false}
	t.Run("csv", func(t *testing.T) {
		cfg := newSite(t, map[string]string{
			"data/entities.csv":        testEntities,
			"data/periods/2024-Q1.csv": "编号,受理案件数,名称\na1,1,刑事检察部\na2,3,刑事检察部\n",
		})
		_, l := Load(cfg)
		check(t, l, wrong, false)
	})
	t.Run("xlsx", func(t *testing.T) {
		data := makeXLSX(t, func(f *excelize.File, s string) {
			for cell, v := range map[string]any{
				"A1": "编号", "B1": "受理案件数", "C1": "名称",
				"A2": "a1", "B2": 1, "C2": "刑事检察部",
				"A3": "a2", "B3": 3, "C3": "刑事检察部",
			} {
				set(t, f, s, cell, v)
			}
		})
		cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, xlsxFile: data})
		_, l := Load(cfg)
		w := wrong
		w.file = xlsxFile
		check(t, l, w, false)
	})
	t.Run("two name columns", func(t *testing.T) {
		cfg := newSite(t, map[string]string{
			"data/entities.csv":        testEntities,
			"data/periods/2024-Q1.csv": "entity,name,cases,名称\na1,刑事检察部,1,x\n",
		})
		_, l := Load(cfg)
		// The second column is reported once, and its cells not checked.
		check(t, l, want{csvFile, 1, 4, []string{"columns B and D", "name column"}, false}, false)
	})
	t.Run("unknown id", func(t *testing.T) {
		cfg := newSite(t, map[string]string{
			"data/entities.csv":        testEntities,
			"data/periods/2024-Q1.csv": "entity,name,cases\nzz,某院,1\n",
		})
		_, l := Load(cfg)
		// One mistake, one error: the id, not also the name.
		check(t, l, want{csvFile, 2, 1, []string{`"zz" is not in data/entities.csv`}, false}, false)
	})
}

package dataset

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/config"
)

// provinceSite writes a province-scale site: 1 province, 16 cities, 10
// procuratorates each, 5 departments each, 10 prosecutors each (8,177
// entities), 25 fields, 16 monthly and quarterly CSV files with values for
// the prosecutors only (aggregation does the rest).
func provinceSite(tb testing.TB) *config.Config {
	dir := tb.TempDir()
	var ents strings.Builder
	ents.WriteString("id,name,kind,parent\np,省院,province,\n")
	var leaves []string
	for c := range 16 {
		cid := fmt.Sprintf("c%d", c)
		fmt.Fprintf(&ents, "%s,市院%d,city,p\n", cid, c)
		for r := range 10 {
			rid := fmt.Sprintf("%s-r%d", cid, r)
			fmt.Fprintf(&ents, "%s,基层院%d,procuratorate,%s\n", rid, r, cid)
			for d := range 5 {
				did := fmt.Sprintf("%s-d%d", rid, d)
				fmt.Fprintf(&ents, "%s,部门%d,department,%s\n", did, d, rid)
				for x := range 10 {
					xid := fmt.Sprintf("%s-x%d", did, x)
					fmt.Fprintf(&ents, "%s,检察官%d,prosecutor,%s\n", xid, x, did)
					leaves = append(leaves, xid)
				}
			}
		}
	}
	writeFile(tb, filepath.Join(dir, "data/entities.csv"), []byte(ents.String()))
	var header strings.Builder
	header.WriteString("entity")
	for f := range 25 {
		fmt.Fprintf(&header, ",f%02d", f)
	}
	header.WriteString("\n")
	periods := []string{"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08",
		"2024-09", "2024-10", "2024-11", "2024-12", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"}
	for i, p := range periods {
		var b strings.Builder
		b.WriteString(header.String())
		for j, id := range leaves {
			b.WriteString(id)
			for f := range 25 {
				fmt.Fprintf(&b, ",%d", (i*7+j*3+f)%50)
			}
			b.WriteString("\n")
		}
		writeFile(tb, filepath.Join(dir, "data/periods", p+".csv"), []byte(b.String()))
	}
	return &config.Config{Dir: dir, DataDir: filepath.Join(dir, "data"), YTD: true}
}

func BenchmarkLoadProvince(b *testing.B) {
	cfg := provinceSite(b)
	b.ResetTimer()
	for b.Loop() {
		ds, l := Load(cfg)
		if l.HasErrors() || len(ds.Periods) != 32 {
			b.Fatalf("%d periods, problems:\n%s", len(ds.Periods), format(l))
		}
	}
}

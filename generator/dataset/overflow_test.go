package dataset

import (
	"math"
	"testing"
)

// TestAggregationOverflow: two children of 1e308 each overflow their
// parent's sum (SPEC §4); that is an input error naming the period, the
// entity, the field and the file, reported once (not again for the city
// above), not an Inf in the results.
func TestAggregationOverflow(t *testing.T) {
	big := "1" + zeros(308)
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-Q1.csv": "entity,cases,closed\na1," + big + ",1\na2," + big + ",2\n",
	})
	ds, l := Load(cfg)
	check(t, l, want{"data/periods/2024-Q1.csv", 0, 0, []string{"period 2024-Q1: field cases of a (薛城区院) has no value of its own", "too large", "data/periods/2024-Q1.csv"}, false}, false)
	if !l.HasErrors() {
		t.Fatal("an overflow is not an error")
	}
	if v := get(t, ds, "2024-Q1", "a", "closed"); v != 3 {
		t.Errorf("a.closed = %v, want 3: the other fields are summed as ever", v)
	}
}

// TestAggregationOverflowInAFolder: the files of a folder period are
// named, and the position is the folder.
func TestAggregationOverflowInAFolder(t *testing.T) {
	big := "1" + zeros(308)
	cfg := newSite(t, map[string]string{
		"data/entities.csv":          testEntities,
		"data/periods/2024-Q1/a.csv": "entity,cases\na1," + big + "\n",
		"data/periods/2024-Q1/b.csv": "entity,cases\na2," + big + "\n",
	})
	_, l := Load(cfg)
	check(t, l, want{"data/periods/2024-Q1", 0, 0, []string{"field cases of a (薛城区院)", "data/periods/2024-Q1/a.csv, data/periods/2024-Q1/b.csv"}, false}, false)
}

// TestYTDOverflow: a cumulative sum over months that overflows is an
// error naming the cumulative period, the months, the entity, the field
// and the files; the later cumulative periods, Inf too, are not reported
// again.
func TestYTDOverflow(t *testing.T) {
	big := "1" + zeros(308)
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-01.csv": "entity,cases\nb," + big + "\n",
		"data/periods/2024-02.csv": "entity,cases\nb," + big + "\n",
		"data/periods/2024-03.csv": "entity,cases\nb,1\n",
	})
	cfg.YTD = true
	ds, l := Load(cfg)
	check(t, l, want{"data/periods", 0, 0, []string{"cumulative period 2024-02-ytd: field cases of b (峄城区院) is the sum over 2024-01, 2024-02", "data/periods/2024-01.csv, data/periods/2024-02.csv"}, false}, false)
	if v, _ := ds.Period("2024-03-ytd").Value("b", "cases"); !math.IsInf(v, 1) {
		t.Errorf("2024-03-ytd b.cases = %v", v)
	}
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

// TestYTDAggregationOverflow: the months are fine on their own, but the
// cumulative values of two children overflow their parent's sum: that is
// reported for the cumulative period with the files of its months; an
// overflow a month reports already is not reported again for the
// cumulative periods that include it.
func TestYTDAggregationOverflow(t *testing.T) {
	big := "1" + zeros(308)
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-01.csv": "entity,cases\na1," + big + "\n",
		"data/periods/2024-02.csv": "entity,cases\na2," + big + "\n",
	})
	cfg.YTD = true
	_, l := Load(cfg)
	check(t, l, want{"data/periods", 0, 0, []string{"period 2024-02-ytd: field cases of a (薛城区院) has no value of its own", "data/periods/2024-01.csv, data/periods/2024-02.csv"}, false}, false)

	cfg = newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-01.csv": "entity,cases\na1," + big + "\na2," + big + "\n",
		"data/periods/2024-02.csv": "entity,cases\na1,1\n",
	})
	cfg.YTD = true
	_, l = Load(cfg)
	check(t, l, want{"data/periods/2024-01.csv", 0, 0, []string{"period 2024-01: field cases of a (薛城区院)"}, false}, false)
}

package dataset

import (
	"maps"
	"math"
	"path/filepath"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/period"
	"kaoping/internal/synth"
)

// The map-based ytd sums and aggregation that the dense matrices replaced,
// kept as the reference they must equal bit for bit: entity id -> field ->
// value, only present values stored.
type valueMaps = map[string]map[string]float64

// refYTD is the former deriveYTD on own-value maps of plain, sorted by time.
func refYTD(plain []*PeriodData, own map[*PeriodData]valueMaps) map[string]valueMaps {
	out := map[string]valueMaps{}
	type key struct {
		year int
		gran period.Granularity
	}
	running := map[key]valueMaps{}
	for _, pd := range plain {
		p := pd.Period
		if p.YTD || (p.Gran != period.Month && p.Gran != period.Quarter) {
			continue
		}
		k := key{p.Year, p.Gran}
		prev := running[k]
		sum := make(valueMaps, len(prev))
		for e, vals := range prev {
			sum[e] = maps.Clone(vals)
		}
		for e, vals := range own[pd] {
			m := sum[e]
			if m == nil {
				m = map[string]float64{}
				sum[e] = m
			}
			for f, v := range vals {
				m[f] += v
			}
		}
		running[k] = sum
		d := p
		d.YTD = true
		out[d.String()] = sum
	}
	return out
}

// refAggregate is the former aggregate: own value, else the sum of the
// children's aggregated values in display order, else missing.
func refAggregate(es *Entities, own valueMaps) valueMaps {
	agg := valueMaps{}
	for _, e := range es.postOrder() {
		m := maps.Clone(own[e.ID])
		for _, c := range es.Children(e.ID) {
			for f, v := range agg[c.ID] {
				if _, mine := own[e.ID][f]; mine {
					continue
				}
				if m == nil {
					m = map[string]float64{}
				}
				if s, ok := m[f]; ok {
					m[f] = s + v
				} else {
					m[f] = v
				}
			}
		}
		if len(m) > 0 {
			agg[e.ID] = m
		}
	}
	for id, vals := range own {
		if _, ok := agg[id]; !ok && len(vals) > 0 {
			agg[id] = vals // not in the hierarchy
		}
	}
	return agg
}

// ownMaps reads pd's own values into maps.
func ownMaps(ds *Dataset, pd *PeriodData) valueMaps {
	out := valueMaps{}
	for _, e := range ds.Entities.All {
		for _, f := range ds.Fields {
			if v, ok := pd.OwnValue(e.ID, f); ok {
				if out[e.ID] == nil {
					out[e.ID] = map[string]float64{}
				}
				out[e.ID][f] = v
			}
		}
	}
	return out
}

// same compares pd with the reference maps of its own and aggregated
// values, bit for bit, through every accessor.
func same(t *testing.T, ds *Dataset, pd *PeriodData, own, agg valueMaps) {
	t.Helper()
	fields := append(ds.Fields, "no_such_field")
	for _, e := range append(ds.Entities.All, &Entity{ID: "no-such-entity"}) {
		if pd.HasValues(e.ID) != (len(agg[e.ID]) > 0) || pd.HasOwn(e.ID) != (len(own[e.ID]) > 0) {
			t.Fatalf("%s %s: HasValues %v, HasOwn %v; reference %v, %v", pd.ID, e.ID,
				pd.HasValues(e.ID), pd.HasOwn(e.ID), len(agg[e.ID]) > 0, len(own[e.ID]) > 0)
		}
		for _, f := range fields {
			v, ok := pd.Value(e.ID, f)
			w, wok := agg[e.ID][f]
			if ok != wok || math.Float64bits(v) != math.Float64bits(w) {
				t.Fatalf("%s %s.%s = %v, %v; reference %v, %v", pd.ID, e.ID, f, v, ok, w, wok)
			}
			v, ok = pd.OwnValue(e.ID, f)
			w, wok = own[e.ID][f]
			if ok != wok || math.Float64bits(v) != math.Float64bits(w) {
				t.Fatalf("%s own %s.%s = %v, %v; reference %v, %v", pd.ID, e.ID, f, v, ok, w, wok)
			}
		}
	}
}

// TestMatricesMatchMaps loads generated sites (months and quarters, ytd,
// several files per period, fields missing at random) and checks every
// own and aggregated value of every period against the map-based
// reference.
func TestMatricesMatchMaps(t *testing.T) {
	sizes := []synth.Options{
		{Cities: 2, Units: 3, Prosecutors: 4, Periods: 6, Months: 3, Seed: 5},
		{Cities: 1, Units: 2, Prosecutors: 3, Periods: 4, Seed: 9},
	}
	for _, o := range sizes {
		dir := t.TempDir()
		if err := synth.WriteSite(dir, o); err != nil {
			t.Fatal(err)
		}
		cfg, l := config.Load(filepath.Join(dir, "config.toml"))
		if l.HasErrors() {
			t.Fatal(l.Err("en"))
		}
		ds, l := Load(cfg)
		if l.HasErrors() {
			t.Fatal(l.Err("en"))
		}
		var plain []*PeriodData
		own := map[*PeriodData]valueMaps{}
		for _, pd := range ds.Periods {
			if !pd.Derived {
				plain = append(plain, pd)
				own[pd] = ownMaps(ds, pd)
			}
		}
		ytd := refYTD(plain, own)
		derived := 0
		for _, pd := range ds.Periods {
			o := own[pd]
			if pd.Derived {
				o = ytd[pd.ID]
				derived++
			}
			same(t, ds, pd, o, refAggregate(ds.Entities, o))
		}
		if derived == 0 || derived != len(ytd) {
			t.Errorf("%d derived periods, reference %d", derived, len(ytd))
		}
	}
}

// TestWithout: a filtered period loses the dropped entities' values, own
// and aggregated, and keeps the rest, the parents' sums included; the
// original is untouched.
func TestWithout(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-Q1.csv": "entity,cases,closed\na1,1,2\na2,3,\nb,5.5,6\n",
	})
	ds := mustLoad(t, cfg)
	pd := ds.Period("2024-Q1")
	q := pd.Without(map[string]bool{"a1": true, "b": true, "unknown": true})
	for _, id := range []string{"a1", "b"} {
		if q.HasValues(id) || q.HasOwn(id) {
			t.Errorf("%s kept", id)
		}
		if _, ok := q.Value(id, "cases"); ok {
			t.Errorf("%s.cases kept", id)
		}
		if !pd.HasValues(id) || !pd.HasOwn(id) {
			t.Errorf("%s lost in the original", id)
		}
	}
	if v, ok := q.Value("city", "cases"); !ok || v != 9.5 {
		t.Errorf("city.cases = %v, %v; want 9.5 (the dropped children still count)", v, ok)
	}
	if v, ok := q.OwnValue("a2", "cases"); !ok || v != 3 {
		t.Errorf("a2 own cases = %v, %v; want 3", v, ok)
	}
	if _, ok := q.OwnValue("a", "cases"); ok || q.HasOwn("a") || !q.HasValues("a") {
		t.Error("a has no own values but aggregated ones")
	}
}

// TestNewPeriodData: a period built by hand answers like a loaded one.
func TestNewPeriodData(t *testing.T) {
	pd := NewPeriodData(period.MustParse("2024-Q1"),
		valueMaps{"x": {"cases": 2}},
		valueMaps{"x": {"cases": 2}, "p": {"cases": 2, "closed": 0}})
	if pd.ID != "2024-Q1" {
		t.Errorf("ID = %q", pd.ID)
	}
	if v, ok := pd.Value("p", "closed"); !ok || v != 0 {
		t.Errorf("p.closed = %v, %v; want 0, true", v, ok)
	}
	if _, ok := pd.OwnValue("p", "cases"); ok || !pd.HasOwn("x") || pd.HasOwn("p") {
		t.Error("own values wrong")
	}
	if _, ok := pd.Value("x", "closed"); ok || pd.HasValues("y") || pd.Row("y") != -1 || pd.Column("z") != -1 {
		t.Error("missing values present")
	}
	if row := pd.RowValues(pd.Row("p")); len(row) != 2 || row[pd.Column("closed")] != 0 || pd.RowValues(-1) != nil {
		t.Errorf("RowValues(p) = %v", row)
	}
	if row := pd.RowValues(pd.Row("x")); !math.IsNaN(row[pd.Column("closed")]) {
		t.Errorf("x.closed = %v in RowValues, want NaN (missing)", row[pd.Column("closed")])
	}
	var zero PeriodData
	if zero.HasValues("x") || zero.HasOwn("x") {
		t.Error("the zero PeriodData has values")
	}
	if _, ok := zero.Value("x", "cases"); ok {
		t.Error("the zero PeriodData has values")
	}
}

package synth

import "fmt"

// Period file formats of a generated site.
const (
	formatCSV   = "csv"    // raw field names, no BOM
	formatCSVZh = "csv-zh" // Chinese headers, BOM (what Excel writes)
	formatSplit = "split"  // a folder of two files
)

// periodPlan is one period of a generated site.
type periodPlan struct {
	ID     string
	T      float64 // time in quarters since 2024-Q1
	Scale  float64 // share of an average quarter's volume
	Format string
}

// unitPlan is a basic procuratorate and its parameters in the value model.
type unitPlan struct {
	ID        string
	Headcount float64 // 员额检察官人数 of the whole house
	Base      float64 // cases accepted in an average quarter
	Level     float64 // quality level in [0,1] at 2024-Q1
	Drift     float64 // change of Level per quarter
}

// sitePlan is everything drawn before the periods' values.
type sitePlan struct {
	entities    []Entity
	units       []unitPlan
	prosecutors []Prosecutor
	unitOf      []int // index in units of each prosecutor
	periods     []periodPlan
}

// deptPattern assigns a procuratorate's k-th prosecutor to department
// deptPattern[k%10], so that every business line appears from the fifth
// prosecutor on and half of the prosecutors are criminal (as in practice).
var deptPattern = [10]int{1, 4, 6, 5, 2, 1, 2, 4, 1, 6}

// deptOrder is the order of the departments in a procuratorate.
var deptOrder = []int{1, 2, 4, 5, 6}

var deptNames = map[int]string{1: "第一检察部", 2: "第二检察部", 4: "第四检察部", 5: "第五检察部", 6: "第六检察部"}

var deptGroups = map[int]string{1: GroupCriminal, 2: GroupCriminal, 4: GroupCivil, 5: GroupAdmin, 6: GroupPIL}

// seasonal is a quarter's share of an average quarter's volume (the demo's).
var seasonal = [4]float64{0.92, 1.00, 1.04, 1.04}

// monthly is a month's share of its quarter's volume, by month of quarter.
var monthly = [3]float64{1.0 / 3, 0.8 / 3, 1.2 / 3}

// plan lays out the entities and periods and draws the units' and
// prosecutors' parameters, in a fixed order.
func plan(r *RNG, o Options) *sitePlan {
	s := &sitePlan{entities: []Entity{{ID: "sd", Name: "山东省", Kind: "province", Order: 1}}}
	pw := 2
	if o.Prosecutors >= 100 {
		pw = 3
	}
	for c := range o.Cities {
		cid, cname, short := "zz", "枣庄市", "枣庄"
		if c > 0 {
			cid, cname, short = fmt.Sprintf("c%02d", c), fmt.Sprintf("地市%02d", c), fmt.Sprintf("地市%02d", c)
		}
		s.entities = append(s.entities, Entity{ID: cid, Name: cname, Kind: "city", Parent: "sd", Order: c + 1})
		cityLevel := r.Nz(0.05)
		for u := range o.Units {
			uid := fmt.Sprintf("%s-u%02d", cid, u+1)
			base := 180 + 440*r.Float64()
			up := unitPlan{
				ID:        uid,
				Headcount: max(1, Rnd(base/13.5)),
				Base:      base,
				Level:     Clamp(0.3+0.55*r.Float64()+cityLevel, 0.1, 0.9),
				Drift:     r.Nz(0.01),
			}
			s.units = append(s.units, up)
			s.entities = append(s.entities, Entity{ID: uid, Name: fmt.Sprintf("%s第%02d区县人民检察院", cname, u+1),
				Kind: "procuratorate", Parent: cid, Order: u + 1})
			var count [7]int
			for k := range o.Prosecutors {
				count[deptPattern[k%10]]++
			}
			n, order := 0, 0
			for _, d := range deptOrder {
				if count[d] == 0 {
					continue
				}
				order++
				did := fmt.Sprintf("%s-d%d", uid, d)
				g := deptGroups[d]
				s.entities = append(s.entities, Entity{ID: did, Name: deptNames[d], Kind: "department", Parent: uid, Group: g, Order: order})
				for k := range count[d] {
					n++
					p := Prosecutor{
						ID:    fmt.Sprintf("%s-p%0*d", uid, pw, n),
						Name:  fmt.Sprintf("%s%d院检察官%0*d", short, u+1, pw, n),
						Unit:  uid,
						Group: g,
						Skill: 0.3 + 0.6*r.Float64(),
						Base:  GroupBase[g] * (0.85 + 0.3*r.Float64()),
					}
					s.prosecutors = append(s.prosecutors, p)
					s.unitOf = append(s.unitOf, len(s.units)-1)
					s.entities = append(s.entities, Entity{ID: p.ID, Name: p.Name, Kind: "prosecutor", Parent: did, Group: g, Order: k + 1})
				}
			}
		}
	}
	for i := range o.Periods {
		f := formatCSV
		switch {
		case i == 0:
			f = formatCSVZh
		case i == o.Periods-1:
			f = formatSplit
		}
		s.periods = append(s.periods, periodPlan{
			ID: fmt.Sprintf("%d-Q%d", 2024+i/4, i%4+1), T: float64(i), Scale: seasonal[i%4], Format: f,
		})
	}
	for i := range o.Months {
		m := 3*o.Periods + i // months since 2024-01
		s.periods = append(s.periods, periodPlan{
			ID: fmt.Sprintf("%d-%02d", 2024+m/12, m%12+1), T: float64(m) / 3,
			Scale: seasonal[m/3%4] * monthly[m%3], Format: formatCSV,
		})
	}
	return s
}

// values draws one period's values: each procuratorate's own counts and
// each prosecutor's (cities and departments get theirs by aggregation),
// then a few planted events: a veto (违纪违法) for about one prosecutor in
// 2,000 and a missing 综合评价 for about one procuratorate in 40, so that
// the vetoes and missing = "zero" are exercised at every size.
func (s *sitePlan) values(r *RNG, p periodPlan) Values {
	v := make(Values, len(s.units)+len(s.prosecutors))
	q := make([]float64, len(s.units))
	for i, u := range s.units {
		q[i] = Clamp(u.Level+u.Drift*p.T+r.Nz(0.05), 0.05, 0.95)
		v[u.ID] = UnitValues(r, q[i], u.Base*p.Scale, u.Headcount, p.Scale)
	}
	for i, pr := range s.prosecutors {
		lv := Clamp(0.7*pr.Skill+0.3*q[s.unitOf[i]]+r.Nz(0.04), 0.05, 0.97)
		v[pr.ID] = ProsecutorValues(r, pr, lv, p.Scale)
	}
	for range max(1, len(s.prosecutors)/2000) {
		v[s.prosecutors[r.IntN(len(s.prosecutors))].ID]["discipline"] = 1
	}
	for range len(s.units) / 40 {
		m := v[s.units[r.IntN(len(s.units))].ID]
		delete(m, "assessment_score")
		delete(m, "assessment_count")
	}
	return v
}

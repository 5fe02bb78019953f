package main

import (
	"fmt"

	"kaoping/internal/synth"
)

// unit is a basic procuratorate (基层院) of Zaozhuang: its size, its
// quality level over time and its departments.
type unit struct {
	ID, Name, Short string
	Headcount       int     // 员额检察官人数 (the whole house, not only those listed)
	Base            float64 // cases accepted in an average quarter
	Level           float64 // quality level in [0,1]; ignored for 山亭区 (see quality)
	Depts           []dept
}

// dept is a department and how many of its quota prosecutors the demo lists.
type dept struct {
	N     int // 第N检察部
	Group string
	Count int
}

// city is another Shandong city in the cross-city comparison.
type city struct {
	ID, Name string
	Base     float64 // cases per quarter, whole city
	Level    float64
}

const (
	groupCriminal = synth.GroupCriminal
	groupCivil    = synth.GroupCivil
	groupAdmin    = synth.GroupAdmin
	groupPIL      = synth.GroupPIL
)

// units lists Zaozhuang's six basic procuratorates. 山亭区 lists all its 17
// quota prosecutors; the others only some of theirs.
var units = []unit{
	{"zz-szq", "市中区人民检察院", "市中", 28, 380, 0.70, []dept{{1, groupCriminal, 3}, {2, groupCriminal, 2}, {4, groupCivil, 2}, {5, groupAdmin, 1}, {6, groupPIL, 2}}},
	{"zz-xc", "薛城区人民检察院", "薛城", 22, 300, 0.62, []dept{{1, groupCriminal, 3}, {2, groupCriminal, 1}, {4, groupCivil, 1}, {5, groupAdmin, 1}, {6, groupPIL, 2}}},
	{"zz-yc", "峄城区人民检察院", "峄城", 18, 240, 0.50, []dept{{1, groupCriminal, 3}, {4, groupCivil, 2}, {5, groupAdmin, 1}, {6, groupPIL, 1}}},
	{"zz-tez", "台儿庄区人民检察院", "台儿庄", 16, 200, 0.42, []dept{{1, groupCriminal, 3}, {4, groupCivil, 2}, {6, groupPIL, 1}}},
	{"zz-st", "山亭区人民检察院", "山亭", 17, 215, 0, []dept{{1, groupCriminal, 6}, {2, groupCriminal, 4}, {4, groupCivil, 3}, {5, groupAdmin, 2}, {6, groupPIL, 2}}},
	{"zz-tz", "滕州市人民检察院", "滕州", 45, 620, 0.78, []dept{{1, groupCriminal, 4}, {2, groupCriminal, 3}, {4, groupCivil, 2}, {5, groupAdmin, 1}, {6, groupPIL, 2}}},
}

// otherCities are compared with Zaozhuang in the `city` scheme.
var otherCities = []city{
	{"jn", "济南市", 4600, 0.72},
	{"qd", "青岛市", 5200, 0.76},
	{"zb", "淄博市", 2600, 0.55},
	{"jng", "济宁市", 3500, 0.50},
	{"ly", "临沂市", 4300, 0.60},
	{"wf", "潍坊市", 3900, 0.66},
}

var deptNames = map[int]string{1: "第一检察部", 2: "第二检察部", 4: "第四检察部", 5: "第五检察部", 6: "第六检察部"}

// buildEntities returns every entity in file order and the prosecutors
// with their personal parameters, drawn from rng in a fixed order.
func buildEntities(r *rng) ([]entity, []prosecutor) {
	es := []entity{
		{ID: "sd", Name: "山东省", Kind: "province", Order: 1},
		{ID: "zz", Name: "枣庄市", Kind: "city", Parent: "sd", Order: 1},
	}
	for i, c := range otherCities {
		es = append(es, entity{ID: c.ID, Name: c.Name, Kind: "city", Parent: "sd", Order: i + 2})
	}
	var ps []prosecutor
	for i, u := range units {
		es = append(es, entity{ID: u.ID, Name: u.Name, Kind: "procuratorate", Parent: "zz", Order: i + 1})
		n := 0
		for j, d := range u.Depts {
			did := fmt.Sprintf("%s-d%d", u.ID, d.N)
			es = append(es, entity{ID: did, Name: deptNames[d.N], Kind: "department", Parent: u.ID, Group: d.Group, Order: j + 1})
			for k := 0; k < d.Count; k++ {
				n++
				p := prosecutor{
					ID:    fmt.Sprintf("%s-p%02d", u.ID, n),
					Name:  fmt.Sprintf("%s检察官%02d", u.Short, n),
					Unit:  u.ID,
					Group: d.Group,
					Skill: 0.3 + 0.6*r.Float64(),
					Base:  groupBase[d.Group] * (0.85 + 0.3*r.Float64()),
				}
				ps = append(ps, p)
				es = append(es, entity{ID: p.ID, Name: p.Name, Kind: "prosecutor", Parent: did, Group: d.Group, Order: k + 1})
			}
		}
	}
	return es, ps
}

// groupBase is a typical prosecutor's cases per quarter, by business line.
var groupBase = synth.GroupBase

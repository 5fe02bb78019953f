package synth

import "math"

// Business lines (业务条线), the peer groups of the prosecutor scheme.
const (
	GroupCriminal = "刑事检察"
	GroupCivil    = "民事检察"
	GroupAdmin    = "行政检察"
	GroupPIL      = "公益诉讼检察"
)

// GroupBase is a typical prosecutor's cases per quarter, by business line.
var GroupBase = map[string]float64{GroupCriminal: 15, GroupCivil: 10, GroupAdmin: 10, GroupPIL: 9}

// GroupDays is a typical number of days to close a case, by business line.
var GroupDays = map[string]float64{GroupCriminal: 28, GroupCivil: 45, GroupAdmin: 50, GroupPIL: 40}

// Prosecutor is a listed quota prosecutor and the personal parameters of
// the value model.
type Prosecutor struct {
	ID, Name, Unit, Group string
	Skill                 float64 // personal level in [0,1]
	Base                  float64 // cases per quarter
}

// Values is one period's data: entity id -> field -> value.
type Values map[string]map[string]float64

// Rnd rounds x to a whole count, never below 0.
func Rnd(x float64) float64 { return math.Round(math.Max(x, 0)) }

// Round1 rounds x to one decimal.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }

// Clamp bounds x to [lo, hi].
func Clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// Pick returns the entries of all named in keep (missing ones as 0).
func Pick(all map[string]float64, keep []string) map[string]float64 {
	m := map[string]float64{}
	for _, f := range keep {
		m[f] = all[f]
	}
	return m
}

// UnitValues draws a procuratorate's (or a whole city's) counts for a
// period: cases is its volume, q its quality level in [0,1], scale the
// share of a quarter the period covers. The draws happen in a fixed order.
func UnitValues(r *RNG, q, cases, headcount, scale float64) map[string]float64 {
	m := map[string]float64{}
	c := Rnd(cases * (1 + r.Nz(0.04)))
	m["cases"] = c
	m["items"] = Rnd(c * (1.56 - 0.30*q + r.Nz(0.015)))
	arrest := Rnd(c * 0.36 * (1 + r.Nz(0.03)))
	m["arrest_concluded"] = arrest
	m["arrest_days"] = Rnd(arrest * (6.2 - 1.6*q + r.Nz(0.15)))
	acc := Rnd(c * 0.74 * (1 + r.Nz(0.03)))
	m["prosecution_accepted"] = acc
	m["returned"] = Rnd(acc * (0.13 - 0.08*q + r.Nz(0.008)))
	closed := Rnd(acc * (0.95 + r.Nz(0.02)))
	m["review_closed"] = closed
	m["review_days"] = Rnd(closed * (36 - 13*q + r.Nz(1.2)))
	non := Rnd(closed * (0.165 + 0.11*(1-q) + r.Nz(0.01)))
	m["non_prosecuted"] = non
	m["prosecuted"] = closed - non
	pac := Rnd(arrest * 0.82)
	m["post_arrest_closed"] = pac
	m["post_arrest_nonpros"] = Rnd(pac * (0.02 + 0.065*(1-q) + r.Nz(0.005)))
	m["detained"] = Rnd(closed * (0.23 + 0.15*(1-q) + r.Nz(0.01)))
	verdicts := Rnd((closed - non) * 0.88)
	m["verdicts"] = verdicts
	m["acquittals"] = 0
	if r.Float64() < 0.3*(1-q)*(1-q)*scale {
		m["acquittals"] = 1
	}
	m["appeals"] = Rnd(verdicts * (0.03 + 0.06*(1-q) + r.Nz(0.004)))
	plea := math.Min(closed, Rnd(closed*(0.845+0.095*q+r.Nz(0.008))))
	m["plea"] = plea
	sp := Rnd(plea * 0.985)
	m["sentencing_proposals"] = sp
	m["fixed_proposals"] = math.Min(sp, Rnd(sp*(0.80+0.16*q+r.Nz(0.01))))
	m["sentencing_adopted"] = math.Min(sp, Rnd(sp*(0.875+0.095*q+r.Nz(0.008))))
	rec := Rnd(headcount * 0.75 * scale * (1 + r.Nz(0.12)))
	m["recommendations"] = rec
	m["recommendations_adopted"] = math.Min(rec, Rnd(rec*(0.72+0.25*q+r.Nz(0.03))))
	m["civil_cases"] = Rnd(c * 0.10 * (1 + r.Nz(0.05)))
	m["admin_cases"] = Rnd(c * 0.04 * (1 + r.Nz(0.08)))
	m["pil_cases"] = Rnd(c * 0.045 * (1 + r.Nz(0.08)))
	m["quota_prosecutors"] = headcount
	m["assessment_score"] = Round1(Clamp(6.8+2.8*q+r.Nz(0.25), 0, 10))
	m["assessment_count"] = 1
	m["typical_cases"] = 0
	if r.Float64() < (0.15+0.9*q*q)*scale*1.2 {
		m["typical_cases"] = 1 + math.Floor(r.Float64()*2*q)
	}
	m["flawed_cases"] = 0
	if r.Float64() < (0.1+0.8*(1-q)*(1-q))*scale*1.2 {
		m["flawed_cases"] = 1 + math.Floor(r.Float64()*2*(1-q))
	}
	m["discipline"] = 0
	return m
}

// ProsecutorValues draws one prosecutor's counts for a period; s is the
// prosecutor's level in [0,1] for that period, scale the share of a
// quarter the period covers.
func ProsecutorValues(r *RNG, p Prosecutor, s, scale float64) map[string]float64 {
	m := map[string]float64{}
	c := math.Max(1, Rnd(p.Base*scale*(1+r.Nz(0.12))))
	m["cases"] = c
	m["items"] = math.Max(c, Rnd(c*(1.58-0.32*s+r.Nz(0.04))))
	closed := math.Min(c, Rnd(c*(0.9+r.Nz(0.04))))
	m["closed"] = closed
	m["closed_days"] = Rnd(closed * GroupDays[p.Group] * (1.25 - 0.4*s + r.Nz(0.04)))
	if p.Group == GroupCriminal {
		sp := Rnd(closed * 0.8)
		m["sentencing_proposals"] = sp
		m["sentencing_adopted"] = math.Min(sp, Rnd(sp*(0.86+0.11*s+r.Nz(0.02))))
		rec := 0.0
		if r.Float64() < 0.4*scale {
			rec = 1
		}
		m["recommendations"] = rec
		m["recommendations_adopted"] = rec
	} else {
		m["sentencing_proposals"] = 0
		m["sentencing_adopted"] = 0
		share := 0.4
		if p.Group == GroupPIL {
			share = 0.8
		}
		rec := math.Max(1, Rnd(closed*share*(1+r.Nz(0.1))))
		m["recommendations"] = rec
		m["recommendations_adopted"] = math.Min(rec, Rnd(rec*(0.68+0.28*s+r.Nz(0.04))))
	}
	n := math.Max(1, Rnd(2.4*scale*(1+r.Nz(0.2))))
	m["reviewed"] = n
	pts := 0.0
	for i := 0; i < int(n); i++ {
		pts += Clamp(78+18*s+r.Nz(4), 50, 100)
	}
	m["review_points"] = Round1(pts)
	m["peer_score"] = Round1(Clamp(80+15*s+r.Nz(2.5), 0, 100))
	m["peer_count"] = 1
	m["typical_cases"] = 0
	if r.Float64() < (0.03+0.12*s)*scale {
		m["typical_cases"] = 1
	}
	m["flawed_cases"] = 0
	if r.Float64() < (0.02+0.14*(1-s))*scale {
		m["flawed_cases"] = 1
	}
	m["discipline"] = 0
	return m
}

package main

import (
	"math"
	"math/rand/v2"
)

// rng is the demo's only source of randomness: a PCG with a fixed seed, so
// that every run writes the same files.
type rng struct{ *rand.Rand }

func newRNG() *rng { return &rng{rand.New(rand.NewPCG(20240101, 20260331))} }

// nz returns normal noise with standard deviation sd.
func (r *rng) nz(sd float64) float64 { return r.NormFloat64() * sd }

// field is a raw data field and its Chinese label (the same as in
// config.toml's [fields], so spreadsheets can use the labels as headers).
type field struct{ ID, Label string }

// fields is every raw field, in column order.
var fields = []field{
	{"cases", "受理案件数"},
	{"items", "件数"},
	{"arrest_concluded", "审查逮捕审结人数"},
	{"arrest_days", "审查逮捕办案天数合计"},
	{"prosecution_accepted", "受理审查起诉人数"},
	{"returned", "退回补充侦查人数"},
	{"review_closed", "审查起诉审结人数"},
	{"review_days", "审查起诉办案天数合计"},
	{"prosecuted", "起诉人数"},
	{"non_prosecuted", "不起诉人数"},
	{"post_arrest_closed", "捕后审结人数"},
	{"post_arrest_nonpros", "捕后不诉人数"},
	{"detained", "诉前羁押人数"},
	{"verdicts", "一审判决人数"},
	{"acquittals", "无罪判决人数"},
	{"appeals", "上诉人数"},
	{"plea", "适用认罪认罚人数"},
	{"sentencing_proposals", "提出量刑建议人数"},
	{"fixed_proposals", "提出确定刑量刑建议人数"},
	{"sentencing_adopted", "量刑建议采纳人数"},
	{"recommendations", "提出检察建议件数"},
	{"recommendations_adopted", "检察建议采纳件数"},
	{"civil_cases", "民事检察案件数"},
	{"admin_cases", "行政检察案件数"},
	{"pil_cases", "公益诉讼案件数"},
	{"quota_prosecutors", "员额检察官人数"},
	{"closed", "审结案件数"},
	{"closed_days", "审结案件办案天数合计"},
	{"reviewed", "评查案件数"},
	{"review_points", "评查得分合计"},
	{"peer_score", "民主测评得分"},
	{"peer_count", "民主测评次数"},
	{"assessment_score", "综合评价得分"},
	{"assessment_count", "综合评价次数"},
	{"typical_cases", "典型案例数"},
	{"flawed_cases", "瑕疵案件数"},
	{"discipline", "违纪违法人次"},
}

// Which fields each level of the hierarchy carries in its own rows. A field
// a procuratorate does not carry (closed, reviewed, peer_score, ...) comes
// to it by aggregation from its prosecutors (SPEC §4).
var (
	prosecutorFields = []string{"cases", "items", "closed", "closed_days",
		"sentencing_proposals", "sentencing_adopted", "recommendations", "recommendations_adopted",
		"reviewed", "review_points", "peer_score", "peer_count",
		"typical_cases", "flawed_cases", "discipline"}
	cityFields = []string{"cases", "items", "review_closed", "review_days",
		"prosecuted", "non_prosecuted", "plea", "sentencing_proposals", "sentencing_adopted"}
)

// periodSpec is one period of the demo.
type periodSpec struct {
	ID     string
	T      float64 // time in quarters since 2024-Q1
	Scale  float64 // share of a quarter's volume (1 for a quarter)
	Format string  // "csv-zh" (BOM, Chinese headers), "csv", "xlsx" or "split"
}

var periods = []periodSpec{
	{"2024-Q1", 0, 0.92, "csv-zh"},
	{"2024-Q2", 1, 1.00, "csv-zh"},
	{"2024-Q3", 2, 1.04, "csv-zh"},
	{"2024-Q4", 3, 1.04, "csv-zh"},
	{"2025-Q1", 4, 0.92, "csv"},
	{"2025-Q2", 5, 1.00, "xlsx"},
	{"2025-Q3", 6, 1.04, "csv"},
	{"2025-Q4", 7, 1.04, "split"},
	{"2026-01", 8, 0.92 / 3 * 1.0, "csv"},
	{"2026-02", 8.33, 0.92 / 3 * 0.8, "csv"},
	{"2026-03", 8.67, 0.92 / 3 * 1.2, "csv"},
}

// The planted events of the story.
const (
	shantingID  = "zz-st"
	missingUnit = "zz-yc"   // 峄城区: 综合评价 not submitted ...
	missingAt   = "2024-Q3" // ... in this period (missing = "zero" applies)
	fewRecUnit  = "zz-tez"  // 台儿庄区: only 2 检察建议 ...
	fewRecAt    = "2025-Q1" // ... so valid_if fails (missing = "average")
	vetoedID    = "zz-szq-p03"
	vetoedAt    = "2025-Q3"
)

// shantingQuality is 山亭区's quality level at time t: from the bottom of
// the city in 2024-Q1 to the top group by the end of 2025.
func shantingQuality(t float64) float64 {
	return math.Min(0.86, 0.05+0.11*t-0.0015*t*t)
}

// values is one period's data: entity id -> field -> value.
type values map[string]map[string]float64

func rnd(x float64) float64 { return math.Round(math.Max(x, 0)) }

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// generate draws every period's values. Draws happen in a fixed order
// (period, then entity, then field), so the output is deterministic.
func generate(r *rng, ps []prosecutor) map[string]values {
	out := map[string]values{}
	for _, p := range periods {
		v := values{}
		qST := shantingQuality(p.T)
		for _, u := range units {
			q := clamp(u.Level+r.nz(0.05), 0.05, 0.95)
			base := u.Base
			if u.ID == shantingID {
				q = clamp(qST+r.nz(0.015), 0.05, 0.95)
				base *= 1 + 0.025*p.T
			}
			v[u.ID] = unitValues(r, q, base*p.Scale, float64(u.Headcount), p.Scale)
		}
		for _, c := range otherCities {
			q := clamp(c.Level+r.nz(0.04), 0.05, 0.95)
			all := unitValues(r, q, c.Base*p.Scale, c.Base/14, p.Scale)
			v[c.ID] = pick(all, cityFields)
		}
		for _, pr := range ps {
			s := clamp(pr.Skill+r.nz(0.04), 0.05, 0.97)
			if pr.Unit == shantingID {
				s = clamp(0.45*pr.Skill+0.6*qST-0.05+r.nz(0.03), 0.05, 0.97)
			}
			v[pr.ID] = prosecutorValues(r, pr, s, p.Scale)
		}
		plant(p.ID, v)
		out[p.ID] = v
	}
	return out
}

// plant puts the story's events into a period.
func plant(id string, v values) {
	switch id {
	case missingAt:
		delete(v[missingUnit], "assessment_score")
		delete(v[missingUnit], "assessment_count")
	case fewRecAt:
		v[fewRecUnit]["recommendations"] = 2
		v[fewRecUnit]["recommendations_adopted"] = 2
	case vetoedAt:
		v[vetoedID]["discipline"] = 1
	}
}

func pick(all map[string]float64, keep []string) map[string]float64 {
	m := map[string]float64{}
	for _, f := range keep {
		m[f] = all[f]
	}
	return m
}

// unitValues draws a procuratorate's (or a whole city's) counts for a
// period: cases is its volume, q its quality level in [0,1], scale the
// share of a quarter the period covers.
func unitValues(r *rng, q, cases, headcount, scale float64) map[string]float64 {
	m := map[string]float64{}
	c := rnd(cases * (1 + r.nz(0.04)))
	m["cases"] = c
	m["items"] = rnd(c * (1.56 - 0.30*q + r.nz(0.015)))
	arrest := rnd(c * 0.36 * (1 + r.nz(0.03)))
	m["arrest_concluded"] = arrest
	m["arrest_days"] = rnd(arrest * (6.2 - 1.6*q + r.nz(0.15)))
	acc := rnd(c * 0.74 * (1 + r.nz(0.03)))
	m["prosecution_accepted"] = acc
	m["returned"] = rnd(acc * (0.13 - 0.08*q + r.nz(0.008)))
	closed := rnd(acc * (0.95 + r.nz(0.02)))
	m["review_closed"] = closed
	m["review_days"] = rnd(closed * (36 - 13*q + r.nz(1.2)))
	non := rnd(closed * (0.165 + 0.11*(1-q) + r.nz(0.01)))
	m["non_prosecuted"] = non
	m["prosecuted"] = closed - non
	pac := rnd(arrest * 0.82)
	m["post_arrest_closed"] = pac
	m["post_arrest_nonpros"] = rnd(pac * (0.02 + 0.065*(1-q) + r.nz(0.005)))
	m["detained"] = rnd(closed * (0.23 + 0.15*(1-q) + r.nz(0.01)))
	verdicts := rnd((closed - non) * 0.88)
	m["verdicts"] = verdicts
	m["acquittals"] = 0
	if r.Float64() < 0.3*(1-q)*(1-q)*scale {
		m["acquittals"] = 1
	}
	m["appeals"] = rnd(verdicts * (0.03 + 0.06*(1-q) + r.nz(0.004)))
	plea := math.Min(closed, rnd(closed*(0.845+0.095*q+r.nz(0.008))))
	m["plea"] = plea
	sp := rnd(plea * 0.985)
	m["sentencing_proposals"] = sp
	m["fixed_proposals"] = math.Min(sp, rnd(sp*(0.80+0.16*q+r.nz(0.01))))
	m["sentencing_adopted"] = math.Min(sp, rnd(sp*(0.875+0.095*q+r.nz(0.008))))
	rec := rnd(headcount * 0.75 * scale * (1 + r.nz(0.12)))
	m["recommendations"] = rec
	m["recommendations_adopted"] = math.Min(rec, rnd(rec*(0.72+0.25*q+r.nz(0.03))))
	m["civil_cases"] = rnd(c * 0.10 * (1 + r.nz(0.05)))
	m["admin_cases"] = rnd(c * 0.04 * (1 + r.nz(0.08)))
	m["pil_cases"] = rnd(c * 0.045 * (1 + r.nz(0.08)))
	m["quota_prosecutors"] = headcount
	m["assessment_score"] = round1(clamp(6.8+2.8*q+r.nz(0.25), 0, 10))
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

// prosecutorValues draws one prosecutor's counts for a period; s is the
// prosecutor's level in [0,1] for that period.
func prosecutorValues(r *rng, p prosecutor, s, scale float64) map[string]float64 {
	m := map[string]float64{}
	c := math.Max(1, rnd(p.Base*scale*(1+r.nz(0.12))))
	m["cases"] = c
	m["items"] = math.Max(c, rnd(c*(1.58-0.32*s+r.nz(0.04))))
	closed := math.Min(c, rnd(c*(0.9+r.nz(0.04))))
	m["closed"] = closed
	m["closed_days"] = rnd(closed * groupDays[p.Group] * (1.25 - 0.4*s + r.nz(0.04)))
	if p.Group == groupCriminal {
		sp := rnd(closed * 0.8)
		m["sentencing_proposals"] = sp
		m["sentencing_adopted"] = math.Min(sp, rnd(sp*(0.86+0.11*s+r.nz(0.02))))
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
		if p.Group == groupPIL {
			share = 0.8
		}
		rec := math.Max(1, rnd(closed*share*(1+r.nz(0.1))))
		m["recommendations"] = rec
		m["recommendations_adopted"] = math.Min(rec, rnd(rec*(0.68+0.28*s+r.nz(0.04))))
	}
	n := math.Max(1, rnd(2.4*scale*(1+r.nz(0.2))))
	m["reviewed"] = n
	pts := 0.0
	for i := 0; i < int(n); i++ {
		pts += clamp(78+18*s+r.nz(4), 50, 100)
	}
	m["review_points"] = round1(pts)
	m["peer_score"] = round1(clamp(80+15*s+r.nz(2.5), 0, 100))
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

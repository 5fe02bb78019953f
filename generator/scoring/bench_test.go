package scoring

import (
	"fmt"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
)

// BenchmarkScore scores 8,000 prosecutors in 160 peer groups (by parent)
// on ten indicators of every method: one scheme, one period.
func BenchmarkScore(b *testing.B) {
	var ents []*dataset.Entity
	agg := map[string]map[string]float64{}
	for p := 0; p < 160; p++ {
		pid := fmt.Sprintf("p%03d", p)
		ents = append(ents, &dataset.Entity{ID: pid, Kind: "procuratorate", Order: len(ents)})
		for k := 0; k < 50; k++ {
			id := fmt.Sprintf("%s-%02d", pid, k)
			ents = append(ents, &dataset.Entity{ID: id, Kind: "unit", Parent: pid, Order: len(ents)})
			n := float64((p*50+k)%37 + 1)
			agg[id] = map[string]float64{"cases": n + 5, "items": n*1.4 + 5, "days": n * 20, "good": n * 0.8}
		}
	}
	s := scheme(
		ind("ratio", "items / cases", "mean_relative", 10, lower, step(0.1), caps(3, 3)),
		ind("pooled", "items / cases", "mean_relative", 10, lower, step(0.1), caps(3, 3), func(i *config.Indicator) { i.Reference = "pooled" }),
		ind("days", "days / cases", "efficacy", 10, lower),
		ind("good", "good / cases", "bands", 10, percent, func(i *config.Indicator) {
			i.Bands = []config.Band{{Min: f(60), Points: 10}, {Min: f(40), Max: f(60), Points: 6}}
		}),
		ind("rank", "cases", "rank", 10),
		ind("target", "good / cases", "target", 10, percent, func(i *config.Indicator) { i.Target, i.Proportional = f(50), true }),
		ind("z", "items", "zscore", 10, step(1), caps(2, 2)),
		ind("range", "good / cases", "range", 10, percent, step(0.5), func(i *config.Indicator) { i.Direction, i.Low, i.High = "", f(30), f(60) }),
		ind("direct", "min(good, 10)", "direct", 10, func(i *config.Indicator) { i.Direction = ""; i.ValidIf = "cases >= 10" }),
		ind("mean", "days / max(items, 1)", "mean_relative", 10, step(0.1), caps(3, 3), func(i *config.Indicator) { i.Reference = "median" }),
	)
	s.Peers = []string{"parent"}
	s.Grades = []*config.Grade{{Name: "优秀", Share: f(0.2)}, {Name: "称职", Share: f(0.7)}, {Name: "基本称职"}}
	e, probs := Compile(&config.Config{Schemes: []*config.Scheme{s}}, []string{"cases", "days", "good", "items"})
	if probs.HasErrors() {
		b.Fatal(probs)
	}
	es := dataset.NewEntities(ents)
	pd := periodData("2024-Q1", agg)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Score(s, pd, es)
	}
}

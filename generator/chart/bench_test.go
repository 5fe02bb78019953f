package chart

import "testing"

// BenchmarkSheetCharts builds the three charts of a score sheet (a radar of
// three categories against the group mean, totals and ranks over four
// periods), the charts a build makes most of.
func BenchmarkSheetCharts(b *testing.B) {
	periods := []string{"2024年第1季度", "2024年第2季度", "2024年第3季度", "2024年第4季度"}
	axes := []RadarAxis{{Name: "办案质量", Max: 100}, {Name: "办案效率", Max: 100}, {Name: "办案效果", Max: 100}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Radar(Spec{Title: "各类得分率（得分 ÷ 满分）", Key: "radar", Format: "percent", Decimals: 1}, axes,
			[]Series{{Name: "地市013院检察官36", Values: []float64{0.84, 0.32, 0.9}}, {Name: "组内平均", Values: []float64{0.8, 0.4, 0.86}, Dashed: true}}); err != nil {
			b.Fatal(err)
		}
		if _, err := RankLines(Spec{Title: "历次排名", Key: "rank-history", Height: 260}, periods,
			[]Series{{Name: "排名", Values: []float64{97, 120, 107, 107}}}); err != nil {
			b.Fatal(err)
		}
		if _, err := Lines(Spec{Title: "历次总分", Key: "total-history", Format: "number", Decimals: 2, Height: 260}, periods,
			[]Series{{Name: "地市013院检察官36", Values: []float64{71.2, 70.5, 72.1, 72.51}}, {Name: "组内平均", Values: []float64{70, 71, 72, 72.4}, Dashed: true}}); err != nil {
			b.Fatal(err)
		}
	}
}

package render

import (
	"strings"
	"testing"
)

// TestNewChartFastMatches: newChartFast makes the chart newChartFromJSON
// makes, id included, for keys, titles and options of many sizes.
func TestNewChartFastMatches(t *testing.T) {
	for _, key := range []string{"", "basic/total", "k\x00ey", strings.Repeat("长", 300)} {
		for _, title := range []string{"", "总分（虚线：组内平均）", "<b>&\x00", strings.Repeat("t", 5000)} {
			for _, js := range []string{"", `{"a":1}`, strings.Repeat(`{"series":[1,2,3]}`, 400)} {
				for _, h := range []int{0, -1, 260} {
					data := Table{Corner: "c", Columns: []string{"x"}}
					want := newChartFromJSON(title, key, h, []byte(js), data)
					got := newChartFast(title, key, h, []byte(js), data)
					if got.ID() != want.ID() || got.OptionJSON() != want.OptionJSON() || got.Height != want.Height ||
						got.Title != want.Title || got.Key != want.Key || got.Data.Corner != want.Data.Corner {
						t.Fatalf("key %q title %.20q js %.20q height %d: fast %+v, want %+v", key, title, js, h, got, want)
					}
				}
			}
		}
	}
}

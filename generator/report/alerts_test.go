package report

import (
	"fmt"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"kaoping/generator/scoring"
)

// wantAlerts lists e's indicators in 预警 as the pages must: red first,
// each level in config order, as "red:案件比".
func wantAlerts(s *config.Scheme, e *scoring.EntityResult) []string {
	var out []string
	for _, level := range []scoring.Alert{scoring.AlertRed, scoring.AlertYellow} {
		for _, ind := range s.Indicators {
			if e.Indicators[ind.ID].Alert == level {
				out = append(out, string(level)+":"+ind.Name)
			}
		}
	}
	return out
}

func gotAlerts(items []AlertItem) []string {
	var out []string
	for _, a := range items {
		out = append(out, string(a.Level)+":"+a.Name)
	}
	return out
}

// TestAlertsOnPages checks, over every member of the demo's latest periods,
// that the score sheet, the ranking and the comparison show the alerts
// scoring gave, and the profile those of its latest period; and that the
// demo has both levels, so the test checks something.
func TestAlertsOnPages(t *testing.T) {
	m := demo(t)
	sheets, ranks, compares := sheetJobs(m), rankingJobs(m), compareJobs(m)
	levels := map[scoring.Alert]int{}
	for _, s := range m.Config.Schemes {
		rs := m.Results[s.ID]
		for _, r := range rs[len(rs)-3:] {
			rp := pageData(t, ranks, RankingPath(s.ID, r.Period.ID)).(*RankingPage)
			cp := pageData(t, compares, ComparePath(s.ID, r.Period.ID)).(*ComparePage)
			if rp.HasAlerts != HasAlerts(s) || cp.HasAlerts != HasAlerts(s) {
				t.Errorf("%s %s: ranking or comparison shows the 预警 column/legend %v, want %v", s.ID, r.Period.ID, rp.HasAlerts, HasAlerts(s))
			}
			for gi, g := range r.Groups {
				for k, e := range g.Entities {
					want := fmt.Sprint(wantAlerts(s, e))
					sp := pageData(t, sheets, SheetPath(s.ID, r.Period.ID, e.Entity.ID)).(*SheetPage)
					if got := fmt.Sprint(gotAlerts(sp.Alerts)); sp.HasAlerts != HasAlerts(s) || got != want {
						t.Errorf("%s %s %s: sheet lists %s, want %s", s.ID, r.Period.ID, e.Entity.ID, got, want)
					}
					for _, a := range sp.Alerts {
						if a.Detail == "" {
							t.Errorf("%s %s %s: %s without detail", s.ID, r.Period.ID, e.Entity.ID, a.Name)
						}
						levels[a.Level]++
					}
					for _, c := range sp.Categories {
						for _, row := range c.Rows {
							var ind *config.Indicator
							for _, x := range s.Indicators {
								if IndicatorPath(s.ID, x.ID) == row.Path {
									ind = x
								}
							}
							if ind == nil || row.Alert != e.Indicators[ind.ID].Alert {
								t.Errorf("%s %s %s: row %s alert %q", s.ID, r.Period.ID, e.Entity.ID, row.Name, row.Alert)
							}
						}
					}
					// With several groups each has its own page.
					gp, row := rp, gi
					if len(r.Groups) > 1 {
						gp, row = pageData(t, ranks, m.groupPaths(s, r)[gi]).(*RankingPage), 0
					}
					if got := fmt.Sprint(gotAlerts(gp.Groups[row].Rows[k].Alerts)); got != want {
						t.Errorf("%s %s %s: ranking lists %s, want %s", s.ID, r.Period.ID, e.Entity.ID, got, want)
					}
					gc := cp
					if len(r.Groups) > 1 {
						gc = pageData(t, compares, m.compareGroupPaths(s, r)[gi]).(*ComparePage)
					}
					for i, ind := range s.Indicators {
						if got := gc.Groups[0].Rows[k].Values[i].Alert; got != e.Indicators[ind.ID].Alert {
							t.Errorf("%s %s %s: comparison cell %s alert %q", s.ID, r.Period.ID, e.Entity.ID, ind.ID, got)
						}
					}
				}
			}
		}
	}
	if levels[scoring.AlertRed] == 0 || levels[scoring.AlertYellow] == 0 {
		t.Errorf("alerts by level %v: the demo should show both", levels)
	}

	// 台儿庄区's profile lists the alerts of basic's latest period.
	ep := pageData(t, entityJobs(m), EntityPath("zz-tez")).(*EntityPage)
	rs := m.Results["basic"]
	last := rs[len(rs)-1]
	var e *scoring.EntityResult
	for _, x := range last.Groups[0].Entities {
		if x.Entity.ID == "zz-tez" {
			e = x
		}
	}
	for _, v := range ep.Schemes {
		if v.Scheme.ID == "basic" {
			if got, want := fmt.Sprint(gotAlerts(v.Alerts)), fmt.Sprint(wantAlerts(v.Scheme, e)); !v.HasAlerts || got != want {
				t.Errorf("profile lists %s, want %s", got, want)
			}
		}
	}
}

// TestAlertDetail: the words of a 预警指标 entry, worked by hand.
func TestAlertDetail(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	tests := []struct {
		lang string
		ind  *config.Indicator
		sc   *scoring.IndicatorScore
		st   *scoring.IndicatorStats
		want string
	}{
		// Percent, lower is better, target (mean reference): 0.333 vs
		// mean 0.287 shows 33.3% vs 28.7%, 4.6 points above; red line 4.5.
		{"zh-CN", &config.Indicator{Format: "percent", Decimals: 1, Direction: "lower", Method: "target", Alert: &config.Alert{Yellow: 2.5, Red: 4.5}},
			&scoring.IndicatorScore{Value: f(0.333), Alert: scoring.AlertRed}, &scoring.IndicatorStats{Mean: f(0.287)},
			"33.3%，比参考值 28.7% 高 4.6 个百分点，达到红色预警线 4.5 个百分点"},
		// Higher is better, mean_relative: the ref (not the mean) is the
		// reference; 80 vs 90 is 10 below; yellow line 5.
		{"en", &config.Indicator{Format: "number", Decimals: 0, Direction: "higher", Method: "mean_relative", Alert: &config.Alert{Yellow: 5, Red: 20}},
			&scoring.IndicatorScore{Value: f(80), Alert: scoring.AlertYellow}, &scoring.IndicatorStats{Mean: f(70), Reference: f(90)},
			"80, 10 below the reference 90: past the yellow line of 5"},
		// Ratio, lower: 1:1.44 vs 1:1.38, 0.06 above the line of 0.06.
		{"zh-CN", &config.Indicator{Format: "ratio", Decimals: 2, Direction: "lower", Method: "mean_relative", Alert: &config.Alert{Yellow: 0.06, Red: 0.12}},
			&scoring.IndicatorScore{Value: f(1.44), Alert: scoring.AlertYellow}, &scoring.IndicatorStats{Reference: f(1.38)},
			"1:1.44，比参考值 1:1.38 高 0.06，达到黄色预警线 0.06"},
	}
	for _, tt := range tests {
		m := &Model{Lang: tt.lang}
		if got := m.alertDetail(tt.ind, tt.sc, tt.st); got != tt.want {
			t.Errorf("alertDetail = %q, want %q", got, tt.want)
		}
	}
}

// TestHomeAlerts: the units with red alerts, most first, cut at
// homeAlertMax with the total kept.
func TestHomeAlerts(t *testing.T) {
	ind := []*config.Indicator{{ID: "a", Name: "甲", Alert: &config.Alert{}}, {ID: "b", Name: "乙", Alert: &config.Alert{}}}
	s := &config.Scheme{ID: "s", Name: "方案", Indicators: ind}
	var es []*scoring.EntityResult
	// u0 … u9: u3 has two reds, the others one (on 乙), u9 a yellow only.
	for i := range 10 {
		a, b := scoring.NoAlert, scoring.AlertRed
		if i == 3 {
			a = scoring.AlertRed
		}
		if i == 9 {
			b = scoring.AlertYellow
		}
		es = append(es, &scoring.EntityResult{Entity: &dataset.Entity{ID: fmt.Sprintf("u%d", i), Name: fmt.Sprintf("单位%d", i)},
			Indicators: map[string]*scoring.IndicatorScore{"a": {Alert: a}, "b": {Alert: b}}})
	}
	r := &scoring.Result{Scheme: s, Period: dataset.NewPeriodData(period.MustParse("2024-Q1"), nil, nil),
		Groups: []*scoring.Group{{ID: scoring.AllGroup, Entities: es}}}
	h := (&Model{Lang: "zh-CN"}).homeAlerts(s, r)
	if h.Total != 9 || len(h.Units) != homeAlertMax {
		t.Fatalf("total %d, %d listed; want 9, %d", h.Total, len(h.Units), homeAlertMax)
	}
	if u := h.Units[0]; u.Name != "单位3" || u.Count != 2 || u.Indicators != "甲、乙" || u.Sheet != SheetPath("s", "2024-Q1", "u3") {
		t.Errorf("first %+v; want 单位3 with 2 (甲、乙)", u)
	}
	if u := h.Units[1]; u.Name != "单位0" || u.Count != 1 || u.Indicators != "乙" {
		t.Errorf("second %+v; want 单位0 with 1 (乙), in rank order after the most", u)
	}
	if h2 := (&Model{}).homeAlerts(&config.Scheme{Indicators: []*config.Indicator{{ID: "a"}}}, r); h2 != nil {
		t.Errorf("a scheme without alert gets a block: %+v", h2)
	}
}

// TestAlertRule: the 考核办法 states the thresholds with their unit and
// which reference they are measured from.
func TestAlertRule(t *testing.T) {
	pct := &config.Indicator{Format: "percent", Method: "target", Alert: &config.Alert{Yellow: 2.5, Red: 4.5}}
	if got, want := (&Model{Lang: "zh-CN"}).alertRule(pct), "预警：比组内平均值差 2.5 个百分点 及以上为黄色，差 4.5 个百分点 及以上为红色。"; got != want {
		t.Errorf("alertRule = %q, want %q", got, want)
	}
	ratio := &config.Indicator{Format: "ratio", Method: "mean_relative", Alert: &config.Alert{Yellow: 0.06, Red: 0.12}}
	if got, want := (&Model{Lang: "en"}).alertRule(ratio), "Alert: yellow when 0.06 or more worse than the scoring reference, red from 0.12."; got != want {
		t.Errorf("alertRule = %q, want %q", got, want)
	}
	if got := (&Model{}).alertRule(&config.Indicator{}); got != "" {
		t.Errorf("alertRule without alert = %q", got)
	}
	d := pageData(t, methodologyJobs(demo(t)), MethodologyPath("basic")).(*MethodologyPage)
	n := 0
	for _, ind := range d.Indicators {
		if ind.Alert != "" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("basic 考核办法 states %d alerts, want the demo's 4", n)
	}
}

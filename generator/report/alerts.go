package report

import (
	"math"
	"slices"
	"strconv"

	"kaoping/generator/config"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
)

// AlertItem is one indicator in 预警 for one entity: on a score sheet's and
// a profile's 预警指标 list and in a ranking's 预警 column.
type AlertItem struct {
	Level scoring.Alert // AlertRed or AlertYellow
	Name  string        // the indicator's name
	Path  string        // the indicator's page
	// Detail says how far from the reference and which line it passed:
	// "24.6%，比参考值 20.0% 高 4.6 个百分点，达到红色预警线 4.5 个百分点".
	// Empty in a ranking, where the column holds names only.
	Detail string
}

// HasAlerts reports whether some indicator of s has `alert`: only then do
// its pages show the 预警 legend, column and lists.
func HasAlerts(s *config.Scheme) bool {
	for _, ind := range s.Indicators {
		if ind.Alert != nil {
			return true
		}
	}
	return false
}

// alertItems lists e's indicators in 预警, red ones first, each level in
// config order; with detail, each says how far it fell behind the
// reference of g. nil when none.
func (m *Model) alertItems(s *config.Scheme, e *scoring.EntityResult, g *scoring.Group, detail bool) []AlertItem {
	var out []AlertItem
	for _, level := range []scoring.Alert{scoring.AlertRed, scoring.AlertYellow} {
		for _, ind := range s.Indicators {
			sc := e.Indicators[ind.ID]
			if sc == nil || sc.Alert != level {
				continue
			}
			it := AlertItem{Level: level, Name: ind.Name, Path: IndicatorPath(s.ID, ind.ID)}
			if detail {
				it.Detail = m.alertDetail(ind, sc, g.Stats[ind.ID])
			}
			out = append(out, it)
		}
	}
	return out
}

// alertDetail says, in display units, how far the value sc is on the worse
// side of the reference the alert was measured against (mean_relative's
// ref, else the mean of V; SPEC §6) and the line it reached.
func (m *Model) alertDetail(ind *config.Indicator, sc *scoring.IndicatorScore, st *scoring.IndicatorStats) string {
	if sc.Value == nil || st == nil || ind.Alert == nil {
		return ""
	}
	ref := st.Mean
	if ind.Method == "mean_relative" {
		ref = st.Reference
	}
	if ref == nil {
		return ""
	}
	v := numfmt.Value(*sc.Value, ind.Format, ind.Decimals, m.Lang)
	r := numfmt.Value(*ref, ind.Format, ind.Decimals, m.Lang)
	u := math.Abs(numfmt.Display(*sc.Value, ind.Format) - numfmt.Display(*ref, ind.Format))
	unit := m.sheetUnit(ind.Format)
	gap := numfmt.Fixed(u, ind.Decimals) + unit
	line, lineEN := ind.Alert.Yellow, "yellow"
	level := "黄色"
	if sc.Alert == scoring.AlertRed {
		line, lineEN, level = ind.Alert.Red, "red", "红色"
	}
	th := strconv.FormatFloat(line, 'f', -1, 64) + unit
	side, sideEN := "低", "below"
	if ind.Sign() < 0 {
		side, sideEN = "高", "above"
	}
	return m.T(v+"，比参考值 "+r+" "+side+" "+gap+"，达到"+level+"预警线 "+th,
		v+", "+gap+" "+sideEN+" the reference "+r+": past the "+lineEN+" line of "+th)
}

// HomeAlerts is the home page's 预警 block for one scheme and period: the
// units with red alerts and how many each.
type HomeAlerts struct {
	Scheme      string // the scheme's name
	PeriodLabel string
	Ranking     string          // site path of the period's ranking
	Units       []HomeAlertUnit // most red alerts first, then by group and rank
	Total       int             // units with a red alert; more than len(Units) when cut
	TotalText   string          // Total in words: 4 名检察官
}

// HomeAlertUnit is one unit with red alerts.
type HomeAlertUnit struct {
	Name, Sheet string
	Count       int    // its red alerts
	Indicators  string // their names, in config order
}

// homeAlertMax is how many units the home page lists per scheme and
// period; a province's prosecutors would fill the page.
const homeAlertMax = 8

// homeAlerts is the home page's block for scheme s in result r; nil when
// no indicator of s has `alert`.
func (m *Model) homeAlerts(s *config.Scheme, r *scoring.Result) *HomeAlerts {
	if !HasAlerts(s) {
		return nil
	}
	h := &HomeAlerts{Scheme: s.Name, PeriodLabel: r.Period.Period.Label(m.Lang), Ranking: RankingPath(s.ID, r.Period.ID)}
	sep := m.T("、", ", ")
	var units []HomeAlertUnit
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			u := HomeAlertUnit{Name: e.Entity.Name, Sheet: SheetPath(s.ID, r.Period.ID, e.Entity.ID)}
			for _, ind := range s.Indicators {
				if sc := e.Indicators[ind.ID]; sc != nil && sc.Alert == scoring.AlertRed {
					if u.Count > 0 {
						u.Indicators += sep
					}
					u.Indicators += ind.Name
					u.Count++
				}
			}
			if u.Count > 0 {
				units = append(units, u)
			}
		}
	}
	slices.SortStableFunc(units, func(a, b HomeAlertUnit) int { return b.Count - a.Count })
	h.Total = len(units)
	h.TotalText = m.MembersText(s.Kind, h.Total)
	h.Units = units[:min(len(units), homeAlertMax)]
	return h
}

// alertRule states an indicator's `alert` for the 考核办法: how far worse
// than which reference makes yellow and red. "" without alert.
func (m *Model) alertRule(ind *config.Indicator) string {
	a := ind.Alert
	if a == nil {
		return ""
	}
	unit := m.sheetUnit(ind.Format)
	y := strconv.FormatFloat(a.Yellow, 'f', -1, 64) + unit
	r := strconv.FormatFloat(a.Red, 'f', -1, 64) + unit
	ref, refEN := "组内平均值", "the group mean"
	if ind.Method == "mean_relative" {
		ref, refEN = "计分参考值", "the scoring reference"
	}
	return m.T("预警：比"+ref+"差 "+y+" 及以上为黄色，差 "+r+" 及以上为红色。",
		"Alert: yellow when "+y+" or more worse than "+refEN+", red from "+r+".")
}

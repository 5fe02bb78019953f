package report

import (
	"strconv"
	"strings"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/numfmt"
)

// The site's own unit (config home, SPEC §5): the tables mark its row
// and the charts its bar, dot or line, so that a leader finds it at once.

// IsHome reports whether id is the site's own unit.
func (m *Model) IsHome(id string) bool { return id != "" && m.Config.Home == id }

// HomeMark is the word the tables put after the site's own unit: 本市 for
// a city, 本院 for a procuratorate, 本单位 otherwise.
func (m *Model) HomeMark() string {
	var e *dataset.Entity
	if m.Config.Home != "" {
		e = m.Data.Entities.Get(m.Config.Home)
	}
	switch {
	case e == nil:
		return ""
	case e.Kind == "city":
		return m.T("本市", "our city")
	case e.Kind == "procuratorate":
		return m.T("本院", "our procuratorate")
	}
	return m.T("本单位", "our unit")
}

// homeLabel is the label of the site's own unit among a chart's
// categories or series: names[k] where ids[k] is home, "" when it is not
// among them.
func (m *Model) homeLabel(ids, names []string) string {
	for k, id := range ids {
		if m.IsHome(id) && k < len(names) {
			return names[k]
		}
	}
	return ""
}

// cue colours a chart's values against the reference refLabel by
// direction (sign: +1 higher is better, −1 lower is).
func (m *Model) cue(sign float64, refLabel string) chart.Cue {
	d := 0
	switch {
	case sign > 0:
		d = 1
	case sign < 0:
		d = -1
	}
	return chart.Cue{Direction: d,
		Better: m.T("不劣于"+refLabel, "At or better than the "+strings.ToLower(refLabel)),
		Worse:  m.T("劣于"+refLabel, "Worse than the "+strings.ToLower(refLabel))}
}

// directionText is the cue an indicator's chart title carries:
// （越低越好）, or for a range method the range that is best
// （12%–25% 为宜）.
func (m *Model) directionText(ind *config.Indicator) string {
	switch {
	case ind.Sign() < 0:
		return m.T("（越低越好）", " (lower is better)")
	case ind.Sign() > 0:
		return m.T("（越高越好）", " (higher is better)")
	case ind.Method == "range" && ind.Low != nil && ind.High != nil:
		unit := ""
		if ind.Format == numfmt.Percent {
			unit = "%"
		}
		r := strconv.FormatFloat(*ind.Low, 'f', -1, 64) + unit + "–" + strconv.FormatFloat(*ind.High, 'f', -1, 64) + unit
		return m.T("（"+r+" 为宜）", " (best within "+r+")")
	}
	return ""
}

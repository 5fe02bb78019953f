package templates_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/numfmt"
	"kaoping/generator/report"
	"kaoping/generator/scoring"
)

// redMark and yellowMark are alertMark in Chinese: the text mark for print
// and for those who do not see colour, and the level in words for screen
// readers.
const (
	redMark    = `<span class="alert-mark" title="红色预警"><span aria-hidden="true">〔红〕</span><span class="visually-hidden">红色预警</span></span>`
	yellowMark = `<span class="alert-mark" title="黄色预警"><span aria-hidden="true">〔黄〕</span><span class="visually-hidden">黄色预警</span></span>`
)

// TestAlertsInPages: in the demo's latest month, every member's alerts
// appear as coloured, marked cells on the ranking (the 预警 column), the
// score sheet (the value cell and the 预警指标 list) and the comparison,
// each page with the legend; the home page lists the units with red
// alerts.
func TestAlertsInPages(t *testing.T) {
	s := demoSite(t)
	rs := s.Model().Results["basic"]
	var r *scoring.Result
	for i := len(rs) - 1; r == nil; i-- {
		if !rs[i].Period.Derived {
			r = rs[i]
		}
	}
	mark := map[scoring.Alert]string{scoring.AlertRed: redMark, scoring.AlertYellow: yellowMark}
	class := map[scoring.Alert]string{scoring.AlertRed: "alert-red", scoring.AlertYellow: "alert-yellow"}
	rank := page(t, s, report.RankingPath("basic", r.Period.ID))
	cmp := page(t, s, report.ComparePath("basic", r.Period.ID))
	home := page(t, s, report.HomePath())
	legend := `<p class="alert-legend small">`
	if !strings.Contains(rank, legend) || !strings.Contains(cmp, legend) {
		t.Error("the ranking or the comparison lacks the 预警 legend")
	}
	reds := 0
	for _, e := range r.Groups[0].Entities {
		sheetPath := report.SheetPath("basic", r.Period.ID, e.Entity.ID)
		sheet := page(t, s, sheetPath)
		// An empty list is not printed: the marks in the tables say it.
		section := `<section class="sheet-alerts"><h2>预警指标</h2>`
		if len(wantAlertNames(r, e)) == 0 {
			section = `<section class="sheet-alerts no-print"><h2>预警指标</h2>`
		}
		if !strings.Contains(sheet, section) {
			t.Errorf("%s: no %s", sheetPath, section)
		}
		if hasAlert := len(wantAlertNames(r, e)) > 0; strings.Contains(sheet, legend) != hasAlert {
			t.Errorf("%s: legend shown %v, want it only with alerts (%v)", sheetPath, !hasAlert, hasAlert)
		}
		// The ranking row: its 预警 cell is the last of the row.
		row := regexp.MustCompile(`(?s)<th scope="row"><a href="[^"]*">` + regexp.QuoteMeta(e.Entity.Name) + `</a></th>.*?</tr>`).FindString(rank)
		var worst scoring.Alert
		for _, ind := range r.Scheme.Indicators {
			a := e.Indicators[ind.ID].Alert
			if a == scoring.NoAlert {
				continue
			}
			if worst != scoring.AlertRed {
				worst = a
			}
			item := `<span class="alert-item">` + mark[a] + " " + html.EscapeString(ind.Name) + `</span>`
			if !strings.Contains(row, item) {
				t.Errorf("%s: ranking row lacks %s", e.Entity.ID, item)
			}
			v := regexp.QuoteMeta(html.EscapeString(numfmt.Value(*e.Indicators[ind.ID].Value, ind.Format, ind.Decimals, "zh-CN")))
			if !regexp.MustCompile(`<td class="num ` + class[a] + `">\s*` + v + regexp.QuoteMeta(mark[a]) + `</td>`).MatchString(sheet) {
				t.Errorf("%s: sheet lacks the %s value cell of %s", sheetPath, a, ind.ID)
			}
			if !strings.Contains(sheet, `<li class="`+class[a]+`">`+mark[a]) {
				t.Errorf("%s: 预警指标 list lacks %s", sheetPath, ind.ID)
			}
			if !regexp.MustCompile(`<td class="num [a-z]+ ` + class[a] + `"[^>]*>.*?` + v + regexp.QuoteMeta(mark[a]) + `</td>`).MatchString(cmp) {
				t.Errorf("comparison lacks the %s cell of %s %s", a, e.Entity.ID, ind.ID)
			}
		}
		if worst != scoring.NoAlert && !strings.Contains(row, `<td class="alert-cell `+class[worst]+`">`) {
			t.Errorf("%s: the 预警 cell is not coloured %s: %s", e.Entity.ID, worst, row)
		}
		if worst == scoring.AlertRed {
			reds++
			if !strings.Contains(home, e.Entity.Name+"</a>（") {
				t.Errorf("home lacks %s, which has a red alert", e.Entity.Name)
			}
		}
	}
	if reds == 0 {
		t.Errorf("basic %s has no red alert: the test checks less than it says", r.Period.ID)
	}
	if !strings.Contains(home, `<section class="home-alerts" aria-labelledby="home-alerts-h"><h2 id="home-alerts-h">红色预警 · 最新一期</h2>`) {
		t.Error("home lacks the 红色预警 block")
	}
}

// TestAlertsInEnglish: the marks and the home block have English words.
func TestAlertsInEnglish(t *testing.T) {
	t.Parallel()
	p := loadDemo(t)
	p.Config.Language = "en"
	s := newSite(t, p, optsWithZips)
	r := latestQuarter(t, s, "basic")
	rank := page(t, s, report.RankingPath("basic", r.Period.ID))
	if !strings.Contains(rank, `<th scope="col">Alerts</th>`) || !strings.Contains(rank, `<span aria-hidden="true">[Y]</span><span class="visually-hidden">yellow alert</span>`) {
		t.Error("English ranking lacks the Alerts column or the [Y] mark")
	}
	if home := page(t, s, report.HomePath()); !strings.Contains(home, `<h2 id="home-alerts-h">Red alerts · latest period</h2>`) {
		t.Error("English home lacks the Red alerts block")
	}
}

// wantAlertNames lists the indicators of e in 预警.
func wantAlertNames(r *scoring.Result, e *scoring.EntityResult) []string {
	var out []string
	for _, ind := range r.Scheme.Indicators {
		if e.Indicators[ind.ID].Alert != scoring.NoAlert {
			out = append(out, ind.Name)
		}
	}
	return out
}

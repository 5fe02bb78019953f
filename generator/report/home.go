package report

import (
	"strings"
	"unicode/utf8"

	"kaoping/generator/chart"
	"kaoping/generator/config"
)

// HomePage is the landing page: each scheme's latest results (who leads,
// who trails, who moved), the periods, and the latest commentary.
type HomePage struct {
	Page     *Page
	Schemes  []HomeScheme
	Periods  []PeriodYear // latest first, grouped by year
	Entities string       // site path of the entities index
	Note     *HomeNote    // the latest period's commentary, if any
	// Alerts are the units with red 预警 in the periods the summaries
	// show, for the schemes whose indicators have `alert`.
	Alerts []HomeAlerts
}

// HomeScheme is one scheme on the home page: its latest period and, when
// that is a cumulative (ytd) period, also its latest plain period.
type HomeScheme struct {
	Scheme    *config.Scheme
	Summaries []HomeSummary
}

// HomeSummary is a Summary with its total-score chart.
type HomeSummary struct {
	*Summary
	Chart *chart.Chart
}

// HomeNote is the beginning of a period's commentary.
type HomeNote struct {
	PeriodLabel string
	Path        string // the period page, which holds the whole note
	Excerpt     string // Markdown
	More        bool   // the excerpt is shorter than the note
}

func homeJobs(m *Model) []Job {
	return []Job{{Path: HomePath(), Data: func() (any, error) {
		d := &HomePage{
			Page:     m.Page(HomePath(), m.T("首页", "Home"), NavHome),
			Periods:  m.periodYears(),
			Entities: EntitiesPath(),
		}
		for _, s := range m.Config.Schemes {
			hs := HomeScheme{Scheme: s}
			rs := m.Results[s.ID]
			for i := len(rs) - 1; i >= 0; i-- {
				r := rs[i]
				if i < len(rs)-1 && r.Period.Derived {
					continue // the latest plain period is what is looked for now
				}
				sum := m.summarize(r)
				c, err := m.totalsChart(r, s.Name+" · "+sum.PeriodLabel+m.T(" · 总分", " · totals"), "home-"+s.ID+"-"+r.Period.ID)
				if err != nil {
					return nil, err
				}
				hs.Summaries = append(hs.Summaries, HomeSummary{Summary: sum, Chart: c})
				if a := m.homeAlerts(s, r); a != nil {
					d.Alerts = append(d.Alerts, *a)
				}
				if !r.Period.Derived {
					break
				}
			}
			d.Schemes = append(d.Schemes, hs)
		}
		d.Note = m.latestNote()
		return d, nil
	}}}
}

// latestNote is the excerpt of the commentary of the latest period that has
// one (a note for a cumulative period counts like any other).
func (m *Model) latestNote() *HomeNote {
	for i := len(m.Data.Periods) - 1; i >= 0; i-- {
		pd := m.Data.Periods[i]
		src, ok := m.Data.Notes[pd.ID]
		if !ok || strings.TrimSpace(src) == "" {
			continue
		}
		ex, more := noteExcerpt(src, 240)
		return &HomeNote{PeriodLabel: pd.Period.Label(m.Lang), Path: PeriodPath(pd.ID), Excerpt: ex, More: more}
	}
	return nil
}

// noteExcerpt returns the first paragraphs and lists of a Markdown note,
// up to about limit characters: headings (the note's title repeats the
// period) and tables (too wide for a teaser) are left out. more reports
// whether anything was left out.
func noteExcerpt(src string, limit int) (excerpt string, more bool) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var blocks []string
	n := 0
	for _, b := range strings.Split(src, "\n\n") {
		b = strings.TrimSpace(b)
		if b == "" {
			continue
		}
		if n >= limit {
			more = true
			break
		}
		if strings.HasPrefix(b, "#") || strings.HasPrefix(b, "|") || strings.HasPrefix(b, "```") {
			more = true
			continue
		}
		blocks = append(blocks, b)
		n += utf8.RuneCountInString(b)
	}
	return strings.Join(blocks, "\n\n"), more
}

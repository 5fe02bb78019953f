package report

import (
	"strings"
	"unicode/utf8"

	"kaoping/generator/chart"
	"kaoping/generator/config"
	"kaoping/generator/scoring"
)

// HomePage is the landing page: each scheme's latest results (who leads,
// who trails, who moved), the periods, and the latest commentary.
type HomePage struct {
	Page    *Page
	Schemes []HomeScheme
	Periods []PeriodYear // the latest year's periods, latest first (the periods index has all)
	// PeriodCount is how many periods the site has, for the link to them all.
	PeriodCount int
	Entities    string    // site path of the entities index
	Note        *HomeNote // the latest period's commentary, if any
	// Alerts are the units with red 预警 in the periods the summaries
	// show, for the schemes whose indicators have `alert`.
	Alerts []HomeAlerts
	// AlertsClear names the schemes with 预警 whose latest period has no
	// red alert.
	AlertsClear []string
}

// HomeScheme is one scheme on the home page: its latest plain period and,
// when the site has it, the cumulative (ytd) period ending with it, which
// the page offers behind a switch. A scheme whose latest period has no
// plain twin (only cumulative files) shows that period alone.
type HomeScheme struct {
	Scheme    *config.Scheme
	Summaries []HomeSummary // what the page shows first, then the cumulative period
}

// HomeSummary is a Summary as the home page shows it: short lists of the
// first and last members and a total-score chart small enough that three
// schemes fit on two screens.
type HomeSummary struct {
	*Summary
	Chart *chart.Chart
	// Ends are the first and last members: the top and bottom three of a
	// single list, only the first and the last of each peer group when
	// there are several (the period page lists three of each).
	Ends []SummaryTop
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
			Entities: EntitiesPath(),
		}
		years := m.periodYears()
		for _, y := range years {
			d.PeriodCount += len(y.Periods)
		}
		if len(years) > 0 {
			d.Periods = years[:1]
		}
		for _, s := range m.Config.Schemes {
			hs := HomeScheme{Scheme: s}
			for i, r := range m.homeResults(s.ID) {
				sum := m.summarize(r)
				// The block's heading names the scheme; the title, the chart's
				// accessible name inside that block, names the period.
				c, err := m.homeChart(r, sum.PeriodLabel+m.T(" · 总分", " · totals"), "home-"+s.ID+"-"+r.Period.ID)
				if err != nil {
					return nil, err
				}
				hs.Summaries = append(hs.Summaries, HomeSummary{Summary: sum, Chart: c, Ends: homeEnds(sum.Tops)})
				// Red alerts of the latest plain period only, and only
				// where there are some: one short line per scheme.
				if a := m.homeAlerts(s, r); i == 0 && a != nil {
					if a.Total > 0 {
						d.Alerts = append(d.Alerts, *a)
					} else {
						d.AlertsClear = append(d.AlertsClear, s.Name)
					}
				}
			}
			d.Schemes = append(d.Schemes, hs)
		}
		d.Note = m.latestNote()
		return d, nil
	}}}
}

// homeResults are the results the home page shows for a scheme: the
// latest plain period, then the cumulative period ending with it (the
// demo: 2026-03, then 2026-03-ytd). A 检察长 reads the month first and
// switches to the year so far.
func (m *Model) homeResults(scheme string) []*scoring.Result {
	latest := m.Latest(scheme)
	if latest == nil {
		return nil
	}
	base := latest.Period.Period.Base()
	ytd := base
	ytd.YTD = true
	var plain, cum *scoring.Result
	for _, r := range m.Results[scheme] {
		switch r.Period.Period {
		case base:
			plain = r
		case ytd:
			cum = r
		}
	}
	var out []*scoring.Result
	for _, r := range []*scoring.Result{plain, cum} {
		if r != nil {
			out = append(out, r)
		}
	}
	if len(out) == 0 { // cannot happen: latest is one of them
		out = append(out, latest)
	}
	return out
}

// homeEnds shortens a summary's first and last members for the home page:
// one list keeps its three and three; several peer groups keep the first
// and the last of each, one line a group.
func homeEnds(tops []SummaryTop) []SummaryTop {
	if len(tops) <= 1 {
		return tops
	}
	out := make([]SummaryTop, len(tops))
	for i, t := range tops {
		out[i] = SummaryTop{Label: t.Label, Top: t.Top[:min(1, len(t.Top))]}
		rest := t.Bottom // a group of three or fewer has its last in Top
		if len(rest) == 0 && len(t.Top) > 1 {
			rest = t.Top[1:]
		}
		if n := len(rest); n > 0 {
			out[i].Bottom = rest[n-1:]
		}
	}
	return out
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

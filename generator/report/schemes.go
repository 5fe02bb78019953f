package report

import (
	"kaoping/generator/config"
)

// SchemesIndex lists every scheme with a link to each period's ranking.
type SchemesIndex struct {
	Page    *Page
	Schemes []SchemeLinks
}

// SchemeLinks is one scheme and its periods, latest first.
type SchemeLinks struct {
	Scheme   *config.Scheme
	Overview string // site path of the scheme overview
	Periods  []PeriodLink
}

// PeriodLink is a link to one period's page of a scheme.
type PeriodLink struct {
	ID, Label, Path string
	Derived         bool
}

func schemesIndexJobs(m *Model) []Job {
	return []Job{{Path: SchemesIndexPath(), Data: func() (any, error) {
		d := &SchemesIndex{Page: m.Page(SchemesIndexPath(), m.T("考核排名", "Rankings"), NavRankings)}
		for _, s := range m.Config.Schemes {
			d.Schemes = append(d.Schemes, SchemeLinks{Scheme: s, Overview: SchemePath(s.ID), Periods: m.rankingLinks(s)})
		}
		return d, nil
	}}}
}

// rankingLinks are the links to a scheme's rankings, latest period first.
func (m *Model) rankingLinks(s *config.Scheme) []PeriodLink {
	rs := m.Results[s.ID]
	out := make([]PeriodLink, 0, len(rs))
	for i := len(rs) - 1; i >= 0; i-- {
		pd := rs[i].Period
		out = append(out, PeriodLink{ID: pd.ID, Label: pd.Period.Label(m.Lang), Path: RankingPath(s.ID, pd.ID), Derived: pd.Derived})
	}
	return out
}

package report

import (
	"strings"
	"testing"
)

// TestSchemeOverview: the latest top and bottom three are the ranking's,
// every period's ranking is linked, and the chart fits the group size.
func TestSchemeOverview(t *testing.T) {
	m := demo(t)
	jobs := schemeOverviewJobs(m)
	for _, s := range m.Config.Schemes {
		d := pageData(t, jobs, SchemePath(s.ID)).(*SchemeOverview)
		latest := m.Latest(s.ID)
		for k, g := range latest.Groups {
			og := d.Groups[k]
			n := len(g.Entities)
			wantTop := min(n, 3)
			if n <= overviewListAll {
				wantTop = n
			}
			if len(og.Top) != wantTop {
				t.Errorf("%s/%s: %d in top, want %d", s.ID, g.ID, len(og.Top), wantTop)
			}
			for i, row := range og.Top {
				if row.Rank != g.Entities[i].Rank || row.Total != g.Entities[i].Total {
					t.Errorf("%s/%s: top %d is %s", s.ID, g.ID, i, row.Name)
				}
			}
			for i, row := range og.Bottom {
				e := g.Entities[n-len(og.Bottom)+i]
				if row.Name != e.Entity.Name {
					t.Errorf("%s/%s: bottom %d is %s, want %s", s.ID, g.ID, i, row.Name, e.Entity.Name)
				}
			}
			if len(og.Charts) == 0 {
				t.Errorf("%s/%s: no chart", s.ID, g.ID)
			}
		}
		// Every period's ranking is linked once.
		rankings := map[string]int{}
		for _, p := range d.Periods {
			for _, pp := range []*PeriodPages{p.Plain, p.YTD} {
				if pp != nil {
					rankings[pp.Ranking]++
				}
			}
		}
		for _, r := range m.Results[s.ID] {
			if rankings[RankingPath(s.ID, r.Period.ID)] != 1 {
				t.Errorf("%s: the ranking of %s is linked %d times", s.ID, r.Period.ID, rankings[RankingPath(s.ID, r.Period.ID)])
			}
		}
		if len(rankings) != len(m.Results[s.ID]) {
			t.Errorf("%s: %d rankings linked, want %d", s.ID, len(rankings), len(m.Results[s.ID]))
		}
		linked := map[string]bool{}
		for _, c := range d.Categories {
			for _, ind := range c.Indicators {
				linked[ind.Path] = true
			}
		}
		for _, ind := range s.Indicators {
			if !linked[IndicatorPath(s.ID, ind.ID)] {
				t.Errorf("%s: indicator %s not linked", s.ID, ind.ID)
			}
		}
		if len(linked) != len(s.Indicators) || d.Methodology != MethodologyPath(s.ID) || d.LatestRanking != RankingPath(s.ID, latest.Period.ID) {
			t.Errorf("%s: %d indicators linked, methodology %s, latest %s", s.ID, len(linked), d.Methodology, d.LatestRanking)
		}
	}
}

// TestSchemeOverviewPairsYTD: each row holds a single period and the
// cumulative period ending with it.
func TestSchemeOverviewPairsYTD(t *testing.T) {
	m := demo(t)
	ps := m.overviewPeriods(m.Config.Scheme("basic"))
	n := 0
	for _, p := range ps {
		if p.Plain == nil || p.YTD == nil {
			t.Errorf("%s: plain %v ytd %v", p.Label, p.Plain, p.YTD)
			continue
		}
		n += 2
		if !strings.HasPrefix(p.YTD.Ranking, strings.TrimSuffix(p.Plain.Ranking, ".html")+"-ytd") {
			t.Errorf("%s: %s beside %s", p.Label, p.YTD.Ranking, p.Plain.Ranking)
		}
	}
	if n != len(m.Results["basic"]) {
		t.Errorf("%d periods paired, want %d", n, len(m.Results["basic"]))
	}
}

package report

import (
	"strings"
	"testing"
)

// TestSchemeOverview: the latest top and bottom three are the ranking's,
// every period's ranking is linked, and the chart fits the group size.
func TestSchemeOverview(t *testing.T) {
	m := entDemo(t)
	for _, s := range m.Config.Schemes {
		data, html := entRender(t, entRenderer(t), entJob(t, m.Jobs(), SchemePath(s.ID)))
		d := data.(*SchemeOverview)
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
			if og.Chart == nil {
				t.Errorf("%s/%s: no chart", s.ID, g.ID)
			}
		}
		for _, r := range m.Results[s.ID] {
			if !strings.Contains(html, `href="`+strings.TrimPrefix(RankingPath(s.ID, r.Period.ID), "schemes/"+s.ID+"/")+`"`) {
				t.Errorf("%s: no link to the ranking of %s", s.ID, r.Period.ID)
			}
		}
		for _, ind := range s.Indicators {
			if !strings.Contains(html, `href="indicators/`+ind.ID+`.html"`) {
				t.Errorf("%s: no link to indicator %s", s.ID, ind.ID)
			}
		}
		if !strings.Contains(html, `href="../../`+MethodologyPath(s.ID)+`"`) {
			t.Errorf("%s: no link to the methodology", s.ID)
		}
	}
}

// TestSchemeOverviewPairsYTD: each row holds a single period and the
// cumulative period ending with it.
func TestSchemeOverviewPairsYTD(t *testing.T) {
	m := entDemo(t)
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

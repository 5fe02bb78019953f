package report

import "kaoping/generator/numfmt"

// CorrectionView is one 更正说明 of a published period, display-ready: the
// period's page shows every scheme's changes, a ranking only its own.
type CorrectionView struct {
	Title   string // 更正说明（第 2 版）
	Date    string
	Reason  string
	Lead    string // one sentence: what the table lists
	Schemes []CorrectionScheme
}

// CorrectionScheme is the changed rows of one scheme.
type CorrectionScheme struct {
	Name, Ranking string // the scheme's name and its ranking of the period
	Rows          []CorrectionRow
	None          string // said instead of the table when no rank or total changed
}

// CorrectionRow is one entity whose rank or total changed; "—" where it
// was not ranked in that version.
type CorrectionRow struct {
	Name, Sheet                          string
	OldRank, NewRank, OldTotal, NewTotal string
}

// corrections lists the amendments of period as the pages show them, only
// for scheme when it is not "" (a ranking), and only for schemes of the
// site (a shared version leaves some out).
func (m *Model) corrections(period, scheme string) []CorrectionView {
	var out []CorrectionView
	for _, c := range m.Corrections[period] {
		v := CorrectionView{
			Title:  m.T("更正说明（第 ", "Correction notice (version ") + itoa(c.Version) + m.T(" 版）", ")"),
			Date:   c.Date,
			Reason: c.Reason,
			Lead: m.T("本期结果公示后已更正。下表列出名次或总分有变化的考核对象（原 → 现）；更正前的结果保存在站点的公示记录中。",
				"These results were corrected after publication. The table lists whose rank or total changed (before → after); the earlier results are kept in the site's publication record."),
		}
		for _, sc := range c.Schemes {
			s := m.Config.Scheme(sc.Scheme)
			if s == nil || (scheme != "" && sc.Scheme != scheme) {
				continue
			}
			cs := CorrectionScheme{Name: s.Name}
			if m.Result(s.ID, period) != nil {
				cs.Ranking = RankingPath(s.ID, period)
			}
			for _, row := range sc.Rows {
				r := CorrectionRow{Name: row.Name, OldRank: numfmt.Missing, NewRank: numfmt.Missing,
					OldTotal: numfmt.Missing, NewTotal: numfmt.Missing}
				if row.Old != nil {
					r.OldRank, r.OldTotal = itoa(row.Old.Rank), numfmt.Points(row.Old.Total)
				}
				if row.New != nil {
					r.NewRank, r.NewTotal = itoa(row.New.Rank), numfmt.Points(row.New.Total)
					if cs.Ranking != "" {
						r.Sheet = SheetPath(s.ID, period, row.Entity)
					}
				}
				cs.Rows = append(cs.Rows, r)
			}
			if len(cs.Rows) == 0 {
				cs.None = m.T("名次和总分均无变化（其他数值有更正）。", "No rank or total changed (other figures were corrected).")
			}
			v.Schemes = append(v.Schemes, cs)
		}
		if scheme != "" && len(v.Schemes) == 0 {
			continue // this ranking was not affected
		}
		out = append(out, v)
	}
	return out
}

// itoa formats a small integer.
func itoa(n int) string { return numfmt.Fixed(float64(n), 0) }

package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"kaoping/generator/config"
	"kaoping/generator/scoring"
)

func init() { registerFile(xlsxJobs) }

// xlsxJobs gives one workbook per period that some scheme has results for
// (report.XLSXPath), in period order.
func xlsxJobs(m *Model) []FileJob {
	ix := newRankIndex(m)
	var jobs []FileJob
	for _, pd := range m.Data.Periods {
		has := false
		for _, s := range m.Config.Schemes {
			if m.Result(s.ID, pd.ID) != nil {
				has = true
			}
		}
		if !has {
			continue
		}
		id := pd.ID
		jobs = append(jobs, FileJob{Path: XLSXPath(id), Write: func(w io.Writer) error { return ix.writeXLSX(w, id) }})
	}
	return jobs
}

// writeXLSX writes the results of every scheme for period as a workbook
// laid out like the 公示表: one sheet per scheme, a title row, a frozen
// header row, then the members by group and rank.
func (ix *rankIndex) writeXLSX(w io.Writer, periodID string) error {
	m := ix.m
	book := &xlsxBook{Title: m.Config.Title + " · " + m.PeriodLabel(periodID), Lang: m.Lang}
	used := map[string]bool{}
	for _, s := range m.Config.Schemes {
		if r := m.Result(s.ID, periodID); r != nil {
			book.Sheets = append(book.Sheets, ix.xlsxSheet(xlsxSheetName(s, used), s, r))
		}
	}
	return book.write(w)
}

// xlsxSheetName makes a valid, unique sheet name from the scheme's name:
// at most 31 characters, none of : \ / ? * [ ].
func xlsxSheetName(s *config.Scheme, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s.Name)
	name = strings.Trim(name, "'")
	if name == "" {
		name = s.ID
	}
	for utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	base := name
	for i := 2; used[name]; i++ {
		suffix := fmt.Sprintf("(%d)", i)
		rs := []rune(base)
		if len(rs)+len(suffix) > 31 {
			rs = rs[:31-len(suffix)]
		}
		name = string(rs) + suffix
	}
	used[name] = true
	return name
}

// xlsxColumn is one column of a scheme's sheet.
type xlsxColumn struct {
	head  string
	width float64
	style xlsxStyle
	value func(g *scoring.Group, e *scoring.EntityResult) any
}

// xlsxSheet lays out one scheme's sheet.
func (ix *rankIndex) xlsxSheet(name string, s *config.Scheme, r *scoring.Result) *xlsxSheet {
	m := ix.m
	cols := []xlsxColumn{
		{m.T("比较组", "Peer group"), 14, xlsxText, func(g *scoring.Group, _ *scoring.EntityResult) any { return m.rankGroupName(s, g.ID) }},
		{m.T("排名", "Rank"), 7, xlsxInt, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Rank }},
		{m.T("名次变化", "Change"), 9, xlsxInt, func(_ *scoring.Group, e *scoring.EntityResult) any { return xlsxRankChange(m, e.RankChange) }},
		{m.T("编号", "ID"), 14, xlsxText, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Entity.ID }},
		{m.T("名称", "Name"), 24, xlsxText, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Entity.Name }},
	}
	parents := map[string]string{} // entity id -> parent label, over all groups
	for _, g := range r.Groups {
		for id, p := range m.rankParentLabels(g) {
			if p != "" {
				parents[id] = p
			}
		}
	}
	if len(parents) > 0 {
		cols = append(cols, xlsxColumn{m.T("所属单位", "Unit"), 30, xlsxText, func(_ *scoring.Group, e *scoring.EntityResult) any { return parents[e.Entity.ID] }})
	}
	for _, c := range s.Categories {
		cols = append(cols, xlsxColumn{c.Name + "（" + m.rankPointsText(rankCategoryFull(s, c)) + "）", xlsxWidth(c.Name, 12) + 4, xlsxPoints,
			func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Categories[c.ID] }})
	}
	for _, a := range s.Adjustments {
		cols = append(cols, xlsxColumn{a.Name, xlsxWidth(a.Name, 10), xlsxSigned, func(_ *scoring.Group, e *scoring.EntityResult) any {
			if sc := e.Adjustments[a.ID]; sc != nil {
				return sc.Points
			}
			return 0.0
		}})
	}
	cols = append(cols, xlsxColumn{m.T("总分", "Total"), 10, xlsxPoints, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Total }})
	if len(s.Grades) > 0 {
		cols = append(cols, xlsxColumn{m.T("等次", "Grade"), 10, xlsxInt, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Grade }})
	}
	if len(s.Vetoes) > 0 {
		cols = append(cols, xlsxColumn{m.T("一票否决", "Veto"), 14, xlsxText, func(_ *scoring.Group, e *scoring.EntityResult) any {
			return rankVetoNames(s, e, m.T("、", ", "))
		}})
	}
	sh := &xlsxSheet{Name: name, Title: s.Name + " · " + r.Period.Period.Label(m.Lang)}
	for _, c := range cols {
		sh.Widths = append(sh.Widths, c.width)
		sh.Head = append(sh.Head, c.head)
		sh.Styles = append(sh.Styles, c.style)
	}
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			row := make([]any, len(cols))
			for i, c := range cols {
				row[i] = c.value(g, e)
			}
			sh.Rows = append(sh.Rows, row)
		}
	}
	return sh
}

// xlsxRankChange writes a rank change as a signed number, or 新 / new.
func xlsxRankChange(m *Model, c *int) any {
	if c == nil {
		return m.T("新", "new")
	}
	return *c
}

// xlsxWidth is a column width that fits a Chinese header: about two
// character widths per Han character.
func xlsxWidth(s string, least float64) float64 {
	w := 2.0
	for _, r := range s {
		if r < 0x80 {
			w++
		} else {
			w += 2.1
		}
	}
	return max(least, w)
}

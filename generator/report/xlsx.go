package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/config"
	"kaoping/generator/scoring"
)

func init() { registerFile(xlsxJobs) }

// xlsxFixedTime is the creation and modification time written into every
// workbook: two builds of the same input must give the same bytes, so the
// build time stays out (excelize writes zip entries without timestamps).
const xlsxFixedTime = "2000-01-01T00:00:00Z"

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
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "kaoping", Title: m.Config.Title + " · " + m.PeriodLabel(periodID),
		Created: xlsxFixedTime, Modified: xlsxFixedTime, Language: m.Lang,
	}); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	first := true
	used := map[string]bool{}
	for _, s := range m.Config.Schemes {
		r := m.Result(s.ID, periodID)
		if r == nil {
			continue
		}
		name := xlsxSheetName(s, used)
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := ix.xlsxSheet(f, name, st, s, r); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	title, header, text, int, points, signed int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "D0D7DE", Style: 1}, {Type: "right", Color: "D0D7DE", Style: 1},
		{Type: "top", Color: "D0D7DE", Style: 1}, {Type: "bottom", Color: "D0D7DE", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 11}
	pts := "0.00"
	sgn := "+0.00;-0.00;0.00"
	defs := []*excelize.Style{
		{Font: &excelize.Font{Family: "宋体", Size: 14, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}},
		{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Font: font, Border: border, CustomNumFmt: &pts},
		{Font: font, Border: border, CustomNumFmt: &sgn},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &xlsxStyles{title: ids[0], header: ids[1], text: ids[2], int: ids[3], points: ids[4], signed: ids[5]}, nil
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
	style int
	value func(g *scoring.Group, e *scoring.EntityResult) any
}

// xlsxSheet fills one scheme's sheet.
func (ix *rankIndex) xlsxSheet(f *excelize.File, sheet string, st *xlsxStyles, s *config.Scheme, r *scoring.Result) error {
	m := ix.m
	cols := []xlsxColumn{
		{m.T("比较组", "Peer group"), 14, st.text, func(g *scoring.Group, _ *scoring.EntityResult) any { return m.rankGroupName(s, g.ID) }},
		{m.T("排名", "Rank"), 7, st.int, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Rank }},
		{m.T("名次变化", "Change"), 9, st.int, func(_ *scoring.Group, e *scoring.EntityResult) any { return xlsxRankChange(m, e.RankChange) }},
		{m.T("编号", "ID"), 14, st.text, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Entity.ID }},
		{m.T("名称", "Name"), 24, st.text, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Entity.Name }},
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
		cols = append(cols, xlsxColumn{m.T("所属单位", "Unit"), 30, st.text, func(_ *scoring.Group, e *scoring.EntityResult) any { return parents[e.Entity.ID] }})
	}
	for _, c := range s.Categories {
		cols = append(cols, xlsxColumn{c.Name + "（" + m.rankPointsText(rankCategoryFull(s, c)) + "）", xlsxWidth(c.Name, 12) + 4, st.points,
			func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Categories[c.ID] }})
	}
	for _, a := range s.Adjustments {
		cols = append(cols, xlsxColumn{a.Name, xlsxWidth(a.Name, 10), st.signed, func(_ *scoring.Group, e *scoring.EntityResult) any {
			if sc := e.Adjustments[a.ID]; sc != nil {
				return sc.Points
			}
			return 0.0
		}})
	}
	cols = append(cols, xlsxColumn{m.T("总分", "Total"), 10, st.points, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Total }})
	if len(s.Grades) > 0 {
		cols = append(cols, xlsxColumn{m.T("等次", "Grade"), 10, st.int, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Grade }})
	}
	if len(s.Vetoes) > 0 {
		cols = append(cols, xlsxColumn{m.T("一票否决", "Veto"), 14, st.text, func(_ *scoring.Group, e *scoring.EntityResult) any {
			return rankVetoNames(s, e, m.T("、", ", "))
		}})
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	title := s.Name + " · " + r.Period.Period.Label(m.Lang)
	if err := f.SetCellValue(sheet, "A1", title); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 28); err != nil {
		return err
	}
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, c.width); err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, name+"2", c.head); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A2", last+"2", st.header); err != nil {
		return err
	}
	row := 3
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			for i, c := range cols {
				cell, _ := excelize.CoordinatesToCellName(i+1, row)
				if err := f.SetCellValue(sheet, cell, c.value(g, e)); err != nil {
					return err
				}
				if err := f.SetCellStyle(sheet, cell, cell, c.style); err != nil {
					return err
				}
			}
			row++
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
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

package output

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/formula"
	"kaoping/generator/period"
)

// FormField is one value column of a data-entry form: the field and the
// header the form gives it (its [fields] label, else its id), which the
// period reader maps back to the field.
type FormField struct {
	ID, Label string
}

// FormFields are the columns of a data-entry form of the site, the fields
// a 案管 office fills: those declared in [fields], in file order; then
// the fields the schemes use (formulas, valid_if, adjustments, vetoes)
// that [fields] does not declare, in config order; then any other field
// with a value in the latest period's files, sorted, so that nothing the
// office reported last time is missing from the next form.
func FormFields(cfg *config.Config, ds *dataset.Dataset) []FormField {
	var out []FormField
	seen := map[string]bool{}
	add := func(id, label string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		if label == "" {
			label = id
		}
		out = append(out, FormField{ID: id, Label: label})
	}
	for _, f := range cfg.Fields {
		add(f.ID, f.Label)
	}
	consts := map[string]bool{}
	for _, c := range cfg.Constants {
		consts[c.Name] = true
	}
	for _, s := range cfg.Schemes {
		for _, ind := range s.Indicators {
			for k, src := range []string{ind.Formula, ind.ValidIf} {
				if strings.TrimSpace(src) == "" {
					continue
				}
				f, err := formula.Compile(src, k == 1)
				if err != nil {
					continue // config check reports it
				}
				for _, n := range f.Names() {
					if !consts[n] {
						add(n, "")
					}
				}
			}
		}
		for _, a := range s.Adjustments {
			add(a.Field, "")
		}
		for _, v := range s.Vetoes {
			add(v.Field, "")
		}
	}
	if pd := latestOwnPeriod(ds); pd != nil {
		var rest []string
		for _, f := range ds.Fields {
			if seen[f] {
				continue
			}
			for _, e := range ds.Entities.All {
				if _, ok := pd.OwnValue(e.ID, f); ok {
					rest = append(rest, f)
					break
				}
			}
		}
		slices.Sort(rest)
		for _, f := range rest {
			add(f, "")
		}
	}
	return out
}

// FormEntities are the rows of a data-entry form: every entity that has a
// value of its own in the latest period's files (those who report), or
// every entity without children when there is no period yet (the units at
// the bottom of the hierarchy, whose sums make the rest). They are in the
// hierarchy's order, each unit followed by those under it, siblings in
// display order: a procuratorate's people right below it, as its office
// fills them in, rather than every unit of order 1 first.
func FormEntities(ds *dataset.Dataset) []*dataset.Entity {
	var out []*dataset.Entity
	pd := latestOwnPeriod(ds)
	es := ds.Entities
	var visit func(list []*dataset.Entity, depth int)
	visit = func(list []*dataset.Entity, depth int) {
		if depth > len(es.All) {
			return // a cycle; entities.csv reports it
		}
		for _, e := range list {
			kids := es.Children(e.ID)
			if pd != nil && pd.HasOwn(e.ID) || pd == nil && len(kids) == 0 {
				out = append(out, e)
			}
			visit(kids, depth+1)
		}
	}
	visit(es.Roots(), 0)
	return out
}

// latestOwnPeriod is the latest period read from files (not a derived
// cumulative one), or nil when there is none.
func latestOwnPeriod(ds *dataset.Dataset) *dataset.PeriodData {
	for i := len(ds.Periods) - 1; i >= 0; i-- {
		if !ds.Periods[i].Derived {
			return ds.Periods[i]
		}
	}
	return nil
}

// FormFile is the name a form of period p is saved under in the period
// folder: data/periods/<p>.xlsx, relative to the site folder.
func FormFile(p period.Period) string { return "data/periods/" + p.String() + ".xlsx" }

// Form writes the blank data-entry workbook (填报表) of period p (SPEC §2)
// with the given columns and rows. Its first sheet, named for the period,
// reads back as a period file (SPEC §4) once filled: a header row of 编号,
// 名称 and the fields' labels, then one row per entity with its id and
// name. The value cells take decimals ≥ 0 only (data validation, with an
// input message naming the field and what to enter); the header row and
// the id and name columns are frozen, and locked by sheet protection
// without a password (a guard against typing over an id, not a secret),
// which leaves the value cells open. A second sheet, 说明, says where the
// file goes and what to run next, and lists the fields. The same input
// gives the same bytes.
func Form(w io.Writer, cfg *config.Config, p period.Period, fields []FormField, entities []*dataset.Entity) error {
	if len(entities) == 0 || len(fields) == 0 {
		return fmt.Errorf("a form needs entities and fields (%d entities, %d fields)", len(entities), len(fields))
	}
	lang := cfg.Language
	t := func(zh, en string) string {
		if lang == "en" {
			return en
		}
		return zh
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newZipWriter)
	label := p.Label(lang)
	if err := setProps(f, cfg.Title+" · "+label+" · "+t("填报表", "data-entry form"), lang); err != nil {
		return err
	}
	st, err := newFormStyles(f)
	if err != nil {
		return err
	}
	sheet := label // a period label has none of the characters a sheet name cannot hold
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	last := 2 + len(fields)
	widths := []float64{14, 24}
	for _, fd := range fields {
		widths = append(widths, xlsxWidth(fd.Label, 10))
	}
	for i := len(widths) - 1; i >= 0; i-- { // last column first: see workbook.write
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "C2", ActiveCell: "C2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	row := make([]any, last)
	row[0] = excelize.Cell{StyleID: st.header, Value: t("编号", "entity")}
	row[1] = excelize.Cell{StyleID: st.header, Value: t("名称", "name")}
	for i, fd := range fields {
		row[2+i] = excelize.Cell{StyleID: st.header, Value: fd.Label}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for n, e := range entities {
		row[0] = excelize.Cell{StyleID: st.locked, Value: e.ID}
		row[1] = excelize.Cell{StyleID: st.locked, Value: e.Name}
		for i := range fields {
			row[2+i] = excelize.Cell{StyleID: st.input} // empty, open for typing
		}
		if err := sw.SetRow(cellName(1, n+2), row); err != nil {
			return err
		}
	}
	lastRow := len(entities) + 1
	for i, fd := range fields {
		col, err := excelize.ColumnNumberToName(3 + i)
		if err != nil {
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, lastRow)
		if err := dv.SetRange(0, "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual); err != nil {
			return err
		}
		name := fd.Label
		if fd.Label != fd.ID {
			name += t("（"+fd.ID+"）", " ("+fd.ID+")")
		}
		dv.SetInput(cut(fd.Label, 32), cut(name+t("：填写不小于 0 的数，如 12 或 12.5；没有数据请留空。字段是件数、人数、天数等合计，比率由公式计算，不要填写。",
			": enter a number ≥ 0 such as 12 or 12.5; leave the cell empty when there is no data. Fields are counts and sums; rates are computed, do not enter them."), 255))
		dv.SetError(excelize.DataValidationErrorStyleStop, cut(t("数值无效", "Not a valid value"), 32),
			cut(t("请填写不小于 0 的数，如 12 或 12.5，不要带单位、百分号或千位分隔符；没有数据请留空。",
				"Enter a number ≥ 0 such as 12 or 12.5, without units, percent signs or thousands separators; leave the cell empty when there is no data."), 225))
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	// The protection is the sheet's, not the stream's: set before Flush, it
	// is written with the sheet. Widening columns stays allowed.
	if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := formHelp(f, cfg, p, fields, len(entities), st, t); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return normalizeZip(w, buf.Bytes())
}

// formHelp writes the 说明 sheet: where the filled form goes, what to run
// next, and each column's field.
func formHelp(f *excelize.File, cfg *config.Config, p period.Period, fields []FormField, rows int, st *formStyles, t func(zh, en string) string) error {
	sheet := t("说明", "Instructions")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, w := range []float64{28, 70} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	label, file := p.Label(cfg.Language), FormFile(p)
	lines := []string{
		cfg.Title + " · " + label + " · " + t("填报表", "data-entry form"),
		"",
		t(fmt.Sprintf("1. 在工作表“%s”中为每个单位（共 %d 个）填写各字段：不小于 0 的数，如 12 或 12.5；没有数据的留空。编号和名称不能修改。", label, rows),
			fmt.Sprintf("1. On the sheet \"%s\", enter each field of each unit (%d in all): a number ≥ 0 such as 12 or 12.5; leave the cell empty when there is no data. Do not change the ids and names.", label, rows)),
		t("2. 字段是件数、人数、天数等可相加的合计，不要填写比率：比率由考核方案中的公式计算。",
			"2. Fields are counts and sums (cases, persons, days), never rates: rates are computed by the scheme's formulas."),
		t(fmt.Sprintf("3. 保存后把本文件复制到站点文件夹中，文件名为 %s（同一期不能同时有 %s.csv）。", file, p.String()),
			fmt.Sprintf("3. Save it, then copy it into the site folder as %s (the same period cannot also have a %s.csv).", file, p.String())),
		t("4. 在站点文件夹中运行 kaoping check 检查数据（列出每个问题的文件、行、列），再运行 kaoping build 生成网站。",
			"4. In the site folder, run kaoping check to check the data (every problem with its file, line and column), then kaoping build to build the site."),
		"",
	}
	n := 1
	for i, s := range lines {
		style, height := st.note, 36.0 // two lines of text: a merged cell does not grow to fit
		switch {
		case i == 0:
			style, height = st.title, 24
		case s == "":
			height = 12
		}
		if err := sw.SetRow(cellName(1, n), []any{excelize.Cell{StyleID: style, Value: s}}, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
		if s != "" {
			if err := sw.MergeCell(cellName(1, n), cellName(2, n)); err != nil {
				return err
			}
		}
		n++
	}
	if err := sw.SetRow(cellName(1, n), []any{excelize.Cell{StyleID: st.header, Value: t("表头", "Header")},
		excelize.Cell{StyleID: st.header, Value: t("字段名（公式中使用）", "Field (as formulas name it)")}}); err != nil {
		return err
	}
	for _, fd := range fields {
		n++
		if err := sw.SetRow(cellName(1, n), []any{excelize.Cell{StyleID: st.locked, Value: fd.Label}, excelize.Cell{StyleID: st.locked, Value: fd.ID}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cut shortens s to at most n characters, as Excel limits the texts of
// a data validation.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// formStyles are the form's cell styles: the header (bold on grey), the
// locked id and name cells (grey text background, so they read as not
// for typing), the open value cells, and the 说明 sheet's title and text.
type formStyles struct {
	header, locked, input, title, note int
}

func newFormStyles(f *excelize.File) (*formStyles, error) {
	locked := &excelize.Protection{Locked: true}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: xlsxBorder(), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked},
		{Font: xlsxFont(), Border: xlsxBorder(), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F6F8FA"}},
			Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked},
		{Font: xlsxFont(), Border: xlsxBorder(), Protection: &excelize.Protection{Locked: false}},
		{Font: &excelize.Font{Family: "宋体", Size: 14, Bold: true}},
		{Font: xlsxFont(), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &formStyles{header: ids[0], locked: ids[1], input: ids[2], title: ids[3], note: ids[4]}, nil
}

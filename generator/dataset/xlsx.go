package dataset

import (
	"archive/zip"
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/diag"
)

// xlsxSheet is the first visible sheet of a workbook, read with raw cell
// values: a number formatted as 1,234 or 12% reads as its stored value
// (1234, 0.12), and 12.000000001 shown as 12 reads as 12.000000001. Cells
// whose content is not a value are reported as each reads them (see
// check).
type xlsxSheet struct {
	f     *excelize.File
	file  string // for messages
	sheet string
	rows  [][]string
	l     *diag.List
	// header holds the text of each column's header cell (the first
	// non-blank row), for messages; dates caches, per style, whether its
	// number format shows a date or a time.
	header []string
	dates  map[int]bool
	// bad holds the cells that are not values, found by scanSheet; nil
	// when the sheet could not be scanned, and check asks excelize cell by
	// cell instead.
	bad map[cellKey]cellKind
}

// scanXLSX says whether openXLSX scans the sheet's XML (see scanSheet);
// tests turn it off to check the cell-by-cell way it falls back on.
var scanXLSX = true

// openXLSX reads the first visible sheet of the workbook data: hidden and
// very hidden sheets (lookup tables, an old copy) are skipped, as Excel
// does not show them.
func openXLSX(data []byte, file string, l *diag.List) *xlsxSheet {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		l.Errorf(diag.Pos{File: file}, "无法打开 Excel 文件：%v；请确认它是未加密的 .xlsx 文件", "cannot open the Excel file: %v; make sure it is an .xlsx file without a password", err)
		return nil
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		l.Errorf(diag.Pos{File: file}, "Excel 文件没有工作表", "the Excel file has no sheet")
		return nil
	}
	sheet := ""
	for _, s := range sheets {
		if visible, err := f.GetSheetVisible(s); err == nil && visible {
			sheet = s
			break
		}
	}
	if sheet == "" {
		f.Close()
		l.Errorf(diag.Pos{File: file}, "Excel 文件的工作表都已隐藏；kaoping 读取第一个未隐藏的工作表，请取消隐藏数据所在的工作表",
			"every sheet of the Excel file is hidden; kaoping reads the first sheet that is not hidden: unhide the sheet that holds the data")
		return nil
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		f.Close()
		l.Errorf(diag.Pos{File: file}, "无法读取工作表 “%s”：%v", "cannot read the sheet \"%s\": %v", diag.Value(sheet), err)
		return nil
	}
	x := &xlsxSheet{f: f, file: file, sheet: sheet, rows: rows, l: l, dates: map[int]bool{}}
	if !scanXLSX {
		return x
	}
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		if part, err := sheetPart(zr, sheet); err == nil {
			x.bad, _ = scanSheet(part, x.styleIsDate)
			part.Close()
		}
	}
	return x
}

// each calls fn with every non-blank row until fn returns false; a row's
// line is its row number in the spreadsheet. Every cell is checked first
// (see check): the cells that are not values are reported and marked bad,
// and a row whose only content is such cells (formulas without results,
// which read as empty) is not skipped as blank.
func (x *xlsxSheet) each(fn func(*row) bool) {
	var r row
	for i, cells := range x.rows {
		r.cells, r.line, r.bad = cells, i+1, nil
		for j, raw := range cells {
			if !x.check(r.line, j+1, raw) {
				if r.bad == nil {
					r.bad = make([]bool, len(cells))
				}
				r.bad[j] = true
			}
		}
		if r.blank() && r.bad == nil {
			continue
		}
		if x.header == nil {
			x.header = make([]string, len(cells))
			for j, c := range cells {
				if !r.isBad(j) {
					x.header[j] = strings.TrimSpace(c)
				}
			}
		}
		if !fn(&r) {
			return
		}
	}
}

// check reports the cell at line and 1-based column col, whose raw value
// is raw, when it holds no value kaoping can read, and then returns false:
//
//   - a formula without a saved result (a workbook written by a program
//     and never opened in Excel, or a result that is the empty string): it
//     reads as empty, and its value would be lost;
//   - a logical value (TRUE/FALSE, stored as 1/0);
//   - an error value (#DIV/0!, #N/A, …), from a formula or typed in;
//   - a date or time: a number (the days since 1900) formatted as a date.
//
// A formula whose saved result is a number is read as that number, like
// any numeric cell.
func (x *xlsxSheet) check(line, col int, raw string) bool {
	k := okCell
	if x.bad != nil {
		if k = x.bad[cellKey{line, col}]; k == okCell {
			return true
		}
	}
	ref, err := excelize.CoordinatesToCellName(col, line)
	if err != nil {
		return true
	}
	if x.bad == nil {
		if k = x.kindOf(ref, raw); k == okCell {
			return true
		}
	}
	switch k {
	case noResult:
		formula, _ := x.f.GetCellFormula(x.sheet, ref)
		x.errorf(line, col, ref, "是公式 =%[5]s，但文件中没有保存它的计算结果（文件可能由其他程序生成，未在 Excel 中保存过）；请在 Excel 或 WPS 中打开并保存该文件，或把公式粘贴为数值（选择性粘贴 → 数值）",
			"holds the formula =%[5]s but the file has no saved result of it (the file was probably written by a program and never saved in Excel); open and save the file in Excel or WPS, or paste the formulas as values (Paste Special → Values)",
			diag.Value(formula))
	case boolCell:
		v := "TRUE"
		if raw == "0" {
			v = "FALSE"
		}
		x.errorf(line, col, ref, "是逻辑值 %[5]s，不是数；请填写数值，或留空表示缺失",
			"holds the logical value %[5]s, not a number; enter the number, or leave the cell empty for missing", v)
	case errorCell:
		formula, _ := x.f.GetCellFormula(x.sheet, ref)
		zhFrom, enFrom := "", ""
		if formula != "" {
			zhFrom, enFrom = "（公式 ="+diag.Value(formula)+" 的结果）", " (the result of the formula ="+diag.Value(formula)+")"
		}
		x.errorf(line, col, ref, "是错误值 %[5]s%[6]s；请更正公式或它引用的数据，或留空表示缺失",
			"holds the error value %[5]s%[7]s; correct the formula or the data it uses, or leave the cell empty for missing",
			diag.Value(raw), zhFrom, enFrom)
	case dateCell:
		x.dateError(line, col, ref, raw)
	}
	return false
}

// kindOf classifies the cell ref, whose raw value is raw, through
// excelize's cell functions: what scanSheet finds, for a sheet it could
// not scan.
func (x *xlsxSheet) kindOf(ref, raw string) cellKind {
	if raw == "" {
		if formula, _ := x.f.GetCellFormula(x.sheet, ref); formula != "" {
			return noResult
		}
		return okCell
	}
	t, err := x.f.GetCellType(x.sheet, ref)
	if err != nil {
		return okCell
	}
	switch t {
	case excelize.CellTypeBool:
		return boolCell
	case excelize.CellTypeError:
		return errorCell
	case excelize.CellTypeDate:
		return dateCell
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		if idx, err := x.f.GetCellStyle(x.sheet, ref); err == nil && x.styleIsDate(idx) {
			return dateCell
		}
	}
	return okCell
}

func (x *xlsxSheet) dateError(line, col int, ref, raw string) {
	shown, err := x.f.GetCellValue(x.sheet, ref)
	if err != nil || shown == "" {
		shown = raw
	}
	x.errorf(line, col, ref, "是日期或时间（显示为 %[5]s），不是数：各字段是件数、人数、天数等数值；请把单元格格式设为“常规”（General）或“数值”，并检查其中的数",
		"holds a date or time (it shows %[5]s), not a number: fields are counts such as cases, people or days; set the cell format to General (常规) or Number and check the number in it",
		diag.Value(shown))
}

// errorf reports a problem of the cell ref at line and col. zh and en
// continue a sentence that names the sheet and the cell; they may use
// %[5]s and on for their own arguments.
func (x *xlsxSheet) errorf(line, col int, ref, zh, en string, args ...any) {
	column, columnEN := "", ""
	if col-1 < len(x.header) && x.header[col-1] != "" {
		h := diag.Value(x.header[col-1])
		column, columnEN = "（“"+h+"” 列）", " (column \""+h+"\")"
	}
	all := append([]any{diag.Value(x.sheet), ref, column, columnEN}, args...)
	x.l.Errorf(diag.Pos{File: x.file, Line: line, Col: col},
		"工作表 “%[1]s” 的单元格 %[2]s%[3]s"+zh,
		"sheet \"%[1]s\", cell %[2]s%[4]s: "+en, all...)
}

// styleIsDate reports whether the number format of the style idx shows a
// date or a time.
func (x *xlsxSheet) styleIsDate(idx int) bool {
	if d, ok := x.dates[idx]; ok {
		return d
	}
	d := false
	if st, err := x.f.GetStyle(idx); err == nil {
		if st.CustomNumFmt != nil {
			d = dateFormatCode(*st.CustomNumFmt)
		} else {
			d = dateFormatID(st.NumFmt)
		}
	}
	x.dates[idx] = d
	return d
}

// dateFormatID reports whether a built-in number format shows a date or a
// time: 14–22 (m/d/yy, h:mm, …), 45–47 (mm:ss), and the East Asian date
// and time formats 27–36 and 50–58 (yyyy"年"m"月"d"日", …).
func dateFormatID(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// dateFormatCode reports whether a custom number format code shows a date
// or a time: it has y, m, d, h or s (any case) outside quoted text ("件"),
// escaped characters (\d, _x, *x) and brackets ([Red], [$-804]), or an
// elapsed-time bracket ([h], [mm], [ss]).
func dateFormatCode(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++ // the next character is literal
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				return true
			}
			i += j
		default:
			switch c | 0x20 {
			case 'y', 'm', 'd', 'h', 's':
				return true
			}
		}
	}
	return false
}

// number returns the stored number of the cell at line and 1-based column
// col if the cell is a numeric cell (not text) whose value is finite and ≥
// 0. It lets a spreadsheet number whose raw form is not a plain decimal,
// such as 1E-3, through; a text cell that says 1E-3 is still an error.
func (x *xlsxSheet) number(line, col int) (float64, bool) {
	ref, err := excelize.CoordinatesToCellName(col, line)
	if err != nil {
		return 0, false
	}
	t, err := x.f.GetCellType(x.sheet, ref)
	if err != nil || (t != excelize.CellTypeUnset && t != excelize.CellTypeNumber) {
		return 0, false
	}
	raw, err := x.f.GetCellValue(x.sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, false
	}
	return parseFloatAny(strings.TrimSpace(raw))
}

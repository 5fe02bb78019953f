package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"kaoping/generator/diag"
)

// row is one non-blank row of a CSV file or spreadsheet. cells are not
// trimmed. A row is only valid during the callback that receives it.
type row struct {
	line  int      // line of the row's first field (CSV) or spreadsheet row number
	cells []string // the row's fields
	lines []int    // CSV: line of each field (a quoted field may span lines)
	// bad marks the cells of a spreadsheet row whose content is not a
	// value (a formula without result, a logical or error value, a date),
	// already reported: the reader skips them. nil when there is none.
	bad []bool
}

// isBad reports whether cell i was reported already (see bad).
func (r *row) isBad(i int) bool { return i < len(r.bad) && r.bad[i] }

// onlyBad reports whether every cell of the row is blank or bad.
func (r *row) onlyBad() bool {
	for i, c := range r.cells {
		if !r.isBad(i) && strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// lineOf returns the line of field i.
func (r *row) lineOf(i int) int {
	if i < len(r.lines) {
		return r.lines[i]
	}
	return r.line
}

// blank reports whether every cell is empty or white space.
func (r *row) blank() bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns data as UTF-8 text: a leading BOM is dropped, and
// bytes that are not valid UTF-8 are decoded as GB18030 (what Excel on
// Chinese Windows writes). ok is false if neither reading works.
func decodeText(data []byte) (text []byte, ok bool) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, true
	}
	// The decoder replaces bytes that are not GB18030 either with U+FFFD.
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, false
	}
	return out, true
}

// readCSV calls fn with each non-blank record of the CSV data, in order,
// until fn returns false. Problems with the encoding or the CSV syntax are
// added to l; reading stops at the first syntax error. It reports whether
// the file was read without such a problem.
func readCSV(data []byte, file string, l *diag.List, fn func(*row) bool) bool {
	text, ok := decodeText(data)
	if !ok {
		l.Errorf(diag.Pos{File: file}, "无法识别文件编码：既不是 UTF-8 也不是 GB18030；请在 Excel 中另存为“CSV UTF-8”",
			"cannot read the file's encoding: it is neither UTF-8 nor GB18030; save it from Excel as \"CSV UTF-8\"")
		return false
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var r row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return true
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				l.Errorf(diag.Pos{File: file, Line: pe.Line}, "CSV 格式错误：%[1]v；请检查引号是否成对", "CSV syntax error: %[2]v; check that quotes are paired",
					csvErrZH(pe.Err), pe.Err)
			} else {
				l.Errorf(diag.Pos{File: file}, "无法读取：%v", "cannot read: %v", err)
			}
			return false
		}
		r.cells = rec
		if r.blank() {
			continue
		}
		r.lines = r.lines[:0]
		for i := range rec {
			line, _ := cr.FieldPos(i)
			r.lines = append(r.lines, line)
		}
		r.line = r.lines[0]
		if !fn(&r) {
			return true
		}
	}
}

func csvErrZH(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return "未加引号的字段中出现了引号 \""
	case errors.Is(err, csv.ErrQuote):
		return "引号字段中多余或缺少的引号 \""
	}
	return err.Error()
}

// colName returns the spreadsheet letter of 1-based column col (1 → A).
func colName(col int) string {
	s, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return "?"
	}
	return s
}

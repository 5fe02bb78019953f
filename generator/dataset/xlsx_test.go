package dataset

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// makeXLSX builds a workbook: the first sheet is filled by fill, and a
// second sheet holds rubbish that must be ignored.
func makeXLSX(t *testing.T, fill func(f *excelize.File, sheet string)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "数据"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	fill(f, sheet)
	if _, err := f.NewSheet("其他"); err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("其他", "A1", "这里不是数据")
	f.SetCellStr("其他", "B2", "-1")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func set(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func style(t *testing.T, f *excelize.File, sheet, cell string, numFmt int) {
	t.Helper()
	id, err := f.NewStyle(&excelize.Style{NumFmt: numFmt})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sheet, cell, cell, id); err != nil {
		t.Fatal(err)
	}
}

func TestLoadXLSX(t *testing.T) {
	data := makeXLSX(t, func(f *excelize.File, s string) {
		for cell, v := range map[string]any{
			"A1": "编号", "B1": "受理案件数", "C1": "closed", "D1": "days",
			"A2": "a1", "B2": 1234, "C2": 0.12, "D2": 12.000000001,
			// row 3 left blank
			"A4": "b", "B4": "12.5", // text that is a plain decimal is fine
		} {
			set(t, f, s, cell, v)
		}
		style(t, f, s, "B2", 3)           // #,##0: shows 1,234
		style(t, f, s, "C2", 9)           // 0%: shows 12%
		style(t, f, s, "D2", 1)           // 0: shows 12
		f.SetCellDefault(s, "C4", "1E-3") // a numeric cell stored in E notation
	})
	cfg := newSite(t, map[string]string{
		"data/entities.csv":         testEntities,
		"data/periods/2024-Q1.xlsx": data,
	})
	ds := mustLoad(t, cfg)
	tests := []struct {
		e, f string
		want float64
	}{
		{"a1", "cases", 1234},        // not "1,234"
		{"a1", "closed", 0.12},       // not "12%"
		{"a1", "days", 12.000000001}, // the stored value, not the shown 12
		{"b", "cases", 12.5},
		{"b", "closed", 0.001},
	}
	for _, tt := range tests {
		if v := get(t, ds, "2024-Q1", tt.e, tt.f); v != tt.want {
			t.Errorf("%s.%s = %v, want %v", tt.e, tt.f, v, tt.want)
		}
	}
	if got := ds.Period("2024-Q1").Files; len(got) != 1 || got[0] != "data/periods/2024-Q1.xlsx" {
		t.Errorf("Files = %v", got)
	}
}

func TestXLSXProblems(t *testing.T) {
	const file = "data/periods/2024-Q1.xlsx"
	tests := []struct {
		name string
		fill func(f *excelize.File, s string)
		want want
	}{
		{"text cell", func(f *excelize.File, s string) {
			f.SetCellStr(s, "A1", "entity")
			f.SetCellStr(s, "B1", "cases")
			f.SetCellStr(s, "C1", "closed")
			f.SetCellStr(s, "A3", "a1") // row 2 blank: the row number is still 3
			f.SetCellStr(s, "C3", "abc")
		}, want{file, 3, 3, []string{"column C (closed)", `"abc"`}, false}},
		{"text in E notation", func(f *excelize.File, s string) {
			f.SetCellStr(s, "A1", "entity")
			f.SetCellStr(s, "B1", "cases")
			f.SetCellStr(s, "A2", "a1")
			f.SetCellStr(s, "B2", "1e3")
		}, want{file, 2, 2, []string{"column B (cases)", `"1e3"`, "scientific"}, false}},
		{"negative number", func(f *excelize.File, s string) {
			f.SetCellStr(s, "A1", "entity")
			f.SetCellStr(s, "B1", "cases")
			f.SetCellStr(s, "A2", "a1")
			f.SetCellValue(s, "B2", -5)
		}, want{file, 2, 2, []string{`"-5"`, "negative"}, false}},
		{"unknown label", func(f *excelize.File, s string) {
			f.SetCellStr(s, "A1", "编号")
			f.SetCellStr(s, "B1", "cases")
			f.SetCellStr(s, "AA1", "不起诉率")
			f.SetCellStr(s, "A2", "a1")
			f.SetCellValue(s, "AA2", 0.5)
		}, want{file, 1, 27, []string{"column AA", `"不起诉率"`}, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.xlsx": makeXLSX(t, tt.fill)})
			_, l := Load(cfg)
			check(t, l, tt.want, false)
		})
	}
	t.Run("not a workbook", func(t *testing.T) {
		cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.xlsx": "entity,cases\n"})
		_, l := Load(cfg)
		check(t, l, want{file, 0, 0, []string{"cannot open the Excel file"}, false}, false)
	})
}

func TestXLSXAndCSVInFolder(t *testing.T) {
	x := makeXLSX(t, func(f *excelize.File, s string) {
		f.SetCellStr(s, "A1", "entity")
		f.SetCellStr(s, "B1", "审结案件数")
		f.SetCellStr(s, "A2", "a1")
		f.SetCellValue(s, "B2", 3)
		f.SetCellStr(s, "A3", "b")
		f.SetCellValue(s, "B3", 4)
	})
	cfg := newSite(t, map[string]string{
		"data/entities.csv":           testEntities,
		"data/periods/2024-03/a.csv":  "entity,cases,closed\na1,1,\nb,2,7\n",
		"data/periods/2024-03/b.xlsx": x,
	})
	_, l := Load(cfg)
	// b.closed is 7 in a.csv (cell C3) and 4 in b.xlsx (cell B3).
	check(t, l, want{"data/periods/2024-03/b.xlsx", 3, 2, []string{`"b" has field closed twice`, "data/periods/2024-03/a.csv:3:3 (C3)"}, false}, false)
}

// patchSheet rewrites the XML of the first worksheet of the workbook data
// with each old → new replacement (each must occur), for cells excelize
// does not write: a formula with its saved result, an error value.
func patchSheet(t *testing.T, data string, repl ...string) string {
	t.Helper()
	return patchPart(t, data, "xl/worksheets/sheet1.xml", repl...)
}

// patchPart is patchSheet for any part of the workbook.
func patchPart(t *testing.T, data, part string, repl ...string) string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			s := string(b)
			for i := 0; i+1 < len(repl); i += 2 {
				if !strings.Contains(s, repl[i]) {
					t.Fatalf("the part has no %s:\n%s", repl[i], s)
				}
				s = strings.Replace(s, repl[i], repl[i+1], 1)
			}
			b = []byte(s)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// header writes entity, cases, closed in row 1 and a1 in A2, b in A3.
func header(f *excelize.File, s string) {
	for cell, v := range map[string]string{"A1": "entity", "B1": "cases", "C1": "审结案件数", "A2": "a1", "A3": "b"} {
		f.SetCellStr(s, cell, v)
	}
}

// TestXLSXFirstVisibleSheet: hidden and very hidden sheets before the
// data are skipped; the first visible sheet is read.
func TestXLSXFirstVisibleSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "说明")
	f.SetCellStr("说明", "A1", "这个工作表已隐藏，不是数据")
	for _, s := range []string{"旧数据", "数据"} {
		if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	f.SetCellStr("旧数据", "A1", "entity")
	f.SetCellStr("旧数据", "B1", "cases")
	f.SetCellStr("旧数据", "A2", "a1")
	f.SetCellStr("旧数据", "B2", "-1")
	header(f, "数据")
	f.SetCellValue("数据", "B2", 7)
	f.SetActiveSheet(2)
	if err := f.SetSheetVisible("说明", false); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetVisible("旧数据", false, true); err != nil { // very hidden
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	ds := mustLoad(t, newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.xlsx": buf.String()}))
	if v := get(t, ds, "2024-Q1", "a1", "cases"); v != 7 {
		t.Errorf("a1.cases = %v, want 7 from the visible sheet", v)
	}
}

// TestXLSXEverySheetHidden: a workbook whose sheets are all hidden is an
// error, not an empty period.
func TestXLSXEverySheetHidden(t *testing.T) {
	data := makeXLSX(t, func(f *excelize.File, s string) { header(f, s) })
	data = patchPart(t, data, "xl/workbook.xml", `<sheet name="数据" sheetId="1" r:id="rId1"></sheet>`, `<sheet name="数据" sheetId="1" state="hidden" r:id="rId1"></sheet>`,
		`<sheet name="其他" sheetId="2" r:id=`, `<sheet name="其他" sheetId="2" state="veryHidden" r:id=`)
	_, l := Load(newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.xlsx": data}))
	check(t, l, want{"data/periods/2024-Q1.xlsx", 0, 0, []string{"every sheet of the Excel file is hidden"}, false}, false)
}

// TestXLSXCellsThatAreNotValues: one test per kind of cell that holds no
// readable value; each names the file, the sheet, the cell, its line and
// column.
func TestXLSXCellsThatAreNotValues(t *testing.T) {
	const file = "data/periods/2024-Q1.xlsx"
	tests := []struct {
		name  string
		fill  func(f *excelize.File, s string)
		patch []string
		want  want
	}{
		{"formula without a saved result", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellFormula(s, "B3", "SUM(B1:B2)")
		}, nil, want{file, 3, 2, []string{`sheet "数据", cell B3 (column "cases"): holds the formula =SUM(B1:B2) but the file has no saved result`, "Paste Special"}, false}},
		{"formula without a result alone in its row", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellValue(s, "B2", 1)
			f.SetCellFormula(s, "C7", "B2*2")
		}, nil, want{file, 7, 3, []string{`cell C7 (column "审结案件数"): holds the formula =B2*2`}, false}},
		{"logical value", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellBool(s, "C2", true)
		}, nil, want{file, 2, 3, []string{`sheet "数据", cell C2 (column "审结案件数"): holds the logical value TRUE`}, false}},
		{"error value typed in", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellValue(s, "B3", 5)
		}, []string{`<c r="B3"><v>5</v></c>`, `<c r="B3" t="e"><v>#N/A</v></c>`},
			want{file, 3, 2, []string{`cell B3 (column "cases"): holds the error value #N/A; correct the formula`}, false}},
		{"error value of a formula", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellFormula(s, "B2", "B3/0")
		}, []string{`<c r="B2" t="str"><f>B3/0</f></c>`, `<c r="B2" t="e"><f>B3/0</f><v>#DIV/0!</v></c>`},
			want{file, 2, 2, []string{`holds the error value #DIV/0! (the result of the formula =B3/0)`}, false}},
		{"date", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellValue(s, "B2", time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC))
		}, nil, want{file, 2, 2, []string{`cell B2 (column "cases"): holds a date or time (it shows `, "set the cell format to General (常规)"}, false}},
		{"number formatted as a built-in date", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellValue(s, "C3", 45383)
			style(t, f, s, "C3", 14)
		}, nil, want{file, 3, 3, []string{"holds a date or time"}, false}},
		{"number formatted as a Chinese date", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellValue(s, "C3", 45383)
			customStyle(t, f, s, "C3", `yyyy"年"m"月"d"日"`)
		}, nil, want{file, 3, 3, []string{"holds a date or time"}, false}},
		{"number formatted as elapsed time", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellValue(s, "C3", 1.5)
			customStyle(t, f, s, "C3", `[h]:mm`)
		}, nil, want{file, 3, 3, []string{"holds a date or time"}, false}},
		{"a header that is a formula without result", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellFormula(s, "D1", `"clo"&"sed"`)
			f.SetCellValue(s, "D2", 4)
		}, nil, want{file, 1, 4, []string{`sheet "数据", cell D1: holds the formula ="clo"&"sed"`}, false}},
		{"an id that is a logical value", func(f *excelize.File, s string) {
			header(f, s)
			f.SetCellBool(s, "A4", false)
			f.SetCellValue(s, "B4", 4)
		}, nil, want{file, 4, 1, []string{`cell A4 (column "entity"): holds the logical value FALSE`}, false}},
	}
	for _, scan := range []bool{true, false} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s, scan %v", tt.name, scan), func(t *testing.T) {
				defer func(old bool) { scanXLSX = old }(scanXLSX)
				scanXLSX = scan
				data := makeXLSX(t, tt.fill)
				if tt.patch != nil {
					data = patchSheet(t, data, tt.patch...)
				}
				_, l := Load(newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.xlsx": data}))
				check(t, l, tt.want, false)
			})
		}
	}
}

// TestScanSheet: the XML scan places cells without an r attribute after
// the previous one, reads prefixed element names, and tells a formula
// whose result is saved (even an empty <v/> is not a result) from one
// without.
func TestScanSheet(t *testing.T) {
	const sheet = `<?xml version="1.0"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="B2"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c><x:f>1+2</x:f><x:v/></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>
<x:row><x:c r="A3" t="inlineStr"><x:is><x:t>a1</x:t></x:is></x:c><x:c s="3"><x:v>45383</x:v></x:c><x:c s="3"/><x:c t="e"><x:v>#REF!</x:v></x:c><x:c t="d"><x:v>2024-04-01</x:v></x:c></x:row>
<x:row r="9"><x:c r="F9" t="str"><x:f t="shared" si="0"/></x:c><x:c r="G9" s="2"><x:v>7</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`
	bad, err := scanSheet(strings.NewReader(sheet), func(style int) bool { return style == 3 })
	if err != nil {
		t.Fatal(err)
	}
	want := map[cellKey]cellKind{
		{2, 3}: noResult, {2, 4}: boolCell,
		{3, 2}: dateCell, {3, 4}: errorCell, {3, 5}: dateCell,
		{9, 6}: noResult,
	}
	if !reflect.DeepEqual(bad, want) {
		t.Errorf("scanSheet = %v, want %v", bad, want)
	}
	if _, err := scanSheet(strings.NewReader(`<worksheet>`), func(int) bool { return false }); err == nil {
		t.Error("a sheet without sheetData scanned")
	}
}

// TestXLSXFormulaWithSavedResult: a formula whose saved result is a number
// reads as that number (what Excel shows); number formats that are not
// dates (0"件", #,##0) read as their numbers.
func TestXLSXFormulaWithSavedResult(t *testing.T) {
	data := makeXLSX(t, func(f *excelize.File, s string) {
		header(f, s)
		f.SetCellFormula(s, "B2", "3+4")
		f.SetCellFormula(s, "C2", "B2*2") // a shared-looking second formula
		f.SetCellValue(s, "B3", 12)
		customStyle(t, f, s, "B3", `0"件"`)
		f.SetCellValue(s, "C3", 1234)
		customStyle(t, f, s, "C3", `[Red]#,##0;[Blue]\-#,##0`)
	})
	data = patchSheet(t, data,
		`<c r="B2" t="str"><f>3+4</f></c>`, `<c r="B2"><f>3+4</f><v>7</v></c>`,
		`<c r="C2" t="str"><f>B2*2</f></c>`, `<c r="C2"><f>B2*2</f><v>14</v></c>`)
	ds := mustLoad(t, newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.xlsx": data}))
	for _, tt := range []struct {
		e, f string
		want float64
	}{{"a1", "cases", 7}, {"a1", "closed", 14}, {"b", "cases", 12}, {"b", "closed", 1234}} {
		if v := get(t, ds, "2024-Q1", tt.e, tt.f); v != tt.want {
			t.Errorf("%s.%s = %v, want %v", tt.e, tt.f, v, tt.want)
		}
	}
}

func customStyle(t *testing.T, f *excelize.File, sheet, cell, code string) {
	t.Helper()
	id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sheet, cell, cell, id); err != nil {
		t.Fatal(err)
	}
}

func TestDateFormatCode(t *testing.T) {
	for code, want := range map[string]bool{
		"yyyy-mm-dd": true, `yyyy"年"m"月"`: true, "h:mm AM/PM": true, "[h]:mm:ss": true, "[ss]": true, "[$-804]yyyy/m/d": true, "d-mmm": true,
		"General": false, "0": false, "#,##0.00": false, `0"天"`: false, `0" days"`: false, `#,##0\d`: false, "0.00E+00": false,
		"[Red]#,##0": false, "[DBNum1][$-804]General": false, `0_s`: false, "@": false, `"unclosed`: false,
	} {
		if got := dateFormatCode(code); got != want {
			t.Errorf("dateFormatCode(%q) = %v, want %v", code, got, want)
		}
	}
}

package dataset

import (
	"bytes"
	"testing"

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

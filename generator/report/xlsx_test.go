package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/config"
)

// TestXLSXDeterministicAndReadable writes a period's workbook twice (from
// two models), compares the bytes, and reads it back: one sheet per scheme
// with results, rows by group and rank with the results' totals.
func TestXLSXDeterministicAndReadable(t *testing.T) {
	a, b := rankDemo(t), rankDemo(t)
	const period = "2025-Q4"
	write := func(m *Model) []byte {
		for _, j := range m.FileJobs() {
			if j.Path == XLSXPath(period) {
				var buf bytes.Buffer
				if err := j.Write(&buf); err != nil {
					t.Fatal(err)
				}
				return buf.Bytes()
			}
		}
		t.Fatalf("no file job for %s", XLSXPath(period))
		return nil
	}
	x1, x2 := write(a), write(b)
	if !bytes.Equal(x1, x2) {
		t.Fatal("two writes of the workbook differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(x1))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil || props.Created != xlsxFixedTime || props.Modified != xlsxFixedTime {
		t.Errorf("doc props = %+v, %v; want fixed times", props, err)
	}
	var schemes []string
	for _, s := range a.Config.Schemes {
		if a.Result(s.ID, period) != nil {
			schemes = append(schemes, s.Name)
		}
	}
	if got := f.GetSheetList(); len(got) != len(schemes) {
		t.Fatalf("sheets %v, want %v", got, schemes)
	}
	for i, s := range a.Config.Schemes {
		r := a.Result(s.ID, period)
		sheet := f.GetSheetList()[i]
		if sheet != s.Name {
			t.Errorf("sheet %d is %q, want %q", i, sheet, s.Name)
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		header := rows[1]
		col := func(name string) int {
			for k, h := range header {
				if h == name {
					return k
				}
			}
			t.Fatalf("%s: no column %q in %v", sheet, name, header)
			return -1
		}
		rank, id, total := col("排名"), col("编号"), col("总分")
		n := 2
		for _, g := range r.Groups {
			for _, e := range g.Entities {
				row := rows[n]
				n++
				got, err := strconv.ParseFloat(row[total], 64)
				// Excel keeps 15 significant digits: equal to that precision.
				if err != nil || math.Abs(got-e.Total) > 1e-12*math.Max(1, math.Abs(e.Total)) || row[id] != e.Entity.ID || row[rank] != strconv.Itoa(e.Rank) {
					t.Errorf("%s row %d = %s %s %s, want %s %d %v", sheet, n, row[id], row[rank], row[total], e.Entity.ID, e.Rank, e.Total)
				}
			}
		}
		if n != len(rows) {
			t.Errorf("%s: %d rows, want %d", sheet, len(rows), n)
		}
		if want := s.Name + " · " + r.Period.Period.Label(a.Lang); rows[0][0] != want {
			t.Errorf("%s: title %q, want %q", sheet, rows[0][0], want)
		}
		if mc, err := f.GetMergeCells(sheet); err != nil || len(mc) != 1 || mc[0].GetStartAxis() != "A1" || mc[0].GetEndAxis() != string(rune('A'+len(header)-1))+"1" {
			t.Errorf("%s: merged cells %v %v, want the title across the %d columns", sheet, mc, err, len(header))
		}
		if pane, err := f.GetPanes(sheet); err != nil || !pane.Freeze || pane.YSplit != 2 {
			t.Errorf("%s: panes %+v %v, want the two top rows frozen", sheet, pane, err)
		}
	}
}

func TestXLSXSheetName(t *testing.T) {
	tests := []struct {
		name string
		used []string
		want string
	}{
		{"基层院业绩考评", nil, "基层院业绩考评"},
		{"a/b:c?d*e[f]g\\h", nil, "a_b_c_d_e_f_g_h"},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", nil, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"},
		{"考评", []string{"考评"}, "考评(2)"},
	}
	for _, tt := range tests {
		used := map[string]bool{}
		for _, u := range tt.used {
			used[u] = true
		}
		if got := xlsxSheetName(&config.Scheme{ID: "x", Name: tt.name}, used); got != tt.want {
			t.Errorf("xlsxSheetName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// BenchmarkXLSX writes the demo's last-quarter workbook.
func BenchmarkXLSX(b *testing.B) {
	m, err := loadDemo()
	if err != nil {
		b.Fatal(err)
	}
	var job FileJob
	for _, j := range m.FileJobs() {
		if j.Path == XLSXPath("2025-Q4") {
			job = j
		}
	}
	for b.Loop() {
		if err := job.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func TestXLSXColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := xlsxColumnName(n); got != want {
			t.Errorf("xlsxColumnName(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestXLSXCells reads back a sheet with every kind of cell: text that
// needs escaping or keeps its spaces, ints, floats, empty and NaN cells.
func TestXLSXCells(t *testing.T) {
	book := &xlsxBook{Title: "t", Lang: "zh-CN", Sheets: []*xlsxSheet{{
		Name: "甲<&>", Title: "标题", Head: []string{"a", "b", "c", "d"}, Widths: []float64{10, 10, 10, 10},
		Styles: []xlsxStyle{xlsxText, xlsxInt, xlsxPoints, xlsxSigned},
		Rows:   [][]any{{" x <y> & \"z\" ", 3, 1.25, math.NaN()}, {"", -2, 0.1 + 0.2, -1.5}},
	}}}
	var buf bytes.Buffer
	if err := book.write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("甲<&>", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"标题"}, {"a", "b", "c", "d"}, {" x <y> & \"z\" ", "3", "1.25"}, {"", "-2", "0.3", "-1.5"}} // read back to 15 digits, as Excel does
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	if v, _ := f.GetCellValue("甲<&>", "D4"); v != "-1.50" {
		t.Errorf("signed points shown as %q, want -1.50", v)
	}
}

package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// BOM is the UTF-8 byte order mark Excel writes at the start of a CSV.
const BOM = "\ufeff"

// Entity is one row of entities.csv.
type Entity struct {
	ID, Name, Kind, Parent, Group string
	Order                         int
}

// Table is one data file's content: header and rows, all as text.
type Table struct {
	Header []string
	Rows   [][]string
}

// MakeTable lays out the rows of the given entities (in that order,
// skipping those without values) with every field any of them has, in the
// order of Fields. zh selects the Chinese headers (编号 and the labels).
func MakeTable(es []Entity, v Values, zh bool) Table {
	used := map[string]bool{}
	for _, e := range es {
		for f := range v[e.ID] {
			used[f] = true
		}
	}
	var cols []Field
	for _, f := range Fields {
		if used[f.ID] {
			cols = append(cols, f)
		}
	}
	t := Table{Header: []string{"entity"}}
	if zh {
		t.Header[0] = "编号"
	}
	for _, f := range cols {
		if zh {
			t.Header = append(t.Header, f.Label)
		} else {
			t.Header = append(t.Header, f.ID)
		}
	}
	for _, e := range es {
		m, ok := v[e.ID]
		if !ok {
			continue
		}
		row := make([]string, 1, len(cols)+1)
		row[0] = e.ID
		for _, f := range cols {
			cell := ""
			if x, ok := m[f.ID]; ok {
				cell = strconv.FormatFloat(x, 'f', -1, 64)
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// WriteCSV writes t as CSV, with a UTF-8 BOM when withBOM (what Excel writes).
func WriteCSV(path string, t Table, withBOM bool) error {
	var b bytes.Buffer
	if withBOM {
		b.WriteString(BOM)
	}
	w := csv.NewWriter(&b)
	w.Write(t.Header)
	w.WriteAll(t.Rows)
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// WriteXLSX writes t as the first sheet of a workbook, numbers as numbers.
func WriteXLSX(path, sheet string, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	put := func(row int, cells []string) error {
		for i, s := range cells {
			name, err := excelize.CoordinatesToCellName(i+1, row)
			if err != nil {
				return err
			}
			var val any = s
			if x, err := strconv.ParseFloat(s, 64); err == nil && i > 0 {
				val = x
			} else if s == "" {
				continue
			}
			if err := f.SetCellValue(sheet, name, val); err != nil {
				return err
			}
		}
		return nil
	}
	if err := put(1, t.Header); err != nil {
		return err
	}
	for i, r := range t.Rows {
		if err := put(i+2, r); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

// WriteEntities writes entities.csv with the columns id,name,kind,parent,group,order.
func WriteEntities(path string, es []Entity) error {
	t := Table{Header: []string{"id", "name", "kind", "parent", "group", "order"}}
	for _, e := range es {
		t.Rows = append(t.Rows, []string{e.ID, e.Name, e.Kind, e.Parent, e.Group, strconv.Itoa(e.Order)})
	}
	return WriteCSV(path, t, false)
}

// PeriodLabel is the Chinese label of a quarter or month id.
func PeriodLabel(id string) string {
	if id[5] == 'Q' {
		return fmt.Sprintf("%s年第%s季度", id[:4], map[byte]string{'1': "一", '2': "二", '3': "三", '4': "四"}[id[6]])
	}
	m, _ := strconv.Atoi(id[5:])
	return fmt.Sprintf("%s年%d月", id[:4], m)
}

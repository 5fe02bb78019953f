package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/xuri/excelize/v2"
)

const bom = "\ufeff"

// table is one data file's content: header and rows, all as text.
type table struct {
	Header []string
	Rows   [][]string
}

// makeTable lays out the rows of the given entities (in that order,
// skipping those without values) with every field any of them has.
// zh selects the Chinese headers (编号 and the [fields] labels).
func makeTable(es []entity, v values, zh bool) table {
	used := map[string]bool{}
	for _, e := range es {
		for f := range v[e.ID] {
			used[f] = true
		}
	}
	var cols []field
	for _, f := range fields {
		if used[f.ID] {
			cols = append(cols, f)
		}
	}
	t := table{Header: []string{"entity"}}
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
		row := []string{e.ID}
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

// writeCSV writes t as CSV, with a UTF-8 BOM when withBOM (what Excel writes).
func writeCSV(path string, t table, withBOM bool) error {
	var b bytes.Buffer
	if withBOM {
		b.WriteString(bom)
	}
	w := csv.NewWriter(&b)
	w.Write(t.Header)
	w.WriteAll(t.Rows)
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// writeXLSX writes t as the first sheet of a workbook, numbers as numbers.
func writeXLSX(path, sheet string, t table) error {
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

func writeEntities(path string, es []entity) error {
	t := table{Header: []string{"id", "name", "kind", "parent", "group", "order"}}
	for _, e := range es {
		t.Rows = append(t.Rows, []string{e.ID, e.Name, e.Kind, e.Parent, e.Group, strconv.Itoa(e.Order)})
	}
	return writeCSV(path, t, false)
}

// writePeriod writes one period in its planned format.
func writePeriod(dir string, p periodSpec, es []entity, v values) error {
	switch p.Format {
	case "csv-zh":
		return writeCSV(filepath.Join(dir, p.ID+".csv"), makeTable(es, v, true), true)
	case "csv":
		return writeCSV(filepath.Join(dir, p.ID+".csv"), makeTable(es, v, false), false)
	case "xlsx":
		return writeXLSX(filepath.Join(dir, p.ID+".xlsx"), periodLabel(p.ID), makeTable(es, v, true))
	case "split":
		// One folder, two files, merged by the reader: the units' own
		// figures (procuratorates and cities) and the prosecutors'.
		sub := filepath.Join(dir, p.ID)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		var unitsEs, prosEs []entity
		for _, e := range es {
			if e.Kind == "prosecutor" {
				prosEs = append(prosEs, e)
			} else {
				unitsEs = append(unitsEs, e)
			}
		}
		if err := writeCSV(filepath.Join(sub, "basic.csv"), makeTable(unitsEs, v, true), true); err != nil {
			return err
		}
		return writeCSV(filepath.Join(sub, "prosecutors.csv"), makeTable(prosEs, v, false), false)
	}
	return fmt.Errorf("unknown format %q", p.Format)
}

// periodLabel is the Chinese label of a quarter or month id.
func periodLabel(id string) string {
	if id[5] == 'Q' {
		return fmt.Sprintf("%s年第%s季度", id[:4], map[byte]string{'1': "一", '2': "二", '3': "三", '4': "四"}[id[6]])
	}
	m, _ := strconv.Atoi(id[5:])
	return fmt.Sprintf("%s年%d月", id[:4], m)
}

package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/build"
	"kaoping/generator/report"
)

// The new site of `kaoping init` has data for 2025-Q1 and 2025-Q2 (a
// folder of two files); its forms are for 2025-Q3.
const formPeriod, formLatest = "2025-Q3", "2025-Q2"

// formSheet is the data sheet of a 2025-Q3 form.
const formSheet = "2025年第三季度"

// writeForm runs `kaoping form 2025-Q3` for the site of cfg and returns
// the workbook's path.
func writeForm(t *testing.T, cfg string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "表.xlsx")
	code, stdout, stderr := runCLI("form", formPeriod, "--config", cfg, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "data/periods/2025-Q3.xlsx") || !strings.Contains(stdout, "kaoping check") {
		t.Fatalf("form: exit %d\n%s%s", code, stdout, stderr)
	}
	return out
}

// TestFormLayout reads a new site's form back: the rows are the entities
// with values of their own in the latest period, in display order, the
// columns 编号, 名称 and the [fields] labels; the header and the first two
// columns are frozen and locked; each value column takes decimals ≥ 0,
// with an input message; the 说明 sheet says where the file goes.
func TestFormLayout(t *testing.T) {
	cfg := initSite(t)
	path := writeForm(t, cfg)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{formSheet, "说明"}) {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows(formSheet)
	if err != nil {
		t.Fatal(err)
	}
	// The rows: every entity of the two 2025-Q2 files (the city has no
	// row: its values are the sums of its procuratorates), each
	// procuratorate followed by its prosecutors.
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, r[0])
	}
	want := []string{"dq", "dq-01", "dq-02", "xq", "xq-01", "xq-02", "nx", "nx-01", "nx-02", "bx", "bx-01", "bx-02"}
	if !slices.Equal(ids, want) {
		t.Errorf("rows %q, want %q", ids, want)
	}
	if rows[1][1] != "东区人民检察院" || rows[2][1] != "东区检察官甲" {
		t.Errorf("names %q, %q", rows[1][1], rows[2][1])
	}
	// The columns: the skeleton's [fields], labels in file order.
	p, problems := build.Load(cfg)
	if problems.HasErrors() {
		t.Fatal(problems.Err("en"))
	}
	head := []string{"编号", "名称"}
	for _, fd := range p.Config.Fields {
		head = append(head, fd.Label)
	}
	if !slices.Equal(rows[0], head) {
		t.Errorf("header %q, want %q", rows[0], head)
	}
	if pane, err := f.GetPanes(formSheet); err != nil || !pane.Freeze || pane.XSplit != 2 || pane.YSplit != 1 || pane.TopLeftCell != "C2" {
		t.Errorf("panes %+v %v, want the header row and two columns frozen", pane, err)
	}
	locked := func(cell string) bool {
		t.Helper()
		id, err := f.GetCellStyle(formSheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked // Excel locks a cell by default
	}
	last, _ := excelize.ColumnNumberToName(len(head))
	for _, c := range []string{"A1", "B1", "C1", "A2", "B2", "A13", "B13"} {
		if !locked(c) {
			t.Errorf("%s is not locked", c)
		}
	}
	for _, c := range []string{"C2", "C13", last + "2", last + "13"} {
		if locked(c) {
			t.Errorf("%s is locked: nobody could type the value", c)
		}
	}
	dvs, err := f.GetDataValidations(formSheet)
	if err != nil || len(dvs) != len(head)-2 {
		t.Fatalf("%d data validations (%v), want one per field (%d)", len(dvs), err, len(head)-2)
	}
	for i, dv := range dvs {
		col, _ := excelize.ColumnNumberToName(3 + i)
		if dv.Sqref != col+"2:"+col+"13" || dv.Type != "decimal" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" ||
			!dv.ShowErrorMessage || !dv.ShowInputMessage || dv.PromptTitle == nil || *dv.PromptTitle != head[2+i] ||
			dv.Prompt == nil || !strings.Contains(*dv.Prompt, "不小于 0") || !strings.Contains(*dv.Prompt, p.Config.Fields[i].ID) {
			t.Errorf("validation %d: %+v", i, dv)
		}
	}
	// Sheet protection without a password, as excelize reads it back from
	// the sheet XML (GetSheetProtection is not in excelize's API).
	if x := sheetXML(t, path); !strings.Contains(x, `<sheetProtection sheet="true"`) || strings.Contains(x, "assword") {
		t.Error("the form sheet is not protected, or has a password")
	}
	help, _ := f.GetRows("说明")
	var text strings.Builder
	for _, r := range help {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	for _, w := range []string{"data/periods/2025-Q3.xlsx", "kaoping check", "kaoping build", "受理案件数 cases"} {
		if !strings.Contains(text.String(), w) {
			t.Errorf("说明 does not say %q:\n%s", w, text.String())
		}
	}
}

// sheetXML is the XML of the first sheet of the workbook at path.
func sheetXML(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fillForm fills the value cells of the form at path with the own values
// of the latest period (as numbers), so that 2025-Q3 repeats 2025-Q2.
func fillForm(t *testing.T, cfg, path string) {
	t.Helper()
	p, problems := build.Load(cfg)
	if problems.HasErrors() {
		t.Fatal(problems.Err("en"))
	}
	pd := p.Data.Period(formLatest)
	byLabel := map[string]string{}
	for _, fd := range p.Config.Fields {
		byLabel[fd.Label] = fd.ID
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(formSheet)
	filled := 0
	for r, row := range rows[1:] {
		for c, label := range rows[0][2:] {
			v, ok := pd.OwnValue(row[0], byLabel[label])
			if !ok {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(3+c, r+2)
			if err := f.SetCellValue(formSheet, cell, v); err != nil {
				t.Fatal(err)
			}
			filled++
		}
	}
	if filled < 50 {
		t.Fatalf("only %d values filled", filled)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestFormFilledBuilds: a form, filled with numbers and saved as
// data/periods/2025-Q3.xlsx with no other edit, checks clean and builds
// 2025-Q3's pages, whose results are 2025-Q2's (the same counts).
func TestFormFilledBuilds(t *testing.T) {
	cfg := initSite(t)
	form := writeForm(t, cfg)
	fillForm(t, cfg, form)
	site := filepath.Dir(cfg)
	if err := os.Rename(form, filepath.Join(site, "data", "periods", formPeriod+".xlsx")); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI("check", "--config", cfg); code != exitOK || strings.Contains(stdout, "警告") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runCLI("build", "--config", cfg, "--out", out, "--no-bundles"); code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	p, _ := build.Load(cfg)
	for _, s := range p.Config.Schemes {
		got, prev := readResults(t, out, s.ID, formPeriod), readResults(t, out, s.ID, formLatest)
		if len(got) == 0 || len(got) != len(prev) {
			t.Fatalf("%s: %d entities in %s, %d in %s", s.ID, len(got), formPeriod, len(prev), formLatest)
		}
		for id, e := range got {
			// The same counts give the same values, points and total
			// (JSON numbers compared as their text).
			if e.Total != prev[id].Total || fmt.Sprint(e.Indicators) != fmt.Sprint(prev[id].Indicators) {
				t.Errorf("%s %s: %s gives %s %v, %s gave %s %v", s.ID, id, formPeriod, e.Total, e.Indicators, formLatest, prev[id].Total, prev[id].Indicators)
			}
		}
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(report.RankingPath(s.ID, formPeriod))))
		if err != nil || !strings.Contains(string(page), "2025年第三季度") || !strings.Contains(string(page), "东区") {
			t.Errorf("%s: the ranking page of %s (%v) does not show the period and its units", s.ID, formPeriod, err)
		}
	}
}

// resultEntity is what TestFormFilledBuilds compares of an entity's
// results: numbers as the JSON writes them.
type resultEntity struct {
	Total      json.Number
	Indicators map[string]struct{ Value, Points json.Number }
}

// readResults reads data/<scheme>/<period>.json of a built site, by entity.
func readResults(t *testing.T, out, scheme, period string) map[string]resultEntity {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "data", scheme, period+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Groups []struct {
			Entities []struct {
				ID string
				resultEntity
			}
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	m := map[string]resultEntity{}
	for _, g := range doc.Groups {
		for _, e := range g.Entities {
			m[e.ID] = e.resultEntity
		}
	}
	return m
}

// TestFormFilledBadCells: text, a negative number and a name pasted
// against another id in a filled form are reported at their cells by
// check and by build, which write nothing.
func TestFormFilledBadCells(t *testing.T) {
	cfg := initSite(t)
	form := writeForm(t, cfg)
	fillForm(t, cfg, form)
	f, err := excelize.OpenFile(form)
	if err != nil {
		t.Fatal(err)
	}
	// Row 2 is dq, row 5 xq, row 8 nx, row 11 bx.
	f.SetCellStr(formSheet, "C2", "十二")
	f.SetCellValue(formSheet, "D5", -5)
	f.SetCellStr(formSheet, "B11", "南县人民检察院")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	const file = "data/periods/2025-Q3.xlsx"
	site := filepath.Dir(cfg)
	if err := os.Rename(form, filepath.Join(site, filepath.FromSlash(file))); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("check", "--config", cfg)
	if code != exitInput {
		t.Fatalf("check: exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	for _, w := range []string{
		file + `:2:3: 错误: C 列（cases）的值 “十二” 无效`,
		file + `:5:4: 错误: D 列（items）的值 “-5” 无效：不能为负数`,
		file + `:11:2: 错误: 名称与编号不符：编号 “bx” 在 entities.csv 中是 “北县人民检察院”，本行名称列却是 “南县人民检察院”`,
	} {
		if !hasLinePrefix(stdout, w) {
			t.Errorf("check does not report %q:\n%s", w, stdout)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr = runCLI("build", "--config", cfg, "--out", out)
	if code != exitInput || !strings.Contains(stderr, file+":11:2:") {
		t.Errorf("build: exit %d, want 1 and the name error\n%s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("build wrote %s: %v", out, err)
	}
}

// TestFormBadInput: a period that is not one, a file that exists, a site
// with errors or without entities.
func TestFormBadInput(t *testing.T) {
	cfg := initSite(t)
	existing := filepath.Join(t.TempDir(), "已有.xlsx")
	if err := os.WriteFile(existing, []byte("在填的表"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := initSite(t)
	replaceIn(t, filepath.Join(filepath.Dir(broken), "data", "periods", "2025-Q1.csv"), "\ndq,120,", "\ndq,abc,")
	empty := initSite(t)
	emptyDir := filepath.Dir(empty)
	if err := os.WriteFile(filepath.Join(emptyDir, "data", "entities.csv"), []byte("id,name,kind,parent\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// No period either (an empty folder): a form would have every leaf.
	if err := os.RemoveAll(filepath.Join(emptyDir, "data", "periods")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(emptyDir, "data", "periods"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(emptyDir, "data", "notes"))
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no period", []string{"form", "--config", cfg}, exitUsage, "需要考核期"},
		{"two periods", []string{"form", "2025-Q3", "2025-Q4", "--config", cfg}, exitUsage, "只接受一个考核期"},
		{"bad period", []string{"form", "2025-13", "--config", cfg}, exitUsage, `"2025-13" 不是可填报的考核期`},
		{"cumulative period", []string{"form", "2025-Q3-ytd", "--config", cfg}, exitUsage, "累计期由各月、各季度相加得到"},
		{"existing file", []string{"form", "2025-Q3", "--config", cfg, "--out", existing}, exitInput, "文件已存在，未改动它"},
		{"data with errors", []string{"form", "2025-Q3", "--config", broken, "--out", filepath.Join(dir, "a.xlsx")}, exitInput, "data/periods/2025-Q1.csv:2:2: 错误"},
		{"no entities", []string{"form", "2025-Q3", "--config", empty, "--out", filepath.Join(dir, "b.xlsx")}, exitInput, "没有考核对象"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q\n%s", tt.name, code, stderr, tt.code, tt.want, stdout)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "在填的表" {
		t.Error("the existing file was written over")
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("files left behind: %v", names)
	}
	// A form for a period that has data says so.
	code, _, stderr := runCLI("form", "2025-Q2", "--config", cfg, "--out", filepath.Join(dir, "c.xlsx"))
	if code != exitOK || !strings.Contains(stderr, "2025-Q2 已有数据") {
		t.Errorf("form for a period with data: exit %d, stderr %q", code, stderr)
	}
}

// TestFirstForm: a new site without any period yet (its periods folder
// missing or empty) gets a form of every entity at the bottom of the
// hierarchy; it is not refused for the missing data, while a config error
// still is.
func TestFirstForm(t *testing.T) {
	for _, empty := range []bool{false, true} {
		cfg := initSite(t)
		periods := filepath.Join(filepath.Dir(cfg), "data", "periods")
		if err := os.RemoveAll(periods); err != nil {
			t.Fatal(err)
		}
		if empty {
			if err := os.Mkdir(periods, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		f, err := excelize.OpenFile(writeForm(t, cfg))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(formSheet)
		f.Close()
		var ids []string
		for _, r := range rows[1:] {
			ids = append(ids, r[0])
		}
		if want := []string{"dq-01", "dq-02", "xq-01", "xq-02", "nx-01", "nx-02", "bx-01", "bx-02"}; !slices.Equal(ids, want) {
			t.Errorf("empty folder %v: rows %q, want the prosecutors %q", empty, ids, want)
		}
		replaceIn(t, cfg, "\n[fields]", "\n[fields]\nname = \"单位名称\"")
		code, _, stderr := runCLI("form", formPeriod, "--config", cfg, "--out", filepath.Join(t.TempDir(), "x.xlsx"))
		if code != exitInput || !strings.Contains(stderr, "字段名 name 留给数据文件的名称列") {
			t.Errorf("empty folder %v: form with a config error: exit %d\n%s", empty, code, stderr)
		}
	}
}

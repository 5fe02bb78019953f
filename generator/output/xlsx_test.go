package output_test

// The results workbooks of the demo site, read back with excelize (and
// with openpyxl when python3 has it): every value and points of every
// indicator of every entity is the JSON's, numbers are numbers, and the
// same input gives the same bytes, in one process and in two.

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/build"
	"kaoping/generator/config"
	"kaoping/generator/initsite"
	"kaoping/generator/output"
	"kaoping/generator/scoring"
)

// periodResults are the results of period, by scheme id.
func periodResults(p *build.Project, period string) map[string]*scoring.Result {
	out := map[string]*scoring.Result{}
	for _, s := range p.Config.Schemes {
		if r := p.Result(s.ID, period); r != nil {
			out[s.ID] = r
		}
	}
	return out
}

// workbookOf writes the workbook of period.
func workbookOf(t testing.TB, p *build.Project, period string) []byte {
	t.Helper()
	pd := p.Data.Period(period)
	if pd == nil {
		t.Fatalf("no period %s", period)
	}
	var buf bytes.Buffer
	if err := output.XLSX(&buf, p.Config, p.Data.Entities, pd.Period, periodResults(p, period)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cell is a cell as a reader sees it: a number, a text or nothing.
type cell struct {
	Kind string  // "n", "s" or "" (empty)
	Num  float64 // Kind "n"
	Text string  // Kind "s"
}

// sheetRows are the cells of each sheet, by sheet name, and the names in
// workbook order.
type sheetRows struct {
	names []string
	rows  map[string][][]cell
}

// readExcelize reads every cell of the workbook with excelize.
func readExcelize(t *testing.T, wb []byte) (sheetRows, *excelize.File) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(wb))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	out := sheetRows{names: f.GetSheetList(), rows: map[string][][]cell{}}
	for _, sheet := range out.names {
		raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		rows := make([][]cell, len(raw))
		for r, line := range raw {
			for c, v := range line {
				if v == "" {
					rows[r] = append(rows[r], cell{})
					continue
				}
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, err := f.GetCellType(sheet, name)
				if err != nil {
					t.Fatal(err)
				}
				switch typ {
				case excelize.CellTypeUnset, excelize.CellTypeNumber:
					x, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatalf("%s!%s: number cell %q", sheet, name, v)
					}
					rows[r] = append(rows[r], cell{Kind: "n", Num: x})
				case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
					rows[r] = append(rows[r], cell{Kind: "s", Text: v})
				default:
					t.Fatalf("%s!%s: cell of type %v", sheet, name, typ)
				}
			}
		}
		out.rows[sheet] = rows
	}
	return out, f
}

// same15 reports whether a number read back from a workbook is v as a
// spreadsheet keeps it: to 15 significant digits (excelize cuts the
// digits after the 15th).
func same15(got, v float64) bool {
	if v == 0 {
		return got == 0
	}
	return math.Abs(got-v) <= 2e-14*math.Abs(v)
}

// valueHead is the 明细 header of an indicator's value column.
func valueHead(ind *config.Indicator) string {
	switch ind.Format {
	case "percent":
		return ind.Name + "（值，%）"
	case "days":
		return ind.Name + "（值，天）"
	}
	return ind.Name + "（值）"
}

// checkSheets compares the cells of a period's workbook with the JSON of
// its results: the sheets of each scheme in config order, the ranking's
// ranks, ids and totals, and on the 明细 each indicator's value (display
// units) and points, the subtotals, total, rank and grade of every entity.
// The JSON is output.JSON's of p's result.
func checkSheets(t *testing.T, p *build.Project, period string, got sheetRows) {
	t.Helper()
	checkSheetsAgainst(t, p, period, got, func(r *scoring.Result) []byte {
		js, err := output.JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		return js
	})
}

// checkSheetsAgainst is checkSheets with the JSON document of each
// scheme's result given by jsonOf.
func checkSheetsAgainst(t *testing.T, p *build.Project, period string, got sheetRows, jsonOf func(*scoring.Result) []byte) {
	t.Helper()
	var names []string
	for _, s := range p.Config.Schemes {
		if p.Result(s.ID, period) != nil {
			names = append(names, s.Name, s.Name+"（明细）")
		}
	}
	if !slices.Equal(got.names, names) {
		t.Fatalf("%s: sheets %q, want %q", period, got.names, names)
	}
	for _, s := range p.Config.Schemes {
		r := p.Result(s.ID, period)
		if r == nil {
			continue
		}
		var doc docJSON
		if err := json.Unmarshal(jsonOf(r), &doc); err != nil {
			t.Fatal(err)
		}
		label := r.Period.Period.Label(p.Config.Language)
		for _, sheet := range []string{s.Name, s.Name + "（明细）"} {
			rows := got.rows[sheet]
			title := s.Name + " · " + label
			if sheet != s.Name {
				title += " · 指标明细"
			}
			if len(rows) < 2 || rows[0][0] != (cell{Kind: "s", Text: title}) {
				t.Fatalf("%s: title row %v, want %q", sheet, rows[0], title)
			}
			col := map[string]int{}
			for i, h := range rows[1] {
				if h.Kind != "s" {
					t.Fatalf("%s: header %d is %+v", sheet, i, h)
				}
				col[h.Text] = i
			}
			at := func(row []cell, head string) cell {
				t.Helper()
				i, ok := col[head]
				if !ok {
					t.Fatalf("%s: no column %q in %v", sheet, head, rows[1])
				}
				if i >= len(row) {
					return cell{}
				}
				return row[i]
			}
			num := func(row []cell, head string, want float64) {
				t.Helper()
				if c := at(row, head); c.Kind != "n" || !same15(c.Num, want) {
					t.Errorf("%s %v: %s = %+v, want the number %v", sheet, row[col["编号"]], head, c, want)
				}
			}
			n := 2
			for _, g := range doc.Groups {
				for _, e := range g.Entities {
					if n >= len(rows) {
						t.Fatalf("%s: %d rows, want more", sheet, len(rows))
					}
					row := rows[n]
					n++
					if at(row, "编号") != (cell{Kind: "s", Text: e.ID}) || at(row, "名称") != (cell{Kind: "s", Text: e.Name}) {
						t.Fatalf("%s row %d: %v, want %s %s", sheet, n, row, e.ID, e.Name)
					}
					num(row, "排名", float64(e.Rank))
					num(row, "总分", e.Total)
					for _, c := range s.Categories {
						num(row, fmt.Sprintf("%s（%s分）", c.Name, strconv.FormatFloat(s.CategoryFull(c), 'f', -1, 64)), e.Categories[c.ID])
					}
					if e.Grade != nil {
						if c := at(row, "等次"); c != (cell{Kind: "s", Text: *e.Grade}) {
							t.Errorf("%s %s: grade %+v, want %s", sheet, e.ID, c, *e.Grade)
						}
					}
					if sheet == s.Name {
						continue
					}
					for _, ind := range s.Indicators {
						ji := e.Indicators[ind.ID]
						num(row, ind.Name+"（得分）", jsonNumber(t, ji["points"]))
						if string(ji["value"]) == "null" {
							if c := at(row, valueHead(ind)); c.Kind != "" {
								t.Errorf("%s %s: missing %s written as %+v", sheet, e.ID, ind.ID, c)
							}
							continue
						}
						v := jsonNumber(t, ji["value"])
						if ind.Format == "percent" {
							v *= 100
						}
						num(row, valueHead(ind), v)
					}
				}
			}
			if n != len(rows) {
				t.Errorf("%s: %d rows, want %d", sheet, len(rows), n)
			}
		}
	}
}

func jsonNumber(t *testing.T, m json.RawMessage) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(string(m), 64)
	if err != nil {
		t.Fatalf("not a number: %q", m)
	}
	return v
}

// withResults are the demo's periods that have results.
func withResults(p *build.Project) []string {
	var out []string
	for _, pd := range p.Data.Periods {
		if len(periodResults(p, pd.ID)) > 0 {
			out = append(out, pd.ID)
		}
	}
	return out
}

func TestXLSXDemoReadsBackAsTheJSON(t *testing.T) {
	p := loadProject(t, "../../config.toml")
	var missing, percents int
	for _, period := range withResults(p) {
		wb := workbookOf(t, p, period)
		got, f := readExcelize(t, wb)
		checkSheets(t, p, period, got)
		for _, s := range p.Config.Schemes {
			r := p.Result(s.ID, period)
			if r == nil {
				continue
			}
			for _, g := range r.Groups {
				for _, e := range g.Entities {
					for _, ind := range s.Indicators {
						if e.Indicators[ind.ID].Value == nil {
							missing++
						} else if ind.Format == "percent" {
							percents++
						}
					}
				}
			}
			checkLayout(t, f, wb, s, got)
		}
	}
	if missing == 0 || percents == 0 {
		t.Errorf("%d missing values and %d percents: the test covers less than it says", missing, percents)
	}
}

// TestXLSXOfABuildReadsBackAsItsJSON builds a new site (kaoping init's)
// and reads every results workbook of the output back with excelize:
// every number of every 明细 and ranking sheet is the one in the
// data/<scheme>/<period>.json files written by the same build.
func TestXLSXOfABuildReadsBackAsItsJSON(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, problems := initsite.Create(site); problems.HasErrors() {
		t.Fatal(problems.Err("en"))
	}
	cfg := filepath.Join(site, "config.toml")
	out := filepath.Join(t.TempDir(), "public")
	if _, _, problems := build.Build(build.Options{ConfigPath: cfg, OutDir: out, NoBundles: true}); problems.HasErrors() {
		t.Fatal(problems.Err("en"))
	}
	p := loadProject(t, cfg)
	periods := withResults(p)
	if len(periods) < 2 {
		t.Fatalf("periods with results: %v", periods)
	}
	percents := 0
	for _, period := range periods {
		wb, err := os.ReadFile(filepath.Join(out, "data", "results-"+period+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := readExcelize(t, wb)
		checkSheetsAgainst(t, p, period, got, func(r *scoring.Result) []byte {
			js, err := os.ReadFile(filepath.Join(out, "data", r.Scheme.ID, period+".json"))
			if err != nil {
				t.Fatal(err)
			}
			return js
		})
		for _, s := range p.Config.Schemes {
			for _, ind := range s.Indicators {
				if ind.Format == "percent" && p.Result(s.ID, period) != nil {
					percents++
				}
			}
		}
	}
	if percents == 0 {
		t.Error("no percent indicator: the display units are not tested")
	}
}

// checkLayout checks what a reader sees of a scheme's two sheets besides
// the numbers: the ranking's title merged across it and its two top rows
// frozen; the 明细's header row and three name columns frozen, its
// autofilter on the header row, a value column's number format; widths
// in column order.
func checkLayout(t *testing.T, f *excelize.File, wb []byte, s *config.Scheme, got sheetRows) {
	t.Helper()
	rank, detail := s.Name, s.Name+"（明细）"
	if pane, err := f.GetPanes(rank); err != nil || !pane.Freeze || pane.YSplit != 2 || pane.XSplit != 0 || pane.TopLeftCell != "A3" {
		t.Errorf("%s: panes %+v %v, want the two top rows frozen", rank, pane, err)
	}
	if pane, err := f.GetPanes(detail); err != nil || !pane.Freeze || pane.YSplit != 2 || pane.XSplit != 3 || pane.TopLeftCell != "D3" {
		t.Errorf("%s: panes %+v %v, want two rows and three columns frozen", detail, pane, err)
	}
	for _, sheet := range []string{rank, detail} {
		last, _ := excelize.ColumnNumberToName(len(got.rows[sheet][1]))
		if mc, err := f.GetMergeCells(sheet); err != nil || len(mc) != 1 || mc[0].GetStartAxis() != "A1" || mc[0].GetEndAxis() != last+"1" {
			t.Errorf("%s: merged cells %v %v, want the title across A1:%s1", sheet, mc, err, last)
		}
	}
	var filter string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == detail {
			filter = dn.RefersTo
		}
	}
	last, _ := excelize.ColumnNumberToName(len(got.rows[detail][1]))
	if want := fmt.Sprintf("'%s'!$A$2:$%s$%d", detail, last, len(got.rows[detail])); filter != want {
		t.Errorf("%s: autofilter %q, want %q", detail, filter, want)
	}
	// The first indicator's value column: its decimals, and "1:" for a ratio.
	ind := s.Indicators[0]
	at := slices.Index(got.rows[detail][1], cell{Kind: "s", Text: valueHead(ind)})
	if at < 0 {
		t.Fatalf("%s: no column %q", detail, valueHead(ind))
	}
	axis, _ := excelize.CoordinatesToCellName(at+1, 3)
	styleID, err := f.GetCellStyle(detail, axis)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(styleID)
	wantFmt := "0"
	if ind.Decimals > 0 {
		wantFmt += "." + strings.Repeat("0", ind.Decimals)
	}
	if ind.Format == "ratio" {
		wantFmt = `"1:"` + wantFmt
	}
	if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != wantFmt {
		t.Errorf("%s: %s's number format %v, want %s", detail, ind.ID, style.CustomNumFmt, wantFmt)
	}
	// <col> elements in column order, as Excel wants them.
	zr, _ := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := zf.Open()
		xml, _ := io.ReadAll(rc)
		rc.Close()
		prev := 0
		for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllSubmatch(xml, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= prev {
				t.Errorf("%s: <col min=%d> after <col min=%d>", zf.Name, n, prev)
			}
			prev = n
		}
	}
}

// TestXLSXDeterministic writes one workbook 20 times: the bytes never
// change, although excelize orders the streamed sheets by map iteration.
// The zip entries are in name order and undated.
func TestXLSXDeterministic(t *testing.T) {
	p := loadProject(t, "../../config.toml")
	periods := withResults(p)
	period := periods[len(periods)-1]
	first := workbookOf(t, p, period)
	for i := range 20 {
		if again := workbookOf(t, p, period); !bytes.Equal(first, again) {
			t.Fatalf("write %d of the workbook differs from the first", i+2)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.ModifiedDate != 0 || f.ModifiedTime != 0 || len(f.Extra) != 0 {
			t.Errorf("%s: dated %d %d, extra %x", f.Name, f.ModifiedDate, f.ModifiedTime, f.Extra)
		}
	}
	if !slices.IsSorted(names) || names[0] != "[Content_Types].xml" {
		t.Errorf("entries %q, want name order", names)
	}
	// Another process: other map seeds, other addresses.
	out := filepath.Join(t.TempDir(), "book.xlsx")
	cmd := exec.Command(os.Args[0], "-test.run=^TestXLSXHelperProcess$")
	cmd.Env = append(os.Environ(), "KAOPING_XLSX_OUT="+out, "KAOPING_XLSX_PERIOD="+period)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("helper process: %v\n%s", err, msg)
	}
	other, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, other) {
		t.Error("the workbook written by another process differs")
	}
}

// TestXLSXHelperProcess writes a demo workbook for TestXLSXDeterministic
// when run by it.
func TestXLSXHelperProcess(t *testing.T) {
	out := os.Getenv("KAOPING_XLSX_OUT")
	if out == "" {
		return // not run as the helper
	}
	p := loadProject(t, "../../config.toml")
	if err := os.WriteFile(out, workbookOf(t, p, os.Getenv("KAOPING_XLSX_PERIOD")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// openpyxlScript prints every cell of a workbook as JSON, with warnings
// made errors: what a Python reader gets, and that it has nothing to
// complain about.
const openpyxlScript = `
import json, sys, warnings
warnings.simplefilter("error")
import openpyxl
books = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    out = {"names": wb.sheetnames, "sheets": {}}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if v is None:
                    cells.append({"Kind": ""})
                elif isinstance(v, bool):
                    raise SystemExit("%s!%s: a boolean" % (ws.title, c.coordinate))
                elif isinstance(v, (int, float)):
                    cells.append({"Kind": "n", "Num": v})
                elif isinstance(v, str):
                    cells.append({"Kind": "s", "Text": v})
                else:
                    raise SystemExit("%s!%s: a %s" % (ws.title, c.coordinate, type(v)))
            rows.append(cells)
        out["sheets"][ws.title] = {"rows": rows, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref}
    books[path] = out
json.dump(books, sys.stdout)
`

// pythonWithOpenpyxl finds a python3 that imports openpyxl: the one on
// PATH, or Debian's (python3-openpyxl installs there).
func pythonWithOpenpyxl() string {
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(py); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	return ""
}

func TestXLSXReadByOpenpyxl(t *testing.T) {
	py := pythonWithOpenpyxl()
	if py == "" {
		t.Skip("no python3 with openpyxl")
	}
	p := loadProject(t, "../../config.toml")
	dir := t.TempDir()
	paths := map[string]string{}
	args := []string{"-c", openpyxlScript}
	for _, period := range withResults(p) {
		paths[period] = filepath.Join(dir, period+".xlsx")
		if err := os.WriteFile(paths[period], workbookOf(t, p, period), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, paths[period])
	}
	var stderr bytes.Buffer
	cmd := exec.Command(py, args...)
	cmd.Stderr = &stderr
	js, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, stderr.Bytes())
	}
	var books map[string]struct {
		Names  []string
		Sheets map[string]struct {
			Rows   [][]cell
			Freeze string
			Filter *string
		}
	}
	if err := json.Unmarshal(js, &books); err != nil {
		t.Fatal(err)
	}
	if len(books) != len(paths) {
		t.Fatalf("openpyxl read %d workbooks of %d", len(books), len(paths))
	}
	for period, path := range paths {
		doc := books[path]
		got := sheetRows{names: doc.Names, rows: map[string][][]cell{}}
		for name, sh := range doc.Sheets {
			// openpyxl gives every row as wide as the sheet: drop the
			// empty cells at the end, as excelize does.
			for _, row := range sh.Rows {
				for len(row) > 0 && row[len(row)-1].Kind == "" {
					row = row[:len(row)-1]
				}
				got.rows[name] = append(got.rows[name], row)
			}
			detail := strings.HasSuffix(name, "（明细）")
			if wantFreeze := map[bool]string{false: "A3", true: "D3"}[detail]; sh.Freeze != wantFreeze {
				t.Errorf("%s %s: frozen at %s, want %s", period, name, sh.Freeze, wantFreeze)
			}
			if detail != (sh.Filter != nil && strings.HasPrefix(strings.ReplaceAll(*sh.Filter, "$", ""), "A2:")) {
				t.Errorf("%s %s: autofilter %v", period, name, sh.Filter)
			}
		}
		checkSheets(t, p, period, got)
	}
}

// TestXLSXConcurrent writes workbooks from several goroutines at once, as
// the build's workers do: each is the bytes written alone (run with
// -race to check that they share nothing).
func TestXLSXConcurrent(t *testing.T) {
	p := loadProject(t, "../../config.toml")
	periods := withResults(p)[:4]
	want := map[string][]byte{}
	for _, period := range periods {
		want[period] = workbookOf(t, p, period)
	}
	got := make([][]byte, len(periods))
	done := make(chan int)
	for i, period := range periods {
		go func() {
			pd := p.Data.Period(period)
			var buf bytes.Buffer
			if err := output.XLSX(&buf, p.Config, p.Data.Entities, pd.Period, periodResults(p, period)); err == nil {
				got[i] = buf.Bytes()
			}
			done <- i
		}()
	}
	for range periods {
		<-done
	}
	for i, period := range periods {
		if !bytes.Equal(got[i], want[period]) {
			t.Errorf("%s: written concurrently, the workbook differs", period)
		}
	}
}

package output

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"kaoping/generator/scoring"
)

// xlsxFixedTime is the creation and modification time of every workbook:
// two builds of the same input give the same bytes, so the build time
// stays out.
const xlsxFixedTime = "2000-01-01T00:00:00Z"

// XLSX writes the results workbook of period p,
// data/results-<period>.xlsx (SPEC §7), with excelize's StreamWriter.
// results holds p's result of each scheme that has one, by scheme id;
// entities names the peer groups and the units on the sheets (nil: ids
// only). For every scheme with a result, in config order, it has two
// sheets:
//
//   - the ranking (公示表): a title row, a frozen header row, then the
//     members by group and rank with their rank change, category
//     subtotals, adjustments, total, grade and vetoes;
//   - the details (明细): one row per member with, for each indicator, its
//     value in display units (a percent as 92.5, the header saying %) and
//     its points, then the subtotals, adjustments, total, rank and grade;
//     header row and name columns frozen, an autofilter on the header.
//
// Headers are Chinese, or English with language = "en". Numbers are
// numbers, never text (Excel keeps 15 significant digits of them); text
// cells are inline strings, which a spreadsheet never runs as formulas.
// The same input gives the same bytes (normalizeZip).
func XLSX(w io.Writer, cfg *config.Config, entities *dataset.Entities, p period.Period, results map[string]*scoring.Result) error {
	lang := cfg.Language
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newZipWriter)
	if err := setProps(f, cfg.Title+" · "+p.Label(lang), lang); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	b := &workbook{f: f, st: st, lang: lang, entities: entities, used: map[string]bool{}}
	for _, s := range cfg.Schemes {
		r := results[s.ID]
		if r == nil {
			continue
		}
		groups := ordered(r)
		if err := b.write(b.rankingSheet(s, r, groups), groups); err != nil {
			return err
		}
		if err := b.write(b.detailSheet(s, r, groups), groups); err != nil {
			return err
		}
	}
	if b.sheets == 0 {
		return fmt.Errorf("results-%s.xlsx: no scheme has results for period %s", p, p)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return normalizeZip(w, buf.Bytes())
}

// workbook is a workbook being written, sheet by sheet.
type workbook struct {
	f        *excelize.File
	st       *xlsxStyles
	lang     string
	entities *dataset.Entities
	used     map[string]bool // sheet names taken, lower-cased
	sheets   int
}

// t picks the Chinese or the English text.
func (b *workbook) t(zh, en string) string {
	if b.lang == "en" {
		return en
	}
	return zh
}

// xlsxStyles are the cell styles: the ranking's (宋体 11, thin grey
// borders; title 14 bold; header bold on grey, wrapped) and one per
// number format of the indicators' values.
type xlsxStyles struct {
	f                                           *excelize.File
	title, header, text, center, points, signed int
	values                                      map[string]int // number format code -> style
}

// xlsxFont and xlsxBorder are made afresh for each style: workbooks are
// written concurrently, and excelize is handed them by pointer.
func xlsxFont() *excelize.Font { return &excelize.Font{Family: "宋体", Size: 11} }

func xlsxBorder() []excelize.Border {
	return []excelize.Border{{Type: "left", Color: "D0D7DE", Style: 1}, {Type: "right", Color: "D0D7DE", Style: 1},
		{Type: "top", Color: "D0D7DE", Style: 1}, {Type: "bottom", Color: "D0D7DE", Style: 1}}
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	pts, sgn := "0.00", "+0.00;-0.00;0.00"
	defs := []*excelize.Style{
		{Font: &excelize.Font{Family: "宋体", Size: 14, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: xlsxBorder(), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: xlsxFont(), Border: xlsxBorder(), Alignment: &excelize.Alignment{Vertical: "center"}},
		{Font: xlsxFont(), Border: xlsxBorder(), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Font: xlsxFont(), Border: xlsxBorder(), CustomNumFmt: &pts},
		{Font: xlsxFont(), Border: xlsxBorder(), CustomNumFmt: &sgn},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &xlsxStyles{f: f, title: ids[0], header: ids[1], text: ids[2], center: ids[3], points: ids[4], signed: ids[5],
		values: map[string]int{}}, nil
}

// valueFormat is the number format of an indicator's display values: its
// decimals, and for a ratio the "1:" the pages show (1:1.23, the cell
// holding 1.23).
func valueFormat(ind *config.Indicator) string {
	code := "0"
	if ind.Decimals > 0 {
		code += "." + strings.Repeat("0", ind.Decimals)
	}
	if ind.Format == "ratio" {
		code = `"1:"` + code
	}
	return code
}

// value is the style of ind's display values.
func (st *xlsxStyles) value(ind *config.Indicator) (int, error) {
	code := valueFormat(ind)
	if id, ok := st.values[code]; ok {
		return id, nil
	}
	id, err := st.f.NewStyle(&excelize.Style{Font: xlsxFont(), Border: xlsxBorder(), CustomNumFmt: &code})
	if err != nil {
		return 0, err
	}
	st.values[code] = id
	return id, nil
}

// xlsxColumn is one column of a sheet: its header, width, cell style and
// the value of a member's cell (an int, a float64, a string, or nil for
// an empty cell).
type xlsxColumn struct {
	head  string
	width float64
	style int
	value func(g *scoring.Group, e *scoring.EntityResult) any
}

// xlsxSheet is a sheet laid out: a title row across the columns, a
// header row, then one row per member. freeze is the number of leading
// columns kept in view; filter puts an autofilter on the header row.
type xlsxSheet struct {
	name, title string
	cols        []xlsxColumn
	freeze      int
	filter      bool
	err         error // from laying it out (a style)
}

// write adds sh to the workbook and streams its rows.
func (b *workbook) write(sh *xlsxSheet, groups []*scoring.Group) error {
	if sh.err != nil {
		return sh.err
	}
	f := b.f
	if b.sheets == 0 {
		if err := f.SetSheetName(f.GetSheetName(0), sh.name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(sh.name); err != nil {
		return err
	}
	b.sheets++
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	// excelize puts each width set before the ones set earlier, and Excel
	// wants them in column order: last column first.
	for i := len(sh.cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, sh.cols[i].width); err != nil {
			return err
		}
	}
	topLeft := cellName(sh.freeze+1, 3)
	pane := "bottomLeft"
	if sh.freeze > 0 {
		pane = "bottomRight"
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: sh.freeze, YSplit: 2, TopLeftCell: topLeft, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}}}); err != nil {
		return err
	}
	last := len(sh.cols)
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: b.st.title, Value: sh.title}}, excelize.RowOpts{Height: 28}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", cellName(last, 1)); err != nil {
		return err
	}
	row := make([]any, last)
	for i, c := range sh.cols {
		row[i] = excelize.Cell{StyleID: b.st.header, Value: c.head}
	}
	if err := sw.SetRow("A2", row); err != nil {
		return err
	}
	// The rows' cells are one array, refilled for each row: SetRow takes
	// a *Cell as a Cell, and a Cell in the []any would be copied to the
	// heap once per cell.
	cells := make([]excelize.Cell, last)
	for i := range cells {
		row[i] = &cells[i]
	}
	n := 3
	for _, g := range groups {
		for _, e := range g.Entities {
			for i, c := range sh.cols {
				v := c.value(g, e)
				if v == "" {
					v = nil // an empty cell, not an empty string
				}
				cells[i] = excelize.Cell{StyleID: c.style, Value: v}
			}
			if err := sw.SetRow(cellName(1, n), row); err != nil {
				return err
			}
			n++
		}
	}
	if sh.filter {
		// The autofilter is the sheet's, not the stream's: set before
		// Flush, it is written with the sheet.
		if err := f.AutoFilter(sh.name, "A2:"+cellName(last, max(n-1, 3)), nil); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cellName is the reference of column col (1-based) in row.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// idColumns are the first columns of both sheets: the peer group, and
// (after what a sheet puts between them) id, name, and the unit when
// members of a group sit under different units.
func (b *workbook) idColumns(s *config.Scheme, groups []*scoring.Group) (group xlsxColumn, ids []xlsxColumn) {
	group = xlsxColumn{b.t("比较组", "Peer group"), 14, b.st.text, func(g *scoring.Group, _ *scoring.EntityResult) any { return b.groupName(s, g.ID) }}
	ids = []xlsxColumn{
		{b.t("编号", "ID"), 14, b.st.text, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Entity.ID }},
		{b.t("名称", "Name"), 24, b.st.text, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Entity.Name }},
	}
	parents := map[string]string{} // entity id -> unit label, over all groups
	for _, g := range groups {
		if b.entities == nil {
			break
		}
		for id, p := range b.entities.ParentLabels(g.MemberIDs()) {
			if p != "" {
				parents[id] = p
			}
		}
	}
	if len(parents) > 0 {
		ids = append(ids, xlsxColumn{b.t("所属单位", "Unit"), 30, b.st.text, func(_ *scoring.Group, e *scoring.EntityResult) any { return parents[e.Entity.ID] }})
	}
	return group, ids
}

// totalColumns are the category subtotals, the adjustments and the total.
func (b *workbook) totalColumns(s *config.Scheme) []xlsxColumn {
	var cols []xlsxColumn
	for _, c := range s.Categories {
		cols = append(cols, xlsxColumn{c.Name + b.t("（"+pointsText(s.CategoryFull(c))+"分）", " ("+pointsText(s.CategoryFull(c))+" pts)"),
			xlsxWidth(c.Name, 12) + 4, b.st.points, func(_ *scoring.Group, e *scoring.EntityResult) any { return number(e.Categories[c.ID]) }})
	}
	for _, a := range s.Adjustments {
		cols = append(cols, xlsxColumn{a.Name, xlsxWidth(a.Name, 10), b.st.signed, func(_ *scoring.Group, e *scoring.EntityResult) any {
			if sc := e.Adjustments[a.ID]; sc != nil {
				return number(sc.Points)
			}
			return 0.0
		}})
	}
	return append(cols, xlsxColumn{b.t("总分", "Total"), 10, b.st.points, func(_ *scoring.Group, e *scoring.EntityResult) any { return number(e.Total) }})
}

// rankingSheet is the 公示表 of one scheme, laid out as the ranking page.
func (b *workbook) rankingSheet(s *config.Scheme, r *scoring.Result, groups []*scoring.Group) *xlsxSheet {
	group, ids := b.idColumns(s, groups)
	cols := []xlsxColumn{group,
		{b.t("排名", "Rank"), 7, b.st.center, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Rank }},
		{b.t("名次变化", "Change"), 9, b.st.center, func(_ *scoring.Group, e *scoring.EntityResult) any {
			if e.RankChange == nil {
				return b.t("新", "new")
			}
			return *e.RankChange
		}},
	}
	cols = append(cols, ids...)
	cols = append(cols, b.totalColumns(s)...)
	if len(s.Grades) > 0 {
		cols = append(cols, xlsxColumn{b.t("等次", "Grade"), 10, b.st.center, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Grade }})
	}
	if len(s.Vetoes) > 0 {
		cols = append(cols, xlsxColumn{b.t("一票否决", "Veto"), 14, b.st.text, func(_ *scoring.Group, e *scoring.EntityResult) any {
			return s.VetoNames(e.Vetoes, b.t("、", ", "))
		}})
	}
	return &xlsxSheet{name: b.sheetName(s, ""), title: s.Name + " · " + r.Period.Period.Label(b.lang), cols: cols}
}

// detailSheet is the 明细 of one scheme: each indicator's display value
// and points, then subtotals, adjustments, total, rank and grade.
func (b *workbook) detailSheet(s *config.Scheme, r *scoring.Result, groups []*scoring.Group) *xlsxSheet {
	group, ids := b.idColumns(s, groups)
	cols := append([]xlsxColumn{group}, ids...)
	sh := &xlsxSheet{name: b.sheetName(s, b.t("（明细）", " (details)")),
		title:  s.Name + " · " + r.Period.Period.Label(b.lang) + " · " + b.t("指标明细", "indicator details"),
		freeze: 3, filter: true}
	for _, ind := range s.Indicators {
		style, err := b.st.value(ind)
		if err != nil {
			sh.err = err
			return sh
		}
		unit := ""
		switch ind.Format {
		case "percent":
			unit = "%"
		case "days":
			unit = b.t("天", "days")
		}
		head := ind.Name + b.t("（值）", " (value)")
		if unit != "" {
			head = ind.Name + b.t("（值，"+unit+"）", " (value, "+unit+")")
		}
		cols = append(cols,
			xlsxColumn{head, xlsxWidth(head, 10), style, func(_ *scoring.Group, e *scoring.EntityResult) any {
				if sc := e.Indicators[ind.ID]; sc != nil {
					if dv := optional(sc.Display); dv != nil {
						return number(*dv)
					}
				}
				return nil
			}},
			xlsxColumn{ind.Name + b.t("（得分）", " (points)"), xlsxWidth(ind.Name+b.t("（得分）", " (points)"), 10), b.st.points,
				func(_ *scoring.Group, e *scoring.EntityResult) any {
					if sc := e.Indicators[ind.ID]; sc != nil {
						return number(sc.Points)
					}
					return 0.0
				}})
	}
	cols = append(cols, b.totalColumns(s)...)
	cols = append(cols, xlsxColumn{b.t("排名", "Rank"), 7, b.st.center, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Rank }})
	if len(s.Grades) > 0 {
		cols = append(cols, xlsxColumn{b.t("等次", "Grade"), 10, b.st.center, func(_ *scoring.Group, e *scoring.EntityResult) any { return e.Grade }})
	}
	sh.cols = cols
	return sh
}

// number is v as a cell value: empty when not finite (the JSON of the
// same results fails on it), so that no cell holds NaN as text, and 0
// for -0.
func number(v float64) any {
	switch {
	case !finite(v):
		return nil
	case v == 0:
		return 0.0
	}
	return v
}

// groupName is the name of a peer group on the sheets, as on the pages
// (scoring.GroupLabel).
func (b *workbook) groupName(s *config.Scheme, id string) string {
	return scoring.GroupLabel(s, b.entities, id, b.t("全部", "All"))
}

// pointsText writes a number of points as config.toml gives it.
func pointsText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// xlsxWidth is a column width that fits a header: about two character
// widths per Han character, and at least least; in tenths.
func xlsxWidth(s string, least float64) float64 {
	w := 20
	for _, r := range s {
		if r < 0x80 {
			w += 10
		} else {
			w += 21
		}
	}
	return max(least, float64(w)/10)
}

// sheetName makes a valid sheet name, unique in the workbook, from the
// scheme's name (its id when the name leaves nothing) and suffix: at most
// 31 characters, none of : \ / ? * [ ], not beginning or ending with ',
// not "History" (reserved by Excel), and unlike every name before it
// with case ignored, as Excel compares them; a clash gets (2), (3), ….
func (b *workbook) sheetName(s *config.Scheme, suffix string) string {
	base := strings.Trim(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s.Name), "'")
	if base == "" {
		base = s.ID
	}
	for i := 1; ; i++ {
		tail := suffix
		if i > 1 {
			tail += "(" + strconv.Itoa(i) + ")"
		}
		keep := 31 - utf8.RuneCountInString(tail)
		name := base
		if utf8.RuneCountInString(name) > keep {
			name = strings.TrimRight(string([]rune(name)[:keep]), "'")
		}
		name += tail
		key := strings.ToLower(name)
		if !b.used[key] && key != "history" {
			b.used[key] = true
			return name
		}
	}
}

// newZipWriter is the zip writer excelize writes the workbook with:
// Deflate at level 1 (flate.BestSpeed, github.com/klauspost/compress as
// for the bundles). At excelize's default level Deflate was the largest
// single cost of a workbook; level 1 takes much less CPU for somewhat
// larger files (docs/DECISIONS.md). The compressors are pooled: each
// holds large buffers, and every entry of every workbook takes one.
// setProps sets a workbook's title and language, with fixed times so
// that the same input gives the same bytes.
func setProps(f *excelize.File, title, lang string) error {
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "kaoping", Language: lang,
		Created: xlsxFixedTime, Modified: xlsxFixedTime,
	}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{Application: "kaoping"})
}

func newZipWriter(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw, ok := flatePool.Get().(*flate.Writer); ok {
			fw.Reset(out)
			return pooledFlate{fw}, nil
		}
		fw, err := flate.NewWriter(out, flate.BestSpeed)
		return pooledFlate{fw}, err
	})
	return zw
}

var flatePool sync.Pool // of *flate.Writer at flate.BestSpeed

// pooledFlate returns its compressor to flatePool when closed.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}

// normalizeZip copies the zip archive src (a workbook excelize wrote) to
// w with its entries in name order, undated, and each entry's compressed
// bytes as they are. excelize writes the sheets of stream writers in map
// order (File.writeToZip ranges over a map), so two writes of one
// workbook can order their entries differently; this sorts the container,
// it does not encode XLSX. Name order puts [Content_Types].xml first.
func normalizeZip(w io.Writer, src []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		fh := f.FileHeader
		fh.Modified, fh.ModifiedTime, fh.ModifiedDate = time.Time{}, 0, 0
		fh.Extra = nil
		fh.Flags &^= 0x8 // CRC and sizes are known: in the local header, no data descriptor
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		dst, err := zw.CreateRaw(&fh)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

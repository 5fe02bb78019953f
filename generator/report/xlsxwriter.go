package report

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// A minimal SpreadsheetML (.xlsx) writer for the results workbooks. It
// writes just what they use: inline strings and numbers, six cell styles,
// column widths, one merged title row, frozen header rows and the
// document's title. excelize built the same workbooks cell by cell and
// marshalled them through encoding/xml: 14 CPU-seconds for a province's
// 16 workbooks, 8,160 rows each, against well under one second here.
// excelize still reads workbooks (data files and the tests).

// xlsxFixedTime is the creation and modification time written into every
// workbook: two builds of the same input must give the same bytes, so the
// build time stays out (zip entries carry no timestamps either).
const xlsxFixedTime = "2000-01-01T00:00:00Z"

// xlsxStyle is a cell style: an index into cellXfs of xlsxStylesXML.
type xlsxStyle int

const (
	xlsxPlain xlsxStyle = iota
	xlsxTitle
	xlsxHeader
	xlsxText
	xlsxInt // centred: ranks, changes, grades
	xlsxPoints
	xlsxSigned
)

// xlsxBook is a workbook: its title and language (document properties)
// and its sheets, the first one active.
type xlsxBook struct {
	Title, Lang string
	Sheets      []*xlsxSheet
}

// xlsxSheet is one sheet: a title row merged across the columns, a header
// row, then the rows, each cell styled by its column. Cells are strings,
// ints or float64s; "" and NaN are left empty.
type xlsxSheet struct {
	Name, Title string
	Head        []string
	Widths      []float64
	Styles      []xlsxStyle
	Rows        [][]any
}

const (
	xlsxHeaderXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	xlsxMainNS    = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	xlsxRelNS     = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
)

// write writes the workbook as a zip, parts in a fixed order.
func (b *xlsxBook) write(w io.Writer) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	parts := []struct {
		name  string
		write func(*bufio.Writer)
	}{
		{"[Content_Types].xml", b.contentTypes},
		{"_rels/.rels", func(w *bufio.Writer) { w.WriteString(xlsxRootRels) }},
		{"docProps/app.xml", func(w *bufio.Writer) { w.WriteString(xlsxAppXML) }},
		{"docProps/core.xml", b.core},
		{"xl/workbook.xml", b.workbook},
		{"xl/_rels/workbook.xml.rels", b.workbookRels},
		{"xl/styles.xml", func(w *bufio.Writer) { w.WriteString(xlsxStylesXML) }},
	}
	for i, sh := range b.Sheets {
		parts = append(parts, struct {
			name  string
			write func(*bufio.Writer)
		}{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(w *bufio.Writer) { sh.write(w, i == 0) }})
	}
	for _, p := range parts {
		fw, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(fw, 64<<10)
		p.write(bw)
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}

func (b *xlsxBook) contentTypes(w *bufio.Writer) {
	w.WriteString(xlsxHeaderXML + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for i := range b.Sheets {
		fmt.Fprintf(w, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
	}
	w.WriteString(`</Types>`)
}

const xlsxRootRels = xlsxHeaderXML + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const xlsxAppXML = xlsxHeaderXML + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>kaoping</Application></Properties>`

func (b *xlsxBook) core(w *bufio.Writer) {
	w.WriteString(xlsxHeaderXML + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	w.WriteString(`<dc:title>`)
	xlsxEscape(w, b.Title)
	w.WriteString(`</dc:title><dc:creator>kaoping</dc:creator><dc:language>`)
	xlsxEscape(w, b.Lang)
	w.WriteString(`</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">` + xlsxFixedTime + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + xlsxFixedTime + `</dcterms:modified></cp:coreProperties>`)
}

func (b *xlsxBook) workbook(w *bufio.Writer) {
	w.WriteString(xlsxHeaderXML + `<workbook xmlns="` + xlsxMainNS + `" xmlns:r="` + xlsxRelNS + `">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, sh := range b.Sheets {
		w.WriteString(`<sheet name="`)
		xlsxEscape(w, sh.Name)
		fmt.Fprintf(w, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
	}
	w.WriteString(`</sheets></workbook>`)
}

func (b *xlsxBook) workbookRels(w *bufio.Writer) {
	w.WriteString(xlsxHeaderXML + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range b.Sheets {
		fmt.Fprintf(w, `<Relationship Id="rId%d" Type="`+xlsxRelNS+`/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	fmt.Fprintf(w, `<Relationship Id="rId%d" Type="`+xlsxRelNS+`/styles" Target="styles.xml"/></Relationships>`, len(b.Sheets)+1)
}

// xlsxStylesXML holds the cell styles, in xlsxStyle order: plain, title
// (宋体 14 bold, centred), header (bold, shaded, bordered, centred,
// wrapped), text, centred number, points (0.00), signed points.
const xlsxStylesXML = xlsxHeaderXML + `<styleSheet xmlns="` + xlsxMainNS + `">` +
	`<numFmts count="2"><numFmt numFmtId="164" formatCode="0.00"/><numFmt numFmtId="165" formatCode="+0.00;-0.00;0.00"/></numFmts>` +
	`<fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="2"/></font>` +
	`<font><b/><sz val="14"/><name val="宋体"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="宋体"/><family val="2"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFEEF2F7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left style="thin"><color rgb="FFD0D7DE"/></left><right style="thin"><color rgb="FFD0D7DE"/></right>` +
	`<top style="thin"><color rgb="FFD0D7DE"/></top><bottom style="thin"><color rgb="FFD0D7DE"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="7">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>` +
	`<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>` +
	`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// write writes the sheet's XML; first marks the sheet selected.
func (sh *xlsxSheet) write(w *bufio.Writer, first bool) {
	n := len(sh.Head)
	last := xlsxColumnName(n)
	fmt.Fprintf(w, xlsxHeaderXML+`<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="A1:%s%d"/><sheetViews><sheetView`, xlsxMainNS, xlsxRelNS, last, len(sh.Rows)+2)
	if first {
		w.WriteString(` tabSelected="1"`)
	}
	w.WriteString(` workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, wd := range sh.Widths {
		fmt.Fprintf(w, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
	}
	w.WriteString(`</cols><sheetData><row r="1" ht="28" customHeight="1">`)
	for i := range n {
		var v any
		if i == 0 {
			v = sh.Title
		}
		xlsxCell(w, i, 1, xlsxTitle, v)
	}
	w.WriteString(`</row><row r="2">`)
	for i, h := range sh.Head {
		xlsxCell(w, i, 2, xlsxHeader, h)
	}
	w.WriteString(`</row>`)
	for r, row := range sh.Rows {
		fmt.Fprintf(w, `<row r="%d">`, r+3)
		for i, v := range row {
			xlsxCell(w, i, r+3, sh.Styles[i], v)
		}
		w.WriteString(`</row>`)
	}
	fmt.Fprintf(w, `</sheetData><mergeCells count="1"><mergeCell ref="A1:%s1"/></mergeCells></worksheet>`, last)
}

// xlsxCell writes the cell in column col (0-based) of row: a number, an
// inline string, or just its style.
func xlsxCell(w *bufio.Writer, col, row int, style xlsxStyle, v any) {
	w.WriteString(`<c r="`)
	w.WriteString(xlsxColumnName(col + 1))
	w.WriteString(strconv.Itoa(row))
	w.WriteString(`" s="`)
	w.WriteString(strconv.Itoa(int(style)))
	var num string
	switch v := v.(type) {
	case int:
		num = strconv.Itoa(v)
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			num = strconv.FormatFloat(v, 'g', -1, 64)
		}
	case string:
		if v != "" {
			w.WriteString(`" t="inlineStr"><is><t`)
			if strings.TrimSpace(v) != v {
				w.WriteString(` xml:space="preserve"`)
			}
			w.WriteString(`>`)
			xlsxEscape(w, v)
			w.WriteString(`</t></is></c>`)
			return
		}
	case nil:
	default:
		panic(fmt.Sprintf("xlsx: cell value of type %T", v))
	}
	if num == "" {
		w.WriteString(`"/>`)
		return
	}
	w.WriteString(`"><v>`)
	w.WriteString(num)
	w.WriteString(`</v></c>`)
}

// xlsxColumnName is the letters of the 1-based column n: A, …, Z, AA, ….
func xlsxColumnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// xlsxEscape writes s as XML character data; characters XML cannot hold
// become U+FFFD.
func xlsxEscape(w *bufio.Writer, s string) {
	_ = xml.EscapeText(w, []byte(s))
}

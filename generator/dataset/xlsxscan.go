package dataset

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellKind is what a spreadsheet cell holds when it is not a value
// kaoping can read.
type cellKind byte

const (
	okCell    cellKind = iota
	noResult           // a formula without a saved result
	boolCell           // a logical value
	errorCell          // an error value (#N/A, …)
	dateCell           // a date or time
)

// cellKey is a cell's position: row and column, both 1-based.
type cellKey struct{ row, col int }

// scanSheet reads the XML of a worksheet once, streaming, and returns the
// cells that hold no readable value (see xlsxSheet.check), by position.
// isDate says whether a style shows numbers as dates. Reading the sheet
// through excelize's cell functions instead would build the whole sheet in
// memory a second time (after GetRows) and cost four times as much.
func scanSheet(r io.Reader, isDate func(style int) bool) (map[cellKey]cellKind, error) {
	bad := map[cellKey]cellKind{}
	d := xml.NewDecoder(r)
	var (
		row, col     int
		inCell       bool
		t            string
		style        int
		hasF         bool
		inV, inIS    bool
		v            []byte
		inSheetData  bool
		seenSheetEnd bool
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "sheetData":
				inSheetData = true
			case "row":
				if !inSheetData {
					continue
				}
				if n, ok := attrInt(e.Attr, "r"); ok {
					row = n
				} else {
					row++
				}
				col = 0
			case "c":
				if !inSheetData {
					continue
				}
				inCell, t, style, hasF, v = true, "", 0, false, v[:0]
				col++
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "r":
						c, r, err := excelize.CellNameToCoordinates(a.Value)
						if err != nil {
							return nil, err
						}
						col, row = c, r
					case "t":
						t = a.Value
					case "s":
						style, _ = strconv.Atoi(a.Value)
					}
				}
			case "f":
				if inCell {
					hasF = true
				}
			case "v":
				inV = inCell
			case "is":
				inIS = inCell
			}
		case xml.CharData:
			if inV || inIS {
				v = append(v, bytes.TrimSpace(e)...)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "v":
				inV = false
			case "is":
				inIS = false
			case "sheetData":
				inSheetData, seenSheetEnd = false, true
			case "c":
				if !inCell {
					continue
				}
				inCell = false
				k := okCell
				switch {
				case t == "b":
					k = boolCell
				case t == "e":
					k = errorCell
				case hasF && len(v) == 0:
					k = noResult
				case t == "d":
					k = dateCell
				case (t == "" || t == "n") && len(v) > 0 && isDate(style):
					k = dateCell
				}
				if k != okCell {
					bad[cellKey{row, col}] = k
				}
			}
		}
	}
	if !seenSheetEnd {
		return nil, errors.New("no sheetData")
	}
	return bad, nil
}

func attrInt(attrs []xml.Attr, name string) (int, bool) {
	for _, a := range attrs {
		if a.Name.Local == name {
			n, err := strconv.Atoi(a.Value)
			return n, err == nil
		}
	}
	return 0, false
}

// sheetPart returns the reader of the XML part of the sheet named sheet in
// the workbook zr: workbook.xml names the sheet's relationship id, and
// workbook.xml.rels the part.
func sheetPart(zr *zip.Reader, sheet string) (io.ReadCloser, error) {
	var wb struct {
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := unmarshalPart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := unmarshalPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	id := ""
	for _, s := range wb.Sheets {
		if s.Name == sheet {
			for _, a := range s.Attr {
				if a.Name.Local == "id" {
					id = a.Value
				}
			}
		}
	}
	for _, r := range rels.Rels {
		if r.ID == id && id != "" {
			name := r.Target
			if strings.HasPrefix(name, "/") {
				name = name[1:]
			} else {
				name = path.Join("xl", name)
			}
			f := findZipFile(zr, name)
			if f == nil {
				return nil, errors.New("no part " + name)
			}
			return f.Open()
		}
	}
	return nil, errors.New("no part for sheet " + sheet)
}

func unmarshalPart(zr *zip.Reader, name string, v any) error {
	f := findZipFile(zr, name)
	if f == nil {
		return errors.New("no part " + name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// findZipFile finds a part by name, ignoring case as Excel does.
func findZipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

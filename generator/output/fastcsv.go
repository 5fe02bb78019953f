package output

import (
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kaoping/generator/config"
	"kaoping/generator/scoring"
)

// encoding/csv took a string per cell (FormatFloat allocating each
// number) and wrote them field by field through a bufio.Writer: most of a
// second over a province's 48 files. writeCSV appends the rows to one
// buffer, quoting exactly as a csv.Writer with its defaults (Comma ',',
// UseCRLF false) does, and hands it to w in chunks. The tests hold it
// byte-identical to referenceCSV.

// csvChunk is the buffered size at which rows are written out.
const csvChunk = 64 << 10

// csvWriter appends rows to b and writes b to w when it fills.
type csvWriter struct {
	w   io.Writer
	b   []byte
	err error
}

func writeCSV(w io.Writer, r *scoring.Result) error {
	c := &csvWriter{w: w, b: make([]byte, 0, csvChunk+4<<10)}
	c.b = append(c.b, utf8BOM+"group,rank,id,name,total,grade,vetoed"...)
	for _, cat := range r.Scheme.Categories {
		c.b = appendCSVField(append(c.b, ','), cat.ID)
	}
	for _, i := range r.Scheme.Indicators {
		c.b = appendCSVField(append(c.b, ','), i.ID)
	}
	c.b = append(c.b, '\n')
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			c.row(r.Scheme, g.ID, e)
			if len(c.b) >= csvChunk {
				c.flush()
			}
		}
	}
	c.flush()
	return c.err
}

// row appends one entity's row: a missing category counts 0, as does a
// missing indicator.
func (c *csvWriter) row(s *config.Scheme, group string, e *scoring.EntityResult) {
	b := appendCSVField(c.b, group)
	b = strconv.AppendInt(append(b, ','), int64(e.Rank), 10)
	b = appendCSVField(append(b, ','), e.Entity.ID)
	b = appendCSVField(append(b, ','), e.Entity.Name)
	b = appendNum(append(b, ','), e.Total)
	b = appendCSVField(append(b, ','), e.Grade)
	b = strconv.AppendBool(append(b, ','), e.Vetoed)
	for _, cat := range s.Categories {
		b = appendNum(append(b, ','), e.Categories[cat.ID])
	}
	for _, i := range s.Indicators {
		var pts float64
		if sc := e.Indicators[i.ID]; sc != nil {
			pts = sc.Points
		}
		b = appendNum(append(b, ','), pts)
	}
	c.b = append(b, '\n')
}

// flush writes the buffer out; after an error it writes nothing more.
func (c *csvWriter) flush() {
	if c.err != nil || len(c.b) == 0 {
		return
	}
	n, err := c.w.Write(c.b)
	if err == nil && n < len(c.b) {
		err = io.ErrShortWrite
	}
	c.err = err
	c.b = c.b[:0]
}

// appendCSVField appends s as csv.Writer writes a field: quoted when
// fieldNeedsQuotes says so, with each '"' doubled and line breaks kept.
func appendCSVField(b []byte, s string) []byte {
	if !fieldNeedsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

// fieldNeedsQuotes is encoding/csv's rule for Comma ',': a field is
// quoted when it holds a comma, a quote or a line break, is `\.`, or
// starts with a space character.
func fieldNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// appendNum appends Num(v) without the string.
func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b
	}
	if abs := math.Abs(v); abs < 1e15 && abs == math.Trunc(abs) && (v != 0 || !math.Signbit(v)) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

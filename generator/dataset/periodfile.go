package dataset

import (
	"regexp"
	"strconv"
	"strings"

	"kaoping/generator/diag"
)

var fieldRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// skipField marks a column whose header was reported as wrong: its cells
// are not read, so that one bad header gives one error, while the other
// columns are still checked.
const skipField = "\x00"

// nameColumn marks the column headed name or 名称 (SPEC §4): not a field,
// but each non-empty cell must be the row's entity's name, which catches
// a row pasted against the wrong id.
const nameColumn = "\x01"

// isNameHeader reports whether a header cell heads the name column.
func isNameHeader(h string) bool { return strings.EqualFold(h, "name") || h == "名称" }

// fieldNames maps what may head a column of a period file to a field id:
// the ids and the labels declared in config.toml's [fields]. An id wins
// over a label that spells the same; other raw names (fieldRE) are
// accepted as they are.
type fieldNames map[string]string

func (fn fieldNames) resolve(header string) (string, bool) {
	if id, ok := fn[header]; ok {
		return id, true
	}
	if fieldRE.MatchString(header) {
		return header, true
	}
	return "", false
}

// entityLookup tells the period reader about entities.csv: the canonical
// id string of a known entity, and whether an unknown id was already
// reported there (an invalid row), so that one mistake gives one error.
type entityLookup struct {
	es        *Entities       // nil when entities.csv could not be read
	mentioned map[string]bool // ids in entities.csv, valid or not
}

// periodReader merges the files of one period into own values, checking
// that no (entity, field) is given twice.
type periodReader struct {
	names    fieldNames
	entities entityLookup
	l        *diag.List

	// g is the grid of every period of the load: readHeader adds its
	// columns, readRow rows for ids not in entities.csv (when it could not
	// be read). cells is this period's own values, rows × width (NaN =
	// empty), widened when g grows.
	g           *grid
	cells       []float64
	rows, width int

	fields map[string]bool // every field in a header

	// first is the first row of each entity, by grid row; where records
	// the cell of each value, but only for the rare entities that appear
	// in more than one row, so that a duplicate can name both places
	// without keeping a position per cell.
	first []rowPlace
	where map[int]map[string]diag.Pos
}

type rowPlace struct {
	file string
	line int            // 0: not seen yet
	cols map[string]int // field -> 1-based column in that file
}

func newPeriodReader(names fieldNames, ents entityLookup, g *grid, l *diag.List) *periodReader {
	pr := &periodReader{names: names, entities: ents, l: l, g: g, fields: map[string]bool{}}
	pr.fit()
	return pr
}

// fit grows cells and first to the grid's current size.
func (pr *periodReader) fit() {
	rows, width := len(pr.g.ids), len(pr.g.fields)
	if rows == pr.rows && width == pr.width {
		return
	}
	pr.cells = reshape(pr.cells, pr.rows, pr.width, rows, width)
	pr.rows, pr.width = rows, width
	if n := rows - len(pr.first); n > 0 {
		pr.first = append(pr.first, make([]rowPlace, n)...)
	}
}

// own returns the period's own values as a matrix of the grid's size.
func (pr *periodReader) own() []float64 {
	pr.fit()
	return pr.cells
}

// fileState is what periodReader knows about the file it is reading.
type fileState struct {
	file   string
	header bool
	field  []string       // field per 0-based column, "" = no header, skipField = bad header
	col    []int          // grid column per 0-based column (where field is a field)
	cols   map[string]int // field -> 1-based column
	// nameCol is the 1-based column of the name column, 0 when none.
	nameCol int
	rows    int
	ok      bool // header usable
	// number, if set, reads a spreadsheet numeric cell whose raw value is
	// not a plain decimal (see xlsxSheet.number).
	number func(line, col int) (float64, bool)
}

// readRow handles one non-blank row of a file: the header first, then data.
// It returns false to stop reading the file after a bad header.
func (pr *periodReader) readRow(fs *fileState, r *row) bool {
	if !fs.header {
		fs.header = true
		fs.ok = pr.readHeader(fs, r)
		return fs.ok
	}
	fs.rows++
	l := pr.l
	if r.isBad(0) {
		return true // the id cell was reported: the row cannot be placed
	}
	id := strings.TrimSpace(r.cells[0])
	pos0 := diag.Pos{File: fs.file, Line: r.line, Col: 1}
	if id == "" {
		if r.bad != nil && r.onlyBad() {
			return true // its cells were reported; an empty id adds nothing
		}
		l.Errorf(pos0, "第一列（编号）为空；请填写 entities.csv 中的编号", "the first column (entity id) is empty; enter an id from entities.csv")
		return true
	}
	row, known := pr.g.rowOf[id]
	if !known {
		if pr.entities.es != nil {
			if !pr.entities.mentioned[id] {
				l.Errorf(pos0, "编号 “%s” 不在 data/entities.csv 中；请先在那里添加，或更正编号", "entity \"%s\" is not in data/entities.csv; add it there first, or correct the id", diag.Value(id))
			}
			return true
		}
		row = pr.g.addRow(strings.Clone(id))
		pr.fit()
	}
	id = pr.g.ids[row] // keep the shared string, not the row's
	if first := pr.first[row]; first.line == 0 {
		pr.first[row] = rowPlace{fs.file, r.line, fs.cols}
	} else if pr.where[row] == nil {
		// Second row of this entity: every value so far came from its first row.
		if pr.where == nil {
			pr.where = map[int]map[string]diag.Pos{}
		}
		w := map[string]diag.Pos{}
		for c, v := range pr.cells[row*pr.width : (row+1)*pr.width] {
			if v == v {
				f := pr.g.fields[c]
				w[f] = diag.Pos{File: first.file, Line: first.line, Col: first.cols[f]}
			}
		}
		pr.where[row] = w
	}
	for j := 1; j < len(r.cells); j++ {
		cell := strings.TrimSpace(r.cells[j])
		if cell == "" || r.isBad(j) {
			continue
		}
		pos := diag.Pos{File: fs.file, Line: r.lineOf(j), Col: j + 1}
		if j >= len(fs.field) || fs.field[j] == "" {
			l.Errorf(pos, "%s 列没有表头，但有值 “%s”；请补上字段名或删除该值", "column %s has no header but holds \"%s\"; add a field name or delete the value",
				colName(j+1), diag.Value(cell))
			continue
		}
		f := fs.field[j]
		if f == skipField {
			continue
		}
		if f == nameColumn {
			pr.checkName(pos, id, cell)
			continue
		}
		v, ok := parseAmount(cell)
		if !ok && fs.number != nil {
			v, ok = fs.number(r.line, j+1)
		}
		if !ok {
			hzh, hen := amountHint(cell)
			l.Errorf(pos, "%[1]s 列（%[2]s）的值 “%[3]s” 无效：%[4]s；留空表示缺失",
				"column %[1]s (%[2]s): \"%[3]s\" is not a valid value: %[5]s; leave the cell empty for missing",
				colName(j+1), f, diag.Value(cell), hzh, hen)
			continue
		}
		dst := &pr.cells[row*pr.width+fs.col[j]]
		if *dst == *dst { // not NaN: given before
			prev := pr.placeOf(row, f)
			l.Errorf(pos, "编号 “%[1]s” 的字段 %[2]s 在本期重复：%[3]s 已有值；每个单位每个字段每期只能填一次",
				"entity \"%[1]s\" has field %[2]s twice in this period: %[3]s already gives it; give each value once per period",
				diag.Value(id), f, posString(prev))
			continue
		}
		*dst = v
		if w := pr.where[row]; w != nil {
			w[f] = pos
		}
	}
	return true
}

// checkName reports a name cell that is not the name entities.csv gives
// the row's id. Without a readable entities.csv there is nothing to
// compare with.
func (pr *periodReader) checkName(pos diag.Pos, id, name string) {
	if pr.entities.es == nil {
		return
	}
	e := pr.entities.es.Get(id)
	if e == nil || e.Name == name {
		return
	}
	pr.l.Errorf(pos, "名称与编号不符：编号 “%[1]s” 在 entities.csv 中是 “%[2]s”，本行名称列却是 “%[3]s”；请核对这一行是否填错了编号（名称列也可留空）",
		"the name does not match the id: entity \"%[1]s\" is \"%[2]s\" in entities.csv, but this row's name column says \"%[3]s\"; check that the row has the right id (the name column may also be left empty)",
		diag.Value(id), diag.Value(e.Name), diag.Value(name))
}

func (pr *periodReader) placeOf(row int, f string) diag.Pos {
	if w := pr.where[row]; w != nil {
		return w[f]
	}
	first := pr.first[row]
	return diag.Pos{File: first.file, Line: first.line, Col: first.cols[f]}
}

// posString renders p as file:line:col (column letter added).
func posString(p diag.Pos) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteString(":")
			b.WriteString(strconv.Itoa(p.Col))
			b.WriteString(" (")
			b.WriteString(colName(p.Col))
			b.WriteString(strconv.Itoa(p.Line))
			b.WriteString(")")
		}
	}
	return b.String()
}

// readHeader reads the header row of a period file. It reports whether
// the data rows can be read: they cannot without an entity column; columns
// with a bad header are skipped.
func (pr *periodReader) readHeader(fs *fileState, r *row) bool {
	l := pr.l
	if r.isBad(0) {
		return false // reported: without an entity column nothing can be read
	}
	first := strings.TrimSpace(r.cells[0])
	if low := strings.ToLower(first); low != "entity" && first != "编号" {
		l.Errorf(diag.Pos{File: fs.file, Line: r.line, Col: 1}, "第一列的表头应为 entity 或 编号，而不是 “%s”",
			"the first column's header must be entity or 编号, not \"%s\"", diag.Value(first))
		return false
	}
	fs.field = make([]string, len(r.cells))
	fs.col = make([]int, len(r.cells))
	fs.cols = make(map[string]int, len(r.cells))
	for j := 1; j < len(r.cells); j++ {
		h := strings.TrimSpace(r.cells[j])
		if r.isBad(j) {
			fs.field[j] = skipField // reported: its cells are not read
			continue
		}
		if h == "" {
			continue // a column without header must stay empty; see readRow
		}
		pos := diag.Pos{File: fs.file, Line: r.lineOf(j), Col: j + 1}
		if isNameHeader(h) {
			if fs.nameCol > 0 {
				l.Errorf(pos, "%[1]s 列与 %[2]s 列都是名称列；请删除其中一列", "columns %[2]s and %[1]s are both the name column; delete one of them",
					colName(j+1), colName(fs.nameCol))
				fs.field[j] = skipField
				continue
			}
			fs.field[j] = nameColumn
			fs.nameCol = j + 1
			continue
		}
		f, known := pr.names.resolve(h)
		if !known {
			l.Errorf(pos, "%[1]s 列的表头 “%[2]s” 既不是字段名（小写字母、数字、_，以字母开头），也不是 config.toml [fields] 中声明的标签",
				"the header \"%[2]s\" of column %[1]s is neither a field name (lower-case letters, digits and _, starting with a letter) nor a label declared in config.toml [fields]",
				colName(j+1), diag.Value(h))
			fs.field[j] = skipField
			continue
		}
		if c, dup := fs.cols[f]; dup {
			l.Errorf(pos, "%[1]s 列与 %[2]s 列是同一字段 %[3]s；请删除其中一列", "columns %[2]s and %[1]s are the same field %[3]s; delete one of them",
				colName(j+1), colName(c), f)
			fs.field[j] = skipField
			continue
		}
		fs.field[j] = f
		fs.col[j] = pr.g.addColumn(f)
		fs.cols[f] = j + 1
		pr.fields[f] = true
	}
	pr.fit()
	return true
}

package dataset

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/diag"
	"kaoping/generator/period"
)

// Load reads cfg.DataDir: entities.csv, every period in periods/, and
// notes/. It derives the ytd periods when cfg.YTD is set and aggregates
// every period up the hierarchy. Every problem found is returned, with
// paths relative to cfg.Dir; the Dataset holds what could be read even when
// there are errors (so that `check` can go on validating the config
// against the fields), but must not be used to build a site then.
//
// Where SPEC §3–§4 leave room, Load decides:
//
//   - entities.csv: header names are trimmed and case-insensitive (ID =
//     id); every row must have as many fields as the header; blank rows are
//     skipped. Display order sorts by the order column, an entity without
//     one taking its position among the rows (1, 2, ...) as its order; ties
//     keep file order. A cycle of parents is reported once, at the line of
//     its first entity in the file.
//   - data/periods: names starting with "." (.DS_Store) or "~$" (Excel lock
//     files) are ignored; the .csv/.xlsx extension may be in any case;
//     period ids must be canonical (2024-Q1, not 2024-q1 or 2024-1); .xls
//     is refused with a hint to save as .xlsx. A folder's files are read in
//     name order and must not hold folders.
//   - Period files: the first non-blank row is the header; its first cell is
//     entity or 编号 (any case). A header cell that is a declared field id
//     is that field; else a declared label maps to its field; else a raw
//     name (^[a-z][a-z0-9_]*$) is taken as is. A column with an empty
//     header is allowed if all its cells are empty (Excel exports such
//     columns); a short row means empty cells. A column with a bad header
//     is reported once and its cells skipped. One column headed name (any
//     case) or 名称 is the name column, never a field: a non-empty cell
//     (trimmed) must equal the entity's name exactly, else the error
//     names the cell, the id and both names; a second such column is an
//     error.
//   - Cells are trimmed (Unicode spaces); a value is digits with an
//     optional point and digits: 12, 12.5, 0.5, 007; not .5, 5., +5, 1e3,
//     1,234, 12%. Messages give the line, the column number (Pos.Col,
//     1-based, as a spreadsheet counts, not a byte offset) and its letter.
//   - XLSX: the first visible sheet in workbook order (hidden and very
//     hidden sheets are skipped), raw cell values: a number shown as
//     1,234 or 12% or 12 reads as what is stored (1234, 0.12,
//     12.000000001), and so does a formula's saved numeric result. A
//     numeric cell whose stored form is not a plain decimal (1E-3) is
//     accepted by value; a text cell must be a plain decimal like a CSV
//     cell. A formula without a saved result, a logical value, an error
//     value and a date or time are errors naming the sheet and the cell
//     (they would otherwise read as empty or as a wrong number). Lines
//     are spreadsheet row numbers.
//   - Notes may be for derived periods (2024-03-ytd.md); a note for a
//     period without data is a warning.
func Load(cfg *config.Config) (*Dataset, diag.List) {
	var l diag.List
	s := site{dir: cfg.Dir, refused: map[string]bool{}}
	ds := &Dataset{Notes: map[string]string{}}
	s.scanSpecial(cfg.DataDir, &l)

	entPath := filepath.Join(cfg.DataDir, "entities.csv")
	ents := entityLookup{}
	if _, err := os.Stat(entPath); notExist(err) {
		l.Errorf(diag.Pos{File: s.rel(entPath)}, "找不到单位名单：请创建 %[1]s，表头为 id,name,kind,parent",
			"the list of entities is missing: create %[1]s with the header id,name,kind,parent", s.rel(entPath))
	} else if data, ok := s.read(entPath, &l); ok {
		ents.es, ents.mentioned = readEntities(data, s.rel(entPath), &l)
	}
	ds.Entities = ents.es
	if ds.Entities == nil {
		ds.Entities = NewEntities(nil)
	}

	names := fieldNamesOf(cfg)
	g := newGrid(ents.es)
	fields := map[string]bool{}
	var plain []*PeriodData
	var sizes [][2]int // rows and width of each plain period's matrix as read
	for _, src := range findPeriods(filepath.Join(cfg.DataDir, "periods"), s, &l) {
		pd, fs, rows, width := readPeriod(src, s, names, ents, g, &l)
		plain = append(plain, pd)
		sizes = append(sizes, [2]int{rows, width})
		for f := range fs {
			fields[f] = true
		}
	}
	// Later periods may have added fields (or ids): give every period the
	// final size before they are combined.
	for i, pd := range plain {
		pd.vals = reshape(pd.vals, sizes[i][0], sizes[i][1], len(g.ids), len(g.fields))
	}
	sortPeriods(plain)
	ds.Periods = plain
	var overflows []overflow
	var parts map[*PeriodData][]*PeriodData // of each derived period
	if cfg.YTD {
		var derived []*PeriodData
		derived, overflows, parts = deriveYTD(plain)
		ds.Periods = append(slices.Clone(plain), derived...)
		sortPeriods(ds.Periods)
	}
	for f := range fields {
		ds.Fields = append(ds.Fields, f)
	}
	slices.Sort(ds.Fields)
	p := newPlan(ds.Entities, g)
	type cellOf struct {
		pd   *PeriodData
		cell int
	}
	overflowed := map[cellOf]bool{}
	for _, pd := range ds.Periods { // plain periods before the derived ones that sum them
	cells:
		for _, cell := range aggregate(pd, p) {
			files := pd.Files
			for _, part := range parts[pd] {
				if overflowed[cellOf{part, cell}] {
					continue cells // reported for the part already: the same cells to fix
				}
				files = append(slices.Clone(files), part.Files...)
			}
			overflowed[cellOf{pd, cell}] = true
			overflows = append(overflows, overflow{pd: pd, cell: cell, files: files})
		}
	}
	for _, o := range overflows {
		reportOverflow(o, ds.Entities, s, &l)
	}

	ds.Notes = readNotes(filepath.Join(cfg.DataDir, "notes"), s, &l)
	for _, id := range slices.Sorted(maps.Keys(ds.Notes)) {
		if ds.Period(id) == nil {
			file := s.rel(filepath.Join(cfg.DataDir, "notes", id+".md"))
			l.Warnf(diag.Pos{File: file}, "期间 %s 没有数据，此说明不会显示", "period %s has no data; this note will not be shown", id)
		}
	}
	return ds, l
}

// fieldNamesOf maps the field ids and labels of cfg.Fields to field ids.
func fieldNamesOf(cfg *config.Config) fieldNames {
	names := make(fieldNames, 2*len(cfg.Fields))
	for _, f := range cfg.Fields {
		if f.Label != "" {
			if _, taken := names[f.Label]; !taken {
				names[f.Label] = f.ID
			}
		}
	}
	for _, f := range cfg.Fields {
		names[f.ID] = f.ID // an id wins over a label spelled the same
	}
	return names
}

func sortPeriods(ps []*PeriodData) {
	slices.SortStableFunc(ps, func(a, b *PeriodData) int {
		switch {
		case period.Less(a.Period, b.Period):
			return -1
		case period.Less(b.Period, a.Period):
			return 1
		}
		return 0
	})
}

// reportOverflow reports a sum of finite values that overflowed (two cells
// of 1e308 under one parent): the period, the entity, the field and the
// files whose values were summed. The position is the one file, or the
// folder that holds them.
func reportOverflow(o overflow, es *Entities, s site, l *diag.List) {
	g := o.pd.grid
	nc := len(g.fields)
	id, field := g.ids[o.cell/nc], g.fields[o.cell%nc]
	whoZH, whoEN := diag.Value(id), diag.Value(id)
	if e := es.Get(id); e != nil {
		whoZH += "（" + diag.Value(e.Name) + "）"
		whoEN += " (" + diag.Value(e.Name) + ")"
	}
	files := slices.Clone(o.files)
	slices.Sort(files)
	files = slices.Compact(files)
	pos := diag.Pos{}
	switch {
	case len(files) == 1:
		pos.File = files[0]
	case len(files) > 1:
		pos.File = commonDir(files)
	}
	list := strings.Join(files, ", ")
	if o.parts == nil {
		l.Errorf(pos, "考核期 %[1]s：%[2]s 的字段 %[3]s 没有自己的值，由下级单位的值相加得到，但和超出了可计算的范围（约 1.8e308）；请检查其下级单位在 %[4]s 中的 %[3]s 值是否填错",
			"period %[1]s: field %[3]s of %[5]s has no value of its own and is the sum of the values of the units below it, but the sum is too large to compute (beyond about 1.8e308); check the %[3]s values of the units below it in %[4]s",
			o.pd.ID, whoZH, field, list, whoEN)
		return
	}
	l.Errorf(pos, "累计考核期 %[1]s：%[2]s 的字段 %[3]s 是 %[4]s 各期之和，但和超出了可计算的范围（约 1.8e308）；请检查 %[5]s 中 %[2]s 的 %[3]s 值是否填错",
		"cumulative period %[1]s: field %[3]s of %[6]s is the sum over %[4]s, but the sum is too large to compute (beyond about 1.8e308); check the %[3]s values of %[6]s in %[5]s",
		o.pd.ID, whoZH, field, strings.Join(o.parts, ", "), list, whoEN)
}

// commonDir is the longest folder that holds every one of the slash paths.
func commonDir(paths []string) string {
	dir := path.Dir(paths[0])
	for _, p := range paths[1:] {
		for dir != "." && !strings.HasPrefix(p, dir+"/") {
			dir = path.Dir(dir)
		}
	}
	return dir
}

package dataset

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"kaoping/generator/diag"
)

func TestLoadCSV(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv": testEntities,
		// Labels from [fields] and raw names mix; spaces around values are
		// trimmed; an undeclared raw name is accepted.
		"data/periods/2024-Q1.csv": "entity, 受理案件数 ,closed,appeals\n" +
			"a1,1, 2 ,\n" +
			"\n" +
			"a2,3,,0\n" +
			",,,\n" +
			"b,5.5,6,\n",
		"data/periods/2023-Q4.csv": "编号,cases\nb,7\n",
	})
	ds := mustLoad(t, cfg)
	if got := ds.Fields; !slices.Equal(got, []string{"appeals", "cases", "closed"}) {
		t.Errorf("Fields = %v", got)
	}
	var got []string
	for _, pd := range ds.Periods {
		got = append(got, pd.ID)
	}
	if !slices.Equal(got, []string{"2023-Q4", "2024-Q1"}) {
		t.Errorf("Periods = %v", got)
	}
	pd := ds.Period("2024-Q1")
	if !slices.Equal(pd.Files, []string{"data/periods/2024-Q1.csv"}) || pd.Derived {
		t.Errorf("Files = %v, Derived = %v", pd.Files, pd.Derived)
	}
	tests := []struct {
		entity, field string
		want          float64 // -1 = missing
	}{
		{"a1", "cases", 1}, {"a1", "closed", 2}, {"a1", "appeals", -1},
		{"a2", "cases", 3}, {"a2", "closed", -1}, {"a2", "appeals", 0},
		{"b", "cases", 5.5}, {"b", "closed", 6},
		// a has no row: 1+3 cases, closed only from a1, appeals 0 from a2.
		{"a", "cases", 4}, {"a", "closed", 2}, {"a", "appeals", 0},
		// city: 4+5.5 = 9.5 cases, 2+6 = 8 closed.
		{"city", "cases", 9.5}, {"city", "closed", 8},
	}
	for _, tt := range tests {
		if v := get(t, ds, "2024-Q1", tt.entity, tt.field); v != tt.want {
			t.Errorf("%s.%s = %v, want %v", tt.entity, tt.field, v, tt.want)
		}
	}
	if pd.HasOwn("a") {
		t.Error("a has own values")
	}
	if !pd.HasValues("city") || ds.Period("2023-Q4").HasValues("a") {
		t.Error("HasValues wrong")
	}
	if ds.Period("2024-Q2") != nil {
		t.Error("Period(2024-Q2) != nil")
	}
}

func TestLoadEncodings(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("编号,受理案件数,审结案件数\na1,10,8\n")
	if err != nil {
		t.Fatal(err)
	}
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        "\ufeff" + testEntities,
		"data/periods/2024-01.csv": gb,
		"data/periods/2024-02.csv": "\ufeff编号,受理案件数\na1,3\n",
	})
	ds := mustLoad(t, cfg)
	if v := get(t, ds, "2024-01", "a1", "cases"); v != 10 {
		t.Errorf("GB18030 cases = %v", v)
	}
	if v := get(t, ds, "2024-01", "a1", "closed"); v != 8 {
		t.Errorf("GB18030 closed = %v", v)
	}
	if v := get(t, ds, "2024-02", "a1", "cases"); v != 3 {
		t.Errorf("BOM cases = %v", v)
	}
	if e := ds.Entities.Get("city"); e == nil || e.Name != "枣庄市院" {
		t.Errorf("entities with BOM: city = %+v", e)
	}
}

func TestLoadFolderPeriod(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv":              testEntities,
		"data/periods/2024-Q1/刑事.csv":    "entity,cases\na1,1\n",
		"data/periods/2024-Q1/民事.csv":    "entity,cases,closed\na2,2,1\na1,,4\n",
		"data/periods/2024-Q1/.DS_Store": "junk",
		"data/periods/2024-Q1/~$民事.xlsx": "lock",
		"data/periods/.gitkeep":          "",
		"data/periods/~$2024-Q2.xlsx":    "lock",
	})
	ds := mustLoad(t, cfg)
	if len(ds.Periods) != 1 {
		t.Fatalf("periods = %d", len(ds.Periods))
	}
	pd := ds.Periods[0]
	if !slices.Equal(pd.Files, []string{"data/periods/2024-Q1/刑事.csv", "data/periods/2024-Q1/民事.csv"}) {
		t.Errorf("Files = %v", pd.Files)
	}
	// a1: cases 1 from 刑事.csv, closed 4 from 民事.csv (its empty cases cell
	// there is missing, not a duplicate). a = 1+2 cases, 4+1 closed.
	for _, tt := range []struct {
		e, f string
		v    float64
	}{{"a1", "cases", 1}, {"a1", "closed", 4}, {"a", "cases", 3}, {"a", "closed", 5}} {
		if v := get(t, ds, "2024-Q1", tt.e, tt.f); v != tt.v {
			t.Errorf("%s.%s = %v, want %v", tt.e, tt.f, v, tt.v)
		}
	}
}

func TestAggregation(t *testing.T) {
	// city ─ a ─ a1, a2 ; city ─ b.
	cfg := newSite(t, map[string]string{
		"data/entities.csv": testEntities,
		"data/periods/2024.csv": "entity,cases,closed,days\n" +
			"a1,10,4,\n" +
			"a2,20,,\n" +
			"a,100,,\n" + // explicit value overrides a1+a2 = 30
			"b,1,2,\n",
	})
	ds := mustLoad(t, cfg)
	tests := []struct {
		e, f string
		want float64
	}{
		{"a", "cases", 100},    // own value wins over 10+20
		{"a", "closed", 4},     // no own cell: a1's 4, a2 missing
		{"city", "cases", 101}, // 100 (a's own, not 30) + 1
		{"city", "closed", 6},  // 4 (a from a1) + 2
		{"city", "days", -1},   // declared in the header, never filled: missing
		{"a2", "closed", -1},
	}
	for _, tt := range tests {
		if v := get(t, ds, "2024", tt.e, tt.f); v != tt.want {
			t.Errorf("%s.%s = %v, want %v", tt.e, tt.f, v, tt.want)
		}
	}
}

func TestAggregationDeep(t *testing.T) {
	// Four levels: province > city > procuratorate > prosecutor.
	cfg := newSite(t, map[string]string{
		"data/entities.csv": "id,name,kind,parent\n" +
			"p,省院,province,\n" +
			"c1,甲市,city,p\nc2,乙市,city,p\n" +
			"r1,一院,procuratorate,c1\nr2,二院,procuratorate,c1\nr3,三院,procuratorate,c2\n" +
			"x1,张,prosecutor,r1\nx2,李,prosecutor,r1\nx3,王,prosecutor,r2\nx4,赵,prosecutor,r3\n",
		"data/periods/2024-H1.csv": "entity,cases,closed\n" +
			"x1,1,1\nx2,2,\nx3,4,4\nx4,8,\n" +
			"r3,,16\n", // r3 gives closed itself, cases from x4
	})
	ds := mustLoad(t, cfg)
	tests := []struct {
		e, f string
		want float64
	}{
		{"r1", "cases", 3},  // 1+2
		{"r1", "closed", 1}, // x1 only
		{"c1", "cases", 7},  // r1 3 + r2 4
		{"c1", "closed", 5}, // 1 + 4
		{"r3", "cases", 8},  // x4
		{"r3", "closed", 16},
		{"c2", "closed", 16},
		{"p", "cases", 15},  // 7 + 8
		{"p", "closed", 21}, // 5 + 16
	}
	for _, tt := range tests {
		if v := get(t, ds, "2024-H1", tt.e, tt.f); v != tt.want {
			t.Errorf("%s.%s = %v, want %v", tt.e, tt.f, v, tt.want)
		}
	}
}

func TestYTD(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-01.csv": "entity,cases,closed\na1,1,\nb,10,\n",
		"data/periods/2024-02.csv": "entity,cases,closed\na1,2,5\n",
		// no 2024-03
		"data/periods/2024-04.csv": "entity,cases,closed\na1,4,\nb,,7\n",
		"data/periods/2023-12.csv": "entity,cases\na1,100\n",
		"data/periods/2024-Q1.csv": "entity,cases\na1,3\n",
		"data/periods/2024-Q2.csv": "entity,cases\na1,4\na2,1\n",
		"data/periods/2024-H1.csv": "entity,cases\na1,7\n",
	})
	cfg.YTD = true
	ds := mustLoad(t, cfg)
	var got []string
	for _, pd := range ds.Periods {
		got = append(got, pd.ID)
	}
	wantIDs := []string{
		"2023-12", "2023-12-ytd",
		"2024-01", "2024-01-ytd", "2024-02", "2024-02-ytd", "2024-Q1", "2024-Q1-ytd",
		"2024-04", "2024-04-ytd", "2024-Q2", "2024-Q2-ytd", "2024-H1",
	}
	if !slices.Equal(got, wantIDs) {
		t.Errorf("Periods = %v\nwant      %v", got, wantIDs)
	}
	tests := []struct {
		p, e, f string
		want    float64
	}{
		{"2024-01-ytd", "a1", "cases", 1},
		{"2024-02-ytd", "a1", "cases", 3},   // 1+2
		{"2024-04-ytd", "a1", "cases", 7},   // 1+2+4 (March has no file)
		{"2024-01-ytd", "a1", "closed", -1}, // closed first given in February
		{"2024-02-ytd", "a1", "closed", 5},
		{"2024-04-ytd", "a1", "closed", 5}, // April's closed cell is empty: still 5
		{"2024-02-ytd", "b", "cases", 10},  // b has no February row: January's 10
		{"2024-04-ytd", "b", "cases", 10},  // b's April cases empty
		{"2024-04-ytd", "b", "closed", 7},
		{"2024-04-ytd", "a", "cases", 7},      // aggregated from a1
		{"2024-04-ytd", "city", "cases", 17},  // a 7 + b 10
		{"2024-04-ytd", "city", "closed", 12}, // a 5 + b 7
		{"2023-12-ytd", "a1", "cases", 100},   // 2023 sums do not spill into 2024
		{"2024-Q1-ytd", "a1", "cases", 3},
		{"2024-Q2-ytd", "a1", "cases", 7}, // 3+4
		{"2024-Q2-ytd", "a2", "cases", 1},
		{"2024-Q2-ytd", "a", "cases", 8}, // 7+1
	}
	for _, tt := range tests {
		if v := get(t, ds, tt.p, tt.e, tt.f); v != tt.want {
			t.Errorf("%s %s.%s = %v, want %v", tt.p, tt.e, tt.f, v, tt.want)
		}
	}
	d := ds.Period("2024-04-ytd")
	if !d.Derived || len(d.Files) != 0 || !d.Period.YTD {
		t.Errorf("derived period = %+v", d)
	}
	// The plain periods are untouched by the sums.
	if v := get(t, ds, "2024-04", "a1", "cases"); v != 4 {
		t.Errorf("2024-04 a1.cases = %v", v)
	}
	if ds.Period("2024-H1-ytd") != nil {
		t.Error("a half year must not give a ytd period")
	}
}

func TestYTDOff(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-01.csv": "entity,cases\na1,1\n",
	})
	ds := mustLoad(t, cfg)
	if len(ds.Periods) != 1 || ds.Period("2024-01-ytd") != nil {
		t.Errorf("ytd periods derived with ytd = false: %d periods", len(ds.Periods))
	}
}

func TestNotes(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv":         testEntities,
		"data/periods/2024-01.csv":  "entity,cases\na1,1\n",
		"data/notes/2024-01.md":     "# 一月\n\n说明。\n",
		"data/notes/2024-01-ytd.md": "累计",
		"data/notes/.DS_Store":      "x",
	})
	cfg.YTD = true
	ds := mustLoad(t, cfg)
	if ds.Notes["2024-01"] != "# 一月\n\n说明。\n" || ds.Notes["2024-01-ytd"] != "累计" || len(ds.Notes) != 2 {
		t.Errorf("Notes = %q", ds.Notes)
	}
}

func TestNotesProblems(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-01.csv": "entity,cases\na1,1\n",
		"data/notes/2024-02.md":    "no data",
		"data/notes/january.md":    "bad name",
	})
	_, l := Load(cfg)
	check(t, l, want{"data/notes/2024-02.md", 0, 0, []string{"2024-02 has no data"}, true}, true)
	check(t, l, want{"data/notes/january.md", 0, 0, []string{"<period>.md"}, false}, true)
	if len(l) != 2 {
		t.Errorf("problems:\n%s", format(l))
	}
}

func TestLoadWithoutEntities(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/periods/2024-01.csv": "entity,cases\na1,1\nzz,2\n",
	})
	ds, l := Load(cfg)
	check(t, l, want{"data/entities.csv", 0, 0, []string{"create data/entities.csv"}, false}, false)
	// The periods are still read, so that check can go on with the fields.
	if !slices.Equal(ds.Fields, []string{"cases"}) || get(t, ds, "2024-01", "zz", "cases") != 2 {
		t.Errorf("Fields = %v", ds.Fields)
	}
}

func TestPeriodsFolderProblems(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		cfg := newSite(t, map[string]string{"data/entities.csv": testEntities})
		_, l := Load(cfg)
		check(t, l, want{"data/periods", 0, 0, []string{"create data/periods"}, false}, false)
	})
	t.Run("empty", func(t *testing.T) {
		cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/.DS_Store": ""})
		_, l := Load(cfg)
		check(t, l, want{"data/periods", 0, 0, []string{"folder is empty"}, false}, false)
	})
	const ok = "entity,cases\na1,1\n"
	tests := []struct {
		name  string
		files map[string]string
		want  want
	}{
		{"bad month", map[string]string{"2024-13.csv": ok}, want{"data/periods/2024-13.csv", 0, 0, []string{`"2024-13" is not a period id`}, false}},
		{"short month", map[string]string{"2024-1.csv": ok}, want{"data/periods/2024-1.csv", 0, 0, []string{"not a period id"}, false}},
		{"ytd file", map[string]string{"2024-03-ytd.csv": ok}, want{"data/periods/2024-03-ytd.csv", 0, 0, []string{"derived"}, false}},
		{"other extension", map[string]string{"readme.txt": "x"}, want{"data/periods/readme.txt", 0, 0, []string{"not a period data file"}, false}},
		{"xls", map[string]string{"2024-Q1.xls": "x"}, want{"data/periods/2024-Q1.xls", 0, 0, []string{".xlsx"}, false}},
		{"twice", map[string]string{"2024-Q1.csv": ok, "2024-Q1.CSV": ok}, want{"data/periods/2024-Q1.csv", 0, 0, []string{"given twice", "data/periods/2024-Q1.CSV"}, false}},
		{"file and folder", map[string]string{"2024-Q1.csv": ok, "2024-Q1/x.csv": ok}, want{"data/periods/2024-Q1.csv", 0, 0, []string{"given twice", "data/periods/2024-Q1 is"}, false}},
		{"folder with subfolder", map[string]string{"2024-Q1/x.csv": ok, "2024-Q1/sub/y.csv": ok}, want{"data/periods/2024-Q1/sub", 0, 0, []string{"only hold"}, false}},
		{"folder with text", map[string]string{"2024-Q1/x.csv": ok, "2024-Q1/说明.docx": ok}, want{"data/periods/2024-Q1/说明.docx", 0, 0, []string{"only hold"}, false}},
		{"empty folder", map[string]string{"2024-Q1/.keep": ""}, want{"data/periods/2024-Q1", 0, 0, []string{"no .csv or .xlsx"}, false}},
		{"empty file", map[string]string{"2024-Q1.csv": "\n\n"}, want{"data/periods/2024-Q1.csv", 0, 0, []string{"file is empty"}, false}},
		{"header only", map[string]string{"2024-Q1.csv": "entity,cases\n"}, want{"data/periods/2024-Q1.csv", 0, 0, []string{"no data rows"}, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"data/entities.csv": testEntities}
			for k, v := range tt.files {
				files["data/periods/"+k] = v
			}
			_, l := Load(newSite(t, files))
			check(t, l, tt.want, false)
		})
	}
}

func TestPeriodFileProblems(t *testing.T) {
	const f = "data/periods/2024-Q1.csv"
	tests := []struct {
		name string
		data string
		want want
	}{
		{"first column", "unit,cases\na1,1\n", want{f, 1, 1, []string{"entity or 编号", `"unit"`}, false}},
		{"unknown header", "entity,cases,结案率\na1,1,2\n", want{f, 1, 3, []string{`"结案率"`, "column C", "[fields]"}, false}},
		{"upper-case header", "entity,Cases\na1,1\n", want{f, 1, 2, []string{`"Cases"`}, false}},
		{"duplicate column", "entity,cases,closed,受理案件数\na1,1,2,3\n", want{f, 1, 4, []string{"columns B and D", "cases"}, false}},
		{"unknown entity", "entity,cases\na1,1\nzz,2\n", want{f, 3, 1, []string{`"zz" is not in data/entities.csv`}, false}},
		{"empty entity", "entity,cases\n,2\n", want{f, 2, 1, []string{"entity id) is empty"}, false}},
		{"duplicate in file", "entity,cases,closed\na1,1,\nb,1,1\na1,,5\na1,2,\n",
			want{f, 5, 2, []string{`"a1" has field cases twice`, f + ":2:2 (B2)"}, false}},
		{"value without header", "entity,cases,\na1,1,\nb,2,3\n", want{f, 3, 3, []string{"column C has no header", `"3"`}, false}},
		{"value beyond header", "entity,cases\na1,1,,\nb,2,,9\n", want{f, 3, 4, []string{"column D has no header"}, false}},
		{"line after blank and multiline", "entity,cases\n\na1,\"1\n\"\nb,x\n", want{f, 5, 2, []string{"column B (cases)"}, false}},
		{"csv syntax", "entity,cases\na1,\"1\n", want{f, 2, 0, []string{"CSV syntax error"}, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.csv": tt.data})
			_, l := Load(cfg)
			check(t, l, tt.want, false)
		})
	}
}

func TestBadCells(t *testing.T) {
	for _, cell := range []string{
		"abc", "-1", "1,234", "12%", "1e3", "NaN", "Inf", ".5", "5.", "+5", "0x10", "1.2.3", "１２", "12 5", "—",
		strings.Repeat("9", 400), // too large for float64
	} {
		t.Run(cell, func(t *testing.T) {
			data := "entity,cases,closed\na1,1,2\nb,3,\"" + cell + "\"\n"
			cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.csv": data})
			_, l := Load(cfg)
			check(t, l, want{"data/periods/2024-Q1.csv", 3, 3, []string{"column C (closed)", diag.Value(cell), "not a valid value"}, false}, false)
		})
	}
}

// TestMessagesQuoteValuesSafely: a value from a file is quoted in a
// message cut at 60 characters and with control and invisible
// characters escaped, so that no message breaks the terminal.
func TestMessagesQuoteValuesSafely(t *testing.T) {
	long := strings.Repeat("很长的单元格内容", 20)
	tests := []struct {
		name, file, data string
		want             want
	}{
		{"long cell", "data/periods/2024-Q1.csv", "entity,cases\na1,\"" + long + "\"\n",
			want{"data/periods/2024-Q1.csv", 2, 2, []string{`"` + strings.Repeat("很长的单元格内容", 7) + "很长的单…\" is not a valid value"}, false}},
		{"escape sequence in a cell", "data/periods/2024-Q1.csv", "entity,cases\na1,\"\x1b[2J\x1b[31m12\"\n",
			want{"data/periods/2024-Q1.csv", 2, 2, []string{`"\x1b[2J\x1b[31m12" is not a valid value`}, false}},
		{"tab and newline in a cell", "data/periods/2024-Q1.csv", "entity,cases\na1,\"1\t2\n3\"\n",
			want{"data/periods/2024-Q1.csv", 2, 2, []string{`"1\t2\n3"`}, false}},
		{"zero width space in an id", "data/periods/2024-Q1.csv", "entity,cases\na1\u200b,1\n",
			want{"data/periods/2024-Q1.csv", 2, 1, []string{`entity "a1\u200b" is not in data/entities.csv`}, false}},
		{"right-to-left override in a header", "data/periods/2024-Q1.csv", "entity,\u202ecases\na1,1\n",
			want{"data/periods/2024-Q1.csv", 1, 2, []string{`the header "\u202ecases"`}, false}},
		{"NUL in an id of entities.csv", "data/entities.csv", testEntities + "x\x00y,某院,procuratorate,city\n",
			want{"data/entities.csv", 7, 1, []string{`id "x\x00y" is invalid`}, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.csv": "entity,cases\na1,1\n"}
			files[tt.file] = tt.data
			_, l := Load(newSite(t, files))
			check(t, l, tt.want, true)
			for _, p := range l {
				for _, msg := range []string{p.ZH, p.EN} {
					if strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f || r == 0x200b || r == 0x202e }) {
						t.Errorf("a message holds a control or invisible character: %q", msg)
					}
					if strings.Contains(msg, long[:61*3]) {
						t.Errorf("a message quotes more than 60 characters of a value: %q", msg)
					}
				}
			}
		})
	}
}

func TestGoodCells(t *testing.T) {
	for _, tt := range []struct {
		cell string
		want float64
	}{{"0", 0}, {"12", 12}, {"12.5", 12.5}, {" 007 ", 7}, {"0.25", 0.25}, {"\u3000 3\t", 3}} {
		cfg := newSite(t, map[string]string{"data/entities.csv": testEntities, "data/periods/2024-Q1.csv": "entity,cases\na1," + tt.cell + "\n"})
		ds := mustLoad(t, cfg)
		if v := get(t, ds, "2024-Q1", "a1", "cases"); v != tt.want {
			t.Errorf("%q = %v, want %v", tt.cell, v, tt.want)
		}
	}
}

func TestDuplicateAcrossFolderFiles(t *testing.T) {
	cfg := newSite(t, map[string]string{
		"data/entities.csv":          testEntities,
		"data/periods/2024-Q1/a.csv": "entity,cases,closed\na1,1,2\n",
		"data/periods/2024-Q1/b.csv": "entity,closed,cases\nb,1,1\na1,,5\n",
	})
	_, l := Load(cfg)
	check(t, l, want{"data/periods/2024-Q1/b.csv", 3, 3, []string{`"a1" has field cases twice`, "data/periods/2024-Q1/a.csv:2:2 (B2)"}, false}, false)
}

func TestEntityErrorsDoNotCascade(t *testing.T) {
	// A bad id in entities.csv is reported there, not again in every period.
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities + "Bad,坏,department,a\n",
		"data/periods/2024-Q1.csv": "entity,cases\nBad,1\n",
	})
	_, l := Load(cfg)
	check(t, l, want{"data/entities.csv", 7, 1, []string{`"Bad"`}, false}, false)
}

func TestBadHeaderKeepsCheckingOtherColumns(t *testing.T) {
	const f = "data/periods/2024-Q1.csv"
	cfg := newSite(t, map[string]string{
		"data/entities.csv":        testEntities,
		"data/periods/2024-Q1.csv": "entity,结案率,cases\na1,50%,1\nb,60%,x\n",
	})
	ds, l := Load(cfg)
	check(t, l, want{f, 1, 2, []string{`"结案率"`}, false}, true)
	check(t, l, want{f, 3, 3, []string{`"x"`}, false}, true)
	if len(l) != 2 {
		t.Errorf("want 2 problems (none for the cells under the bad header):\n%s", format(l))
	}
	if v := get(t, ds, "2024-Q1", "a1", "cases"); v != 1 {
		t.Errorf("a1.cases = %v", v)
	}
}

package output

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/period"
	"kaoping/generator/scoring"
)

func TestSheetName(t *testing.T) {
	long := strings.Repeat("一二三四五六七八九十", 4)
	tests := []struct {
		name, suffix string
		used         []string
		want         string
	}{
		{"基层院业绩考评", "", nil, "基层院业绩考评"},
		{"基层院业绩考评", "（明细）", nil, "基层院业绩考评（明细）"},
		{"a/b:c?d*e[f]g\\h", "", nil, "a_b_c_d_e_f_g_h"},
		{long, "", nil, long[:31*3]},              // 31 Han characters, 3 bytes each
		{long, "（明细）", nil, long[:27*3] + "（明细）"}, // 27 + 4
		{"考评", "", []string{"考评"}, "考评(2)"},
		{"Basic", "", []string{"basic"}, "Basic(2)"}, // Excel ignores case
		{"考评", "（明细）", []string{"考评（明细）", "考评（明细）(2)"}, "考评（明细）(3)"},
		{long, "", []string{long[:31*3]}, long[:28*3] + "(2)"},
		{"History", "", nil, "History(2)"}, // reserved by Excel
		{"'引号'", "", nil, "引号"},
		{"", "", nil, "x"},
		{":/", "", nil, "__"},
		{strings.Repeat("a", 30) + "'b", "", nil, strings.Repeat("a", 30)}, // cut before a closing '
	}
	for _, tt := range tests {
		b := &workbook{used: map[string]bool{}}
		for _, u := range tt.used {
			b.used[strings.ToLower(u)] = true
		}
		if got := b.sheetName(&config.Scheme{ID: "x", Name: tt.name}, tt.suffix); got != tt.want {
			t.Errorf("sheetName(%q, %q) = %q, want %q", tt.name, tt.suffix, got, tt.want)
		}
	}
}

func TestValueFormat(t *testing.T) {
	for _, tt := range []struct {
		format   string
		decimals int
		want     string
	}{{"number", 0, "0"}, {"percent", 1, "0.0"}, {"days", 2, "0.00"}, {"ratio", 2, `"1:"0.00`}, {"", 3, "0.000"}} {
		if got := valueFormat(&config.Indicator{Format: tt.format, Decimals: tt.decimals}); got != tt.want {
			t.Errorf("valueFormat(%s, %d) = %s, want %s", tt.format, tt.decimals, got, tt.want)
		}
	}
}

// handWorkbook is a scheme compared by parent over a small hierarchy: two
// procuratorates (a, b) under one city, each with prosecutors, one in a
// department, so that the unit column is needed. Values: a1's rate
// 0.925 (92.5 %), ratio 1.234; a2's rate missing; b1's adjustment -0
// and total NaN (written empty).
func handWorkbook(lang string) (*config.Config, *dataset.Entities, map[string]*scoring.Result) {
	es := dataset.NewEntities([]*dataset.Entity{
		{ID: "city", Name: "市院", Kind: "city"},
		{ID: "a", Name: "甲院", Kind: "procuratorate", Parent: "city"},
		{ID: "b", Name: "乙院", Kind: "procuratorate", Parent: "city"},
		{ID: "a-dept", Name: "第一部", Kind: "department", Parent: "a"},
		{ID: "a1", Name: "=HYPERLINK(\"http://x\")", Kind: "prosecutor", Parent: "a-dept"},
		{ID: "a2", Name: "张二", Kind: "prosecutor", Parent: "a"},
		{ID: "b1", Name: "李一", Kind: "prosecutor", Parent: "b"},
	})
	w := 10.0
	s := &config.Scheme{ID: "p", Name: "检察官", Kind: "prosecutor", Peers: []string{"parent"},
		Categories:  []*config.Category{{ID: "q", Name: "质量", Weight: &w}},
		Indicators:  []*config.Indicator{{ID: "rate", Name: "结案率", Category: "q", Format: "percent", Decimals: 1, Weight: 6}, {ID: "ratio", Name: "案件比", Category: "q", Format: "ratio", Decimals: 2, Weight: 4}},
		Adjustments: []*config.Adjustment{{ID: "adj", Name: "加分"}},
		Grades:      []*config.Grade{{Name: "优秀"}},
	}
	cfg := &config.Config{Title: "考评", Language: lang, Schemes: []*config.Scheme{s, {ID: "none", Name: "无结果"}}}
	ent := func(id string) *dataset.Entity { return es.Get(id) }
	score := func(v *float64, points float64) *scoring.IndicatorScore {
		sc := &scoring.IndicatorScore{Value: v, Points: points}
		if v != nil {
			dv := *v
			sc.Display = &dv
		}
		return sc
	}
	pct := func(v float64) *scoring.IndicatorScore {
		sc := score(fptr(v), 6)
		*sc.Display = v * 100
		return sc
	}
	r := &scoring.Result{Scheme: s, Period: &dataset.PeriodData{ID: "2025-Q4", Period: period.MustParse("2025-Q4")}, Groups: []*scoring.Group{
		{ID: "a", Entities: []*scoring.EntityResult{
			{Entity: ent("a1"), Rank: 1, Total: 9.5, Grade: "优秀", Categories: map[string]float64{"q": 9.5},
				Indicators:  map[string]*scoring.IndicatorScore{"rate": pct(0.925), "ratio": score(fptr(1.234), 3.5)},
				Adjustments: map[string]*scoring.AdjustmentScore{"adj": {Points: -1.5}}},
			{Entity: ent("a2"), Rank: 2, Total: 4, Grade: "优秀", Categories: map[string]float64{"q": 4},
				Indicators: map[string]*scoring.IndicatorScore{"rate": score(nil, 3), "ratio": score(fptr(2), 1)}},
		}},
		{ID: "b", Entities: []*scoring.EntityResult{
			{Entity: ent("b1"), Rank: 1, Total: math.NaN(), Grade: "优秀", Categories: map[string]float64{"q": 0},
				Indicators:  map[string]*scoring.IndicatorScore{"rate": pct(0), "ratio": score(fptr(0), 0)},
				Adjustments: map[string]*scoring.AdjustmentScore{"adj": {Points: math.Copysign(0, -1)}}},
		}},
	}}
	return cfg, es, map[string]*scoring.Result{"p": r}
}

// TestXLSXHandMade reads back a hand-made workbook cell by cell: the
// group names of peers = "parent", the unit column, display values and
// their formats as Excel shows them, empty cells for a missing value and
// a NaN, text that looks like a formula kept as text.
func TestXLSXHandMade(t *testing.T) {
	cfg, es, rs := handWorkbook("zh-CN")
	var buf bytes.Buffer
	if err := XLSX(&buf, cfg, es, period.MustParse("2025-Q4"), rs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "检察官|检察官（明细）" {
		t.Fatalf("sheets %s", got)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Title != "考评 · 2025年第四季度" || props.Created != xlsxFixedTime || props.Modified != xlsxFixedTime || props.Creator != "kaoping" {
		t.Errorf("doc props %+v %v", props, err)
	}
	get := func(sheet string, raw bool) [][]string {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: raw})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	// The ranking, as Excel shows it: points to two decimals, a signed
	// adjustment, 新 for no rank change, the unit below the shared one.
	// (excelize shows a zero adjustment as +0.00, not minding the zero
	// section of +0.00;-0.00;0.00 that Excel uses: that column's zeros
	// are checked raw below.)
	want := [][]string{
		{"检察官 · 2025年第四季度"},
		{"比较组", "排名", "名次变化", "编号", "名称", "所属单位", "质量（10分）", "加分", "总分", "等次"},
		{"甲院", "1", "新", "a1", `=HYPERLINK("http://x")`, "第一部", "9.50", "-1.50", "9.50", "优秀"},
		{"甲院", "2", "新", "a2", "张二", "", "4.00", "+0.00", "4.00", "优秀"},
		{"乙院", "1", "新", "b1", "李一", "", "0.00", "+0.00", "", "优秀"},
	}
	if got := get("检察官", false); !equalRows(got, want) {
		t.Errorf("ranking\n%q\nwant\n%q", got, want)
	}
	want = [][]string{
		{"检察官 · 2025年第四季度 · 指标明细"},
		{"比较组", "编号", "名称", "所属单位", "结案率（值，%）", "结案率（得分）", "案件比（值）", "案件比（得分）", "质量（10分）", "加分", "总分", "排名", "等次"},
		{"甲院", "a1", `=HYPERLINK("http://x")`, "第一部", "92.5", "6.00", "1:1.23", "3.50", "9.50", "-1.50", "9.50", "1", "优秀"},
		{"甲院", "a2", "张二", "", "", "3.00", "1:2.00", "1.00", "4.00", "+0.00", "4.00", "2", "优秀"},
		{"乙院", "b1", "李一", "", "0.0", "6.00", "1:0.00", "0.00", "0.00", "+0.00", "", "1", "优秀"},
	}
	if got := get("检察官（明细）", false); !equalRows(got, want) {
		t.Errorf("details\n%q\nwant\n%q", got, want)
	}
	// The numbers under the formats: display units, unrounded.
	raw := get("检察官（明细）", true)
	if raw[2][4] != "92.5" || raw[2][6] != "1.234" || raw[3][9] != "0" || raw[4][9] != "0" {
		t.Errorf("raw values %q %q %q %q, want 92.5 1.234 0 0 (-0 written as 0)", raw[2][4], raw[2][6], raw[3][9], raw[4][9])
	}
	id, err := f.GetCellStyle("检察官（明细）", "J4")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(id); err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "+0.00;-0.00;0.00" {
		t.Errorf("adjustment format %v %v", st, err)
	}
	for _, c := range []string{"C3", "A3", "D4", "E4", "K5"} {
		typ, _ := f.GetCellType("检察官（明细）", c)
		v, _ := f.GetCellValue("检察官（明细）", c)
		if formula, _ := f.GetCellFormula("检察官（明细）", c); formula != "" {
			t.Errorf("%s has formula %q", c, formula)
		}
		if c == "C3" || c == "A3" {
			if typ != excelize.CellTypeInlineString {
				t.Errorf("%s (%q) is of type %v, want an inline string", c, v, typ)
			}
		} else if v != "" {
			t.Errorf("%s = %q, want an empty cell", c, v)
		}
	}
}

// equalRows compares rows, ignoring empty cells at the end of a row.
func equalRows(a, b [][]string) bool {
	trim := func(r []string) []string {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		return r
	}
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(trim(a[i]), "\x00") != strings.Join(trim(b[i]), "\x00") {
			return false
		}
	}
	return true
}

func TestXLSXEnglish(t *testing.T) {
	cfg, es, rs := handWorkbook("en")
	var buf bytes.Buffer
	if err := XLSX(&buf, cfg, es, period.MustParse("2025-Q4"), rs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "检察官|检察官 (details)" {
		t.Fatalf("sheets %s", got)
	}
	rows, _ := f.GetRows("检察官 (details)")
	want := "Peer group|ID|Name|Unit|结案率 (value, %)|结案率 (points)|案件比 (value)|案件比 (points)|质量 (10 pts)|加分|Total|Rank|Grade"
	if got := strings.Join(rows[1], "|"); got != want {
		t.Errorf("header %s\nwant   %s", got, want)
	}
	if rows[0][0] != "检察官 · 2025 Q4 · indicator details" {
		t.Errorf("title %q", rows[0][0])
	}
	rows, _ = f.GetRows("检察官")
	if got := strings.Join(rows[1], "|"); got != "Peer group|Rank|Change|ID|Name|Unit|质量 (10 pts)|加分|Total|Grade" || rows[2][2] != "new" {
		t.Errorf("ranking header %s, change %q", got, rows[2][2])
	}
}

func TestXLSXWithoutResults(t *testing.T) {
	cfg, es, _ := handWorkbook("zh-CN")
	var buf bytes.Buffer
	if err := XLSX(&buf, cfg, es, period.MustParse("2025-Q4"), nil); err == nil || buf.Len() != 0 {
		t.Errorf("no results: error %v, %d bytes written", err, buf.Len())
	}
}

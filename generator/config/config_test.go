package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/diag"
)

func TestLoadSpecExample(t *testing.T) {
	c, probs := Load("testdata/full.toml")
	if probs.HasErrors() {
		t.Fatalf("unexpected errors:\n%v", probs.Err("zh-CN"))
	}
	// The SPEC example has two things worth a warning: category quality
	// weighs 50 but holds one indicator of weight 10, and the shares
	// 0.2 + 0.9 = 1.1 pass 1 at the second grade (line 66).
	wantWarn := map[int]string{28: "weight = 50", 66: "1.1"}
	if len(probs) != len(wantWarn) {
		t.Errorf("got %d problems, want %d: %v", len(probs), len(wantWarn), probs)
	}
	for _, p := range probs {
		if w, ok := wantWarn[p.Pos.Line]; !ok || p.Severity != diag.Warning || !strings.Contains(p.ZH, w) {
			t.Errorf("unexpected problem %s", p.Format("zh-CN"))
		}
	}

	abs, _ := filepath.Abs("testdata")
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("Path", c.Path, "testdata/full.toml")
	check("Dir", c.Dir, abs)
	check("Title", c.Title, "枣庄市检察机关业绩考评")
	check("Language", c.Language, "zh-CN")
	check("YTD", c.YTD, false)
	check("DataDir", c.DataDir, filepath.Join(abs, "data"))
	check("OutputDir", c.OutputDir, filepath.Join(abs, "public"))
	check("TemplatesDir", c.TemplatesDir, filepath.Join(abs, "templates"))
	check("len(Fields)", len(c.Fields), 2)
	check("Fields[1]", c.Fields[1], Field{ID: "items", Label: "件数", Line: 12})
	check("FieldLabel(cases)", c.FieldLabel("cases"), "受理案件数")
	check("FieldLabel(other)", c.FieldLabel("other"), "other")
	id, ok := c.FieldByLabel("件数")
	check("FieldByLabel", id+" "+map[bool]string{true: "ok"}[ok], "items ok")
	k, ok := c.Constant("major_case_coef")
	check("Constant", k, 1.5)
	check("Constant ok", ok, true)
	_, ok = c.Constant("nope")
	check("Constant(nope) ok", ok, false)

	s := c.Scheme("basic")
	if s == nil {
		t.Fatal("Scheme(basic) = nil")
	}
	check("Scheme(x)", c.Scheme("x") == nil, true)
	check("Scheme.Line", s.Line, 17)
	check("Peers", strings.Join(s.Peers, ","), "all")
	check("Kind", s.Kind, "procuratorate")
	check("len(Periods)", len(s.Periods), 0)
	check("TieBreak", strings.Join(s.TieBreak, ","), "quality")
	check("Category", s.Category("quality").Name, "办案质量")
	check("Category weight", *s.Category("quality").Weight, 50.0)
	check("Category line", s.Category("quality").Line, 25)

	i := s.Indicator("case_ratio")
	if i == nil {
		t.Fatal("Indicator(case_ratio) = nil")
	}
	check("Indicator(x)", s.Indicator("x") == nil, true)
	check("Line", i.Line, 30)
	check("FormulaLine", i.FormulaLine, 34)
	check("ValidIfLine", i.ValidIfLine, 40)
	check("Direction", i.Direction, "lower")
	check("Sign", i.Sign(), -1.0)
	check("Weight", i.Weight, 10.0)
	check("Format", i.Format, "ratio")
	check("Decimals", i.Decimals, 2)
	check("Missing", i.Missing, "average")
	check("ValidIf", i.ValidIf, "cases >= 5")
	check("Method", i.Method, "mean_relative")
	check("Step", *i.Step, 0.1)
	check("MaxPlus", *i.MaxPlus, 3.0)
	check("MaxMinus", *i.MaxMinus, 3.0)
	check("Deviation", i.Deviation, "relative")
	check("Reference", i.Reference, "mean")
	check("Base", *i.Base, 10.0) // default: the weight
	check("Floor", i.Floor == nil, true)
	check("Alert", *i.Alert, Alert{Yellow: 0.05, Red: 0.15})

	a := s.Adjustments[0]
	check("Adjustment", a.ID+" "+a.Field, "typical_cases typical_cases")
	check("Adjustment points", a.Points, 2.0)
	check("Adjustment cap", *a.Cap, 6.0)
	check("Adjustment FieldLine", a.FieldLine, 51)
	v := s.Vetoes[0]
	check("Veto", v.ID+" "+v.Field+" "+v.Grade, "discipline discipline_cases 基本称职")
	check("Veto FieldLine", v.FieldLine, 58)
	check("len(Grades)", len(s.Grades), 3)
	check("Grade 1 share", *s.Grades[0].Share, 0.2)
	check("Grade 3 share", s.Grades[2].Share == nil, true)
	check("Grade 3 line", s.Grades[2].Line, 67)
}

// TestDefaults checks every default on a minimal config.
func TestDefaults(t *testing.T) {
	src := `title = "T"
[[schemes]]
id = "s"
name = "S"
kind = "k"
[[schemes.categories]]
id = "c"
name = "C"
[[schemes.indicators]]
id = "m"
name = "M"
category = "c"
formula = "x"
direction = "higher"
weight = 5
method = "efficacy"
[[schemes.indicators]]
id = "z"
name = "Z"
category = "c"
formula = "x"
direction = "higher"
weight = 5
method = "zscore"
step = 1
max_plus = 1
max_minus = 1
`
	c, probs := parse("config.toml", "/site", src)
	if len(probs) != 0 {
		t.Fatalf("unexpected problems: %v", probs)
	}
	if c.Language != "zh-CN" || c.DataDir != "/site/data" || c.OutputDir != "/site/public" || c.TemplatesDir != "/site/templates" {
		t.Errorf("site defaults: %q %q %q %q", c.Language, c.DataDir, c.OutputDir, c.TemplatesDir)
	}
	s := c.Schemes[0]
	if len(s.Peers) != 1 || s.Peers[0] != "all" {
		t.Errorf("Peers = %q, want [all]", s.Peers)
	}
	e, z := s.Indicators[0], s.Indicators[1]
	if e.Format != "number" || e.Decimals != 2 || e.Missing != "average" {
		t.Errorf("indicator defaults: %q %d %q", e.Format, e.Decimals, e.Missing)
	}
	if e.Floor == nil || *e.Floor != 0.6 || e.Best != nil || e.Worst != nil || e.Base != nil || e.Deviation != "" {
		t.Errorf("efficacy parameters: floor %v best %v worst %v base %v deviation %q", e.Floor, e.Best, e.Worst, e.Base, e.Deviation)
	}
	if z.Base == nil || *z.Base != 5 || z.Deviation != "" || z.Reference != "" {
		t.Errorf("zscore parameters: base %v deviation %q reference %q", z.Base, z.Deviation, z.Reference)
	}
}

func TestDirsResolved(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "elsewhere")
	src := "title = \"T\"\ndata_dir = \"in/put\"\noutput_dir = \"" + filepath.ToSlash(abs) + "\"\n" +
		"language = \"en\"\nytd = true\nhome = \"zz\"\n" + minimalScheme
	path := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(path, []byte("\uFEFF"+src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, probs := Load(path)
	if len(probs) != 0 {
		t.Fatalf("unexpected problems: %v", probs)
	}
	if c.Path != path || c.Dir != dir {
		t.Errorf("Path, Dir = %q, %q; want %q, %q", c.Path, c.Dir, path, dir)
	}
	if c.DataDir != filepath.Join(dir, "in", "put") || c.OutputDir != abs || c.TemplatesDir != filepath.Join(dir, "templates") {
		t.Errorf("dirs = %q %q %q", c.DataDir, c.OutputDir, c.TemplatesDir)
	}
	if c.Language != "en" || !c.YTD {
		t.Errorf("Language, YTD = %q, %v", c.Language, c.YTD)
	}
	// home is on line 6 (the check against entities.csv names it).
	if c.Home != "zz" || c.HomeLine != 6 {
		t.Errorf("Home, HomeLine = %q, %d; want zz, 6", c.Home, c.HomeLine)
	}
}

func TestLoadMissingFile(t *testing.T) {
	c, probs := Load("no/such/config.toml")
	if c != nil || len(probs) != 1 || probs[0].Pos.File != "no/such/config.toml" || !strings.Contains(probs[0].ZH, "无法读取") {
		t.Errorf("got %v, %v", c, probs)
	}
}

const minimalScheme = `[[schemes]]
id = "s"
name = "S"
kind = "k"
[[schemes.categories]]
id = "c"
name = "C"
[[schemes.indicators]]
id = "i"
name = "I"
category = "c"
formula = "x"
direction = "higher"
weight = 5
method = "rank"
`

// TestDirectionIgnored checks that a range indicator's direction is
// dropped (with a warning), so that scoring sees no side, and that the
// Config comes back even when the list has errors.
func TestDirectionIgnored(t *testing.T) {
	src := "title = \"T\"\n" + strings.Replace(minimalScheme, `method = "rank"`, "method = \"range\"\nlow = 1\nhigh = 2\nstep = 0.5\nmax_plus = 1", 1)
	c, probs := parse("config.toml", "/site", src)
	if c == nil {
		t.Fatal("Config is nil")
	}
	i := c.Schemes[0].Indicators[0]
	if i.Direction != "" || i.Sign() != 0 {
		t.Errorf("Direction = %q, want it dropped", i.Direction)
	}
	if *i.Low != 1 || *i.High != 2 || *i.Step != 0.5 || i.MaxPlus != nil {
		t.Errorf("range parameters: low %v high %v step %v max_plus %v", i.Low, i.High, i.Step, i.MaxPlus)
	}
	if len(probs) != 2 || probs[0].Severity != diag.Warning || probs[0].Pos.Line != 14 ||
		probs[1].Severity != diag.Error || probs[1].Pos.Line != 20 {
		t.Errorf("problems:\n%s", dump(probs))
	}
}

// TestLoadPublication: the SPEC's [publication] table is read into
// Config.Publication, with its line; without the table it is zero.
func TestLoadPublication(t *testing.T) {
	src := strings.Replace(base, "[fields]\n", `[publication]          # optional: the 公示 notice (§7)
issuer = "枣庄市人民检察院案件管理部"
contact = "案件管理部，电话 0632-0000000"
prepared_by = ""       # optional 制表
reviewed_by = "李四"   # optional 审核
working_days = true    # true: publish --days counts Monday–Friday

[fields]
`, 1)
	c, probs := parse("config.toml", "/site", src)
	if len(probs) != 0 {
		t.Fatalf("problems:\n%s", dump(probs))
	}
	want := Publication{Issuer: "枣庄市人民检察院案件管理部", Contact: "案件管理部，电话 0632-0000000", ReviewedBy: "李四", WorkingDays: true, Line: 2}
	if c.Publication != want {
		t.Errorf("Publication = %+v, want %+v", c.Publication, want)
	}
	c, _ = parse("config.toml", "/site", base)
	if c.Publication != (Publication{}) {
		t.Errorf("Publication without the table = %+v", c.Publication)
	}
}

// TestCategoryFullAndVetoNames: a category without a weight is out of its
// indicators' weights; veto names come in the scheme's order.
func TestCategoryFullAndVetoNames(t *testing.T) {
	w := 30.0
	s := &Scheme{
		Categories: []*Category{{ID: "quality", Weight: &w}, {ID: "speed"}},
		Indicators: []*Indicator{{ID: "a", Category: "speed", Weight: 12.5}, {ID: "b", Category: "quality", Weight: 20},
			{ID: "c", Category: "speed", Weight: 7.5}},
		Vetoes: []*Veto{{ID: "leak", Name: "泄密"}, {ID: "late", Name: "超期"}, {ID: "other", Name: "其他"}},
	}
	// quality has its weight, 30; speed is out of a + c = 12.5 + 7.5 = 20.
	if got := s.CategoryFull(s.Categories[0]); got != 30 {
		t.Errorf("quality: %v, want 30", got)
	}
	if got := s.CategoryFull(s.Categories[1]); got != 20 {
		t.Errorf("speed: %v, want 20", got)
	}
	if got := s.VetoNames([]string{"other", "leak"}, "、"); got != "泄密、其他" {
		t.Errorf("VetoNames = %q, want 泄密、其他", got)
	}
	if got := s.VetoNames(nil, "、"); got != "" {
		t.Errorf("VetoNames(nil) = %q, want empty", got)
	}
}

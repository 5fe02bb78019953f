package explain_test

import (
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/explain"
	"kaoping/generator/scoring"
)

func load(t *testing.T) (*config.Config, *scoring.Result) {
	t.Helper()
	cfg, ps := config.Load("testdata/site/config.toml")
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	ds, ps := dataset.Load(cfg)
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	eng, ps := scoring.Compile(cfg, ds.Fields)
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	return cfg, eng.Score(cfg.Schemes[0], ds.Periods[0], ds.Entities)
}

// The group: a 120/100 = 1.2, b 130/100 = 1.3, c 110/100 = 1.1; d has
// cases 4 < 5, so valid_if fails and its value is missing.
// mean = (1.2 + 1.3 + 1.1) / 3 = 1.2.
func TestExplainMeanRelative(t *testing.T) {
	cfg, r := load(t)
	text, ok := explain.Entity(cfg, r, "b", "zh-CN")
	if !ok {
		t.Fatal("b not found")
	}
	// b: d = (1.3 − 1.2) / 1.2 × 100 = 8.33 %; lower is better, so
	// −8.33 × 0.1 = −0.83; points = 10 − 0.83 = 9.17.
	// typical: 2 × 2 = 4, capped at 3. Total 9.17 + 3 = 12.17.
	for _, want := range []string{
		"件数 ÷ 受理案件数 = 130 ÷ 100 = 1:1.30",
		"参考值（组内平均值）1:1.20",
		"偏离 +8.33%",
		"10 − 0.83 = 9.17 分",
		"典型案例数 = 2 × 每项 2 分 = 4.00，超过上限 3，按上限计：+3.00 分",
		"总分 12.17 分",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("explanation lacks %q:\n%s", want, text)
		}
	}
}

func TestExplainInvalidAndMissing(t *testing.T) {
	cfg, r := load(t)
	text, _ := explain.Entity(cfg, r, "d", "zh-CN")
	// d: missing → the mean of the others' points. a: d = 0 → 10;
	// b: 9.1667; c: d = −8.33 % → +0.83 → 10.8333. Mean = 30 / 3 = 10.
	for _, want := range []string{"件数 ÷ 受理案件数 = 6 ÷ 4，不满足有效条件 受理案件数 ≥ 5", "得 10.00 分", "典型案例数 无数据"} {
		if !strings.Contains(text, want) {
			t.Errorf("explanation lacks %q:\n%s", want, text)
		}
	}
}

func TestExplainEnglish(t *testing.T) {
	cfg, r := load(t)
	text, _ := explain.Entity(cfg, r, "c", "en")
	// c: d = (1.1 − 1.2) / 1.2 × 100 = −8.33 %; +0.83 → 10.83; rank 1 of 4
	// (a 10 + 2 = 12, b 12.17, c 10.83, d 10): b 12.17 first, a 12 second,
	// c 10.83 third.
	for _, want := range []string{"deviation -8.33%", "10 + 0.83 = 10.83 points", "rank 3 of 4"} {
		if !strings.Contains(text, want) {
			t.Errorf("explanation lacks %q:\n%s", want, text)
		}
	}
	if _, ok := explain.Entity(cfg, r, "nobody", "en"); ok {
		t.Error("unknown entity explained")
	}
}

// TestExplainLosses: `kaoping explain` opens with the 失分项 block, the
// same sentences as Losses.
func TestExplainLosses(t *testing.T) {
	cfg, r := load(t)
	text, _ := explain.Entity(cfg, r, "b", "zh-CN")
	// b: 9.17 of 10, 0.83 lost. 1.3 against the mean 1.2: one unit is
	// 100/1.2 = 83.3% of deviation, × 0.1 = 8.33 points, 0.083 per 0.01
	// (under 0.1), so 0.83 per 0.1; all 0.83 + 3 = 3.83 to win at
	// 1.2 − 3/8.33 = 0.84.
	want := "失分项（按失分从多到少）：\n  1. 案件比：得 9.17 / 10 分，失 0.83 分。案件比每降低 0.1，得分增加 0.83 分，最多还可得 3.83 分（降至 1:0.84 即达上限；按组内平均值 1:1.20 不变计）。\n"
	if !strings.Contains(text, want) {
		t.Errorf("explanation lacks\n%s\n%s", want, text)
	}
	if i, j := strings.Index(text, "失分项"), strings.Index(text, "【办案质量】"); i < 0 || j < i {
		t.Errorf("the 失分项 block does not open the explanation:\n%s", text)
	}
	// c: d = −8.33%, 10 + 0.83 = 10.83 ≥ 10: nothing lost.
	text, _ = explain.Entity(cfg, r, "c", "en")
	if !strings.Contains(text, "Points lost: none, every indicator scored its full weight.\n") {
		t.Errorf("c lost nothing:\n%s", text)
	}
	// d: cases 4 < 5, valid_if fails; the mean of the others' points,
	// (10 + 9.1667 + 10.8333)/3 = 10.
	e, g := explain.Find(r, "d")
	ind := r.Scheme.Indicators[0]
	if got, want := explain.Gain(cfg, ind, r.Period, e, g, nil, "zh-CN"), "不满足有效条件 受理案件数 ≥ 5，按缺失处理；缺失按组内有值单位的平均得分计：得 10.00 分。满足该条件后按实际值计分。"; got != want {
		t.Errorf("d: %q, want %q", got, want)
	}
}

// TestGainMissing: a missing value says what the rule gave and which
// count, once reported, would be scored instead.
func TestGainMissing(t *testing.T) {
	cfg, ps := config.Load("testdata/missing/config.toml")
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	ds, ps := dataset.Load(cfg)
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	eng, ps := scoring.Compile(cfg, ds.Fields)
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	r := eng.Score(cfg.Schemes[0], ds.Periods[0], ds.Entities)
	e, g := explain.Find(r, "b")
	ind := r.Scheme.Indicators[0]
	// b has no 件数: missing = "zero" gives 0 of 10.
	for lang, want := range map[string]string{
		"zh-CN": "无有效值；缺失按 0 分计：得 0.00 分。报送件数后按实际值计分。",
		"en":    "No value; missing values score 0: 0.00 points. Reporting 件数 would have the value scored instead.",
	} {
		if got := explain.Gain(cfg, ind, r.Period, e, g, nil, lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	ls := explain.Losses(cfg, r.Scheme, r.Period, e, g, nil, "zh-CN", explain.TopLosses)
	if len(ls) != 1 || ls[0].Lost != 10 {
		t.Errorf("b's losses: %+v, want case_ratio with 10 lost", ls)
	}
}

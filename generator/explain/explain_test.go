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
		"值 1:1.30（受理案件数 cases = 100，件数 items = 130）",
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
	for _, want := range []string{"不满足有效条件 cases >= 5", "得 10.00 分", "典型案例数 无数据"} {
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

package formula

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// env makes a lookup from a map; names absent from the map are missing.
func env(m map[string]float64) func(string) (float64, bool) {
	return func(n string) (float64, bool) {
		v, ok := m[n]
		return v, ok
	}
}

func TestEval(t *testing.T) {
	vals := map[string]float64{"items": 30, "cases": 20, "zero": 0, "big": 1e308, "neg": -4}
	tests := []struct {
		src  string
		want float64
		ok   bool
	}{
		{"items / cases", 1.5, true},     // 30/20
		{"items - cases * 2", -10, true}, // 30 − 40: precedence of * over −
		{"(items - cases) * 2", 20, true},
		{"-items + +cases", -10, true},
		{"- -items", 30, true},
		{"items / cases / 3", 0.5, true}, // left-associative: (30/20)/3
		{"min(items, cases)", 20, true},
		{"max(items, cases) / min(cases, 10)", 3, true}, // 30/10
		{"1.5 * cases + .5", 30.5, true},
		{"2e1 + 0", 20, true},
		{"items / zero", 0, false},          // division by zero → missing
		{"zero / zero", 0, false},           // 0/0 → missing
		{"items / (cases - 20)", 0, false},  // zero divisor computed
		{"big * 10", 0, false},              // +Inf intermediate → missing
		{"big * 10 - big * 10", 0, false},   // Inf − Inf: missing, not NaN leaking
		{"min(big * 10, 1)", 0, false},      // missing inside min stays missing
		{"items + absent", 0, false},        // missing field → missing
		{"min(absent, 1)", 0, false},        // min of a missing operand is missing
		{"max(1, absent)", 0, false},        //
		{"zero * absent", 0, false},         // missing even when multiplied by 0
		{"neg / 2", -2, true},               // negative values are numbers like any other
		{"items / cases * cases", 30, true}, // (30/20)*20
		{"(((items)))", 30, true},           // parentheses
		{"1 / 3 * 3", 1, true},              // float64
		{"items/cases-1.5", 0, true},        // no spaces needed
		{"cases / items", 2.0 / 3.0, true},  // 20/30
		{"0 - items / 0 + 1", 0, false},     // one missing part spoils the whole
		{"min(items, cases) - min(1, 2)", 19, true},
	}
	for _, tt := range tests {
		f, err := Compile(tt.src, false)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.src, err)
		}
		got, ok := f.Eval(env(vals))
		if ok != tt.ok || ok && math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Eval(%q) = %v, %v; want %v, %v", tt.src, got, ok, tt.want, tt.ok)
		}
		if f.Test(env(vals)) {
			t.Errorf("Test on value formula %q returned true", tt.src)
		}
	}
}

func TestTest(t *testing.T) {
	vals := map[string]float64{"cases": 5, "items": 8, "zero": 0}
	tests := []struct {
		src  string
		want bool
	}{
		{"cases >= 5", true},
		{"cases > 5", false},
		{"cases <= 5", true},
		{"cases < 5", false},
		{"cases == 5", true},
		{"cases != 5", false},
		{"items / cases > 1.5", true},     // 1.6 > 1.5
		{"items / zero > 0", false},       // division by zero: not computable
		{"not (items / zero > 0)", false}, // not of not computable stays not computable
		{"absent > 0", false},             // missing: not computable
		{"not (absent > 0)", false},       // still not computable
		{"cases >= 5 and items >= 8", true},
		{"cases >= 5 and items > 8", false},
		{"cases > 5 or items >= 8", true},
		{"cases > 5 or items > 8", false},
		{"cases >= 5 or absent > 0", false}, // no short-circuit over a missing operand
		{"absent > 0 or cases >= 5", false}, // either side
		{"cases > 9 and absent > 0", false}, // false and unknown: unknown → false
		{"not (cases > 5)", true},
		{"not not (cases > 5)", false},
		{"not (cases > 5) and (items > 1 or cases < 0)", true},
		{"min(cases, items) == 5", true},
		{"cases - items < 0", true},
		{"-cases == 0 - 5", true},
		// not binds looser than arithmetic and comparisons, tighter than and/or.
		{"not cases > 5", true},                // not (5 > 5)
		{"not cases >= 5", false},              // not (5 >= 5)
		{"not cases + 1 > 5", false},           // not (6 > 5)
		{"not not cases > 5", false},           // not not (5 > 5)
		{"not cases > 5 and items > 8", false}, // (not (5 > 5)) and (8 > 8)
		{"not cases > 5 and items >= 8", true},
		{"items > 9 or not cases > 5", true},
		{"min(cases, items) > 4 and not (cases * 2 > items)", false}, // 5 > 4 and not (10 > 8)
		{"min(cases, items) > 4 and not (cases * 2 > items * 2)", true},
	}
	for _, tt := range tests {
		f, err := Compile(tt.src, true)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.src, err)
		}
		if got := f.Test(env(vals)); got != tt.want {
			t.Errorf("Test(%q) = %v; want %v", tt.src, got, tt.want)
		}
		if _, ok := f.Eval(env(vals)); ok {
			t.Errorf("Eval on condition %q returned a value", tt.src)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		src       string
		condition bool
		line, col int
		en        string // a substring of the English message
		// line and col point at the offending token; for an operand of the
		// wrong type, at the operand's operator.
	}{
		{"", false, 1, 1, "empty"},
		{"   ", true, 1, 1, "empty"},
		{"a % 2", false, 1, 3, "% is not allowed"},
		{"a ** 2", false, 1, 3, "** is not allowed"},
		{"a ^ 2", false, 1, 3, "^ is not allowed"},
		{"a ?? b", false, 1, 3, "?? is not allowed"},
		{"'x' + 1", false, 1, 1, "strings"},
		{"a.b", false, 1, 2, ". is not allowed"},
		{"a[0]", false, 1, 2, "[ is not allowed"},
		{"a ? b : c", false, 1, 3, "? is not allowed"},
		{"a | min(2)", false, 1, 3, "| is not allowed"},
		{"let x = 1; x", false, 1, 1, "let is not allowed"},
		{"a; b", false, 1, 2, "; is not allowed"},
		{"a // b", false, 1, 3, "comments"},
		{"a /* b */", false, 1, 3, "comments"},
		{"0x10", false, 1, 1, "decimal"},
		{"1_000", false, 1, 1, "decimal"},
		{"1e400", false, 1, 1, "out of range"},
		{"abs(a)", false, 1, 1, "function abs"},
		{"len(a)", false, 1, 1, "function len"},
		{"sum(a, b)", false, 1, 1, "function sum"},
		{"a + foo(1)", false, 1, 5, "function foo"},
		{"min(a)", false, 1, 1, "exactly two arguments, not 1"},
		{"max(a, b, c)", false, 1, 1, "exactly two arguments, not 3"},
		{"true", true, 1, 1, "true/false"},
		{"nil", false, 1, 1, "nil"},
		{"a > 1", false, 1, 3, "> is only allowed in a valid_if"},
		{"a and b", false, 1, 3, "and is only allowed"},
		{"not a", false, 1, 1, "not is only allowed"},
		{"a && b", true, 1, 3, "use and, or, not"},
		{"a || b", true, 1, 3, "use and, or, not"},
		{"!(a > 1)", true, 1, 1, "use and, or, not"},
		{"a in b", true, 1, 3, "in is not allowed"},
		{"a < b < c", true, 1, 7, "chained comparisons"},
		{"cases", true, 1, 1, "must be true or false"},
		{"cases + 1", true, 1, 7, "must be true or false"},
		{"not cases", true, 1, 1, "not must be followed by a condition"},
		{"not cases + 1", true, 1, 1, "not must be followed by a condition"}, // not (cases + 1)
		{"in_cases + contains", false, 1, 12, "contains is not allowed (it is a reserved word"},
		{"(a > 1) + 2", true, 1, 4, "must be numbers, not conditions"},
		{"min(a > 1, 2) > 0", true, 1, 7, "must be numbers"},
		{"a > 1 and 2", true, 1, 11, "must be conditions"},
		{"(a > 1) > 0", true, 1, 4, "must be numbers"},
		{"$env", false, 1, 1, "$env"},
		{"(a", false, 1, 2, "incomplete"},
		{"a +", false, 1, 3, "incomplete"},
		{"件数 / 案 %", false, 1, 8, "% is not allowed"}, // columns count characters, not bytes
		{"a +\n b % 2", false, 2, 4, "% is not allowed"},
	}
	for _, tt := range tests {
		f, err := Compile(tt.src, tt.condition)
		if err == nil {
			t.Errorf("Compile(%q, %v) = %v; want an error", tt.src, tt.condition, f.Source())
			continue
		}
		if err.Line != tt.line || err.Col != tt.col || !strings.Contains(err.EN, tt.en) {
			t.Errorf("Compile(%q, %v) error = %d:%d %q; want %d:%d containing %q",
				tt.src, tt.condition, err.Line, err.Col, err.EN, tt.line, tt.col, tt.en)
		}
		if err.ZH == "" || !strings.Contains(err.EN, "may use only") {
			t.Errorf("Compile(%q): message must say what is allowed, got %q / %q", tt.src, err.ZH, err.EN)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		src  string
		cond bool
		want []string
	}{
		{"items / cases", false, []string{"cases", "items"}},
		{"b + a + b * a", false, []string{"a", "b"}},
		{"1 + 2", false, []string{}},
		{"cases >= min_cases and not (items < cases)", true, []string{"cases", "items", "min_cases"}},
	}
	for _, tt := range tests {
		f, err := Compile(tt.src, tt.cond)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.src, err)
		}
		if got := f.Names(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Names(%q) = %v; want %v", tt.src, got, tt.want)
		}
		if f.Source() != tt.src || f.IsCondition() != tt.cond {
			t.Errorf("Source/IsCondition(%q) = %q, %v", tt.src, f.Source(), f.IsCondition())
		}
	}
}

// TestLookupOnce checks that each name is looked up once per evaluation,
// however often it appears.
func TestLookupOnce(t *testing.T) {
	f, err := Compile("a * a + a / b", false)
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]int{}
	v, ok := f.Eval(func(n string) (float64, bool) { calls[n]++; return 2, true })
	// 2·2 + 2/2 = 5
	if !ok || v != 5 || calls["a"] != 1 || calls["b"] != 1 {
		t.Errorf("Eval = %v, %v with calls %v; want 5, true, one call each", v, ok, calls)
	}
}

// TestInfiniteInput treats a non-finite looked-up value as missing.
func TestInfiniteInput(t *testing.T) {
	f, _ := Compile("a + 1", false)
	if _, ok := f.Eval(env(map[string]float64{"a": math.Inf(1)})); ok {
		t.Error("Eval with a = +Inf gave a value; want missing")
	}
	if _, ok := f.Eval(env(map[string]float64{"a": math.NaN()})); ok {
		t.Error("Eval with a = NaN gave a value; want missing")
	}
}

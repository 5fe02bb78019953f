package formula

import (
	"fmt"
	"math"
	"sort"
)

// Formula is a compiled formula or condition. It is immutable and safe for
// concurrent use: compile once, evaluate per entity.
type Formula struct {
	src       string
	condition bool
	names     []string // sorted, unique; env slot i holds names[i]
	num       numFn    // value formulas
	cond      condFn   // conditions
}

// numFn evaluates a numeric node. env holds the value of each referenced
// name by slot, NaN when missing; the result is NaN when missing.
type numFn func(env []float64) float64

// tri is the outcome of a condition: true, false or not computable.
type tri int8

const (
	unknown tri = iota
	no
	yes
)

// condFn evaluates a boolean node.
type condFn func(env []float64) tri

// Error is a formula that cannot be compiled: where (1-based line and
// column, in runes, within the formula text) and why, in Chinese and
// English. The message says what is allowed instead.
type Error struct {
	Line int
	Col  int
	ZH   string
	EN   string
}

// Error returns the English text with the position.
func (e *Error) Error() string {
	return fmt.Sprintf("formula column %d: %s", e.Col, e.EN)
}

// Source returns the formula text as given.
func (f *Formula) Source() string { return f.src }

// IsCondition reports whether f was compiled as a condition.
func (f *Formula) IsCondition() bool { return f.condition }

// Names returns the identifiers f references (fields and constants),
// sorted and without duplicates. The caller must not modify the slice.
func (f *Formula) Names() []string { return f.names }

// Eval computes a value formula. lookup gives a name's value and whether
// it is present. The result is missing (false) when a referenced name is
// missing, on a division by zero, or when any intermediate or final value
// is not finite. Eval on a condition evaluates nothing and returns false.
func (f *Formula) Eval(lookup func(name string) (float64, bool)) (float64, bool) {
	if f.num == nil {
		return 0, false
	}
	v := f.num(f.env(lookup))
	if math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// Test evaluates a condition. It is true only when the condition can be
// computed and holds; when any value it needs is missing or not
// computable (even an operand of `and`/`or` whose other side would decide
// the result), the condition is not computable and Test returns false.
// Test on a value formula returns false.
func (f *Formula) Test(lookup func(name string) (float64, bool)) bool {
	if f.cond == nil {
		return false
	}
	return f.cond(f.env(lookup)) == yes
}

// EvalValues is Eval with the names already looked up, for loops that
// evaluate one formula on many entities: values[i] is the value of
// Names()[i], NaN when missing. An infinite value counts as missing, as
// with Eval (EvalValues may overwrite it with NaN). The result is exactly
// Eval's for the same values.
func (f *Formula) EvalValues(values []float64) (float64, bool) {
	if f.num == nil {
		return 0, false
	}
	v := f.num(finiteEnv(values))
	if math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// TestValues is Test with the names already looked up, as EvalValues.
func (f *Formula) TestValues(values []float64) bool {
	if f.cond == nil {
		return false
	}
	return f.cond(finiteEnv(values)) == yes
}

// finiteEnv turns infinite values into NaN (missing), in place.
func finiteEnv(env []float64) []float64 {
	for i, v := range env {
		if math.IsInf(v, 0) {
			env[i] = math.NaN()
		}
	}
	return env
}

// env looks every referenced name up once.
func (f *Formula) env(lookup func(string) (float64, bool)) []float64 {
	env := make([]float64, len(f.names))
	for i, n := range f.names {
		v, ok := lookup(n)
		if !ok || math.IsInf(v, 0) {
			v = math.NaN()
		}
		env[i] = v
	}
	return env
}

// slots assigns each distinct name a slot in sorted order.
func slots(names map[string]bool) ([]string, map[string]int) {
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	idx := make(map[string]int, len(list))
	for i, n := range list {
		idx[n] = i
	}
	return list, idx
}

package config

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"kaoping/generator/diag"
)

var (
	slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`) // scheme ids (used in URLs)
	nameRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)          // ids of categories, indicators, fields, ...
)

// loader carries the state of one Load: the file name for messages, the
// line index and the problems found so far.
type loader struct {
	file  string // the name in messages: relative to the site folder
	path  string // the path as given
	idx   *lineIndex
	probs diag.List
}

// pos returns the position of path: its own line, else the line of its
// closest enclosing table, else line 1 (a top-level key that is absent).
func (l *loader) pos(path string) diag.Pos {
	line := l.idx.near(path)
	if line == 0 {
		line = 1
	}
	return diag.Pos{File: l.file, Line: line}
}

// table is one TOML table being converted: its indexed path and how
// messages name it (empty for the root table).
type table struct {
	l      *loader
	path   string
	zh, en string
}

func (t *table) key(k string) string { return joinKey(t.path, k) }

func (t *table) pos(k string) diag.Pos { return t.l.pos(t.key(k)) }

// line returns the line of key k, or of the table when k is absent.
func (t *table) line(k string) int { return t.pos(k).Line }

// errf reports an error at key k (or the table's header), prefixed with
// the table's name.
func (t *table) errf(k, zh, en string, args ...any) {
	zh, en = t.prefix(zh, en)
	t.l.probs.Errorf(t.pos(k), zh, en, args...)
}

// warnf is errf for warnings.
func (t *table) warnf(k, zh, en string, args ...any) {
	zh, en = t.prefix(zh, en)
	t.l.probs.Warnf(t.pos(k), zh, en, args...)
}

func (t *table) prefix(zh, en string) (string, string) {
	if t.zh == "" {
		return zh, en
	}
	return escape(t.zh) + "：" + zh, escape(t.en) + ": " + en
}

// escape protects % in names that become part of a format string.
func escape(s string) string { return strings.ReplaceAll(s, "%", "%%") }

// missing reports that the required key k is absent.
func (t *table) missing(k string) {
	if t.zh == "" {
		t.l.probs.Errorf(t.pos(k), "缺少必填项 %s", "the required key %s is missing", k)
		return
	}
	t.l.probs.Errorf(t.pos(k), escape(t.zh)+" 缺少必填项 %s", escape(t.en)+" is missing the required key %s", k)
}

// typeName names the TOML type of a decoded value.
func typeName(v any) (zh, en string) {
	switch v.(type) {
	case string:
		return "字符串", "a string"
	case int64:
		return "整数", "an integer"
	case float64:
		return "小数", "a decimal number"
	case bool:
		return "布尔值", "a boolean"
	case []any, []map[string]any:
		return "数组", "an array"
	case map[string]any:
		return "表", "a table"
	case time.Time:
		return "日期时间", "a date-time"
	}
	return fmt.Sprintf("%T", v), fmt.Sprintf("%T", v)
}

// str converts a string value; an absent (or, when required, blank)
// required value is reported.
func (t *table) str(k string, v any, required bool) string {
	if v == nil {
		if required {
			t.missing(k)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.typeErr(k, v, "字符串", "a string")
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		t.errf(k, "%s 不能为空", "%s must not be empty", k)
	}
	return s
}

// typeErr reports a value of the wrong type for key k.
func (t *table) typeErr(k string, v any, wantZH, wantEN string) {
	gotZH, gotEN := typeName(v)
	t.report(k, fmt.Sprintf("%s 应为%s，这里是%s", k, wantZH, gotZH),
		fmt.Sprintf("%s must be %s, not %s", k, wantEN, gotEN))
}

// report adds an error whose texts are already formatted.
func (t *table) report(k, zh, en string) {
	if t.zh != "" {
		zh, en = t.zh+"："+zh, t.en+": "+en
	}
	t.l.probs.Add(diag.Problem{Severity: diag.Error, Pos: t.pos(k), ZH: zh, EN: en})
}

// num converts a finite number (integer or decimal).
func (t *table) num(k string, v any, required bool) *float64 {
	var f float64
	switch x := v.(type) {
	case nil:
		if required {
			t.missing(k)
		}
		return nil
	case int64:
		f = float64(x)
	case float64:
		f = x
	default:
		t.typeErr(k, v, "数", "a number")
		return nil
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		t.errf(k, "%s 必须是有限的数", "%s must be a finite number", k)
		return nil
	}
	return &f
}

// integer converts an integer value; ok is false when absent or wrong.
func (t *table) integer(k string, v any) (n int, ok bool) {
	switch x := v.(type) {
	case nil:
		return 0, false
	case int64:
		return int(x), true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e9 {
			return int(x), true
		}
	}
	t.typeErr(k, v, "整数", "an integer")
	return 0, false
}

// boolean converts true/false; absent is false.
func (t *table) boolean(k string, v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	}
	t.typeErr(k, v, "true 或 false", "true or false")
	return false
}

// strList converts an array of strings. Wrong elements are reported at
// their own line.
func (t *table) strList(k string, v any) []string {
	if v == nil {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.typeErr(k, v, "字符串数组", "an array of strings")
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			ek := fmt.Sprintf("%s[%d]", k, i)
			t.typeErr(ek, e, "字符串", "a string")
			continue
		}
		out = append(out, s)
	}
	return out
}

// oneOf reports val (of key k) unless it is one of allowed.
func (t *table) oneOf(k, val string, allowed ...string) bool {
	for _, a := range allowed {
		if val == a {
			return true
		}
	}
	list := `"` + strings.Join(allowed, `", "`) + `"`
	t.errf(k, "%s 的值 \"%s\" 不可用，可选 %s", "%s = \"%s\" is not allowed; use one of %s", k, diag.Value(val), list)
	return false
}

// enum reads an optional string that must be one of allowed; absent or
// empty gives def (allowed[0] unless stated).
func (t *table) enum(k string, v any, def string, allowed ...string) string {
	s := t.str(k, v, false)
	if s == "" {
		return def
	}
	if !t.oneOf(k, s, allowed...) {
		return def
	}
	return s
}

// id reads a required id that must match re; hint describes the rule.
func (t *table) id(k string, v any, re *regexp.Regexp, ruleZH, ruleEN string) string {
	s := t.str(k, v, true)
	if s != "" && !re.MatchString(s) {
		t.report(k, fmt.Sprintf("%s \"%s\" 不合规：%s", k, diag.Value(s), ruleZH),
			fmt.Sprintf("%s \"%s\" is not valid: %s", k, diag.Value(s), ruleEN))
	}
	return s
}

const (
	nameRuleZH = "须以小写英文字母开头，只含小写字母、数字和下划线（如 case_ratio）"
	nameRuleEN = "it must start with a lowercase letter and hold only lowercase letters, digits and underscores (e.g. case_ratio)"
	slugRuleZH = "须以小写字母或数字开头，只含小写字母、数字、下划线和连字符，至多 64 个字符（如 basic）"
	slugRuleEN = "it must start with a lowercase letter or digit and hold only lowercase letters, digits, '_' and '-', at most 64 characters (e.g. basic)"
)

// atLeast reports *f < min (or <= min when strict).
func (t *table) atLeast(k string, f *float64, min float64, strict bool) {
	if f == nil {
		return
	}
	if strict && *f <= min {
		t.errf(k, "%s 必须大于 %g，这里是 %g", "%s must be greater than %g, not %g", k, min, *f)
	} else if !strict && *f < min {
		t.errf(k, "%s 不能小于 %g，这里是 %g", "%s must be at least %g, not %g", k, min, *f)
	}
}

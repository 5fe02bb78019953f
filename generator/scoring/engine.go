package scoring

import (
	"fmt"
	"regexp"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/diag"
	"kaoping/generator/formula"
)

// Engine holds a configuration's compiled formulas. Compile it once and
// Score every scheme and period with it; it is safe for concurrent use.
type Engine struct {
	cfg    *config.Config
	file   string             // config.toml as named in messages
	consts map[string]float64 // [constants]
	inds   map[*config.Indicator]*compiled
}

// compiled is an indicator's formula and optional valid_if condition.
// An indicator whose formula did not compile has no entry: all its values
// are missing.
type compiled struct {
	value   *formula.Formula
	validIf *formula.Formula // nil when there is no valid_if
	fields  []string         // the names of value that are fields (not constants), sorted
}

// nameRe is the rule for a raw field name (SPEC §4). Names breaking it in
// adjustments and vetoes are reported by config already.
var nameRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Compile compiles every scheme's indicator formulas and valid_if
// conditions and checks every name they use. fields is the set of known
// field names: those of [fields] and those seen in the data files'
// headers. It reports, with the line in config.toml:
//   - a formula or condition that is not valid (with the column inside it),
//   - a name in a formula that is neither a field nor a constant,
//   - an adjustment or veto field that is not a known field,
//   - a constant named like a field seen in the data (config.Load already
//     reports a constant named like an entry of [fields]).
//
// The Engine is usable even when there are errors; indicators whose
// formula failed give missing values.
func Compile(cfg *config.Config, fields []string) (*Engine, diag.List) {
	e := &Engine{cfg: cfg, file: cfg.FileName(), consts: map[string]float64{}, inds: map[*config.Indicator]*compiled{}}
	var l diag.List
	known := make(map[string]bool, len(fields))
	for _, f := range fields {
		known[f] = true
	}
	declared := map[string]bool{}
	for _, f := range cfg.Fields {
		declared[f.ID] = true
	}
	for _, c := range cfg.Constants {
		e.consts[c.Name] = c.Value
		if known[c.Name] && !declared[c.Name] {
			l.Errorf(e.pos(c.Line),
				"常量 %s 与数据文件中的字段同名，公式无法区分；请给常量改名",
				"constant %s has the name of a field in the data files, so formulas could not tell them apart; rename the constant",
				c.Name)
		}
	}
	for _, s := range cfg.Schemes {
		for _, ind := range s.Indicators {
			if ind.Formula == "" {
				continue // a missing formula key: config.Load has reported it
			}
			if c := e.compileIndicator(s, ind, known, &l); c != nil {
				e.inds[ind] = c
			}
		}
		for _, a := range s.Adjustments {
			e.checkField(&l, a.Field, a.Line, known, "加减分项 "+a.ID, "adjustment "+a.ID)
		}
		for _, v := range s.Vetoes {
			e.checkField(&l, v.Field, v.Line, known, "一票否决项 "+v.ID, "veto "+v.ID)
		}
	}
	return e, l
}

func (e *Engine) pos(line int) diag.Pos { return diag.Pos{File: e.file, Line: line} }

func lineOr(line, fallback int) int {
	if line > 0 {
		return line
	}
	return fallback
}

// compileIndicator compiles ind's formula and valid_if; nil on any error.
func (e *Engine) compileIndicator(s *config.Scheme, ind *config.Indicator, known map[string]bool, l *diag.List) *compiled {
	c := &compiled{}
	ok := true
	type part struct {
		src       string
		condition bool
		line      int
		key       string
		dst       **formula.Formula
	}
	parts := []part{{ind.Formula, false, lineOr(ind.FormulaLine, ind.Line), "formula", &c.value}}
	if strings.TrimSpace(ind.ValidIf) != "" {
		parts = append(parts, part{ind.ValidIf, true, lineOr(ind.ValidIfLine, ind.Line), "valid_if", &c.validIf})
	}
	for _, p := range parts {
		f, err := formula.Compile(p.src, p.condition)
		if err != nil {
			ok = false
			at := fmt.Sprintf("第 %d 列", err.Col)
			atEN := fmt.Sprintf("column %d", err.Col)
			if err.Line > 1 {
				at = fmt.Sprintf("第 %d 行第 %d 列", err.Line, err.Col)
				atEN = fmt.Sprintf("line %d, column %d", err.Line, err.Col)
			}
			l.Add(problem(e.pos(p.line),
				fmt.Sprintf("方案 %s 指标 %s 的 %s \"%s\"（%s）：%s", s.ID, ind.ID, p.key, p.src, at, err.ZH),
				fmt.Sprintf("scheme %s, indicator %s, %s \"%s\" (%s): %s", s.ID, ind.ID, p.key, p.src, atEN, err.EN)))
			continue
		}
		for _, n := range f.Names() {
			if known[n] {
				continue
			}
			if _, isConst := e.consts[n]; isConst {
				continue
			}
			ok = false
			zh, en := e.unknownNameHint(n)
			l.Add(problem(e.pos(p.line),
				fmt.Sprintf("方案 %s 指标 %s 的 %s 中的 %s 既不是字段也不是常量%s", s.ID, ind.ID, p.key, n, zh),
				fmt.Sprintf("scheme %s, indicator %s: %s uses %s, which is neither a field nor a constant%s", s.ID, ind.ID, p.key, n, en)))
		}
		*p.dst = f
	}
	if !ok {
		return nil
	}
	for _, n := range c.value.Names() {
		if _, isConst := e.consts[n]; !isConst {
			c.fields = append(c.fields, n)
		}
	}
	return c
}

// unknownNameHint says what to do about an unknown name. Both strings take
// no arguments; they are appended to the message (zh, en).
func (e *Engine) unknownNameHint(n string) (string, string) {
	if id, ok := e.cfg.FieldByLabel(n); ok {
		return fmt.Sprintf("：它是字段 %s 的标签，公式中请写字段名 %s", id, id),
			fmt.Sprintf(": it is the label of field %s; write the field name %s in formulas", id, id)
	}
	return "：字段须出现在 [fields] 或数据文件的表头中，常量须在 [constants] 中定义（注意拼写和大小写）",
		": a field must appear in [fields] or in a data file's header, a constant in [constants] (check spelling and case)"
}

// problem makes an error from texts already formatted (diag.List.Errorf
// gives both languages the same arguments).
func problem(pos diag.Pos, zh, en string) diag.Problem {
	return diag.Problem{Severity: diag.Error, Pos: pos, ZH: zh, EN: en}
}

// checkField reports an adjustment or veto field that is not known.
func (e *Engine) checkField(l *diag.List, f string, line int, known map[string]bool, whatZH, whatEN string) {
	if f == "" || !nameRe.MatchString(f) || known[f] {
		return // empty or malformed: config.Load has reported it
	}
	l.Add(problem(e.pos(line),
		fmt.Sprintf("%s 的字段 %s 不存在：字段须出现在 [fields] 或数据文件的表头中", whatZH, f),
		fmt.Sprintf("%s: the field %s does not exist; a field must appear in [fields] or in a data file's header", whatEN, f)))
}

package formula

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/parser/lexer"
)

// What a formula may contain, said in the error messages.
const (
	allowedValueZH = "公式只能使用数字、字段名、常量名、+ - * /、括号、min(a, b) 和 max(a, b)"
	allowedValueEN = "a formula may use only numbers, field names, constant names, + - * /, parentheses, min(a, b) and max(a, b)"
	allowedCondZH  = "条件只能使用数字、字段名、常量名、+ - * /、括号、min(a, b)、max(a, b)、比较 < <= > >= == != 以及 and、or、not"
	allowedCondEN  = "a condition may use only numbers, field names, constant names, + - * /, parentheses, min(a, b), max(a, b), the comparisons < <= > >= == != and and, or, not"
)

// decimal is the accepted spelling of a number literal: decimal digits
// with an optional fraction and exponent (no 0x, 0b, 0o, no underscores).
var decimal = regexp.MustCompile(`^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// word matches an operator spelled as a word (in, contains, let, ...).
var word = regexp.MustCompile(`^[A-Za-z_]+$`)

// Compile parses src and checks it against SPEC §5. With condition false
// the result must be a number (an indicator formula); with condition true
// it must be a condition (valid_if). Every construct the SPEC does not
// list is rejected with an Error saying where it is and what is allowed.
func Compile(src string, condition bool) (f *Formula, err *Error) {
	defer func() {
		// The parser is third-party code: never let it take the build down.
		if r := recover(); r != nil {
			f, err = nil, &Error{Line: 1, Col: 1,
				ZH: fmt.Sprintf("公式无法解析（%v）", r),
				EN: fmt.Sprintf("the formula cannot be parsed (%v)", r)}
		}
	}()
	c := &compiler{src: []rune(src), condition: condition, names: map[string]*int{}}
	if strings.TrimSpace(src) == "" {
		return nil, c.errAt(0, "公式为空；"+c.allowedZH(), "the formula is empty; "+c.allowedEN())
	}
	tokens, lerr := lexer.Lex(file.NewSource(src))
	if lerr != nil {
		return nil, c.parseError(lerr)
	}
	if e := c.checkTokens(src, tokens); e != nil {
		return nil, e
	}
	tree, perr := parser.Parse(src)
	if perr != nil {
		return nil, c.parseError(perr)
	}
	root := tree.Node
	if condition {
		root = hoistNot(root)
	}
	e := c.compile(root)
	if c.err != nil {
		return nil, c.err
	}
	if condition && e.cond == nil {
		return nil, c.errAt(root.Location().From,
			"条件的结果必须是真或假，例如 cases >= 5；"+allowedCondZH,
			"a condition must be true or false, e.g. cases >= 5; "+allowedCondEN)
	}
	if !condition && e.num == nil {
		return nil, c.errAt(root.Location().From,
			"公式的结果必须是数值；比较和 and/or/not 只能用在 valid_if 中",
			"a formula must give a number; comparisons and and/or/not are only allowed in valid_if")
	}
	set := make(map[string]bool, len(c.names))
	for n := range c.names {
		set[n] = true
	}
	names, idx := slots(set)
	for n, p := range c.names {
		*p = idx[n]
	}
	return &Formula{src: src, condition: condition, names: names, num: e.num, cond: e.cond}, nil
}

// parseError reports an error of expr's lexer or parser.
func (c *compiler) parseError(err error) *Error {
	var fe *file.Error
	msg := err.Error()
	at := 0
	if errors.As(err, &fe) {
		msg, at = fe.Message, fe.From
	}
	zh := msg
	if strings.Contains(msg, "EOF") {
		zh, msg = "公式不完整", "the formula is incomplete"
	}
	return c.errAt(at,
		fmt.Sprintf("公式无法解析（%s）；%s", zh, c.allowedZH()),
		fmt.Sprintf("the formula cannot be parsed (%s); %s", msg, c.allowedEN()))
}

// checkTokens rejects, before parsing, every token SPEC §5 does not list,
// so that the error points at the offending character; it also rejects
// comments, which the lexer would silently skip.
func (c *compiler) checkTokens(src string, tokens []lexer.Token) *Error {
	for _, mark := range []string{"//", "/*"} {
		if i := strings.Index(src, mark); i >= 0 {
			return c.errAt(len([]rune(src[:i])),
				fmt.Sprintf("不支持注释 %s；%s", mark, c.allowedZH()),
				fmt.Sprintf("comments (%s) are not allowed; %s", mark, c.allowedEN()))
		}
	}
	for _, t := range tokens {
		bad := func(zh, en string) *Error {
			return c.errAt(t.From, zh+"；"+c.allowedZH(), en+"; "+c.allowedEN())
		}
		switch t.Kind {
		case lexer.String, lexer.Bytes:
			return bad("不支持文字（字符串）", "text (strings) is not allowed")
		case lexer.Number:
			txt := c.text(t.Location)
			if !decimal.MatchString(txt) {
				return bad(fmt.Sprintf("数字 %s 必须用十进制书写（如 12、0.5、1e3）", txt),
					fmt.Sprintf("the number %s must be written in decimal (e.g. 12, 0.5, 1e3)", txt))
			}
			if v, err := strconv.ParseFloat(txt, 64); err != nil || math.IsInf(v, 0) {
				return bad(fmt.Sprintf("数字 %s 超出范围", txt), fmt.Sprintf("the number %s is out of range", txt))
			}
		case lexer.Bracket:
			if t.Value != "(" && t.Value != ")" {
				return bad(fmt.Sprintf("不支持 %s，只能用圆括号 ( )", t.Value),
					fmt.Sprintf("%s is not allowed; only parentheses ( ) are", t.Value))
			}
		case lexer.Operator:
			switch t.Value {
			case "+", "-", "*", "/", ",":
			case "<", "<=", ">", ">=", "==", "!=", "and", "or", "not":
				if !c.condition {
					return bad(fmt.Sprintf("%s 只能用在 valid_if 条件中", t.Value),
						fmt.Sprintf("%s is only allowed in a valid_if condition", t.Value))
				}
			case "&&", "||", "!":
				return bad(fmt.Sprintf("不支持 %s，请用 and、or、not", t.Value),
					fmt.Sprintf("%s is not allowed; use and, or, not", t.Value))
			default:
				if word.MatchString(t.Value) {
					return bad(fmt.Sprintf("不支持 %s（它是保留字，不能用作字段名或常量名）", t.Value),
						fmt.Sprintf("%s is not allowed (it is a reserved word and cannot name a field or constant)", t.Value))
				}
				return bad(fmt.Sprintf("不支持 %s", t.Value), fmt.Sprintf("%s is not allowed", t.Value))
			}
		}
	}
	return nil
}

// hoistNot gives `not` a lower precedence than arithmetic and
// comparisons, as the words and, or, not suggest (and as in Python):
// `not cases > 5` means not (cases > 5). expr's parser binds `not` tighter,
// producing (not cases) > 5, which could only be a type error; the rewrite
// turns every (not a) op b, op arithmetic or a comparison, into
// not (a op b). `and` and `or` still bind looser than `not`.
func hoistNot(n ast.Node) ast.Node {
	switch x := n.(type) {
	case *ast.UnaryNode:
		x.Node = hoistNot(x.Node)
	case *ast.BinaryNode:
		x.Left = hoistNot(x.Left)
		x.Right = hoistNot(x.Right)
		switch x.Operator {
		case "+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=":
			if u, ok := x.Left.(*ast.UnaryNode); ok && u.Operator == "not" {
				x.Left = u.Node
				u.Node = hoistNot(x)
				return u
			}
		}
	case *ast.BuiltinNode:
		for i, a := range x.Arguments {
			x.Arguments[i] = hoistNot(a)
		}
	}
	return n
}

// compiler turns a checked AST into closures. It keeps the first error.
type compiler struct {
	src       []rune
	condition bool
	names     map[string]*int // name -> slot, filled after the walk
	err       *Error
}

// node is a compiled subtree: exactly one of num and cond is set (neither
// after an error).
type node struct {
	num  numFn
	cond condFn
}

func (c *compiler) allowedZH() string {
	if c.condition {
		return allowedCondZH
	}
	return allowedValueZH
}

func (c *compiler) allowedEN() string {
	if c.condition {
		return allowedCondEN
	}
	return allowedValueEN
}

// errAt makes an Error at rune offset at of the source.
func (c *compiler) errAt(at int, zh, en string) *Error {
	line, col := 1, 1
	for i := 0; i < at && i < len(c.src); i++ {
		if c.src[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &Error{Line: line, Col: col, ZH: zh, EN: en}
}

// fail records the first error, at n's position.
func (c *compiler) fail(n ast.Node, zh, en string) node {
	if c.err == nil {
		c.err = c.errAt(n.Location().From, zh+"；"+c.allowedZH(), en+"; "+c.allowedEN())
	}
	return node{}
}

// text returns the source text at loc.
func (c *compiler) text(loc file.Location) string {
	if loc.From < 0 || loc.To > len(c.src) || loc.From >= loc.To {
		return ""
	}
	return string(c.src[loc.From:loc.To])
}

func (c *compiler) compile(n ast.Node) node {
	if c.err != nil {
		return node{}
	}
	switch n := n.(type) {
	case *ast.IntegerNode:
		return c.number(n, float64(n.Value))
	case *ast.FloatNode:
		return c.number(n, n.Value)
	case *ast.IdentifierNode:
		if strings.HasPrefix(n.Value, "$") {
			return c.fail(n, fmt.Sprintf("不支持名称 %s", n.Value), fmt.Sprintf("the name %s is not supported", n.Value))
		}
		slot, ok := c.names[n.Value]
		if !ok {
			slot = new(int)
			c.names[n.Value] = slot
		}
		return node{num: func(env []float64) float64 { return env[*slot] }}
	case *ast.UnaryNode:
		return c.unary(n)
	case *ast.BinaryNode:
		return c.binary(n)
	case *ast.BuiltinNode:
		return c.call(n, n.Name, n.Arguments)
	case *ast.CallNode:
		name := "?"
		if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			name = id.Value
		}
		return c.call(n, name, n.Arguments)
	case *ast.StringNode, *ast.BytesNode:
		return c.fail(n, "不支持文字（字符串）", "text (strings) is not allowed")
	case *ast.BoolNode:
		return c.fail(n, "不支持 true/false，请写出比较", "true/false are not allowed; write a comparison")
	case *ast.NilNode:
		return c.fail(n, "不支持 nil", "nil is not allowed")
	case *ast.MemberNode, *ast.ChainNode, *ast.SliceNode:
		return c.fail(n, "不支持成员访问和下标（. 和 []）", "member access and indexing (. and []) are not allowed")
	case *ast.ConditionalNode:
		return c.fail(n, "不支持条件表达式（? : 和 if）", "conditional expressions (? : and if) are not allowed")
	case *ast.ArrayNode, *ast.MapNode, *ast.PairNode:
		return c.fail(n, "不支持数组和映射", "arrays and maps are not allowed")
	case *ast.VariableDeclaratorNode, *ast.SequenceNode:
		return c.fail(n, "不支持 let 和分号", "let and semicolons are not allowed")
	case nil:
		return c.fail(&ast.NilNode{}, "公式不完整", "the formula is incomplete")
	default:
		return c.fail(n, "不支持这种写法", "this construct is not allowed")
	}
}

func (c *compiler) number(n ast.Node, v float64) node {
	if t := c.text(n.Location()); t != "" && !decimal.MatchString(t) {
		return c.fail(n, fmt.Sprintf("数字 %s 必须用十进制书写（如 12、0.5、1e3）", t),
			fmt.Sprintf("the number %s must be written in decimal (e.g. 12, 0.5, 1e3)", t))
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return c.fail(n, "数字超出范围", "the number is out of range")
	}
	return node{num: func([]float64) float64 { return v }}
}

func (c *compiler) unary(n *ast.UnaryNode) node {
	switch n.Operator {
	case "-", "+":
		x := c.numeric(n.Node, n.Operator)
		if x == nil {
			return node{}
		}
		if n.Operator == "+" {
			return node{num: x}
		}
		return node{num: func(env []float64) float64 { return -x(env) }}
	case "not":
		if !c.condition {
			return c.fail(n, "not 只能用在 valid_if 条件中", "not is only allowed in a valid_if condition")
		}
		x := c.compile(n.Node)
		if c.err != nil {
			return node{}
		}
		if x.cond == nil {
			return c.fail(n, "not 后面必须是条件，如 not (cases > 5)",
				"not must be followed by a condition, e.g. not (cases > 5)")
		}
		return node{cond: func(env []float64) tri {
			switch x.cond(env) {
			case yes:
				return no
			case no:
				return yes
			}
			return unknown
		}}
	case "!":
		return c.fail(n, "不支持 !，请用 not", "! is not allowed; use not")
	}
	return c.fail(n, fmt.Sprintf("不支持运算符 %s", n.Operator), fmt.Sprintf("the operator %s is not allowed", n.Operator))
}

// numeric compiles an operand that must be a number.
func (c *compiler) numeric(n ast.Node, op string) numFn {
	x := c.compile(n)
	if c.err != nil {
		return nil
	}
	if x.num == nil {
		c.fail(n, fmt.Sprintf("%s 的操作数必须是数值，不能是条件", op),
			fmt.Sprintf("the operands of %s must be numbers, not conditions", op))
		return nil
	}
	return x.num
}

// logical compiles an operand that must be a condition.
func (c *compiler) logical(n ast.Node, op string) condFn {
	x := c.compile(n)
	if c.err != nil {
		return nil
	}
	if x.cond == nil {
		c.fail(n, fmt.Sprintf("%s 的操作数必须是条件（如 cases >= 5），不能是数值", op),
			fmt.Sprintf("the operands of %s must be conditions (e.g. cases >= 5), not numbers", op))
		return nil
	}
	return x.cond
}

func (c *compiler) binary(n *ast.BinaryNode) node {
	op := n.Operator
	switch op {
	case "+", "-", "*", "/":
		l := c.numeric(n.Left, op)
		r := c.numeric(n.Right, op)
		if c.err != nil {
			return node{}
		}
		return node{num: arith(op, l, r)}
	case "<", "<=", ">", ">=", "==", "!=":
		if !c.condition {
			return c.fail(n, fmt.Sprintf("比较 %s 只能用在 valid_if 条件中", op),
				fmt.Sprintf("the comparison %s is only allowed in a valid_if condition", op))
		}
		l := c.numeric(n.Left, op)
		r := c.numeric(n.Right, op)
		if c.err != nil {
			return node{}
		}
		return node{cond: compare(op, l, r)}
	case "and", "or":
		if !c.condition {
			return c.fail(n, fmt.Sprintf("%s 只能用在 valid_if 条件中", op),
				fmt.Sprintf("%s is only allowed in a valid_if condition", op))
		}
		l := c.logical(n.Left, op)
		r := c.logical(n.Right, op)
		if c.err != nil {
			return node{}
		}
		return node{cond: logic(op == "and", l, r)}
	case "&&", "||":
		if t := c.text(n.Location()); t != "&&" && t != "||" {
			// The parser turns a < b < c into (a < b) && (b < c).
			return c.fail(n, "不支持连续比较，请写成 a < b and b < c",
				"chained comparisons are not allowed; write a < b and b < c")
		}
		return c.fail(n, fmt.Sprintf("不支持 %s，请用 and / or", op),
			fmt.Sprintf("%s is not allowed; use and / or", op))
	}
	return c.fail(n, fmt.Sprintf("不支持运算符 %s", op), fmt.Sprintf("the operator %s is not allowed", op))
}

func (c *compiler) call(n ast.Node, name string, args []ast.Node) node {
	if name != "min" && name != "max" {
		return c.fail(n, fmt.Sprintf("不支持函数 %s", name), fmt.Sprintf("the function %s is not allowed", name))
	}
	if len(args) != 2 {
		return c.fail(n, fmt.Sprintf("%s 需要恰好两个参数，这里有 %d 个", name, len(args)),
			fmt.Sprintf("%s takes exactly two arguments, not %d", name, len(args)))
	}
	a := c.numeric(args[0], name)
	b := c.numeric(args[1], name)
	if c.err != nil {
		return node{}
	}
	if name == "min" {
		// math.Min returns NaN when either argument is NaN: missing stays missing.
		return node{num: func(env []float64) float64 { return math.Min(a(env), b(env)) }}
	}
	return node{num: func(env []float64) float64 { return math.Max(a(env), b(env)) }}
}

// finite maps a non-finite value to NaN (missing).
func finite(v float64) float64 {
	if math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

func arith(op string, l, r numFn) numFn {
	switch op {
	case "+":
		return func(env []float64) float64 { return finite(l(env) + r(env)) }
	case "-":
		return func(env []float64) float64 { return finite(l(env) - r(env)) }
	case "*":
		return func(env []float64) float64 { return finite(l(env) * r(env)) }
	}
	return func(env []float64) float64 {
		a, b := l(env), r(env)
		if b == 0 {
			return math.NaN()
		}
		return finite(a / b)
	}
}

func compare(op string, l, r numFn) condFn {
	var holds func(a, b float64) bool
	switch op {
	case "<":
		holds = func(a, b float64) bool { return a < b }
	case "<=":
		holds = func(a, b float64) bool { return a <= b }
	case ">":
		holds = func(a, b float64) bool { return a > b }
	case ">=":
		holds = func(a, b float64) bool { return a >= b }
	case "==":
		holds = func(a, b float64) bool { return a == b }
	default:
		holds = func(a, b float64) bool { return a != b }
	}
	return func(env []float64) tri {
		a, b := l(env), r(env)
		if math.IsNaN(a) || math.IsNaN(b) {
			return unknown
		}
		if holds(a, b) {
			return yes
		}
		return no
	}
}

// logic combines two conditions. Both sides are always evaluated and a
// side that is not computable makes the whole not computable: SPEC §5
// treats a condition that needs a missing value as not computable.
func logic(and bool, l, r condFn) condFn {
	return func(env []float64) tri {
		a, b := l(env), r(env)
		switch {
		case a == unknown || b == unknown:
			return unknown
		case and && a == yes && b == yes, !and && (a == yes || b == yes):
			return yes
		}
		return no
	}
}

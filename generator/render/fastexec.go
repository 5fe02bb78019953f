package render

import (
	"html/template"
	"strconv"
	"strings"
	"text/template/parse"
)

// html/template escapes every value a page prints by appending escaper
// functions to the action ({{.Name}} runs as {{.Name | htmlescaper}}).
// text/template calls each through reflection, and the escapers are
// variadic, so each costs a slice allocation and a slow call; a link
// costs three (URL filter, URL normalizer, attribute escaper). On a
// province's 140,000 pages these calls were most of the rendering time.
//
// optimize rewrites a page's escaped templates, once when the Renderer is
// made, so that they execute with fewer and cheaper calls and write the
// same bytes:
//
//   - {{t "key"}} in text or a quoted attribute becomes text: the message
//     is fixed for the Renderer, so it is escaped once;
//   - the HTML text and attribute escapers become one-argument functions
//     with a fast path for strings, template.HTML and ints;
//   - the URL filter, normalizer and attribute escaper of a link become one
//     function, with a fast path for plain relative paths.
//
// Anything else goes to the real escapers (slowEscape). The golden pages
// and the tests in fastexec_test.go hold the output to html/template's.
func (r *Renderer) optimize(t *template.Template) {
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			r.optimizeList(x.Tree.Root)
		}
	}
}

const (
	escHTML     = "_html_template_htmlescaper"
	escAttr     = "_html_template_attrescaper"
	escURLFilt  = "_html_template_urlfilter"
	escURLNorm  = "_html_template_urlnormalizer"
	fastHTML    = "_kp_html"
	fastAttr    = "_kp_attr"
	fastURLAttr = "_kp_url_attr"
)

// fastFuncs are the functions the rewritten templates call; they are added
// to every template's function map.
func (r *Renderer) fastFuncs() template.FuncMap {
	return template.FuncMap{
		fastHTML:    r.escapeHTML,
		fastAttr:    r.escapeAttr,
		fastURLAttr: r.escapeURLAttr,
	}
}

func (r *Renderer) optimizeList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := r.foldMessage(n.Pipe); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
				continue
			}
			optimizePipe(n.Pipe)
		case *parse.IfNode:
			r.optimizeBranch(&n.BranchNode)
		case *parse.RangeNode:
			r.optimizeBranch(&n.BranchNode)
		case *parse.WithNode:
			r.optimizeBranch(&n.BranchNode)
		case *parse.ListNode:
			r.optimizeList(n)
		}
	}
}

func (r *Renderer) optimizeBranch(b *parse.BranchNode) {
	optimizePipe(b.Pipe)
	r.optimizeList(b.List)
	r.optimizeList(b.ElseList)
}

// ident returns the name of a command that is a lone function identifier
// (an escaper receiving the pipeline's value), or "".
func ident(c *parse.CommandNode) string {
	if len(c.Args) != 1 {
		return ""
	}
	if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
		return id.Ident
	}
	return ""
}

// foldMessage returns the escaped text of an action {{t "key"}} followed
// only by the HTML text or attribute escaper (which escape a string the
// same way).
func (r *Renderer) foldMessage(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 {
		return "", false
	}
	if esc := ident(p.Cmds[1]); esc != escHTML && esc != escAttr {
		return "", false
	}
	args := p.Cmds[0].Args
	if len(args) != 2 {
		return "", false
	}
	fn, ok := args[0].(*parse.IdentifierNode)
	key, ok2 := args[1].(*parse.StringNode)
	if !ok || !ok2 || fn.Ident != "t" {
		return "", false
	}
	msg, ok := lookupOK(r.messages, r.lang, key.Text)
	if !ok {
		return "", false // left to fail at execution, naming the key
	}
	var b strings.Builder
	htmlEscape(&b, msg)
	return b.String(), true
}

// optimizePipe renames the escapers of a pipeline to their fast versions.
func optimizePipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	cmds := p.Cmds
	for k := 1; k < len(cmds); k++ { // the first command is never an escaper of the pipeline's value
		switch ident(cmds[k]) {
		case escHTML:
			rename(cmds[k], fastHTML)
		case escAttr:
			rename(cmds[k], fastAttr)
		case escURLFilt:
			if k+2 < len(cmds) && ident(cmds[k+1]) == escURLNorm && ident(cmds[k+2]) == escAttr {
				rename(cmds[k], fastURLAttr)
				cmds = append(cmds[:k+1], cmds[k+3:]...)
			}
		}
	}
	p.Cmds = cmds
}

func rename(c *parse.CommandNode, name string) {
	c.Args[0].(*parse.IdentifierNode).Ident = name
}

// escapeHTML is html/template's text escaper for one value.
func (r *Renderer) escapeHTML(v any) string {
	switch s := v.(type) {
	case nil:
		return ""
	case string:
		return escapeString(s)
	case template.HTML:
		return string(s)
	case int:
		return strconv.Itoa(s)
	}
	return slowEscape(escapeText, v)
}

// escapeAttr is html/template's quoted attribute escaper for one value.
func (r *Renderer) escapeAttr(v any) string {
	switch s := v.(type) {
	case nil:
		return ""
	case string:
		return escapeString(s)
	case int:
		return strconv.Itoa(s)
	}
	return slowEscape(escapeAttrValue, v)
}

// escapeURLAttr is html/template's URL filter, normalizer and attribute
// escaper, as applied to a value that starts a quoted href or src.
func (r *Renderer) escapeURLAttr(v any) string {
	if s, ok := v.(string); ok && plainURL(s) {
		return s
	}
	return slowEscape(escapeURLStart, v)
}

// plainURL reports whether s holds only characters that none of the URL
// filter (no scheme: no ':'), the normalizer and the attribute escaper
// change. The normalizer keeps a '%' only when two hex digits follow.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '.', c == '_', c == '~', c == '/', c == '#', c == '?', c == '=':
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func escapeString(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0, '"', '&', '\'', '+', '<', '>':
			var b strings.Builder
			b.Grow(len(s) + 16)
			htmlEscape(&b, s)
			return b.String()
		}
	}
	return s
}

// Templates that print one value in a given context, with the text
// around it: the exact escaping of html/template for any other value.
var (
	escapeText      = escapeContext{template.Must(template.New("").Parse(`{{.}}`)), "", ""}
	escapeAttrValue = escapeContext{template.Must(template.New("").Parse(`<p title="{{.}}">`)), `<p title="`, `">`}
	escapeURLStart  = escapeContext{template.Must(template.New("").Parse(`<a href="{{.}}">`)), `<a href="`, `">`}
)

type escapeContext struct {
	t              *template.Template
	prefix, suffix string
}

func slowEscape(c escapeContext, v any) string {
	var b strings.Builder
	if err := c.t.Execute(&b, v); err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), c.prefix), c.suffix)
}

package templates

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md converts the Markdown users write (notes, descriptions): GFM
// (tables, strikethrough, autolinks, task lists) and CJK line breaking; raw
// HTML is NOT enabled (html.WithUnsafe is not set), so any HTML in the
// source is replaced by an "<!-- raw HTML omitted -->" comment, and goldmark
// drops dangerous link targets (javascript: and the like). Headings get ids
// that keep Chinese text (headingIDs), relative links written for another
// page are rebased onto the page that shows them (rebaseLinks), images
// that would load from another host become plain links (remoteImages),
// and in a bundle a link to a page the bundle does not hold becomes text
// (bundleLinks). It is safe for concurrent use. (goldmark runs the
// transformers with the highest priority first.)
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.CJK),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(remoteImages{}, 100), util.Prioritized(bundleLinks{}, 101),
			util.Prioritized(rebaseLinks{}, 102)),
	),
)

// writeMarkdown writes Markdown source, written for the page at site
// path base ("" for the page itself), as HTML in the page being written
// (markdown, markdownFor in doc.go): its relative links and images keep
// reaching the files they name from base.
func writeMarkdown(ctx context.Context, w io.Writer, base, src string) error {
	pctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pctx.Set(pageKey, current(ctx))
	pctx.Set(baseKey, base)
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf, parser.WithContext(pctx)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// pageKey carries the page being rendered to the AST transformers, and
// baseKey the site path the Markdown's relative links are written for.
var pageKey, baseKey = parser.NewContextKey(), parser.NewContextKey()

// headingIDs generates heading ids that keep letters and digits of any
// script (goldmark's default drops everything that is not ASCII, so "一、办案质量"
// would become "heading"): letters are lower-cased, spaces, '-' and '_'
// become one '-', other characters are dropped; an empty result is
// "heading"; repeats get "-1", "-2", ...
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for len(value) > 0 {
		r, size := utf8.DecodeRune(value)
		value = value[size:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			dash = true
		}
	}
	id := b.String()
	if id == "" {
		id = "heading"
		if kind != ast.KindHeading {
			id = "id"
		}
	}
	if !h.used[id] {
		h.used[id] = true
		return []byte(id)
	}
	for i := 1; ; i++ {
		cand := fmt.Sprintf("%s-%d", id, i)
		if !h.used[cand] {
			h.used[cand] = true
			return []byte(cand)
		}
	}
}

// Put implements parser.IDs: it records an id given explicitly.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// remoteImages replaces every image whose source has a URL scheme or is
// protocol-relative (https://…, //host/…, data:…) with a link to it, its
// alt text as the link text: a report page must never make the reader's
// browser fetch anything from another host. Images with a relative source
// stay images; they load from the site itself.
type remoteImages struct{}

// Transform implements parser.ASTTransformer.
func (remoteImages) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && isExternal(string(img.Destination)) && !strings.HasPrefix(string(img.Destination), "#") {
			images = append(images, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		link := ast.NewLink()
		link.Destination = img.Destination
		link.Title = img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			link.AppendChild(link, ast.NewString(img.Destination))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// rebaseLinks rewrites the relative link and image targets of Markdown
// written for the page at another site path (baseKey) so that, from the
// page being rendered, they reach the same site path. A target that
// climbs out of the site is left as it is.
type rebaseLinks struct{}

// Transform implements parser.ASTTransformer.
func (rebaseLinks) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	pe, _ := pc.Get(pageKey).(*pageEnv)
	base, _ := pc.Get(baseKey).(string)
	if pe == nil || base == "" || base == pe.page.Path {
		return
	}
	rebase := func(dest []byte) []byte {
		d := string(dest)
		if isExternal(d) {
			return dest
		}
		p, ok := resolve(base, d)
		if !ok {
			return dest
		}
		_, suffix := splitSuffix(d)
		return []byte(siteURL(pe.page.Path, p+suffix, pe.baseURL))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = rebase(n.Destination)
		case *ast.Image:
			n.Destination = rebase(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

// bundleLinks, in a bundle, replaces every link with a relative target
// that the bundle does not hold (a link a note writes by hand to another
// period, say) with its text, so that nothing in a bundle points outside
// it.
type bundleLinks struct{}

// Transform implements parser.ASTTransformer.
func (bundleLinks) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	pe, _ := pc.Get(pageKey).(*pageEnv)
	if pe == nil || pe.Bundle == nil {
		return
	}
	var outside []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && !isExternal(string(l.Destination)) {
			if p, ok := resolve(pe.page.Path, string(l.Destination)); !ok || !pe.Bundle.Holds(p) {
				outside = append(outside, l)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, l := range outside {
		parent := l.Parent()
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
	}
}

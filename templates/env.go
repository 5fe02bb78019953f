package templates

import (
	"context"
	"fmt"
	"io"

	"github.com/a-h/templ"

	"kaoping/generator/report"
)

// Env is what the pages of one rendering share beyond their models: the
// site's customisation and, for a period's bundle, which files its links
// may reach.
type Env struct {
	// Slots places the site's HTML slots (header, footer, home, notice);
	// nil for none.
	Slots Slots
	// CustomCSS links assets/custom.css after the built-in stylesheet.
	CustomCSS bool
	// Logo is the site path of the site's logo ("assets/logo.svg"), ""
	// for none.
	Logo string
	// Bundle, when not nil, renders the pages of a period's bundle.
	Bundle *Bundle
}

// Bundle limits the links of the pages of a period's bundle: every link
// is relative (the bundle is opened from file://, whatever the site's
// base_url), and a link to a site path the bundle does not hold is shown
// as grey text with the title Note.
type Bundle struct {
	Holds func(sitePath string) bool
	Note  string
}

// Slots runs the site's named HTML slots.
type Slots interface {
	// Has reports whether the site has the slot.
	Has(name string) bool
	// Render writes the slot for one page.
	Render(w io.Writer, name string, data SlotData) error
}

// SlotData is what a slot's template receives as its dot
// (docs/TEMPLATES.md): it is all a slot may rely on.
type SlotData struct {
	Title       string // the page's title
	SiteTitle   string // config.toml title
	Root        string // URL of the site's root folder from the page: "", "../", … or base_url + "/"
	Path        string // the page's site path, "schemes/basic/2026-Q1.html"
	Period      string // id of the page's period, "" when the page has none
	PeriodLabel string // its label, "2026年第一季度"
	Lang        string // "zh-CN" or "en"
}

// The names of the slots, in the order they appear on a page.
const (
	SlotHeader = "header" // inside the site header, after the title
	SlotHome   = "home"   // a block on the home page, under the lead
	SlotNotice = "notice" // under the 公示表 of each ranking
	SlotFooter = "footer" // inside the site footer
)

// SlotNames lists the slots a site may provide, as templates/<name>.html.
func SlotNames() []string { return []string{SlotHeader, SlotFooter, SlotHome, SlotNotice} }

// pageEnv is the Env of one page, with its frame; Render puts it in the
// context its components receive.
type pageEnv struct {
	*Env
	page    *report.Page
	lang    string
	baseURL string
	// doc is the Doc being rendered and flush empties templ's buffer into
	// it (Render); both nil while a Doc is written (WriteTo).
	doc   *Doc
	flush func() error
	// final: the holes are filled as they come (RenderFinal).
	final bool
}

type envKey struct{}

// current is the page being rendered.
func current(ctx context.Context) *pageEnv {
	if pe, ok := ctx.Value(envKey{}).(*pageEnv); ok {
		return pe
	}
	panic("templates: a component rendered outside Render")
}

// t is the UI string key in the page's language; a key missing from the
// catalog shows as itself (TestMessagesUsedExist keeps that from
// happening).
func t(ctx context.Context, key string) string {
	if s, ok := message(current(ctx).lang, key); ok {
		return s
	}
	return key
}

// tf is t used as a format.
func tf(ctx context.Context, key string, args ...any) string {
	return fmt.Sprintf(t(ctx, key), args...)
}

// lang is the page's language, "zh-CN" or "en".
func lang(ctx context.Context) string { return current(ctx).lang }

// href is the URL of the site path target from the page, and false when
// the page is in a bundle that does not hold target (the link is then
// shown as text).
func (pe *pageEnv) href(target string) (templ.SafeURL, bool) {
	if pe.Bundle != nil && !isExternal(target) {
		p, _ := splitSuffix(target)
		if !pe.Bundle.Holds(sitePath(p)) {
			return "", false
		}
	}
	return templ.SafeURL(siteURL(pe.page.Path, target, pe.baseURL)), true
}

// asset is the URL of a file every page may reach (the assets, which
// every bundle holds).
func asset(ctx context.Context, target string) templ.SafeURL {
	pe := current(ctx)
	return templ.SafeURL(siteURL(pe.page.Path, target, pe.baseURL))
}

// pageTitle is the <title>: the page's title, then the site's.
func pageTitle(p *report.Page) string {
	switch {
	case p.Site == nil:
		return p.Title
	case p.Title == "":
		return p.Site.Title
	}
	return p.Title + " · " + p.Site.Title
}

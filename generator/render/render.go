// Package render turns page models into bytes: it runs the templ
// components of package templates with the site's customisation (its HTML
// slots, custom.css, logo and extra assets, read once from templates_dir)
// and lists the files of the site's assets/ folder.
//
// Everything it produces is deterministic and offline, and every string
// from the site's files is escaped by the components (templ escapes by
// context) or by html/template in the slots. See docs/TEMPLATES.md.
package render

import (
	"bytes"
	"context"
	"io"

	"kaoping/generator/diag"
	"kaoping/templates"
)

// Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	env    templates.Env
	assets []Asset
}

// Options configures New.
type Options struct {
	// Dir is the site's templates_dir (absolute); a missing folder means
	// no customisation.
	Dir string
	// DisplayDir names Dir in messages, relative to the site folder
	// (default "templates").
	DisplayDir string
}

// New reads the site's customisation. Every problem (a slot that does not
// parse, a page override of an earlier kaoping, an asset that would
// replace a built-in one) is listed with its file and line.
func New(opts Options) (*Renderer, diag.List) {
	display := opts.DisplayDir
	if display == "" {
		display = "templates"
	}
	c, problems := readCustomisation(opts.Dir, display)
	if problems.HasErrors() {
		return nil, problems
	}
	r := &Renderer{env: templates.Env{CustomCSS: c.customCSS, Logo: c.logo}}
	if len(c.slots.byName) > 0 {
		r.env.Slots = c.slots
	}
	assets, err := builtinAssets()
	if err != nil {
		problems.Errorf(diag.Pos{}, "无法读取内置资源：%v", "cannot read the built-in assets: %v", err)
		return nil, problems
	}
	r.assets = append(assets, c.assets...)
	sortAssets(r.assets)
	return r, problems
}

// Page is a page rendered once, to write for the site and for the
// period bundles that hold it. The zero Page is ready for Render, and one
// Page may be rendered again and again (a build's worker keeps one).
type Page struct {
	r     *Renderer
	model any
	doc   templates.Doc
}

// Render renders the page of model (a *…Page of package report) into p.
func (r *Renderer) Render(p *Page, model any) error {
	p.r, p.model = r, model
	return templates.Render(context.Background(), &p.doc, &r.env, model)
}

// WriteSite writes the page as the site has it.
func (p *Page) WriteSite(w *bytes.Buffer) error { return p.doc.WriteTo(w, &p.r.env) }

// RenderSite renders the page of model into p as the site has it, for a
// page that no bundle holds, and returns its bytes (valid until p is
// used again).
func (r *Renderer) RenderSite(p *Page, model any) ([]byte, error) {
	p.r, p.model = r, model
	if err := templates.RenderFinal(context.Background(), &p.doc, &r.env, model); err != nil {
		return nil, err
	}
	return p.doc.Bytes(), nil
}

// Page writes the page of model as the site has it.
func (r *Renderer) Page(w io.Writer, model any) error {
	var p Page
	data, err := r.RenderSite(&p, model)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// WriteBundle writes the page as a period's bundle holds it: relative
// links only, and a link to a site path the bundle does not hold shown as
// text with the title note. A page of a site with a base_url has absolute
// URLs in its markup, so it is rendered again for the bundle.
func (p *Page) WriteBundle(w *bytes.Buffer, holds func(sitePath string) bool, note string) error {
	env := p.r.env
	env.Bundle = &templates.Bundle{Holds: holds, Note: note}
	if p.doc.Portable() {
		return p.doc.WriteTo(w, &env)
	}
	var doc templates.Doc
	if err := templates.Render(context.Background(), &doc, &env, p.model); err != nil {
		return err
	}
	return doc.WriteTo(w, &env)
}

// Assets are the files of the site's assets/ folder, sorted by path.
func (r *Renderer) Assets() []Asset { return r.assets }

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
	"sync"

	"kaoping/generator/diag"
	"kaoping/templates"
)

// Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	env    templates.Env
	assets []Asset
	bufs   sync.Pool
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
	r.bufs.New = func() any { return new(bytes.Buffer) }
	assets, err := builtinAssets()
	if err != nil {
		problems.Errorf(diag.Pos{}, "无法读取内置资源：%v", "cannot read the built-in assets: %v", err)
		return nil, problems
	}
	r.assets = append(assets, c.assets...)
	sortAssets(r.assets)
	return r, problems
}

// Page writes the page of model (a *…Page of package report) to w. The
// page is written to w only once it rendered whole.
func (r *Renderer) Page(w io.Writer, model any) error {
	return r.render(w, &r.env, model)
}

// BundlePage writes the page of model as a period's bundle holds it:
// relative links only, and a link to a site path the bundle does not hold
// shown as text with the title note.
func (r *Renderer) BundlePage(w io.Writer, model any, holds func(sitePath string) bool, note string) error {
	env := r.env
	env.Bundle = &templates.Bundle{Holds: holds, Note: note}
	return r.render(w, &env, model)
}

func (r *Renderer) render(w io.Writer, env *templates.Env, model any) error {
	if b, ok := w.(*bytes.Buffer); ok {
		n := b.Len()
		err := templates.Render(context.Background(), b, env, model)
		if err != nil {
			b.Truncate(n)
		}
		return err
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := templates.Render(context.Background(), buf, env, model); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Assets are the files of the site's assets/ folder, sorted by path.
func (r *Renderer) Assets() []Asset { return r.assets }

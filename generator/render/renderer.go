package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"kaoping/generator/diag"
	"kaoping/templates"
)

// Options configures New.
type Options struct {
	// Lang is the site language: "zh-CN" (default) or "en".
	Lang string
	// Dir is the site's templates_dir (absolute). Its *.html and
	// partials/*.html override the built-in templates of the same relative
	// path and may add new ones; its assets/* override or add assets. A
	// missing folder means no overrides.
	Dir string
	// DisplayDir names Dir in messages, relative to the site folder
	// (default "templates").
	DisplayDir string
	// Messages adds UI strings to (or replaces strings of) the built-in
	// catalog used by the template function t.
	Messages map[string]Message
	// Builtin replaces the embedded templates (tests); nil = templates.FS.
	Builtin fs.FS
	// Plain executes the templates exactly as html/template escaped them,
	// without the faster equivalents of optimize or native twins (tests
	// compare the two).
	Plain bool
	// NoNative executes every page through its templates, also those with
	// a native twin (see RegisterNative; tests compare the two).
	NoNative bool
}

// Renderer executes the site's pages. It is safe for concurrent use.
type Renderer struct {
	lang     string
	messages map[string]Message
	builtin  fs.FS
	site     fs.FS // nil when the site has no templates folder
	pages    map[string]*pageTemplate
	layout   *layout // base.html and its partials for native twins
	md       goldmark.Markdown
	bufs     sync.Pool
}

type pageTemplate struct {
	t      *template.Template
	entry  string     // template to execute: "base.html" for pages that define "main"
	native NativeFunc // the page's native twin, when in force (native.go)
}

// source is one template file.
type source struct {
	name    string // relative path, also the template name: "partials/nav.html"
	display string // how messages name the file: "templates/partials/nav.html"
	text    string
	site    bool // from the site's templates folder
}

// layoutName is the layout template that wraps every page defining "main".
const layoutName = "base.html"

// New parses the built-in templates and the site's overrides once. A
// template that does not parse (or cannot be escaped safely) is reported
// with its file and line; every such problem is listed, as a
// *diag.ListError.
func New(opts Options) (*Renderer, error) {
	r := &Renderer{
		lang:     "zh-CN",
		messages: opts.Messages,
		builtin:  opts.Builtin,
		pages:    map[string]*pageTemplate{},
	}
	if opts.Lang == "en" {
		r.lang = "en"
	}
	if r.builtin == nil {
		r.builtin = templates.FS
	}
	display := opts.DisplayDir
	if display == "" {
		display = "templates"
	}
	if opts.Dir != "" {
		if st, err := os.Stat(opts.Dir); err == nil && st.IsDir() {
			r.site = os.DirFS(opts.Dir)
		}
	}
	r.md = newMarkdown()
	r.bufs.New = func() any { return new(bytes.Buffer) }

	var problems diag.List
	srcs, err := r.sources(display)
	if err != nil {
		return nil, err
	}
	fm := r.funcMap()
	for name, f := range r.fastFuncs() {
		fm[name] = f
	}

	// The layout and partials are shared by every page: parse them once
	// into a root set, then clone it per page.
	root := template.New("kaoping").Funcs(fm)
	var pages []source
	for _, s := range srcs {
		if !isPage(s.name) {
			if _, err := root.New(s.name).Parse(s.text); err != nil {
				problems.Add(parseProblem(err, s))
			}
			continue
		}
		pages = append(pages, s)
	}
	if problems.HasErrors() {
		return nil, problems.Err(r.lang)
	}
	byName := map[string]source{}
	for _, s := range srcs {
		byName[s.name] = s
	}
	seen := map[string]bool{}
	for _, s := range pages {
		t, err := root.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(s.name).Parse(s.text); err != nil {
			problems.Add(parseProblem(err, s))
			continue
		}
		pt := &pageTemplate{t: t, entry: s.name}
		if t.Lookup("main") != nil && t.Lookup(layoutName) != nil {
			pt.entry = layoutName
		}
		// Escape now (html/template does it on first execution) so that an
		// unsafe template is reported at load, not halfway through a build.
		var tErr *template.Error
		if err := t.ExecuteTemplate(io.Discard, pt.entry, nil); errors.As(err, &tErr) {
			p := escapeProblem(tErr, s, byName)
			key := p.Format("en")
			if !seen[key] {
				seen[key] = true
				problems.Add(p)
			}
			continue
		}
		if !opts.Plain {
			r.optimize(t)
		}
		r.pages[s.name] = pt
	}
	if err := problems.Err(r.lang); err != nil {
		return nil, err
	}
	if !opts.Plain && !opts.NoNative && opts.Builtin == nil {
		r.enableNatives(byName)
	}
	return r, nil
}

// isPage reports whether a template file is a page (not the layout or a partial).
func isPage(name string) bool {
	return name != layoutName && !strings.HasPrefix(name, "partials/")
}

// sources lists the template files, the site's replacing built-ins of the
// same name, sorted by name.
func (r *Renderer) sources(display string) ([]source, error) {
	byName := map[string]source{}
	read := func(fsys fs.FS, site bool, label func(string) string) error {
		for _, pattern := range []string{"*.html", "partials/*.html"} {
			names, err := fs.Glob(fsys, pattern)
			if err != nil {
				return err
			}
			for _, n := range names {
				b, err := fs.ReadFile(fsys, n)
				if err != nil {
					return fmt.Errorf("%s: %w", label(n), err)
				}
				byName[n] = source{name: n, display: label(n), text: string(b), site: site}
			}
		}
		return nil
	}
	if err := read(r.builtin, false, func(n string) string { return "(kaoping built-in) templates/" + n }); err != nil {
		return nil, err
	}
	if r.site != nil {
		if err := read(r.site, true, func(n string) string { return path.Join(display, n) }); err != nil {
			return nil, err
		}
	}
	out := make([]source, 0, len(byName))
	for _, s := range byName {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

var parseErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):\s*(.*)$`)

// parseProblem turns a text/template parse error into a positioned problem.
func parseProblem(err error, s source) diag.Problem {
	pos := diag.Pos{File: s.display}
	msg := err.Error()
	if m := parseErrRE.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[2])
		msg = m[3]
	}
	var l diag.List
	l.Errorf(pos, "模板有语法错误：%s。请修正该模板，或删除它以使用内置模板。",
		"the template does not parse: %s. Fix it, or delete it to use the built-in template.", msg)
	return l[0]
}

// escapeProblem reports an html/template escaping error (for example an
// attribute left unclosed). html/template names the template where it
// noticed the problem, which may be the layout after the faulty page: the
// problem is placed at that template when it is the site's own, else at
// the page being loaded, and the message says where it was noticed.
func escapeProblem(e *template.Error, page source, byName map[string]source) diag.Problem {
	at := page
	if s, ok := byName[e.Name]; ok && (s.site || !page.site) {
		at = s
	}
	pos := diag.Pos{File: at.display}
	if at.name == e.Name {
		pos.Line = e.Line
	}
	msg := e.Description
	if msg == "" {
		msg = e.Error()
	}
	var l diag.List
	l.Errorf(pos, "模板无法安全转义（在 %s 第 %d 行发现）：%s。请检查该模板中未闭合的引号或标签。",
		"the template cannot be escaped safely (noticed in %s, line %d): %s. Look for an unclosed quote or tag.",
		e.Name, e.Line, msg)
	return l[0]
}

// Has reports whether a page template of that name exists.
func (r *Renderer) Has(page string) bool {
	_, ok := r.pages[page]
	return ok
}

// Pages lists the page templates, sorted.
func (r *Renderer) Pages() []string {
	names := make([]string, 0, len(r.pages))
	for n := range r.pages {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lang is the site language, "zh-CN" or "en".
func (r *Renderer) Lang() string { return r.lang }

// Execute renders the page template page (e.g. "ranking.html") with data,
// which must provide .Page (*Page). A page that defines "main" is wrapped
// in base.html; any other page is executed on its own. A page with a native
// twin in force is written by it (native.go). Output is written to w only
// when the whole page rendered, so a failed page writes nothing.
func (r *Renderer) Execute(w io.Writer, page string, data any) error {
	pt, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("render: no page template %q (have %s)", page, strings.Join(r.Pages(), ", "))
	}
	if pt.native != nil {
		handled, err := r.executeNative(w, pt, data)
		if err != nil {
			return fmt.Errorf("render %s: %w", page, err)
		}
		if handled {
			return nil
		}
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := pt.t.ExecuteTemplate(buf, pt.entry, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// executeNative runs the page's native twin. A twin writes straight into
// a *bytes.Buffer (the Writer's), which is cut back if it fails; any other
// writer gets the page from a pooled buffer once complete.
func (r *Renderer) executeNative(w io.Writer, pt *pageTemplate, data any) (handled bool, err error) {
	if wb, ok := w.(*bytes.Buffer); ok {
		n := wb.Len()
		handled, err = pt.native(wb, data)
		if err != nil || !handled {
			wb.Truncate(n)
		}
		return handled, err
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if handled, err = pt.native(buf, data); handled && err == nil {
		_, err = w.Write(buf.Bytes())
	}
	return handled, err
}

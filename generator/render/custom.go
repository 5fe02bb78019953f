package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"kaoping/generator/diag"
	"kaoping/templates"
)

// A site customises its pages through files in its templates_dir:
//
//	header.html footer.html home.html notice.html   HTML slots (html/template)
//	custom.css                                      linked after the built-in stylesheet
//	logo.svg or logo.png                            shown in the header and in print
//	assets/*                                        more files for the slots and notes
//
// Any other *.html replaced a whole page in earlier versions; it is now an
// error that names the slots.

// custom is what readCustomisation found.
type custom struct {
	slots     *slotSet
	customCSS bool
	logo      string // site path, "" for none
	assets    []Asset
}

func readCustomisation(dir, display string) (*custom, diag.List) {
	c := &custom{slots: &slotSet{byName: map[string]*template.Template{}}}
	var problems diag.List
	if dir == "" {
		return c, nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		problems.Errorf(diag.Pos{File: display}, "无法读取模板目录：%v", "cannot read the templates folder: %v", err)
		return c, problems
	}
	slotNames := strings.Join(slotFiles(), "、")
	for _, e := range entries {
		name := e.Name()
		file := path.Join(display, name)
		full := filepath.Join(dir, name)
		switch {
		case e.IsDir() && name == "assets":
			problems.Add(c.readAssets(full, display+"/assets")...)
		case e.IsDir() && name == "partials":
			problems.Errorf(diag.Pos{File: file}, "整页或局部模板（partials/）已不再支持；站点可在 %s 中定制：%s（HTML 片段）、custom.css 和 logo.svg 或 logo.png，见 docs/TEMPLATES.md。请把需要的内容移到这些文件后删除 partials/",
				"page and partial templates (partials/) are no longer supported; a site customises %s through %s (HTML slots), custom.css and logo.svg or logo.png, see docs/TEMPLATES.md. Move what you need there and delete partials/",
				display, slotNames)
		case e.IsDir():
			// other folders are the site's own business
		case isSlotFile(name):
			if p, ok := c.slots.parse(full, file, strings.TrimSuffix(name, ".html")); !ok {
				problems.Add(p)
			}
		case name == "custom.css":
			b, err := os.ReadFile(full)
			if err != nil {
				problems.Errorf(diag.Pos{File: file}, "无法读取：%v", "cannot read: %v", err)
				continue
			}
			c.customCSS = true
			c.assets = append(c.assets, Asset{Path: "assets/custom.css", Data: b})
		case name == "logo.svg" || name == "logo.png":
			if c.logo != "" {
				problems.Errorf(diag.Pos{File: file}, "模板目录中同时有 logo.png 和 logo.svg；请只保留一个",
					"the templates folder holds both logo.png and logo.svg; keep one")
				continue
			}
			b, err := os.ReadFile(full)
			if err != nil {
				problems.Errorf(diag.Pos{File: file}, "无法读取：%v", "cannot read: %v", err)
				continue
			}
			c.logo = "assets/" + name
			c.assets = append(c.assets, Asset{Path: c.logo, Data: b})
		case strings.HasSuffix(name, ".html"):
			problems.Errorf(diag.Pos{File: file}, "替换整页的模板已不再支持；站点可在 %s 中定制：%s（HTML 片段）、custom.css 和 logo.svg 或 logo.png，见 docs/TEMPLATES.md。请把需要的内容移到这些文件后删除 %s",
				"templates that replace a whole page are no longer supported; a site customises %s through %s (HTML slots), custom.css and logo.svg or logo.png, see docs/TEMPLATES.md. Move what you need there and delete %s",
				display, slotNames, name)
		}
	}
	return c, problems
}

// readAssets adds the files under dir (the site's templates/assets) as
// assets; one that would replace a built-in asset is an error.
func (c *custom) readAssets(dir, display string) diag.List {
	var problems diag.List
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		site := "assets/" + rel
		if isBuiltinAsset(site) || site == "assets/custom.css" || strings.HasPrefix(site, "assets/logo.") {
			problems.Errorf(diag.Pos{File: display + "/" + rel}, "该文件会替换 kaoping 内置的 %s；样式请写在模板目录的 custom.css 中（在内置样式之后加载），徽标请放在模板目录的 logo.svg 或 logo.png",
				"this file would replace kaoping's built-in %s; put styles in custom.css in the templates folder (loaded after the built-in styles) and a logo in logo.svg or logo.png there",
				site)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		c.assets = append(c.assets, Asset{Path: site, Data: b})
		return nil
	})
	if err != nil {
		problems.Errorf(diag.Pos{File: display}, "无法读取：%v", "cannot read: %v", err)
	}
	return problems
}

// slotFiles are the file names of the slots.
func slotFiles() []string {
	var out []string
	for _, n := range templates.SlotNames() {
		out = append(out, n+".html")
	}
	return out
}

func isSlotFile(name string) bool {
	for _, n := range slotFiles() {
		if name == n {
			return true
		}
	}
	return false
}

// slotSet runs the site's slots: html/template files, each executed once
// per page with a templates.SlotData as its dot. It implements
// templates.Slots.
type slotSet struct {
	byName map[string]*template.Template
}

// Has implements templates.Slots.
func (s *slotSet) Has(name string) bool { return s.byName[name] != nil }

// Render implements templates.Slots. A slot that fails on some page (it
// ran on sample data when read) fails with a *SlotError.
func (s *slotSet) Render(w io.Writer, name string, data templates.SlotData) error {
	t := s.byName[name]
	if t == nil {
		return nil
	}
	if err := t.Execute(w, data); err != nil {
		msg, line := templateError(err)
		return &SlotError{File: t.Name(), Line: line, Page: data.Path, Msg: msg}
	}
	return nil
}

// SlotError is a site's HTML slot that failed on one page: the site's
// mistake, reported with the slot's file and line, not the build's.
type SlotError struct {
	File string // as shown to the user, e.g. templates/footer.html
	Line int    // 0 when unknown
	Page string // the page's site path
	Msg  string
}

func (e *SlotError) Error() string {
	return fmt.Sprintf("%s:%d: on %s: %s", e.File, e.Line, e.Page, e.Msg)
}

// Problem is the error as a problem of the site's input.
func (e *SlotError) Problem() diag.Problem {
	var l diag.List
	l.Errorf(diag.Pos{File: e.File, Line: e.Line}, "HTML 片段在生成 %s 时出错：%s。可用的字段见 docs/TEMPLATES.md：.Title .SiteTitle .Root .Path .Period .PeriodLabel .Lang",
		"the HTML slot failed on %s: %s. Its fields are listed in docs/TEMPLATES.md: .Title .SiteTitle .Root .Path .Period .PeriodLabel .Lang", e.Page, e.Msg)
	return l[0]
}

// parse reads and parses the slot file; it is run once on sample data, so
// that a slot that cannot run (a misspelt field, an unclosed tag that
// html/template cannot escape) is reported before a build writes anything.
func (s *slotSet) parse(full, file, name string) (diag.Problem, bool) {
	var l diag.List
	b, err := os.ReadFile(full)
	if err != nil {
		l.Errorf(diag.Pos{File: file}, "无法读取：%v", "cannot read: %v", err)
		return l[0], false
	}
	t, err := template.New(file).Parse(string(b))
	if err == nil {
		err = t.Execute(io.Discard, templates.SlotData{Title: "示例页面", SiteTitle: "示例", Path: "index.html",
			Period: "2026-Q1", PeriodLabel: "2026年第一季度", Lang: "zh-CN"})
	}
	if err != nil {
		msg, line := templateError(err)
		l.Errorf(diag.Pos{File: file, Line: line}, "HTML 片段有错误：%s。可用的字段见 docs/TEMPLATES.md：.Title .SiteTitle .Root .Path .Period .PeriodLabel .Lang",
			"the HTML slot has an error: %s. Its fields are listed in docs/TEMPLATES.md: .Title .SiteTitle .Root .Path .Period .PeriodLabel .Lang", msg)
		return l[0], false
	}
	s.byName[name] = t
	return diag.Problem{}, true
}

var templateErrRE = regexp.MustCompile(`^(?:html/)?template: [^:]+:(\d+)(?::\d+)?:\s*(.*)$`)

// templateError is the message and line of a text/template or
// html/template error.
func templateError(err error) (string, int) {
	var te *template.Error
	if errors.As(err, &te) && te.Line > 0 {
		return te.Description, te.Line
	}
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return m[2], line
	}
	return msg, 0
}

package build

import (
	"errors"
	"io"
	"path/filepath"

	"kaoping/generator/config"
	"kaoping/generator/diag"
	"kaoping/generator/manifest"
	"kaoping/generator/render"
	"kaoping/generator/share"
)

// Options are the settings of one build.
type Options struct {
	ConfigPath string
	OutDir     string // overrides output_dir when not empty
	// Progress, when not nil, hears the stages of the build (a progress
	// bar on a terminal).
	Progress Progress
	// Waiting, when not nil, is told once that another build holds the
	// output's lock (with its process id, "" when unknown) before this
	// build waits for it.
	Waiting func(pid string)
	// Version is kaoping's version, recorded in manifest.json.
	Version string
	// ExcludeKinds leaves the entities of these kinds (and those below
	// them) out of the whole output, with the schemes that rank them:
	// the version of the site that may leave the procuratorate.
	ExcludeKinds []string
	// Bundles writes the zip of each period's report (archive/<period>.zip)
	// also when the config does not ask for them (archive_zips); NoBundles
	// leaves them out also when it does.
	Bundles, NoBundles bool
}

// Summary tells what a build wrote.
type Summary struct {
	OutDir  string
	Files   int // every file written, pages and bundles included
	Pages   int // HTML pages of the site (a bundle's copies not counted)
	Periods int
	Schemes int
}

// Build loads, scores and writes the site: always the whole site, into a
// new folder beside the output, swapped in when everything succeeded (see
// outdir.go). On any error the previous output is left untouched and the
// problems are returned.
func Build(opts Options) (*Project, *Summary, diag.List) {
	prog := progressOf(opts.Progress)
	defer tuneGC()()
	defer startProfile()()
	traceStart()
	p, problems := load(opts.ConfigPath, prog)
	trace("load, score")
	if p == nil || problems.HasErrors() {
		return p, nil, problems
	}
	// Published periods are checked before anything is written.
	problems.Add(p.CheckPublished()...)
	if problems.HasErrors() {
		return p, nil, problems
	}
	view, ps := p.view(opts.ExcludeKinds)
	problems.Add(ps...)
	if problems.HasErrors() {
		return p, nil, problems
	}
	out, shown := outputDir(p.Config, opts.OutDir), opts.OutDir
	if shown == "" {
		shown = p.Rel(out)
	}
	in := inputs{site: p.Config.Dir, config: p.Config.Path, data: p.Config.DataDir, templates: p.Config.TemplatesDir}
	o, ps := resolveOutput(out, shown, in)
	problems.Add(ps...)
	if problems.HasErrors() {
		return p, nil, problems
	}
	bundles := (opts.Bundles || p.Config.ArchiveZips) && !opts.NoBundles
	site, ps := NewSite(view, SiteOptions{Version: opts.Version, Bundles: bundles})
	problems.Add(ps...)
	if problems.HasErrors() {
		return p, nil, problems
	}
	trace("plan")
	outPos := diag.Pos{File: shown}
	lk, err := acquireLock(o, opts.Waiting)
	if err != nil {
		problems.Errorf(outPos, "无法锁定输出目录（%v）；请检查该位置的写入权限",
			"cannot lock the output folder (%v); check write permission there", err)
		return p, nil, problems
	}
	defer lk.release()
	// The output may have changed while this build waited for the lock.
	if pr := checkOutput(o, in); pr != nil {
		problems.Add(*pr)
		return p, nil, problems
	}
	if err := removeLeftovers(o); err != nil {
		problems.Warnf(outPos, "无法删除上次中断的生成留下的临时目录（%v）；请手动删除输出目录旁以 .%s.kaoping-new- 开头的目录",
			"cannot remove the temporary folders an interrupted build left (%v); remove the folders beside the output whose names start with .%s.kaoping-new-", err, filepath.Base(o.Dir))
	}
	removeLegacyCache(p.Config.Dir)
	stage, err := newStaging(o)
	if err != nil {
		problems.Errorf(outPos, "无法在输出目录旁创建临时目录：%v；请检查该位置的写入权限和磁盘空间，或用 --out 换一个目录",
			"cannot create the temporary folder beside the output folder: %v; check write permission and free space there, or choose another folder with --out", err)
		return p, nil, problems
	}
	files, pages, err := site.generate(&dirSink{dir: stage.Dir}, prog, nil)
	trace("pages, files, bundles")
	if se := (*render.SlotError)(nil); errors.As(err, &se) {
		stage.abort()
		problems.Add(se.Problem())
		return p, nil, problems
	}
	if err != nil {
		stage.abort()
		problems.Errorf(outPos, "生成失败，原输出保持不变：%v（请把此消息报告给维护人员）",
			"the build failed, the previous output is unchanged: %v (report this message to the maintainers)", err)
		return p, nil, problems
	}
	old, err := stage.swap()
	if err != nil {
		stage.abort()
		problems.Errorf(outPos, "无法替换输出目录，原输出保持不变：%v；请关闭正在使用该目录的程序后重试",
			"cannot replace the output folder, the previous output is unchanged: %v; close any program using the folder and try again", err)
		return p, nil, problems
	}
	trace("swap")
	if old != "" {
		if err := removeTree(old); err != nil { // the new site is in place: only disk space is lost
			problems.Warnf(outPos, "无法删除上一次的输出（%v）；新输出已就位，下次生成会再试",
				"cannot remove the previous output (%v); the new output is in place, the next build will try again", err)
		}
	}
	trace("removal")
	// The project returned is what the output shows: with ExcludeKinds,
	// the shared part.
	return view, &Summary{OutDir: o.Dir, Files: files, Pages: pages, Periods: len(view.Data.Periods), Schemes: len(view.Config.Schemes)}, problems
}

// view is what the output shows: all of p, or with kinds excluded the
// part that may be shared.
func (p *Project) view(exclude []string) (*Project, diag.List) {
	if len(exclude) == 0 {
		return p, nil
	}
	sh, ps := share.Filter(p.Config, p.Data, p.Results, exclude)
	if ps.HasErrors() {
		return nil, ps
	}
	return &Project{Config: sh.Config, Data: sh.Data, Engine: p.Engine, Results: sh.Results, corrections: p.corrections}, ps
}

// outputDir is the output folder of a build of cfg: flag, when not
// empty (the --out option), or the configuration's output_dir.
func outputDir(cfg *config.Config, flag string) string {
	if flag != "" {
		abs, _ := filepath.Abs(flag)
		return abs
	}
	return cfg.OutputDir
}

// siteInputs is what manifest.json says the site was made from: the
// sha256 of config.toml and of every file of the data and templates
// folders.
type siteInputs struct {
	config string
	files  map[string]string
}

func (p *Project) siteInputs() (*siteInputs, error) {
	cfg, err := manifest.HashFile(p.Config.Path)
	if err != nil {
		return nil, err
	}
	files, err := manifest.HashInputs(p.Config.Dir, []string{p.Config.DataDir, p.Config.TemplatesDir}, p.Config.OutputDir)
	if err != nil {
		return nil, err
	}
	return &siteInputs{config: cfg, files: files}, nil
}

// Archive writes to w the zip of one period's report, whose pages are
// the site's pages: with archive_zips, byte for byte the file a build
// writes at archive/<period>.zip. Like a build, it refuses a published
// period whose results changed; exclude leaves entities out as for a
// build.
func Archive(p *Project, period string, exclude []string, version string, w io.Writer) diag.List {
	problems := p.CheckPublished()
	if problems.HasErrors() {
		return problems
	}
	view, ps := p.view(exclude)
	problems.Add(ps...)
	if problems.HasErrors() {
		return problems
	}
	site, ps := NewSite(view, SiteOptions{Version: version, Bundles: p.Config.ArchiveZips})
	problems.Add(ps...)
	if problems.HasErrors() {
		return problems
	}
	if err := site.Bundle(w, period); err != nil {
		problems.Errorf(diag.Pos{}, "无法生成 %s 的归档包：%v", "cannot make the zip of %s: %v", period, err)
	}
	return problems
}

// Holder names the folder of p that path is inside and that kaoping
// manages — "output" (a build replaces it whole) or "data" (inputs) — or
// "" when it is in neither: a file kaoping writes for the user, such as
// a period's zip, must not be put where the next build would delete it
// or read it.
func Holder(p *Project, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	abs = realPath(abs)
	switch {
	case within(abs, realPath(p.Config.OutputDir)):
		return "output"
	case within(abs, realPath(p.Config.DataDir)):
		return "data"
	}
	return ""
}

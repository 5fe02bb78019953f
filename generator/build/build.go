package build

import (
	"io"
	"path/filepath"

	"kaoping/generator/config"
	"kaoping/generator/diag"
	"kaoping/generator/manifest"
	"kaoping/generator/output"
	"kaoping/generator/render"
	"kaoping/generator/report"
	"kaoping/generator/share"
)

// Options are the settings of one build.
type Options struct {
	ConfigPath string
	OutDir     string // overrides output_dir when not empty
	// Progress, when not nil, hears the stages of the build (a progress
	// bar on a terminal).
	Progress Progress
	// Version is kaoping's version, recorded in manifest.json.
	Version string
	// ExcludeKinds leaves the entities of these kinds (and those below
	// them) out of the whole output, with the schemes that rank them:
	// the version of the site that may leave the procuratorate.
	ExcludeKinds []string
	// NoBundles skips the per-period archive bundles (archive/<period>.zip),
	// which render every page of their period a second time: for a quick
	// look at the site, and to time the pages alone (docs/PERFORMANCE.md).
	NoBundles bool
}

// Summary tells what a build wrote.
type Summary struct {
	OutDir  string
	Files   int // every file written, pages included
	Pages   int // HTML pages
	Periods int
	Schemes int
	// Unchanged counts the files (UnchangedPages the pages) kept from the
	// previous build because their inputs did not change; they are among
	// Files and Pages.
	Unchanged      int
	UnchangedPages int
	// SamePages counts the pages, among UnchangedPages, that were rendered
	// again (an input changed) but came out with the bytes they had: their
	// file is the previous one.
	SamePages int
	// CopiedEntries counts the entries of rewritten bundles copied still
	// compressed from the previous bundle (their bytes did not change).
	CopiedEntries int
}

// Build loads, scores and writes the site. On any error the previous
// output is left untouched and the problems are returned.
func Build(opts Options) (*Project, *Summary, diag.List) {
	prog := progressOf(opts.Progress)
	defer tuneGC()()
	defer startProfile()()
	traceStart()
	var cache *cacheRead
	p, problems := load(opts.ConfigPath, prog, func(cfg *config.Config) {
		out := outputDir(cfg, opts.OutDir)
		cache = readCacheAsync(cachePath(cfg.Dir, out), out)
	})
	trace("load, score")
	if p == nil || problems.HasErrors() {
		return p, nil, problems
	}
	// Published periods are checked before anything is written.
	problems.Add(p.CheckPublished()...)
	if problems.HasErrors() {
		return p, nil, problems
	}
	p.bundles = !opts.NoBundles
	view := p // what the output shows: all of p, or the shared part
	if len(opts.ExcludeKinds) > 0 {
		sh, ps := share.Filter(p.Config, p.Data, p.Results, opts.ExcludeKinds)
		problems.Add(ps...)
		if problems.HasErrors() {
			return p, nil, problems
		}
		view = &Project{Config: sh.Config, Data: sh.Data, Engine: p.Engine, Results: sh.Results,
			corrections: p.corrections, bundles: p.bundles}
	}
	out := outputDir(p.Config, opts.OutDir)
	if err := checkOutputDir(out, p.Config.Dir, p.Config.DataDir, p.Config.TemplatesDir); err != nil {
		problems.Errorf(diag.Pos{File: p.Config.FileName()},
			"输出目录 %s 会覆盖站点的输入文件（%v）；请把 output_dir 设为单独的目录，例如 public",
			"the output folder %s would overwrite the site's inputs (%v); set output_dir to a folder of its own, e.g. public",
			out, err)
		return p, nil, problems
	}
	if err := recoverMoves(cachePath(p.Config.Dir, out) + ".moves"); err != nil {
		problems.Errorf(diag.Pos{File: p.Rel(out)}, "上次生成在替换输出目录时中断，无法恢复：%v",
			"the last build was interrupted while replacing the output folder and cannot be repaired: %v", err)
		return p, nil, problems
	}
	stage, err := NewStaging(out)
	if err != nil {
		problems.Errorf(diag.Pos{File: p.Rel(out)}, "无法在输出目录旁创建临时目录：%v；请检查该位置的写入权限和磁盘空间，或用 --out 换一个目录",
			"cannot create the temporary folder beside the output folder: %v; check write permission and free space there, or choose another folder with --out", err)
		return p, nil, problems
	}
	view.pages = view.model()
	inc := view.startIncremental(out, stage.Dir, opts.Version, cache)
	rec := manifest.NewRecorderSize(len(inc.prev)) // the previous build's files: about as many
	trace("keys, cache")
	w := &render.Writer{Dir: stage.Dir, Record: inc.recorder(rec.Add), Keep: inc.keep, Same: inc.same}
	var pool *recycler
	if inc.cachePath != "" {
		pool = openRecycler(poolPath(inc.cachePath), stage.Dir)
		w.Recycle = pool.take
	}
	files, pages, err := writeSite(view, w, prog)
	trace("pages, files")
	if err == nil && view.bundles {
		var n int
		n, err = writeBundles(view, view.model(), w, opts.Version, prog)
		files += n
	}
	trace("bundles")
	if err == nil {
		err = writeManifest(view, stage.Dir, out, rec, opts.Version)
		files++
	}
	trace("manifest")
	if err == nil {
		err = inc.moveDirs() // the last step before the swap: see incremental_dirs.go
	}
	trace("moves")
	if err != nil {
		stage.Abort()
		problems.Errorf(diag.Pos{File: p.Rel(out)}, "生成失败，原输出保持不变：%v（若修改过模板，请检查上面提到的模板；否则请把此消息报告给维护人员）",
			"the build failed, the previous output is unchanged: %v (if you changed a template, check the one named above; otherwise report this message to the maintainers)", err)
		return p, nil, problems
	}
	old, err := stage.Swap()
	if err != nil {
		inc.undoMoves(len(inc.moves))
		stage.Abort()
		problems.Errorf(diag.Pos{File: p.Rel(out)}, "无法替换输出目录，原输出保持不变：%v；请关闭正在使用该目录中文件的程序后重试",
			"cannot replace the output folder, the previous output is unchanged: %v; close any program using files in it and try again", err)
		return p, nil, problems
	}
	trace("swap")
	inc.movesDone()
	// The previous output is removed (its files recycled: recycle.go)
	// while the cache is saved: on some disks freeing 25,000 files is
	// mostly waiting.
	removed := make(chan error, 1)
	linked, free := inc.oldFiles()
	go func() {
		if old == "" {
			removed <- nil
			return
		}
		removed <- pool.recycleTree(old, linked, free)
	}()
	inc.save()
	if err := <-removed; err != nil { // the new output is in place: only disk space is lost
		problems.Warnf(diag.Pos{File: p.Rel(old)}, "无法删除上一次的输出（%v）；新输出已就位，请手动删除该目录",
			"cannot remove the previous output (%v); the new output is in place, remove that folder by hand", err)
	}
	trace("cache, removal")
	// The project returned is what the output shows: with ExcludeKinds,
	// the shared part.
	return view, &Summary{OutDir: out, Files: files, Pages: pages, Periods: len(view.Data.Periods), Schemes: len(view.Config.Schemes),
		Unchanged: inc.Kept(), UnchangedPages: view.keptPages + int(inc.samePages.Load()),
		SamePages: int(inc.samePages.Load()), CopiedEntries: int(inc.copiedEntries.Load())}, problems
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

// dataJobs are data/<scheme>/<period>.json and .csv (SPEC §7), written
// by the site's workers with its pages: encoded only when they are not
// kept from the previous build.
func (p *Project) dataJobs() []report.FileJob {
	var jobs []report.FileJob
	for _, s := range p.Config.Schemes {
		for _, r := range p.Results[s.ID] {
			jobs = append(jobs,
				report.FileJob{Path: report.DataPath(s.ID, r.Period.ID, "json"), Write: func(f io.Writer) error {
					js, err := output.JSON(r)
					if err == nil {
						_, err = f.Write(js)
					}
					return err
				}},
				report.FileJob{Path: report.DataPath(s.ID, r.Period.ID, "csv"), Write: func(f io.Writer) error { return output.CSV(f, r) }})
		}
	}
	return jobs
}

package build

import (
	"io"
	"path/filepath"

	"kaoping/generator/diag"
	"kaoping/generator/output"
	"kaoping/generator/render"
	"kaoping/generator/report"
)

// Options are the settings of one build.
type Options struct {
	ConfigPath string
	OutDir     string // overrides output_dir when not empty
}

// Summary tells what a build wrote.
type Summary struct {
	OutDir  string
	Files   int
	Periods int
	Schemes int
}

// Build loads, scores and writes the site. On any error the previous
// output is left untouched and the problems are returned.
func Build(opts Options) (*Project, *Summary, diag.List) {
	p, problems := Load(opts.ConfigPath)
	if p == nil || problems.HasErrors() {
		return p, nil, problems
	}
	out := p.Config.OutputDir
	if opts.OutDir != "" {
		out, _ = filepath.Abs(opts.OutDir)
	}
	if err := checkOutputDir(out, p.Config.Dir, p.Config.DataDir, p.Config.TemplatesDir); err != nil {
		problems.Errorf(diag.Pos{File: filepath.Base(p.Config.Path)},
			"输出目录 %s 会覆盖站点的输入文件（%v）；请把 output_dir 设为单独的目录，例如 public",
			"the output folder %s would overwrite the site's inputs (%v); set output_dir to a folder of its own, e.g. public",
			out, err)
		return p, nil, problems
	}
	stage, err := NewStaging(out)
	if err != nil {
		problems.Errorf(diag.Pos{File: out}, "无法创建临时输出目录：%v", "cannot create the temporary output folder: %v", err)
		return p, nil, problems
	}
	w := &render.Writer{Dir: stage.Dir}
	files, err := p.writeData(w)
	if err == nil {
		var pages int
		pages, err = writeSite(p, w)
		files += pages
	}
	if err != nil {
		stage.Abort()
		problems.Errorf(diag.Pos{File: p.Rel(out)}, "生成失败，原输出保持不变：%v", "the build failed, the previous output is unchanged: %v", err)
		return p, nil, problems
	}
	if err := stage.Commit(); err != nil {
		stage.Abort()
		problems.Errorf(diag.Pos{File: out}, "无法替换输出目录：%v", "cannot replace the output folder: %v", err)
		return p, nil, problems
	}
	return p, &Summary{OutDir: out, Files: files, Periods: len(p.Data.Periods), Schemes: len(p.Config.Schemes)}, problems
}

// writeData writes data/<scheme>/<period>.json and .csv (SPEC §7) and
// returns the number of files written.
func (p *Project) writeData(w *render.Writer) (int, error) {
	n := 0
	for _, s := range p.Config.Schemes {
		for _, r := range p.Results[s.ID] {
			js, err := output.JSON(r)
			if err != nil {
				return n, err
			}
			if err := w.WriteFile(report.DataPath(s.ID, r.Period.ID, "json"), js); err != nil {
				return n, err
			}
			err = w.Create(report.DataPath(s.ID, r.Period.ID, "csv"), func(f io.Writer) error { return output.CSV(f, r) })
			if err != nil {
				return n, err
			}
			n += 2
		}
	}
	return n, nil
}

package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"kaoping/generator/build"
	"kaoping/generator/diag"
	"kaoping/generator/explain"
	"kaoping/generator/output"
)

// printProblems writes the problems, one per line, in the config's
// language, and a count at the end; past diag.MaxListed problems the
// listing ends with how many more there are (the count is of all).
func printProblems(w io.Writer, problems diag.List, lang string) {
	problems.Fprint(w, lang)
}

// langOf is the language of messages: the config's, also when the config
// or the data have errors (then p is nil), or Chinese when the config
// cannot be read at all.
func langOf(p *build.Project, configPath string) string {
	if p != nil && p.Config != nil {
		return p.Config.Language
	}
	return build.Language(configPath)
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", stderr)
	cfg := fs.String("config", "config.toml", "config file")
	out := fs.String("out", "", "output folder (overrides output_dir)")
	quiet := fs.Bool("quiet", false, "print errors only")
	noBundles := fs.Bool("no-bundles", false, "skip the per-period archive bundles (archive/<period>.zip): faster, for a quick look")
	var exclude kindList
	fs.Var(&exclude, "exclude-kind", "leave out the entities of this kind (repeatable or comma-separated), e.g. prosecutor: the version to send outside")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		return usageError(stderr, fmt.Sprintf("build 不接受参数 %q", rest[0]), fmt.Sprintf("build takes no argument %q", rest[0]))
	}
	start := time.Now()
	bar := newProgress(stderr, *quiet, build.Language(*cfg))
	lang := build.Language(*cfg)
	waiting := func(pid string) {
		if bar != nil {
			bar.Done()
		}
		if lang == "en" {
			fmt.Fprintf(stderr, "another kaoping build (process %s) is writing this output; waiting for it to finish…\n", orUnknown(pid, "unknown"))
		} else {
			fmt.Fprintf(stderr, "另一个 kaoping 生成（进程 %s）正在写入该输出目录，等待它结束……\n", orUnknown(pid, "未知"))
		}
	}
	p, sum, problems := build.Build(build.Options{ConfigPath: *cfg, OutDir: *out, Progress: buildProgress(bar), Waiting: waiting,
		Version: version, ExcludeKinds: exclude, NoBundles: *noBundles})
	if bar != nil {
		bar.Done()
	}
	lang = langOf(p, *cfg)
	if problems.HasErrors() {
		printProblems(stderr, problems, lang)
		if lang == "en" {
			fmt.Fprintln(stderr, "nothing was written: the previous output is as it was")
		} else {
			fmt.Fprintln(stderr, "未写入任何文件，原输出保持不变")
		}
		return exitInput
	}
	if !*quiet {
		printProblems(stderr, problems, lang)
		elapsed := time.Since(start).Round(time.Millisecond)
		if lang == "en" {
			fmt.Fprintf(stdout, "built %s: %d pages (%d files), %d schemes, %d periods, %d entities in %s\n",
				sum.OutDir, sum.Pages, sum.Files, sum.Schemes, sum.Periods, len(p.Data.Entities.All), elapsed)
		} else {
			fmt.Fprintf(stdout, "已生成 %s：%d 个页面（共 %d 个文件），%d 个方案，%d 个考核期，%d 个考核对象，用时 %s\n",
				sum.OutDir, sum.Pages, sum.Files, sum.Schemes, sum.Periods, len(p.Data.Entities.All), elapsed)
		}
	}
	return exitOK
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", stderr)
	cfg := fs.String("config", "config.toml", "config file")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		return usageError(stderr, fmt.Sprintf("check 不接受参数 %q", rest[0]), fmt.Sprintf("check takes no argument %q", rest[0]))
	}
	p, problems := build.Load(*cfg)
	if p != nil && !problems.HasErrors() {
		problems.Add(p.CheckPublished()...) // a published period that changed
		problems.Add(p.CheckTemplates()...) // a slot that does not run, a page override
	}
	lang := langOf(p, *cfg)
	printProblems(stdout, problems, lang)
	if problems.HasErrors() {
		return exitInput
	}
	if lang == "en" {
		fmt.Fprintf(stdout, "ok: %d schemes, %d periods, %d entities\n", len(p.Config.Schemes), len(p.Data.Periods), len(p.Data.Entities.All))
	} else {
		fmt.Fprintf(stdout, "检查通过：%d 个方案，%d 个考核期，%d 个考核对象\n", len(p.Config.Schemes), len(p.Data.Periods), len(p.Data.Entities.All))
	}
	return exitOK
}

// loadForQuery loads and scores the project and finds the requested
// scheme and period, reporting what is wrong otherwise.
func loadForQuery(cfg, scheme, period string, stderr io.Writer) (*build.Project, int) {
	p, problems := build.Load(cfg)
	lang := langOf(p, cfg)
	if problems.HasErrors() {
		printProblems(stderr, problems, lang)
		return nil, exitInput
	}
	s := p.Config.Scheme(scheme)
	if s == nil {
		var ids []string
		for _, s := range p.Config.Schemes {
			ids = append(ids, s.ID)
		}
		usageError(stderr, fmt.Sprintf("没有考核方案 %q；可用：%v", scheme, ids), fmt.Sprintf("no scheme %q; there are %v", scheme, ids))
		return nil, exitUsage
	}
	if p.Result(scheme, period) == nil {
		var ids []string
		for _, r := range p.Results[scheme] {
			ids = append(ids, r.Period.ID)
		}
		usageError(stderr, fmt.Sprintf("方案 %s 没有考核期 %q；可用：%v", scheme, period, ids), fmt.Sprintf("scheme %s has no period %q; there are %v", scheme, period, ids))
		return nil, exitUsage
	}
	return p, exitOK
}

func cmdScores(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("scores", stderr)
	cfg := fs.String("config", "config.toml", "config file")
	scheme := fs.String("scheme", "", "scheme id")
	period := fs.String("period", "", "period id")
	format := fs.String("format", "json", "json or csv")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		return usageError(stderr, fmt.Sprintf("scores 不接受参数 %q", rest[0]), fmt.Sprintf("scores takes no argument %q", rest[0]))
	}
	if *scheme == "" || *period == "" {
		return usageError(stderr, "需要 --scheme 和 --period", "--scheme and --period are required")
	}
	if *format != "json" && *format != "csv" {
		return usageError(stderr, fmt.Sprintf("--format 只能是 json 或 csv，而不是 %q", *format), fmt.Sprintf("--format must be json or csv, not %q", *format))
	}
	p, code := loadForQuery(*cfg, *scheme, *period, stderr)
	if p == nil {
		return code
	}
	r := p.Result(*scheme, *period)
	if *format == "csv" {
		var buf bytes.Buffer
		if err := output.CSV(&buf, r); err != nil {
			fmt.Fprintln(stderr, err)
			return exitInput
		}
		stdout.Write(buf.Bytes())
		return exitOK
	}
	js, err := output.JSON(r)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInput
	}
	stdout.Write(js)
	return exitOK
}

func cmdExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("explain", stderr)
	cfg := fs.String("config", "config.toml", "config file")
	scheme := fs.String("scheme", "", "scheme id")
	period := fs.String("period", "", "period id")
	entity := fs.String("entity", "", "entity id")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		return usageError(stderr, fmt.Sprintf("explain 不接受参数 %q", rest[0]), fmt.Sprintf("explain takes no argument %q", rest[0]))
	}
	if *scheme == "" || *period == "" || *entity == "" {
		return usageError(stderr, "需要 --scheme、--period 和 --entity", "--scheme, --period and --entity are required")
	}
	p, code := loadForQuery(*cfg, *scheme, *period, stderr)
	if p == nil {
		return code
	}
	r := p.Result(*scheme, *period)
	lang := p.Config.Language
	text, ok := explain.Entity(p.Config, r, *entity, lang)
	if !ok {
		return usageError(stderr,
			fmt.Sprintf("考核对象 %q 不在方案 %s 的 %s 考核范围内（不是该类型，或本期没有数据）", *entity, *scheme, *period),
			fmt.Sprintf("entity %q is not scored by scheme %s in %s (another kind, or no data this period)", *entity, *scheme, *period))
	}
	fmt.Fprint(stdout, text)
	return exitOK
}

// orUnknown is s, or unknown when s is empty.
func orUnknown(s, unknown string) string {
	if s == "" {
		return unknown
	}
	return s
}

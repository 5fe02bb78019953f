package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"kaoping/generator/build"
	"kaoping/generator/diag"
	"kaoping/generator/explain"
	"kaoping/generator/output"
	"kaoping/generator/report"
	"kaoping/generator/scoring"
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
	cfg := configFlag(fs)
	out := fs.String("out", "", bi("输出`目录`（代替配置中的 output_dir）", "the output `DIR` (instead of output_dir in the config)"))
	quiet := fs.Bool("quiet", false, bi("只显示错误", "prints errors only"))
	archives := fs.Bool("archives", false, bi("同时生成每期归档包（archive/考核期.zip），即使配置中 archive_zips 未打开", "also writes each period's zip (archive/<period>.zip), even without archive_zips in the config"))
	noBundles := fs.Bool("no-bundles", false, bi("不生成每期归档包，即使配置中 archive_zips = true", "writes no per-period zips, even with archive_zips = true in the config"))
	var exclude kindList
	fs.Var(&exclude, "exclude-kind", bi("不含该`类型`的考核对象（可重复，或用逗号分隔），如 prosecutor：对外发送的版本", "leaves out the entities of this `KIND` (repeatable or comma-separated), e.g. prosecutor: the version to send outside"))
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
		Version: version, ExcludeKinds: exclude, Bundles: *archives, NoBundles: *noBundles})
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
	cfg := configFlag(fs)
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
	if p.Config.Scheme(scheme) == nil {
		var ids []string
		for _, s := range p.Config.Schemes {
			ids = append(ids, s.ID)
		}
		zh, en := didYouMean(scheme, ids, "")
		usageError(stderr, fmt.Sprintf("没有考核方案 %q%s；可用的方案：%s", scheme, zh, listZH(ids)),
			fmt.Sprintf("there is no scheme %q%s; the schemes are %s", scheme, en, listEN(ids)))
		return nil, exitUsage
	}
	if p.Result(scheme, period) == nil {
		var ids []string
		for _, r := range p.Results[scheme] {
			ids = append(ids, r.Period.ID)
		}
		zh, en := didYouMean(period, ids, "")
		usageError(stderr, fmt.Sprintf("方案 %s 没有考核期 %q%s；可用的考核期：%s", scheme, period, zh, listZH(ids)),
			fmt.Sprintf("scheme %s has no period %q%s; its periods are %s", scheme, period, en, listEN(ids)))
		return nil, exitUsage
	}
	return p, exitOK
}

func cmdScores(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("scores", stderr)
	cfg := configFlag(fs)
	scheme := fs.String("scheme", "", bi("考核`方案`的编号，如 basic", "the `SCHEME` id, e.g. basic"))
	period := fs.String("period", "", bi("`考核期`，如 2025-Q1", "the `PERIOD`, e.g. 2025-Q1"))
	format := fs.String("format", "json", bi("输出`格式`：json 或 csv", "the output `FORMAT`: json or csv"))
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
	cfg := configFlag(fs)
	scheme := fs.String("scheme", "", bi("考核`方案`的编号，如 basic", "the `SCHEME` id, e.g. basic"))
	period := fs.String("period", "", bi("`考核期`，如 2025-Q1", "the `PERIOD`, e.g. 2025-Q1"))
	entity := fs.String("entity", "", bi("考核对象的`编号`（entities.csv 的 id 列）", "the entity `ID` (the id column of entities.csv)"))
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
		return notScored(stderr, p, r, *entity)
	}
	fmt.Fprint(stdout, text)
	return exitOK
}

// notScored says why entity id has no result r: there is no such entity
// (with the closest ids, or the id of an entity so named), it is of
// another kind than the scheme scores, or it has no data that period.
func notScored(stderr io.Writer, p *build.Project, r *scoring.Result, id string) int {
	s, per := r.Scheme.ID, r.Period.ID
	e := p.Data.Entities.Get(id)
	if e == nil {
		for _, e := range p.Data.Entities.All {
			if e.Name == id {
				return usageError(stderr, fmt.Sprintf("--entity 要写编号：%s 的编号是 %s", e.Name, e.ID),
					fmt.Sprintf("--entity takes an id: the id of %s is %s", e.Name, e.ID))
			}
		}
		var ids []string
		for _, e := range p.Data.Entities.All {
			ids = append(ids, e.ID)
		}
		zh, en := didYouMean(id, ids, "")
		return usageError(stderr, fmt.Sprintf("没有编号为 %q 的考核对象%s；编号见 entities.csv 的 id 列", id, zh),
			fmt.Sprintf("there is no entity with the id %q%s; the ids are in the id column of entities.csv", id, en))
	}
	kind := func(k, lang string) string { return (&report.Model{Lang: lang}).KindLabel(k) }
	if e.Kind != r.Scheme.Kind {
		return usageError(stderr,
			fmt.Sprintf("%s（%s）是%s，方案 %s 考核的是%s，不计它的分", e.Name, e.ID, kind(e.Kind, "zh-CN"), s, kind(r.Scheme.Kind, "zh-CN")),
			fmt.Sprintf("%s (%s) is a %s; scheme %s scores %s entities, not it", e.Name, e.ID, strings.ToLower(kind(e.Kind, "en")), s, strings.ToLower(kind(r.Scheme.Kind, "en"))))
	}
	return usageError(stderr, fmt.Sprintf("%s（%s）在 %s 没有数据，方案 %s 本期未给它计分", e.Name, e.ID, per, s),
		fmt.Sprintf("%s (%s) has no data in %s, so scheme %s did not score it that period", e.Name, e.ID, per, s))
}

// orUnknown is s, or unknown when s is empty.
func orUnknown(s, unknown string) string {
	if s == "" {
		return unknown
	}
	return s
}

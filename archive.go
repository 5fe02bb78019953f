package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"kaoping/generator/build"
	"kaoping/generator/manifest"
)

// kindList is a repeatable flag of entity kinds: --exclude-kind prosecutor
// --exclude-kind department, or --exclude-kind prosecutor,department.
type kindList []string

func (k *kindList) String() string { return strings.Join(*k, ",") }

func (k *kindList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*k = append(*k, s)
		}
	}
	return nil
}

// cmdVerify checks a built site or an unzipped bundle against its
// manifest.json: exit 0 when every file is as listed, 1 when a file is
// missing, extra or changed or there is no readable manifest, 2 on bad
// usage.
func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("verify", stderr)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) != 1 {
		return usageError(stderr, "verify 需要且只需要一个目录", "verify takes exactly one folder")
	}
	dir := rest[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "%s: 错误: 不是一个目录（%v）\n%s: error: not a folder (%v)\n", dir, err, dir, err)
		return exitInput
	}
	rep, err := manifest.Verify(dir)
	if err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法读取 %s：%v；请指定 kaoping build 生成的目录或解压后的归档包\n%s: error: cannot read %s: %v; give a folder written by kaoping build or an unzipped bundle\n",
			dir, manifest.FileName, err, dir, manifest.FileName, err)
		return exitInput
	}
	for _, f := range rep.Missing {
		fmt.Fprintf(stdout, "缺少 (missing): %s\n", f)
	}
	for _, f := range rep.Extra {
		fmt.Fprintf(stdout, "多出 (extra):   %s\n", f)
	}
	for _, f := range rep.Changed {
		fmt.Fprintf(stdout, "改动 (changed): %s\n", f)
	}
	if !rep.OK() {
		fmt.Fprintf(stdout, "校验未通过：%d 个文件缺少，%d 个多出，%d 个被改动（共 %d 个文件）\nverification failed: %d missing, %d extra, %d changed (of %d files)\n",
			len(rep.Missing), len(rep.Extra), len(rep.Changed), rep.Checked, len(rep.Missing), len(rep.Extra), len(rep.Changed), rep.Checked)
		return exitInput
	}
	v := rep.Manifest.Kaoping
	if v == "" {
		v = "?"
	}
	fmt.Fprintf(stdout, "校验通过：%d 个文件与 manifest.json 一致（kaoping %s）\nverified: %d files match manifest.json (kaoping %s)\n", rep.Checked, v, rep.Checked, v)
	return exitOK
}

// today is the date a publication is recorded with; tests replace it.
var today = func() string { return time.Now().Format("2006-01-02") }

// cmdPublish records a period as published (公示), or with --amend a
// correction of a published period, in data/published.toml.
func cmdPublish(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("publish", stderr)
	cfg := fs.String("config", "config.toml", "config file")
	amend := fs.String("amend", "", "the reason of a correction of a published period (更正原因)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) != 1 {
		return usageError(stderr, "publish 需要且只需要一个考核期，例如 kaoping publish 2026-03", "publish takes exactly one period, e.g. kaoping publish 2026-03")
	}
	amending := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "amend" {
			amending = true
		}
	})
	reason := strings.TrimSpace(*amend)
	if amending && reason == "" {
		return usageError(stderr, "--amend 需要写明更正原因，例如 --amend \"山亭区院 3 月结案数录入错误\"", "--amend needs the reason of the correction, e.g. --amend \"closed cases of March entered wrongly\"")
	}
	p, problems := build.Load(*cfg)
	lang := langOf(p, *cfg)
	if problems.HasErrors() {
		printProblems(stderr, problems, lang)
		return exitInput
	}
	res, ps := p.Publish(rest[0], reason, today())
	if ps.HasErrors() {
		printProblems(stderr, ps, lang)
		return exitInput
	}
	printProblems(stderr, ps, lang)
	say := func(zh, en string, ids []string) {
		if len(ids) == 0 {
			return
		}
		if lang == "en" {
			fmt.Fprintf(stdout, "%s: %s\n", en, strings.Join(ids, ", "))
		} else {
			fmt.Fprintf(stdout, "%s：%s\n", zh, strings.Join(ids, "、"))
		}
	}
	say("已公示", "published", res.Published)
	say("已记录更正", "correction recorded", res.Amended)
	say("已公示且未改变", "already published, unchanged", res.Unchanged)
	if len(res.Published)+len(res.Amended) > 0 {
		if lang == "en" {
			fmt.Fprintln(stdout, "recorded in data/published.toml: commit it (and data/published/) with the data")
		} else {
			fmt.Fprintln(stdout, "已写入 data/published.toml，请与 data/published/ 和数据一起提交到版本库")
		}
	}
	return exitOK
}

package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"kaoping/generator/build"
	"kaoping/generator/diag"
)

// cmdArchive writes the zip of one period's report (归档包) for sending
// to the supervising procuratorate: `kaoping archive P [--out FILE]`. It
// is the zip a build with archive_zips writes at archive/<P>.zip. The
// file is never written over.
func cmdArchive(args []string, stdout, stderr io.Writer) int {
	fset := newFlagSet("archive", stderr)
	cfg := configFlag(fset)
	out := fset.String("out", "", bi("要写入的归档包`文件`（默认为当前文件夹中的 考核期-归档包.zip）", "the zip `FILE` to write (default: <period>-归档包.zip in the current folder)"))
	var exclude kindList
	fset.Var(&exclude, "exclude-kind", bi("不含该`类型`的考核对象（可重复，或用逗号分隔），如 prosecutor：对外发送的版本", "leaves out the entities of this `KIND` (repeatable or comma-separated), e.g. prosecutor: the version to send outside"))
	rest, err := parseFlags(fset, args)
	if err != nil {
		return flagExit(err)
	}
	switch {
	case len(rest) == 0:
		return usageError(stderr, "需要考核期，例如 kaoping archive 2026-03", "the period is required, e.g. kaoping archive 2026-03")
	case len(rest) > 1:
		return usageError(stderr, fmt.Sprintf("archive 只接受一个考核期，多了 %q", rest[1]), fmt.Sprintf("archive takes one period, not also %q", rest[1]))
	}
	period := rest[0]
	p, problems := build.Load(*cfg)
	lang := langOf(p, *cfg)
	sayIn := func(w io.Writer, zh, en string) {
		if lang == "en" {
			fmt.Fprintln(w, en)
		} else {
			fmt.Fprintln(w, zh)
		}
	}
	if problems.HasErrors() {
		printProblems(stderr, problems, lang)
		sayIn(stderr, "未生成归档包：请先改正以上问题", "no zip was written: correct the problems above first")
		return exitInput
	}
	if p.Data.Period(period) == nil {
		var ids []string
		for _, pd := range p.Data.Periods {
			ids = append(ids, pd.ID)
		}
		zh, en := didYouMean(period, ids, "")
		return usageError(stderr, fmt.Sprintf("没有考核期 %q%s；有数据的考核期：%s", period, zh, listZH(ids)),
			fmt.Sprintf("there is no period %q%s; the periods with data are %s", period, en, listEN(ids)))
	}
	file := *out
	if file == "" {
		file = period + "-归档包.zip"
	}
	switch build.Holder(p, file) {
	case "output":
		return usageError(stderr, fmt.Sprintf("%s 在输出目录 %s 中：下次生成会整体替换该目录，归档包会随之删除；请用 --out 写到别处", file, p.Rel(p.Config.OutputDir)),
			fmt.Sprintf("%s is inside the output folder %s, which the next build replaces whole, zip included; write it elsewhere with --out", file, p.Rel(p.Config.OutputDir)))
	case "data":
		return usageError(stderr, fmt.Sprintf("%s 在数据目录 %s 中，会被当作输入读取；请用 --out 写到别处", file, p.Rel(p.Config.DataDir)),
			fmt.Sprintf("%s is inside the data folder %s, where it would be read as input; write it elsewhere with --out", file, p.Rel(p.Config.DataDir)))
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			sayIn(stderr, fmt.Sprintf("%s: 错误: 文件已存在，未改动它；请删除或改名后重试，或用 --out 指定另一个文件", file),
				fmt.Sprintf("%s: error: the file exists and was left as it is; delete or rename it and try again, or choose another file with --out", file))
		} else {
			sayIn(stderr, fmt.Sprintf("%s: 错误: 无法写入：%v", file, err), fmt.Sprintf("%s: error: cannot write it: %v", file, err))
		}
		return exitInput
	}
	problems = build.Archive(p, period, exclude, version, f)
	if cerr := f.Close(); cerr != nil && !problems.HasErrors() {
		problems.Errorf(diag.Pos{File: file}, "无法写入：%v", "cannot write it: %v", cerr)
	}
	if problems.HasErrors() {
		os.Remove(file) // a zip cut short is no archive
		printProblems(stderr, problems, lang)
		sayIn(stderr, "未生成归档包", "no zip was written")
		return exitInput
	}
	printProblems(stderr, problems, lang)
	var mb float64
	if st, err := os.Stat(file); err == nil {
		mb = float64(st.Size()) / 1e6
	}
	label := p.Data.Period(period).Period.Label(lang)
	sayIn(stdout, fmt.Sprintf("已生成 %s：%s的报告（%.1f MB）；解压后双击 index.html 即可离线查看，kaoping verify 可按其中的 manifest.json 校验", file, label, mb),
		fmt.Sprintf("wrote %s: the report of %s (%.1f MB); unzipped, its index.html opens offline, and kaoping verify checks it against its manifest.json", file, label, mb))
	return exitOK
}

// Command kaoping (考评) turns per-period performance data and scoring
// rules into a static report site. This file is the command line only: it
// parses flags, calls the generator and maps errors to exit codes
// (0 success, 1 bad input, 2 bad usage).
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes (SPEC §2).
const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

// version is set at link time (-ldflags "-X main.version=...").
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand of kaoping. usage and usageEN are each its
// synopsis, a newline and what it does; a usageEN without a synopsis
// borrows the Chinese one.
type command struct {
	name    string
	usage   string // zh-CN
	usageEN string
	run     func(args []string, stdout, stderr io.Writer) int
}

// help is the command's synopsis and description in lang.
func (c command) help(lang string) (synopsis, desc string) {
	synopsis, desc, _ = strings.Cut(c.usage, "\n")
	if lang == "en" {
		if s, d, ok := strings.Cut(c.usageEN, "\n"); ok {
			synopsis, desc = s, d
		} else {
			desc = c.usageEN
		}
	}
	return synopsis, strings.TrimSpace(desc)
}

func commands() []command {
	return []command{
		{"build", "kaoping build [--config 文件] [--out 目录] [--quiet] [--exclude-kind 类型] [--archives | --no-bundles]\n  生成整个站点（终端中显示进度）；--exclude-kind prosecutor 生成不含检察官个人的对外版本；--archives 同时生成每期归档包 archive/考核期.zip（配置 archive_zips = true 时每次都生成，--no-bundles 则不生成）",
			"kaoping build [--config FILE] [--out DIR] [--quiet] [--exclude-kind KIND] [--archives | --no-bundles]\n  builds the whole site (with a progress bar on a terminal); --exclude-kind prosecutor leaves individuals out, for sending outside; --archives also writes each period's zip archive/PERIOD.zip (always with archive_zips = true in the config, which --no-bundles overrides)", cmdBuild},
		{"check", "kaoping check [--config 文件]\n  检查配置和数据，列出所有问题", "kaoping check [--config FILE]\n  validates config and data, listing every problem", cmdCheck},
		{"scores", "kaoping scores --scheme 方案 --period 考核期 [--format json|csv] [--config 文件]\n  输出计算结果", "kaoping scores --scheme SCHEME --period PERIOD [--format json|csv] [--config FILE]\n  prints the computed results", cmdScores},
		{"explain", "kaoping explain --scheme 方案 --period 考核期 --entity 编号 [--config 文件]\n  逐项说明某单位每一分的来历", "kaoping explain --scheme SCHEME --period PERIOD --entity ID [--config FILE]\n  explains in words how each point of an entity was obtained", cmdExplain},
		{"serve", "kaoping serve [--addr 127.0.0.1:8080] [--config 文件] [--quiet]\n  在内存中生成并在本机预览站点，不写入任何文件；修改配置、数据或模板后自动重新载入并刷新浏览器",
			"kaoping serve [--addr 127.0.0.1:8080] [--config FILE] [--quiet]\n  serves the site from memory, writing nothing; loads it again and reloads the browser when config, data or templates change", cmdServe},
		{"form", "kaoping form 考核期 [--out 文件] [--config 文件]\n  生成该期的空白填报表（Excel）：每个单位一行、每个字段一列，只能填不小于 0 的数；默认写入当前文件夹的 考核期-填报表.xlsx，不覆盖已有文件；填好后保存为 data/periods/考核期.xlsx",
			"kaoping form PERIOD [--out FILE] [--config FILE]\n  writes the period's blank data-entry workbook (one row per unit, one column per field, numbers ≥ 0 only); by default PERIOD-填报表.xlsx in the current folder, never over an existing file; once filled, save it as data/periods/PERIOD.xlsx", cmdForm},
		{"publish", "kaoping publish 考核期 [--from 日期 --days 天数] [--amend \"更正原因\"] [--withdraw \"撤回原因\"] [--config 文件]\n  记录该期已公示（连同其累计期）及公示期（--from 2026-04-01 --days 5，按 [publication] working_days 计自然日或工作日）；此后该期数据或结果改变时 build 会报错，除非用 --amend 记录更正；--withdraw 撤回公示，该期重新成为未公示的草稿",
			"kaoping publish PERIOD [--from DATE --days N] [--amend \"REASON\"] [--withdraw \"REASON\"] [--config FILE]\n  records a period as published (with its cumulative period) and its 公示期 (--from 2026-04-01 --days 5: calendar days, or Monday–Friday with [publication] working_days = true); a later build fails when its data or results change, unless --amend records a correction; --withdraw REASON withdraws the publication, and the period is a draft again", cmdPublish},
		{"archive", "kaoping archive 考核期 [--out 文件] [--exclude-kind 类型] [--config 文件]\n  生成该期报告的归档包（zip，报送上级院用）：解压后双击 index.html 即可离线查看；默认写入当前文件夹的 考核期-归档包.zip，不覆盖已有文件；--exclude-kind prosecutor 生成不含检察官个人的对外版本",
			"kaoping archive PERIOD [--out FILE] [--exclude-kind KIND] [--config FILE]\n  writes the zip of the period's report, to send to the supervising procuratorate: unzipped, index.html opens offline; by default PERIOD-归档包.zip in the current folder, never over an existing file; --exclude-kind prosecutor leaves individuals out", cmdArchive},
		{"verify", "kaoping verify 目录\n  按 manifest.json 校验生成的站点或解压后的归档包，列出缺少、多出和被改动的文件",
			"kaoping verify DIR\n  checks a built site or an unzipped bundle against its manifest.json, listing missing, extra and changed files", cmdVerify},
		{"init", "kaoping init 目录\n  新建站点文件夹，内含可直接生成的示例（配置逐项有中文注释）",
			"kaoping init DIR\n  creates a new site folder with a working example", cmdInit},
		{"version", "kaoping version\n  显示版本（也可写 kaoping --version）", "kaoping version\n  prints the version (also kaoping --version)", cmdVersion},
		{"help", "kaoping help [命令]\n  显示帮助，或某个命令的用法", "kaoping help [COMMAND]\n  shows help, or a command's usage", cmdHelp},
	}
}

// run runs the command line args and returns the exit code. Its messages
// and help are in the language of the config the arguments name (or of
// ./config.toml); see cliLang.
func run(args []string, stdout, stderr io.Writer) int {
	lang := cliLang(configArg(args))
	stdout, stderr = &langWriter{stdout, lang}, &langWriter{stderr, lang}
	if len(args) == 0 {
		printUsage(stdout)
		return exitOK
	}
	switch args[0] {
	case "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	case "-v", "-version", "--version":
		return cmdVersion(args[1:], stdout, stderr)
	}
	if c, ok := findCommand(args[0], stderr); ok {
		return c.run(args[1:], stdout, stderr)
	}
	return exitUsage
}

// findCommand is the command called name, or reports (with the closest
// names) that there is none.
func findCommand(name string, stderr io.Writer) (command, bool) {
	var names []string
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
		names = append(names, c.name)
	}
	if strings.HasPrefix(name, "-") {
		opt := "--" + strings.TrimLeft(name, "-")
		zh, en := didYouMean(strings.TrimLeft(name, "-"), []string{"help", "version"}, "--")
		usageError(stderr, fmt.Sprintf("kaoping 没有选项 %s%s；选项写在命令之后，例如 kaoping build --config 文件。运行 kaoping help 查看可用命令", opt, zh),
			fmt.Sprintf("kaoping has no option %s%s; options follow the command, e.g. kaoping build --config FILE. Run kaoping help to see the commands", opt, en))
		return command{}, false
	}
	zh, en := didYouMean(name, names, "")
	usageError(stderr, fmt.Sprintf("没有命令 %q%s。运行 kaoping help 查看可用命令", name, zh),
		fmt.Sprintf("there is no command %q%s. Run kaoping help to see the commands", name, en))
	return command{}, false
}

// cmdHelp prints the usage of every command, or of the one named.
func cmdHelp(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("help", stderr)
	configFlag(fs) // names the config whose language the help is in
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) == 0 {
		printUsage(stdout)
		return exitOK
	}
	c, ok := findCommand(rest[0], stderr)
	if !ok {
		return exitUsage
	}
	if c.name == "help" || c.name == "version" {
		printHelp(stdout, c, nil)
		return exitOK
	}
	// The command's own -h prints its usage and its flags.
	c.run([]string{"-h"}, stdout, stdout)
	return exitOK
}

// printUsage is the help of kaoping: every command, in the language of w.
func printUsage(w io.Writer) {
	for i, lang := range helpLangs(w) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if lang == "en" {
			fmt.Fprintln(w, "kaoping (考评) turns per-period performance data and scoring rules into a static report site.")
			fmt.Fprintln(w, "\ncommands:")
		} else {
			fmt.Fprintln(w, "kaoping（考评）：把各期业绩数据和考核方案生成静态报告网站。")
			fmt.Fprintln(w, "\n命令：")
		}
		for _, c := range commands() {
			synopsis, desc := c.help(lang)
			fmt.Fprintf(w, "  %s\n      %s\n", synopsis, desc)
		}
		if lang == "en" {
			fmt.Fprintln(w, "\n--config is ./config.toml by default; messages follow its language. kaoping help COMMAND shows a command's options. Exit status: 0 success, 1 bad input, 2 bad usage.")
		} else {
			fmt.Fprintln(w, "\n--config 默认为 ./config.toml，提示信息按其中的 language 显示。kaoping help 命令 显示该命令的全部选项。退出码：0 成功，1 输入有误，2 用法有误。")
		}
	}
}

func cmdVersion(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintf(stdout, "kaoping %s\n", version)
	return exitOK
}

// Command kaoping (考评) turns per-period performance data and scoring
// rules into a static report site. This file is the command line only: it
// parses flags, calls the generator and maps errors to exit codes
// (0 success, 1 bad input, 2 bad usage).
package main

import (
	"errors"
	"flag"
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

// command is one subcommand of kaoping.
type command struct {
	name    string
	usage   string // zh-CN
	usageEN string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "kaoping build [--config F] [--out DIR] [--quiet] [--exclude-kind K] [--no-bundles]\n  生成整个站点和每期归档包（终端中显示进度）；--exclude-kind prosecutor 生成不含检察官个人的对外版本；--no-bundles 不生成归档包",
			"builds the whole site and each period's bundle (with a progress bar on a terminal); --exclude-kind prosecutor leaves individuals out, for sending outside; --no-bundles skips the bundles", cmdBuild},
		{"check", "kaoping check [--config F]\n  检查配置和数据，列出所有问题", "validates config and data, listing every problem", cmdCheck},
		{"scores", "kaoping scores --scheme S --period P [--format json|csv] [--config F]\n  输出计算结果", "prints the computed results", cmdScores},
		{"explain", "kaoping explain --scheme S --period P --entity E [--config F]\n  逐项说明某单位每一分的来历", "explains in words how each point of E was obtained", cmdExplain},
		{"serve", "kaoping serve [--addr 127.0.0.1:8080] [--config F] [--quiet]\n  在内存中生成并在本机预览站点，不写入任何文件；修改配置、数据或模板后自动重新载入并刷新浏览器",
			"serves the site from memory, writing nothing; loads it again and reloads the browser when config, data or templates change", cmdServe},
		{"form", "kaoping form 考核期 [--out 文件] [--config F]\n  生成该期的空白填报表（Excel）：每个单位一行、每个字段一列，只能填不小于 0 的数；默认写入当前文件夹的 考核期-填报表.xlsx，不覆盖已有文件；填好后保存为 data/periods/考核期.xlsx",
			"writes the period's blank data-entry workbook (one row per unit, one column per field, numbers ≥ 0 only); by default PERIOD-填报表.xlsx in the current folder, never over an existing file; once filled, save it as data/periods/PERIOD.xlsx", cmdForm},
		{"publish", "kaoping publish 考核期 [--from 日期 --days 天数] [--amend \"更正原因\"] [--withdraw \"撤回原因\"] [--config F]\n  记录该期已公示（连同其累计期）及公示期（--from 2026-04-01 --days 5，按 [publication] working_days 计自然日或工作日）；此后该期数据或结果改变时 build 会报错，除非用 --amend 记录更正；--withdraw 撤回公示，该期重新成为未公示的草稿",
			"records a period as published (with its cumulative period) and its 公示期 (--from 2026-04-01 --days 5: calendar days, or Monday–Friday with [publication] working_days = true); a later build fails when its data or results change, unless --amend records a correction; --withdraw REASON withdraws the publication, and the period is a draft again", cmdPublish},
		{"verify", "kaoping verify 目录\n  按 manifest.json 校验生成的站点或解压后的归档包，列出缺少、多出和被改动的文件",
			"checks a built site or an unzipped bundle against its manifest.json, listing missing, extra and changed files", cmdVerify},
		{"init", "kaoping init 目录\n  新建站点文件夹，内含可直接生成的示例（配置逐项有中文注释）",
			"kaoping init DIR: creates a new site folder with a working example", cmdInit},
		{"version", "kaoping version\n  显示版本", "prints the version", cmdVersion},
		{"help", "kaoping help [命令]\n  显示帮助，或某个命令的用法", "kaoping help [command]: shows help, or a command's usage", cmdHelp},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "未知命令 %q（unknown command）。运行 kaoping help 查看可用命令。\n", args[0])
	return exitUsage
}

// cmdHelp prints the usage of every command, or of the one named.
func cmdHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if c.name == "help" || c.name == "version" {
				printCommandUsage(stdout, c)
				return exitOK
			}
			// The command's own -h prints its usage and its flags.
			c.run([]string{"-h"}, io.Discard, stdout)
			return exitOK
		}
	}
	fmt.Fprintf(stderr, "未知命令 %q（unknown command）。运行 kaoping help 查看可用命令。\n", args[0])
	return exitUsage
}

// printCommandUsage prints one command's usage in both languages.
func printCommandUsage(w io.Writer, c command) {
	fmt.Fprintf(w, "用法 (usage): %s\n  %s\n", c.usage, c.usageEN)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "kaoping（考评）：把各期业绩数据和考核方案生成静态报告网站。")
	fmt.Fprintln(w, "\n命令 (commands):")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n      %s\n", strings.ReplaceAll(c.usage, "\n", "\n    "), c.usageEN)
	}
	fmt.Fprintln(w, "\n--config 默认为 ./config.toml。退出码：0 成功，1 输入有误，2 用法有误。")
}

// parseFlags parses args with fs, allowing flags before or after the
// positional arguments (SPEC §2), and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// newFlagSet makes a flag set that reports errors to stderr with the
// command's usage and never exits the process.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for _, c := range commands() {
			if c.name == name {
				printCommandUsage(stderr, c)
			}
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(stderr, "选项 (options):")
			fs.PrintDefaults()
		}
	}
	return fs
}

// usageError reports a usage problem and returns exit code 2.
func usageError(stderr io.Writer, zh, en string) int {
	fmt.Fprintf(stderr, "用法错误：%s\nusage error: %s\n", zh, en)
	return exitUsage
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

func cmdVersion(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintf(stdout, "kaoping %s\n", version)
	return exitOK
}

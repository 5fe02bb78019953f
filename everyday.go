package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"kaoping/generator/build"
	"kaoping/generator/initsite"
	"kaoping/generator/serve"
)

// cmdServe loads the site, serves it from memory and loads it again on
// change until interrupted (Ctrl+C). It writes nothing.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	cfg := configFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", bi("监听的`地址`（默认只对本机开放）", "the `ADDRESS` to listen on (this machine only by default)"))
	quiet := fs.Bool("quiet", false, bi("只显示错误", "prints errors only"))
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		return usageError(stderr, fmt.Sprintf("serve 不接受参数 %q", rest[0]), fmt.Sprintf("serve takes no argument %q", rest[0]))
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usageError(stderr, fmt.Sprintf("--addr 应写成 主机:端口，如 127.0.0.1:8080，而不是 %q", *addr),
			fmt.Sprintf("--addr must be host:port, e.g. 127.0.0.1:8080, not %q", *addr))
	}
	lang := build.Language(*cfg)
	if _, err := os.Stat(*cfg); err != nil {
		if lang == "en" {
			fmt.Fprintf(stderr, "%s: error: cannot find the config file; run in the site folder, use --config, or create a site with kaoping init DIR\n", *cfg)
		} else {
			fmt.Fprintf(stderr, "%s: 错误: 找不到配置文件；请在站点文件夹中运行，或用 --config 指定，或用 kaoping init 目录名 新建站点\n", *cfg)
		}
		return exitInput
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		if lang == "en" {
			fmt.Fprintf(stderr, "error: cannot listen on %s: %v; the port may be in use, choose another with --addr, e.g. --addr 127.0.0.1:8081\n", *addr, err)
		} else {
			fmt.Fprintf(stderr, "错误: 无法监听 %s：%v；该端口可能已被占用，请用 --addr 换一个，例如 --addr 127.0.0.1:8081\n", *addr, err)
		}
		return exitInput
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve.Run(ctx, ln, serve.Options{ConfigPath: *cfg, Log: stderr, Quiet: *quiet, Version: version})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInput
	}
	return exitOK
}

// cmdInit creates a new site folder with the example site.
func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("init", stderr)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	switch {
	case len(rest) == 0:
		return usageError(stderr, "需要新站点的文件夹名，例如 kaoping init 2025考评", "the new site's folder is required, e.g. kaoping init mysite")
	case len(rest) > 1:
		return usageError(stderr, fmt.Sprintf("init 只接受一个文件夹名，多了 %q", rest[1]), fmt.Sprintf("init takes one folder, not also %q", rest[1]))
	}
	dir := rest[0]
	files, problems := initsite.Create(dir)
	if problems.HasErrors() {
		printProblems(stderr, problems, "zh-CN")
		return exitInput
	}
	abs, _ := filepath.Abs(dir)
	fmt.Fprintf(stdout, "已在 %s 创建示例站点（%d 个文件）。接下来：\n", abs, len(files))
	fmt.Fprintf(stdout, "  cd %s\n", dir)
	fmt.Fprintln(stdout, "  kaoping check     检查配置和数据")
	fmt.Fprintln(stdout, "  kaoping build     生成网站到 public/，双击 public/index.html 查看")
	fmt.Fprintln(stdout, "  kaoping serve     在 http://127.0.0.1:8080/ 预览，修改 config.toml 或 data/ 后自动刷新")
	fmt.Fprintln(stdout, "config.toml 的注释逐项说明了每个设置；把 data/ 中的示例数据换成自己的即可。")
	return exitOK
}

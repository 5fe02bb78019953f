package main

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// initSite runs `kaoping init` into a new temporary folder and returns the
// config path.
func initSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "新站点")
	code, stdout, stderr := runCLI("init", dir)
	if code != exitOK {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"cd " + dir, "kaoping build", "kaoping serve"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("init does not print the next step %q:\n%s", want, stdout)
		}
	}
	return filepath.Join(dir, "config.toml")
}

// TestInitThenBuild: a new site checks clean and builds at once; init
// refuses a folder that is not empty and wants exactly one folder.
func TestInitThenBuild(t *testing.T) {
	cfg := initSite(t)
	code, stdout, stderr := runCLI("check", "--config", cfg)
	if code != exitOK || strings.Contains(stdout, "警告") || !strings.HasPrefix(lastLine(stdout), "检查通过") {
		t.Errorf("check of a new site: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI("build", "--config", cfg)
	if code != exitOK || !regexp.MustCompile(`已生成 .*：\d+ 个页面（共 \d+ 个文件），2 个方案，2 个考核期，13 个考核对象，用时 `).MatchString(stdout) {
		t.Errorf("build of a new site: exit %d\n%s%s", code, stdout, stderr)
	}
	if stderr != "" {
		t.Errorf("build wrote to stderr (no progress bar off a terminal): %q", stderr)
	}

	dir := filepath.Dir(cfg)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"non-empty folder", []string{"init", dir}, exitInput, "文件夹不是空的"},
		{"no folder", []string{"init"}, exitUsage, "需要新站点的文件夹名"},
		{"two folders", []string{"init", "a", "b"}, exitUsage, "init 只接受一个文件夹名"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, stderr, tt.code, tt.want)
		}
	}
}

// TestMessagesBothLanguages: the same bad input is reported in the
// config's language, with file and line and a hint, by check and build,
// also when the config itself does not parse.
func TestMessagesBothLanguages(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(src string) string
		error string // regexp of the Chinese line
		en    string // regexp of the English line
	}{
		{"bad value",
			func(src string) string { return strings.Replace(src, `peers = "all"`, `peers = "everyone"`, 1) },
			`config\.toml:\d+: 错误: .*peers`,
			`config\.toml:\d+: error: .*peers`},
		{"syntax error",
			func(src string) string { return src + "\nbroken = [\n" },
			`config\.toml:\d+(:\d+)?: 错误: TOML`,
			`config\.toml:\d+(:\d+)?: error: TOML`},
		{"bad data cell",
			func(src string) string { return src }, // the data file is broken below
			`data/periods/2025-Q1\.csv:2:2: 错误: `,
			`data/periods/2025-Q1\.csv:2:2: error: `},
	}
	for _, tt := range tests {
		for _, lang := range []string{"zh-CN", "en"} {
			t.Run(tt.name+" "+lang, func(t *testing.T) {
				cfg := initSite(t)
				src, _ := os.ReadFile(cfg)
				text := strings.Replace(string(src), `language = "zh-CN"`, `language = "`+lang+`"`, 1)
				os.WriteFile(cfg, []byte(tt.edit(text)), 0o644)
				if tt.name == "bad data cell" {
					replaceIn(t, filepath.Join(filepath.Dir(cfg), "data", "periods", "2025-Q1.csv"), "dq,120,", "dq,12%,")
				}
				want, other := tt.error, "错误"
				if lang == "en" {
					want, other = tt.en, "error:"
				}
				code, stdout, _ := runCLI("check", "--config", cfg)
				if code != exitInput || !regexp.MustCompile(`(?m)`+want).MatchString(stdout) {
					t.Errorf("check: exit %d, want 1 and a line like %s:\n%s", code, want, stdout)
				}
				code, _, stderr := runCLI("build", "--config", cfg)
				if code != exitInput || !regexp.MustCompile(`(?m)`+want).MatchString(stderr) {
					t.Errorf("build: exit %d, want 1 and a line like %s:\n%s", code, want, stderr)
				}
				if lang == "en" && strings.Contains(stdout+stderr, "错误") || lang != "en" && strings.Contains(stdout+stderr, "error:") {
					t.Errorf("messages not only in %s (looking for %q):\n%s%s", lang, other, stdout, stderr)
				}
				if _, err := os.Stat(filepath.Join(filepath.Dir(cfg), "public")); err == nil {
					t.Error("a failed build wrote its output folder")
				}
			})
		}
	}
}

// TestServeCLI: serve's usage errors and the errors it reports before
// serving (the end-to-end behaviour is tested in generator/serve).
func TestServeCLI(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	cfg := initSite(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad address", []string{"serve", "--addr", "8080", "--config", cfg}, exitUsage, "--addr 应写成 主机:端口"},
		{"argument", []string{"serve", "extra", "--config", cfg}, exitUsage, "serve 不接受参数"},
		{"no config", []string{"serve", "--config", filepath.Join(t.TempDir(), "config.toml")}, exitInput, "找不到配置文件"},
		{"port in use", []string{"serve", "--addr", busy.Addr().String(), "--config", cfg}, exitInput, "该端口可能已被占用"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, stderr, tt.code, tt.want)
		}
	}
	code, stdout, _ := runCLI("help", "serve")
	if code != exitOK || !strings.Contains(stdout, "kaoping serve [--addr 127.0.0.1:8080]") || !strings.Contains(stdout, "-addr") {
		t.Errorf("help serve: exit %d\n%s", code, stdout)
	}
	// serve writes nothing: it has no output folder to name.
	if strings.Contains(stdout, "-out") || !strings.Contains(stdout, "不写入任何文件") {
		t.Errorf("help serve offers an output folder or does not say it writes nothing:\n%s", stdout)
	}
	if code, _, stderr := runCLI("serve", "--out", "x", "--config", cfg); code != exitUsage || !strings.Contains(stderr, "-out") {
		t.Errorf("serve --out: exit %d, want 2 naming the flag:\n%s", code, stderr)
	}
	code, stdout, _ = runCLI("help", "init")
	if code != exitOK || !strings.Contains(stdout, "kaoping init") {
		t.Errorf("help init: exit %d\n%s", code, stdout)
	}
}

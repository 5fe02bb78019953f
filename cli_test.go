package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestEditDistance: the optimal string alignment distance, worked out
// by hand.
func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"build", "build", 0},
		{"biuld", "build", 1},    // iu ↔ ui: one transposition
		{"basci", "basic", 1},    // ci ↔ ic
		{"ouput", "out", 2},      // delete p and u
		{"2025Q1", "2025-Q1", 1}, // insert -
		{"zz-szp", "zz-szq", 1},  // p → q
		{"jn", "zz", 2},          // two substitutions
		{"", "abc", 3},           // three insertions
		{"考评", "考核", 1},          // runes, not bytes
		{"ca", "abc", 3},         // OSA: no edit of a transposed pair (true Damerau would be 2)
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSuggest: the closest candidates within the limit (2, and half the
// word's length, at least 1), all of those at the smallest distance.
func TestSuggest(t *testing.T) {
	commands := []string{"build", "check", "scores", "explain", "serve", "publish", "verify", "init", "version", "help"}
	tests := []struct {
		word       string
		candidates []string
		want       []string
	}{
		{"biuld", commands, []string{"build"}},
		{"BUILD", commands, []string{"build"}}, // case is ignored
		{"serv", commands, []string{"serve"}},
		{"frobnicate", commands, nil},
		{"ouput", []string{"config", "out", "quiet", "no-bundles", "exclude-kind"}, []string{"out"}}, // 2 ≤ min(2, 5/2)
		{"zx", []string{"zz", "jn", "qd"}, []string{"zz"}},                                           // 1 ≤ max(1, 2/2)
		{"ab", []string{"zz", "jn", "qd"}, nil},                                                      // 2 > 1: no guess for a short id
		{"2025Q1", []string{"2024-Q1", "2025-Q1", "2025-Q1-ytd"}, []string{"2025-Q1"}},               // 1, 2 and 5
		{"2025-Q5", []string{"2025-Q1", "2025-Q2", "2025-Q3"}, []string{"2025-Q1", "2025-Q2", "2025-Q3"}},
	}
	for _, tt := range tests {
		if got := suggest(tt.word, tt.candidates); !slices.Equal(got, tt.want) {
			t.Errorf("suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// han matches a Chinese character.
var han = regexp.MustCompile(`\p{Han}`)

// englishDemo is a copy of the demo with language = "en".
func englishDemo(t *testing.T) string {
	t.Helper()
	cfg := copyDemo(t)
	replaceIn(t, cfg, `language = "zh-CN"`, `language = "en"`)
	return cfg
}

// TestCLIHelpsWithMistakes: every mistake on the command line is a usage
// error (exit 2) in the config's language, saying what is wrong and the
// closest right word; lists are joined with 、 (or commas in English),
// never printed as Go slices, and Go's own flag messages never show.
func TestCLIHelpsWithMistakes(t *testing.T) {
	en := englishDemo(t)
	nowhere := filepath.Join(t.TempDir(), "config.toml")
	// zz-xc (a 基层院) with no row in 2025-Q1: it exists, is of the kind
	// the basic scheme scores, and has no data that period.
	noData := copyDemo(t)
	removeLines(t, filepath.Join(filepath.Dir(noData), "data", "periods", "2025-Q1.csv"), "zz-xc") // and its people's
	var schemes []string
	for _, s := range loadDemo(t).Config.Schemes {
		schemes = append(schemes, s.ID)
	}
	if len(schemes) < 3 || schemes[0] != "basic" {
		t.Fatalf("the demo's schemes are %q; update the test", schemes)
	}
	q := []string{"--scheme", "basic", "--period", "2025-Q1"}
	explain := func(cfg, entity string) []string {
		return append([]string{"explain", "--entity", entity, "--config", cfg}, q...)
	}
	tests := []struct {
		name string
		args []string
		want []string // on stderr, in order
	}{
		{"misspelled command", []string{"biuld"}, []string{`用法错误：没有命令 "biuld"（是不是 build？）`, "kaoping help"}},
		{"misspelled command, English", []string{"biuld", "--config", en}, []string{`usage error: there is no command "biuld" (did you mean build?)`}},
		{"unknown command", []string{"frobnicate"}, []string{`没有命令 "frobnicate"。运行 kaoping help`}},
		{"help of a misspelled command", []string{"help", "chekc"}, []string{"（是不是 check？）"}},
		{"misspelled flag", []string{"build", "--ouput", "x"}, []string{"build 没有选项 --ouput（是不是 --out？）", "kaoping help build"}},
		{"misspelled flag with one dash", []string{"build", "-ouput", "x"}, []string{"build 没有选项 --ouput（是不是 --out？）"}},
		{"misspelled flag, English", []string{"build", "--ouput=x", "--config", en}, []string{"usage error: build has no option --ouput (did you mean --out?)"}},
		{"misspelled flag of form", []string{"form", "2026-04", "--otu", "x.xlsx"}, []string{"form 没有选项 --otu（是不是 --out？）"}},
		{"unknown flag", []string{"check", "--colour"}, []string{"check 没有选项 --colour。"}},
		{"flag without its value", []string{"build", "--out"}, []string{"--out 后面缺少值，例如 --out 目录"}},
		{"flag without its value, English", []string{"build", "--config", en, "--out"}, []string{"usage error: --out needs a value, e.g. --out DIR"}},
		{"number flag with text", []string{"publish", "2025-Q1", "--from", "2026-04-01", "--days", "five"}, []string{`--days 的值应为整数，而不是 "five"`}},
		{"switch with a value", []string{"build", "--quiet=maybe"}, []string{"--quiet 是开关"}},
		{"bad flag syntax", []string{"check", "---config"}, []string{`无法识别的选项写法 "---config"`}},
		{"option before the command", []string{"--ouput"}, []string{"kaoping 没有选项 --ouput", "选项写在命令之后"}},
		{"misspelled scheme", []string{"scores", "--scheme", "basci", "--period", "2025-Q1"},
			[]string{`没有考核方案 "basci"（是不是 basic？）；可用的方案：` + strings.Join(schemes, "、") + "\n"}},
		{"misspelled scheme, English", []string{"scores", "--scheme", "basci", "--period", "2025-Q1", "--config", en},
			[]string{`there is no scheme "basci" (did you mean basic?); the schemes are ` + strings.Join(schemes, ", ") + "\n"}},
		{"misspelled period", []string{"scores", "--scheme", "basic", "--period", "2025Q1"},
			[]string{`方案 basic 没有考核期 "2025Q1"（是不是 2025-Q1？）；可用的考核期：2024-Q1、2024-Q1-ytd、`}},
		{"unknown period", []string{"scores", "--scheme", "basic", "--period", "1999-Q1"}, []string{`没有考核期 "1999-Q1"；可用的考核期：2024-Q1、`}},
		{"misspelled entity", explain(demoConfig, "zz-szp"), []string{`没有编号为 "zz-szp" 的考核对象（是不是 zz-szq？）`, "entities.csv"}},
		{"unknown entity", explain(demoConfig, "nope"), []string{`没有编号为 "nope" 的考核对象；`}},
		{"unknown entity, English", explain(en, "nope"), []string{`usage error: there is no entity with the id "nope"`}},
		{"entity by name", explain(demoConfig, "枣庄市"), []string{"--entity 要写编号：枣庄市 的编号是 zz"}},
		{"entity of another kind", explain(demoConfig, "zz"), []string{"枣庄市（zz）是市院，方案 basic 考核的是基层院"}},
		{"entity of another kind, English", explain(en, "zz"), []string{"枣庄市 (zz) is a city procuratorate; scheme basic scores basic procuratorate entities"}},
		{"entity without data", explain(noData, "zz-xc"), []string{"薛城区人民检察院（zz-xc）在 2025-Q1 没有数据"}},
		{"no config: both languages", []string{"biuld", "--config", nowhere},
			[]string{`用法错误：没有命令 "biuld"（是不是 build？）`, `usage error: there is no command "biuld" (did you mean build?)`}},
	}
	goSlice := regexp.MustCompile(`\[[^\]\s]+ [^\]]+\]`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != exitUsage {
				t.Fatalf("kaoping %s: exit %d, want 2\n%s%s", strings.Join(tt.args, " "), code, stdout, stderr)
			}
			rest := stderr
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("kaoping %s: stderr does not say %q (in this order):\n%s", strings.Join(tt.args, " "), w, stderr)
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(stderr, "flag provided") || strings.Contains(stderr, "-flag") || goSlice.MatchString(stderr) {
				t.Errorf("Go's flag message or a Go slice in:\n%s", stderr)
			}
			english := slices.Contains(tt.args, en)
			if english && strings.Contains(stderr, "用法错误") || !english && !strings.Contains(stderr, "用法错误") {
				t.Errorf("stderr is not in the config's language:\n%s", stderr)
			}
			if !slices.Contains(tt.args, nowhere) && !english && strings.Contains(stderr, "usage error") {
				t.Errorf("English beside the Chinese with a Chinese config:\n%s", stderr)
			}
		})
	}
}

// removeLines removes the lines of a file that start with prefix.
func removeLines(t *testing.T, path, prefix string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.SplitAfter(string(b), "\n") {
		if !strings.HasPrefix(l, prefix) {
			kept = append(kept, l)
		}
	}
	if len(kept) == len(strings.SplitAfter(string(b), "\n")) {
		t.Fatalf("%s has no line starting with %q any more; update the test", path, prefix)
	}
	if err := os.WriteFile(path, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVersionFlag: kaoping --version and -v print what kaoping version
// prints.
func TestVersionFlag(t *testing.T) {
	_, want, _ := runCLI("version")
	if want != "kaoping "+version+"\n" {
		t.Fatalf("kaoping version = %q", want)
	}
	for _, arg := range []string{"--version", "-version", "-v"} {
		if code, got, stderr := runCLI(arg); code != exitOK || got != want {
			t.Errorf("kaoping %s: exit %d, %q%s; want 0 and %q", arg, code, got, stderr, want)
		}
	}
}

// TestHelpInTheConfigsLanguage: the help of kaoping and of every command
// is in the config's language only, writes flags --flag, and lists each
// flag of the command; with no config it is Chinese then English.
func TestHelpInTheConfigsLanguage(t *testing.T) {
	en := englishDemo(t)
	nowhere := filepath.Join(t.TempDir(), "config.toml")
	kept := strings.NewReplacer("公示期", "", "更正原因", "", "撤回原因", "", "填报表", "", "归档包", "", "考评", "")
	flagLine := regexp.MustCompile(`(?m)^  --([a-z-]+).*\n {8}(.*)$`)
	singleDash := regexp.MustCompile(`(^|[\s\[(（，；])-[a-z]`)
	check := func(what, out string, english bool) {
		t.Helper()
		if m := singleDash.FindString(out); m != "" {
			t.Errorf("%s writes a flag with one dash (%q):\n%s", what, m, out)
		}
		// English help names 公示期 and 更正原因 (kept as the office
		// says them), the file names …-填报表.xlsx and …-归档包.zip and kaoping's own name
		// 考评; nothing else.
		rest := kept.Replace(out)
		if english && han.MatchString(rest) {
			t.Errorf("%s: Chinese in the English help:\n%s", what, out)
		}
		if !english && (strings.Contains(out, "usage:") || strings.Contains(out, "options:")) {
			t.Errorf("%s: English in the Chinese help:\n%s", what, out)
		}
	}
	for _, lang := range []struct {
		cfg     string
		english bool
		usage   string
		options string
	}{{demoConfig, false, "用法：", "选项："}, {en, true, "usage: ", "options:"}} {
		code, out, _ := runCLI("help", "--config", lang.cfg)
		if code != exitOK || !strings.Contains(out, "kaoping explain --") {
			t.Errorf("help: exit %d\n%s", code, out)
		}
		check("help", out, lang.english)
		for _, c := range commands() {
			code, out, stderr := runCLI("help", c.name, "--config", lang.cfg)
			if code != exitOK || !strings.HasPrefix(out, lang.usage+"kaoping "+c.name) {
				t.Errorf("help %s: exit %d, want 0 and %q first\n%s%s", c.name, code, lang.usage, out, stderr)
			}
			check("help "+c.name, out, lang.english)
			// Every flag is explained in the help's language.
			for _, f := range flagLine.FindAllStringSubmatch(out, -1) {
				if han.MatchString(kept.Replace(f[2])) == lang.english {
					t.Errorf("help %s: the help of --%s is not in the config's language: %q", c.name, f[1], f[2])
				}
			}
		}
		code, stdout, stderr := runCLI("build", "-h", "--config", lang.cfg)
		if code != exitOK || stdout != "" || !strings.HasPrefix(stderr, lang.usage+"kaoping build") || !strings.Contains(stderr, lang.options) {
			t.Errorf("build -h: exit %d, want 0 and the help on stderr:\n%s%s", code, stdout, stderr)
		}
	}
	code, stdout, _ := runCLI("help", "build", "--config", en)
	for _, want := range []string{"usage: kaoping build [--config FILE] [--out DIR]", "options:", "  --out DIR\n        the output DIR", "  --config FILE\n", "(default config.toml)"} {
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("help build in English does not say %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCLI("help", "build")
	for _, want := range []string{"用法：kaoping build [--config 文件] [--out 目录]", "选项：", "  --out 目录\n        输出目录", "（默认 config.toml）", "  --no-bundles\n"} {
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("help build in Chinese does not say %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCLI("help", "build", "--config", nowhere)
	zh, eng := strings.Index(stdout, "用法：kaoping build"), strings.Index(stdout, "usage: kaoping build")
	if code != exitOK || zh < 0 || eng < zh {
		t.Errorf("help build without a config: want the Chinese, then the English:\n%s", stdout)
	}
}

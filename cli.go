package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"kaoping/generator/build"
)

// The language of the command line itself: usage errors, flag errors and
// help. It is the language of the config named by --config (or of
// ./config.toml), read before any command runs, so that a misspelled flag
// or command is reported like every other message. When no config can be
// read there is no language to follow: messages are in Chinese followed
// by English (langBoth).
const langBoth = ""

// langWriter is a command's stdout or stderr with the language of the
// command line. run wraps both writers in it, so that usageError, the
// flag errors and every command's help speak the user's language without
// one more parameter to every command.
type langWriter struct {
	io.Writer
	lang string
}

// langFor is the language of w: that of a langWriter, else langBoth.
func langFor(w io.Writer) string {
	if lw, ok := w.(*langWriter); ok {
		return lw.lang
	}
	return langBoth
}

// unwrap is the writer under a langWriter (the terminal, for the progress
// bar), or w itself.
func unwrap(w io.Writer) io.Writer {
	if lw, ok := w.(*langWriter); ok {
		return lw.Writer
	}
	return w
}

// cliLang is the language of the config at path: "zh-CN" or "en", or
// langBoth when there is no file to read.
func cliLang(path string) string {
	if _, err := os.Stat(path); err != nil {
		return langBoth
	}
	return build.Language(path)
}

// configArg is the value of --config (or -config) among args, or the
// default config.toml. Arguments after "--" are not flags.
func configArg(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "config" {
			continue
		}
		if hasValue {
			return value
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return "config.toml"
}

// say writes a line in the language of w: the Chinese, the English, or
// both one after the other.
func say(w io.Writer, zh, en string) {
	switch langFor(w) {
	case "en":
		fmt.Fprintln(w, en)
	case langBoth:
		fmt.Fprintln(w, zh)
		fmt.Fprintln(w, en)
	default:
		fmt.Fprintln(w, zh)
	}
}

// label is a short label in the language of w; with no language, the
// Chinese with the English in brackets, so that a list stays one line
// per item.
func label(w io.Writer, zh, en string) string {
	switch langFor(w) {
	case "en":
		return en
	case langBoth:
		return strings.TrimSuffix(zh, "：") + " (" + strings.TrimSuffix(strings.TrimSpace(en), ":") + "): "
	}
	return zh
}

// usageError reports a usage problem in the language of stderr and
// returns exit code 2.
func usageError(stderr io.Writer, zh, en string) int {
	say(stderr, "用法错误："+zh, "usage error: "+en)
	return exitUsage
}

// listZH joins items the Chinese way (a、b、c); listEN with commas.
func listZH(items []string) string { return strings.Join(items, "、") }
func listEN(items []string) string { return strings.Join(items, ", ") }

// suggest returns the candidates closest to a mistyped word: those at the
// smallest Damerau-Levenshtein distance (letter case ignored), when it is
// at most 2 and at most half the word's length (1 for one or two
// letters), so that a short id is not "corrected" into an unrelated one.
func suggest(word string, candidates []string) []string {
	n := utf8.RuneCountInString(word)
	limit := min(2, max(1, n/2))
	best, out := limit+1, []string(nil)
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		switch {
		case d > limit:
		case d < best:
			best, out = d, []string{c}
		case d == best && !slices.Contains(out, c):
			out = append(out, c)
		}
	}
	return out
}

// editDistance is the optimal string alignment distance of a and b in
// runes: insertions, deletions, substitutions and transpositions of two
// neighbours (biuld → build is 1) each count 1.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// d[i][j] is the distance of s[:i] and t[:j].
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// didYouMean is the hint for a mistyped word among candidates, with a
// leading separator, or "" in both languages when nothing is close.
func didYouMean(word string, candidates []string, prefix string) (zh, en string) {
	s := suggest(word, candidates)
	if len(s) == 0 {
		return "", ""
	}
	for i := range s {
		s[i] = prefix + s[i]
	}
	return "（是不是 " + listZH(s) + "？）", " (did you mean " + strings.Join(s, " or ") + "?)"
}

// bi is a flag's help in both languages, Chinese first; a word in back
// quotes names the flag's value (`文件`, `FILE`). Help without the
// newline is shown as is in both languages.
func bi(zh, en string) string { return zh + "\n" + en }

// flagHelp is a flag's value name and help in lang.
func flagHelp(f *flag.Flag, lang string) (arg, help string) {
	zh, en, ok := strings.Cut(f.Usage, "\n")
	if !ok {
		en = zh
	}
	help = zh
	if lang == "en" {
		help = en
	}
	if i := strings.Index(help, "`"); i >= 0 {
		if j := strings.Index(help[i+1:], "`"); j >= 0 {
			arg = help[i+1 : i+1+j]
			help = help[:i] + arg + help[i+1+j+1:]
		}
	}
	if arg == "" && !isBool(f) {
		arg = "值"
		if lang == "en" {
			arg = "VALUE"
		}
	}
	return arg, help
}

func isInt(g flag.Getter) bool {
	_, ok := g.Get().(int)
	return ok
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// printFlags lists the flags of fs as --name VALUE with their help in
// lang, as Go's PrintDefaults does but with two dashes, the way they are
// written everywhere else.
func printFlags(w io.Writer, fs *flag.FlagSet, lang string) {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	if lang == "en" {
		fmt.Fprintln(w, "\noptions:")
	} else {
		fmt.Fprintln(w, "\n选项：")
	}
	fs.VisitAll(func(f *flag.Flag) {
		arg, help := flagHelp(f, lang)
		fmt.Fprintf(w, "  --%s", f.Name)
		if arg != "" {
			fmt.Fprintf(w, " %s", arg)
		}
		fmt.Fprintf(w, "\n        %s", help)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			if lang == "en" {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			} else {
				fmt.Fprintf(w, "（默认 %s）", f.DefValue)
			}
		}
		fmt.Fprintln(w)
	})
}

// helpLangs are the languages help is printed in on w: its own, or
// Chinese then English when it has none.
func helpLangs(w io.Writer) []string {
	if l := langFor(w); l != langBoth {
		return []string{l}
	}
	return []string{"zh-CN", "en"}
}

// printHelp is the help of command c with the flags of fs (nil for none)
// in the language of w, in Chinese then English when it has none.
func printHelp(w io.Writer, c command, fs *flag.FlagSet) {
	for i, lang := range helpLangs(w) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		synopsis, desc := c.help(lang)
		if lang == "en" {
			fmt.Fprintf(w, "usage: %s\n", synopsis)
		} else {
			fmt.Fprintf(w, "用法：%s\n", synopsis)
		}
		if desc != "" {
			fmt.Fprintf(w, "  %s\n", desc)
		}
		if fs != nil {
			printFlags(w, fs, lang)
		}
	}
}

// errFlag is a flag error already reported to the user.
var errFlag = errors.New("bad flag")

// checkFlags looks at args the way fs.Parse will, before it does, and
// reports in the user's language what Go's flag package would report in
// English: an unknown flag (with the closest known one), a flag without
// its value, a value that is not a number. -h and --help print the help
// and return flag.ErrHelp.
func checkFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	cmd := fs.Name()
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return nil
		}
		if len(a) < 2 || a[0] != '-' {
			continue // an argument: flags may also come after it
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if name == "" || name[0] == '-' || name[0] == '=' {
			usageError(stderr, fmt.Sprintf("无法识别的选项写法 %q：选项写作 --名称 或 --名称=值", a),
				fmt.Sprintf("cannot read the option %q: options are written --name or --name=value", a))
			return errFlag
		}
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				fs.Usage()
				return flag.ErrHelp
			}
			var names []string
			fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
			zh, en := didYouMean(name, names, "--")
			usageError(stderr, fmt.Sprintf("%s 没有选项 --%s%s。运行 kaoping help %s 查看它的选项", cmd, name, zh, cmd),
				fmt.Sprintf("%s has no option --%s%s. Run kaoping help %s to see its options", cmd, name, en, cmd))
			return errFlag
		}
		if isBool(f) {
			if hasValue {
				if _, err := strconv.ParseBool(value); err != nil {
					usageError(stderr, fmt.Sprintf("--%s 是开关，不带值（或写 --%s=true、--%s=false），而不是 %q", name, name, name, a),
						fmt.Sprintf("--%s is a switch with no value (or --%s=true, --%s=false), not %q", name, name, name, a))
					return errFlag
				}
			}
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				arg, _ := flagHelp(f, langFor(stderr))
				usageError(stderr, fmt.Sprintf("--%s 后面缺少值，例如 --%s %s", name, name, arg),
					fmt.Sprintf("--%s needs a value, e.g. --%s %s", name, name, arg))
				return errFlag
			}
			i++
			value = args[i]
		}
		if g, ok := f.Value.(flag.Getter); ok && isInt(g) {
			if _, err := strconv.Atoi(value); err != nil {
				usageError(stderr, fmt.Sprintf("--%s 的值应为整数，而不是 %q", name, value),
					fmt.Sprintf("--%s takes a whole number, not %q", name, value))
				return errFlag
			}
		}
	}
	return nil
}

// parseFlags parses args with fs, allowing flags before or after the
// positional arguments (SPEC §2), and returns the positional ones. Flag
// errors are reported to fs's output in the user's language (Go's own
// English messages are not shown).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	stderr := fs.Output()
	if err := checkFlags(fs, args, stderr); err != nil {
		return nil, err
	}
	fs.SetOutput(io.Discard)
	usage := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.SetOutput(stderr); fs.Usage = usage }()
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			// checkFlags let it through: a value the flag itself refuses.
			usageError(stderr, fmt.Sprintf("选项有误：%v", err), fmt.Sprintf("bad option: %v", err))
			return nil, errFlag
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

// newFlagSet makes a flag set that reports errors to stderr, in the
// user's language, and never exits the process; -h prints the command's
// help with its flags.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for _, c := range commands() {
			if c.name == name {
				printHelp(stderr, c, fs)
			}
		}
	}
	return fs
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// configFlag is the --config flag of every command that reads a site.
func configFlag(fs *flag.FlagSet) *string {
	return fs.String("config", "config.toml", bi("站点的配置`文件`", "the site's config `FILE`"))
}

package main

import (
	"bytes"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/initsite"
	"kaoping/generator/numfmt"
	"kaoping/generator/report"
	"kaoping/generator/scoring"
)

// demoConfig is the demo site at the repository root.
const demoConfig = "config.toml"

// runCLI runs the command line in-process and returns its exit code and
// output.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// dropPublication removes the demo's [publication] table from the site
// of cfg, for tests of a site that has none (or writes its own).
func dropPublication(t *testing.T, cfg string) {
	t.Helper()
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)\n\[publication\]\n.*?\n\n`)
	if !re.Match(b) {
		t.Fatal("the demo's config.toml has no [publication] table any more; update the test")
	}
	if err := os.WriteFile(cfg, re.ReplaceAll(b, []byte("\n\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDemo copies config.toml and data/ into a temporary site folder and
// returns its config path; tests that change a site change such a copy.
func copyDemo(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"config.toml", "data"} {
		err := filepath.WalkDir(name, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			target := filepath.Join(dst, path)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dst, "config.toml")
}

// replaceIn replaces the first old by new in a file and returns the
// 1-based line where new starts.
func replaceIn(t *testing.T, path, old, new string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), old)
	if i < 0 {
		t.Fatalf("%s does not contain %q any more; update the test", path, old)
	}
	s := string(b[:i]) + new + string(b[i+len(old):])
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	lead := len(new) - len(strings.TrimLeft(new, "\n"))
	return strings.Count(s[:i], "\n") + lead + 1
}

// breakCell puts text into a number cell of data/periods/2024-Q1.csv
// (line 2, column 2) of the site copy.
func breakCell(t *testing.T, cfg string) {
	t.Helper()
	replaceIn(t, filepath.Join(filepath.Dir(cfg), "data", "periods", "2024-Q1.csv"), "\njn,3948,", "\njn,abc,")
}

// latest returns the demo's latest period of a scheme and its result.
func latest(t *testing.T, p *build.Project, scheme string) *scoring.Result {
	t.Helper()
	rs := p.Results[scheme]
	if len(rs) == 0 {
		t.Fatalf("scheme %s has no results", scheme)
	}
	return rs[len(rs)-1]
}

func loadDemo(t *testing.T) *build.Project {
	t.Helper()
	p, problems := build.Load(demoConfig)
	if problems.HasErrors() || p == nil {
		t.Fatalf("loading the demo:\n%v", problems.Err("en"))
	}
	return p
}

// TestExitCodes: 0 success, 1 bad input, 2 bad usage (SPEC §2).
func TestExitCodes(t *testing.T) {
	bad := copyDemo(t)
	breakCell(t, bad)
	p := loadDemo(t)
	period := latest(t, p, "basic").Period.ID
	tmp := t.TempDir()
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no arguments prints the usage", nil, exitOK},
		{"help", []string{"help"}, exitOK},
		{"help of a command", []string{"help", "scores"}, exitOK},
		{"version", []string{"version"}, exitOK},
		{"check of the demo", []string{"check", "--config", demoConfig}, exitOK},
		{"scores", []string{"scores", "--scheme", "basic", "--period", period, "--config", demoConfig}, exitOK},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"help of an unknown command", []string{"help", "frobnicate"}, exitUsage},
		{"unknown flag", []string{"check", "--colour"}, exitUsage},
		{"argument to a command that takes none", []string{"check", "extra", "--config", demoConfig}, exitUsage},
		{"scores without --scheme", []string{"scores", "--period", period, "--config", demoConfig}, exitUsage},
		{"scores without --period", []string{"scores", "--scheme", "basic", "--config", demoConfig}, exitUsage},
		{"scores with an unknown scheme", []string{"scores", "--scheme", "nope", "--period", period, "--config", demoConfig}, exitUsage},
		{"scores with an unknown period", []string{"scores", "--scheme", "basic", "--period", "1999-Q1", "--config", demoConfig}, exitUsage},
		{"scores with a bad format", []string{"scores", "--scheme", "basic", "--period", period, "--format", "xml", "--config", demoConfig}, exitUsage},
		{"explain without --entity", []string{"explain", "--scheme", "basic", "--period", period, "--config", demoConfig}, exitUsage},
		{"explain of an unknown entity", []string{"explain", "--scheme", "basic", "--period", period, "--entity", "nope", "--config", demoConfig}, exitUsage},
		{"check of bad data", []string{"check", "--config", bad}, exitInput},
		{"build of bad data", []string{"build", "--config", bad, "--out", filepath.Join(tmp, "bad")}, exitInput},
		{"scores of bad data", []string{"scores", "--scheme", "basic", "--period", period, "--config", bad}, exitInput},
		{"missing config", []string{"check", "--config", filepath.Join(tmp, "nowhere", "config.toml")}, exitInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.want {
				t.Fatalf("kaoping %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), code, tt.want, stdout, stderr)
			}
			switch {
			case code == exitUsage && stderr == "":
				t.Errorf("exit 2 with nothing on stderr")
			case code == exitInput && stdout+stderr == "":
				t.Errorf("exit 1 without saying what is wrong")
			case code == exitOK && stdout == "":
				t.Errorf("exit 0 with nothing on stdout")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(tmp, "bad")); err == nil {
		t.Error("a failed build created its output folder")
	}
}

// TestFlagsAfterArguments: flags may come before or after the other
// arguments (SPEC §2).
func TestFlagsAfterArguments(t *testing.T) {
	tests := []struct {
		args           []string
		wantPositional []string
		wantX          string
	}{
		{[]string{"--x", "1", "a", "b"}, []string{"a", "b"}, "1"},
		{[]string{"a", "--x", "1", "b"}, []string{"a", "b"}, "1"},
		{[]string{"a", "b", "--x=1"}, []string{"a", "b"}, "1"},
		{[]string{"a", "--", "--x", "1"}, []string{"a", "--x", "1"}, ""},
		{nil, nil, ""},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		x := fs.String("x", "", "")
		got, err := parseFlags(fs, tt.args)
		if err != nil {
			t.Errorf("parseFlags(%q): %v", tt.args, err)
			continue
		}
		if !slices.Equal(got, tt.wantPositional) || *x != tt.wantX {
			t.Errorf("parseFlags(%q) = %q, x=%q; want %q, x=%q", tt.args, got, *x, tt.wantPositional, tt.wantX)
		}
	}

	// Through the command line: the same scores whatever the order, and a
	// flag after an argument is read as a flag (an unknown one is refused
	// as such, not taken for a second argument).
	p := loadDemo(t)
	period := latest(t, p, "basic").Period.ID
	_, want, _ := runCLI("scores", "--scheme", "basic", "--period", period, "--format", "csv", "--config", demoConfig)
	code, got, stderr := runCLI("scores", "--config", demoConfig, "--format", "csv", "--period", period, "--scheme", "basic")
	if code != exitOK || got != want || want == "" {
		t.Errorf("scores with the flags in another order: exit %d, same output %v\n%s", code, got == want, stderr)
	}
	code, _, stderr = runCLI("build", "junk", "--no-such-flag")
	if code != exitUsage || !strings.Contains(stderr, "no-such-flag") {
		t.Errorf("build junk --no-such-flag: exit %d, stderr %q; want exit 2 naming the flag", code, stderr)
	}
}

// TestCheckListsEveryProblem: independent errors in config.toml,
// entities.csv and a period file are all listed, each with file:line.
func TestCheckListsEveryProblem(t *testing.T) {
	cfg := copyDemo(t)
	dir := filepath.Dir(cfg)
	// An unknown key in config.toml.
	cfgLine := replaceIn(t, cfg, "\nsubtitle = ", "\ncolour = \"red\"\nsubtitle = ")
	// An entity with an id that is not a slug, at the end of entities.csv.
	entities := filepath.Join(dir, "data", "entities.csv")
	b, err := os.ReadFile(entities)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimRight(string(b), "\n") + "\nBad ID!,坏编号检察院,procuratorate,zz,,99\n"
	if err := os.WriteFile(entities, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	entLine := strings.Count(s, "\n")
	// Text in a number cell.
	breakCell(t, cfg)

	code, stdout, stderr := runCLI("check", "--config", cfg)
	if code != exitInput {
		t.Fatalf("check: exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"config.toml:" + strconv.Itoa(cfgLine) + ":",
		"data/entities.csv:" + strconv.Itoa(entLine) + ":",
		"data/periods/2024-Q1.csv:2:",
	} {
		if !hasLinePrefix(stdout, want) {
			t.Errorf("check does not list a problem at %s; it printed:\n%s", strings.TrimSuffix(want, ":"), stdout)
		}
	}
	if !regexp.MustCompile(`共 \d+ 个错误`).MatchString(stdout) {
		t.Errorf("check prints no count of the errors:\n%s", stdout)
	}
}

// hasLinePrefix reports whether a line of out starts with prefix.
func hasLinePrefix(out, prefix string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// TestCheckEnglish: with language = "en" every problem is printed with
// its English message.
func TestCheckEnglish(t *testing.T) {
	cfg := copyDemo(t)
	replaceIn(t, cfg, `language = "zh-CN"`, `language = "en"`)
	code, stdout, stderr := runCLI("check", "--config", cfg)
	if code != exitOK || !strings.HasPrefix(lastLine(stdout), "ok: ") {
		t.Errorf("check of the English demo: exit %d, last line %q; want 0 and \"ok: …\"\n%s", code, lastLine(stdout), stderr)
	}
	breakCell(t, cfg)
	code, stdout, _ = runCLI("check", "--config", cfg)
	if code != exitInput {
		t.Fatalf("check: exit %d, want 1", code)
	}
	_, problems := build.Load(cfg)
	if len(problems.Errors()) == 0 {
		t.Fatal("build.Load found no error in the broken copy")
	}
	for _, p := range problems {
		if !strings.Contains(stdout, p.Format("en")+"\n") {
			t.Errorf("check does not print %q", p.Format("en"))
		}
		if p.ZH != p.EN && strings.Contains(stdout, p.ZH) {
			t.Errorf("check prints the Chinese message %q with language = \"en\"", p.ZH)
		}
	}
	if !regexp.MustCompile(`(?m)^\d+ error\(s\), \d+ warning\(s\)$`).MatchString(stdout) {
		t.Errorf("no English count of the problems:\n%s", stdout)
	}
	if strings.Contains(stdout, "错误") {
		t.Errorf("Chinese words in the English output:\n%s", stdout)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestScoresMatchBuild: `build` succeeds on the demo (exit 0, nothing
// printed with --quiet), and `scores` prints the same bytes as the JSON and
// CSV files it writes (SPEC §2, §7), for each scheme's first and latest
// period.
func TestScoresMatchBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runCLI("build", "--config", demoConfig, "--out", out, "--quiet"); code != exitOK || stdout != "" {
		t.Fatalf("build --quiet: exit %d, want 0 and nothing on stdout\n%s%s", code, stdout, stderr)
	}
	p := loadDemo(t)
	for _, s := range p.Config.Schemes {
		rs := p.Results[s.ID]
		if len(rs) == 0 {
			t.Errorf("scheme %s has no results", s.ID)
			continue
		}
		for _, r := range []*scoring.Result{rs[0], rs[len(rs)-1]} {
			for _, format := range []string{"json", "csv"} {
				file := report.DataPath(s.ID, r.Period.ID, format)
				want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
				if err != nil {
					t.Errorf("build did not write %s: %v", file, err)
					continue
				}
				code, got, stderr := runCLI("scores", "--scheme", s.ID, "--period", r.Period.ID, "--format", format, "--config", demoConfig)
				if code != exitOK {
					t.Errorf("scores %s %s --format %s: exit %d: %s", s.ID, r.Period.ID, format, code, stderr)
					continue
				}
				if got != string(want) {
					t.Errorf("scores --scheme %s --period %s --format %s differs from %s (%d and %d bytes)", s.ID, r.Period.ID, format, file, len(got), len(want))
				}
			}
		}
	}
}

// TestExplain: the explanation names every indicator of the scheme and
// states the total.
func TestExplain(t *testing.T) {
	p := loadDemo(t)
	for _, s := range p.Config.Schemes {
		r := latest(t, p, s.ID)
		var e *scoring.EntityResult
		for _, g := range r.Groups {
			if len(g.Entities) > 0 {
				e = g.Entities[0]
				break
			}
		}
		if e == nil {
			t.Errorf("%s %s: nobody scored", s.ID, r.Period.ID)
			continue
		}
		code, out, stderr := runCLI("explain", "--scheme", s.ID, "--period", r.Period.ID, "--entity", e.Entity.ID, "--config", demoConfig)
		if code != exitOK {
			t.Errorf("explain %s %s %s: exit %d: %s", s.ID, r.Period.ID, e.Entity.ID, code, stderr)
			continue
		}
		for _, ind := range s.Indicators {
			if !strings.Contains(out, ind.Name) {
				t.Errorf("explain %s %s %s does not name the indicator %q", s.ID, r.Period.ID, e.Entity.ID, ind.Name)
			}
		}
		if total := "总分 " + numfmt.Points(e.Total) + " 分"; !strings.Contains(out, total) {
			t.Errorf("explain %s %s %s does not state %q:\n%s", s.ID, r.Period.ID, e.Entity.ID, total, out)
		}
		if !strings.Contains(out, e.Entity.Name) {
			t.Errorf("explain %s %s %s does not name the entity %q", s.ID, r.Period.ID, e.Entity.ID, e.Entity.Name)
		}
	}
}

// TestCheckCapsTheListing: a period file with 250 bad cells gives 250
// errors; check lists 200, says how many more there are, counts all 250
// and exits 1.
func TestCheckCapsTheListing(t *testing.T) {
	cfg := copyDemo(t)
	var b strings.Builder
	b.WriteString("entity,cases\n")
	for range 250 {
		b.WriteString("jn,abc\n")
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(cfg), "data", "periods", "2024-Q1.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI("check", "--config", cfg)
	if code != exitInput {
		t.Fatalf("check: exit %d, want 1", code)
	}
	listed := 0
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(l, "data/periods/2024-Q1.csv:") {
			listed++
		}
	}
	if listed != 200 || !strings.Contains(stdout, "\n…还有 50 个问题未列出\n") || !strings.Contains(stdout, "共 250 个错误") {
		t.Errorf("%d problems listed; want 200, then the line for the 50 more and the count of 250:\n%s", listed, stdout[max(0, len(stdout)-300):])
	}
}

// TestCheckReportsSlots: a slot that cannot run stops a build, so check
// reports it too, with its file and line, and exits 1.
func TestCheckReportsSlots(t *testing.T) {
	dir := t.TempDir()
	if _, ps := initsite.Create(dir); ps.HasErrors() {
		t.Fatal(ps)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "footer.html"), []byte("<p>\n{{.Phone}}</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI("check", "--config", filepath.Join(dir, "config.toml"))
	if code != 1 || !strings.Contains(stdout, "templates/footer.html:2: 错误") {
		t.Errorf("check = %d, %q; want 1 and the slot's file and line", code, stdout)
	}
}

// TestBuildReportsSlotFailingOnOnePage: a slot that runs on the sample
// data but fails on one page is the site's mistake: the build names the
// slot's file, line and the page, leaves the previous output alone and
// does not ask the user to report it as a bug.
func TestBuildReportsSlotFailingOnOnePage(t *testing.T) {
	dir := t.TempDir()
	if _, ps := initsite.Create(dir); ps.HasErrors() {
		t.Fatal(ps)
	}
	cfg := filepath.Join(dir, "config.toml")
	if code, stdout, stderr := runCLI("build", "--quiet", "--config", cfg); code != 0 {
		t.Fatalf("first build = %d: %s%s", code, stdout, stderr)
	}
	before, err := os.ReadFile(filepath.Join(dir, "public", "archive.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	slot := "<p>电话</p>\n{{ if eq .Path \"archive.html\" }}{{ .Phone }}{{ end }}\n"
	if err := os.WriteFile(filepath.Join(dir, "templates", "footer.html"), []byte(slot), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("build", "--quiet", "--config", cfg)
	out := stdout + stderr
	if code != 1 || !strings.Contains(out, "templates/footer.html:2: 错误") || !strings.Contains(out, "archive.html") ||
		strings.Contains(out, "维护人员") {
		t.Errorf("build = %d, %q; want 1, the slot's file and line and the page, no bug report", code, out)
	}
	after, err := os.ReadFile(filepath.Join(dir, "public", "archive.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the previous output changed (%v)", err)
	}
}

package initsite

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/build"
	"kaoping/generator/diag"
)

// TestCreateThenBuild: the example site is complete, checks clean (no
// error, no warning) and builds at once.
func TestCreateThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files, problems := Create(dir)
	if len(problems) > 0 {
		t.Fatalf("Create: %v", problems)
	}
	for _, want := range []string{"config.toml", "data/entities.csv", "data/notes/2025-Q2.md", ".gitignore"} {
		if !contains(files, want) {
			t.Errorf("Create wrote %v, want %s among them", files, want)
		}
	}
	cfg := filepath.Join(dir, "config.toml")
	p, problems := build.Load(cfg)
	if len(problems) > 0 {
		t.Fatalf("check of the new site is not clean:\n%v", format(problems))
	}
	if got := len(p.Data.Periods); got != 2 {
		t.Errorf("periods = %d, want 2", got)
	}
	if got := len(p.Config.Schemes); got != 2 {
		t.Errorf("schemes = %d, want 2", got)
	}
	if p.Data.Notes["2025-Q2"] == "" {
		t.Error("the note of 2025-Q2 was not read")
	}
	_, sum, problems := build.Build(build.Options{ConfigPath: cfg})
	if problems.HasErrors() {
		t.Fatalf("build of the new site failed:\n%v", format(problems))
	}
	if sum.Pages == 0 {
		t.Error("build wrote no page")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "data", "basic", "2025-Q2.json")); err != nil {
		t.Errorf("results file missing: %v", err)
	}
}

// TestConfigCommentsEveryKey: every key of SPEC §5 appears in the example
// config, set or commented out, with a comment on it or just above it.
func TestConfigCommentsEveryKey(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("skeleton", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{
		"title", "subtitle", "base_url", "language", "ytd", "data_dir", "output_dir", "templates_dir",
		"[fields]", "[constants]", "[[schemes]]", "id", "name", "kind", "peers", "periods", "tie_break",
		"[[schemes.categories]]", "weight", "[[schemes.indicators]]", "category", "formula", "direction",
		"format", "decimals", "missing", "valid_if", "method", "step", "max_plus", "max_minus",
		"deviation", "reference", "base", "floor", "best", "worst", "bands", "target", "proportional",
		"low", "high", "description", "[[schemes.adjustments]]", "field", "points", "cap",
		"[[schemes.vetoes]]", "grade", "[[schemes.grades]]", "share", "min_score",
	}
	text := string(src)
	for _, k := range keys {
		pat := `(?m)^\s*#?\s*` + regexp.QuoteMeta(k)
		if !strings.HasPrefix(k, "[") {
			pat += `\s*=`
		}
		if !regexp.MustCompile(pat).MatchString(text) {
			t.Errorf("config.toml does not show key %s", k)
		}
	}
	// Every top-level setting has a comment on its line.
	for _, k := range keys[:8] {
		m := regexp.MustCompile(`(?m)^#?\s*` + k + `\s*=.*$`).FindString(text)
		if !strings.Contains(strings.TrimPrefix(m, "#"), "#") {
			t.Errorf("line %q has no comment", m)
		}
	}
}

func TestCreateRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T) string
		want  string // in the Chinese message
	}{
		{"non-empty folder", func(t *testing.T) string {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
			return dir
		}, "文件夹不是空的（其中有 notes.txt"},
		{"a file", func(t *testing.T) string {
			f := filepath.Join(t.TempDir(), "file")
			os.WriteFile(f, []byte("mine"), 0o644)
			return f
		}, "无法创建站点文件夹"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.setup(t)
			files, problems := Create(dir)
			if files != nil || !problems.HasErrors() {
				t.Fatalf("Create(%s) = %v, %v; want a refusal", dir, files, problems)
			}
			p := problems[0]
			if p.Pos.File != dir || !strings.Contains(p.ZH, tt.want) || p.EN == "" {
				t.Errorf("problem = %+v, want file %s and %q", p, dir, tt.want)
			}
			// The user's file is untouched.
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
				if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
					t.Error("the existing file was changed")
				}
				if _, err := os.Stat(filepath.Join(dir, "config.toml")); err == nil {
					t.Error("config.toml was written into a non-empty folder")
				}
			}
		})
	}
}

// TestCreateEmptyExisting: an existing empty folder is used.
func TestCreateEmptyExisting(t *testing.T) {
	dir := t.TempDir()
	if _, problems := Create(dir); len(problems) > 0 {
		t.Fatal(problems)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "periods", "2025-Q2", "prosecutors.csv")); err != nil {
		t.Error(err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func format(l diag.List) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Format("zh-CN") + "\n")
	}
	return b.String()
}

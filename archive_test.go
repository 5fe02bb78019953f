package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyCommand: verify passes on a fresh build and fails (exit 1),
// naming the file, on a changed, a missing and an added file.
func TestVerifyCommand(t *testing.T) {
	cfg := copyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	code, stdout, _ := runCLI("verify", out)
	if code != exitOK || !strings.Contains(stdout, "校验通过") || !strings.Contains(stdout, "kaoping "+version) {
		t.Fatalf("verify of a fresh build: exit %d\n%s", code, stdout)
	}
	ranking := filepath.Join(out, "schemes", "basic", "2026-03.html")
	tests := []struct {
		name   string
		change func() error
		undo   func() error
		want   string
	}{
		{"changed", func() error { return os.WriteFile(ranking, []byte("tampered"), 0o644) }, nil, "改动：schemes/basic/2026-03.html"},
		{"missing", func() error { return os.Remove(filepath.Join(out, "data", "basic", "2026-03.csv")) }, nil, "缺少：data/basic/2026-03.csv"},
		{"added", func() error { return os.WriteFile(filepath.Join(out, "periods", "x.html"), nil, 0o644) }, nil, "多出：periods/x.html"},
	}
	for _, tt := range tests {
		if err := tt.change(); err != nil {
			t.Fatal(err)
		}
		code, stdout, _ := runCLI("verify", out)
		if code != exitInput || !strings.Contains(stdout, tt.want) || !strings.Contains(stdout, "校验未通过") {
			t.Errorf("%s: exit %d\n%s", tt.name, code, stdout)
		}
	}
	if code, _, _ := runCLI("verify"); code != exitUsage {
		t.Errorf("verify without a folder: exit %d, want 2", code)
	}
	if code, _, stderr := runCLI("verify", t.TempDir()); code != exitInput || !strings.Contains(stderr, "manifest.json") {
		t.Errorf("verify of a folder without manifest: exit %d\n%s", code, stderr)
	}
}

// TestVerifyLanguage: verify, which has no --config, speaks the language
// of ./config.toml, and both languages (one line per file) where there is
// none, as beside an unzipped bundle.
func TestVerifyLanguage(t *testing.T) {
	cfg := initSite(t) // small: quick to build
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if err := os.Remove(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	english := t.TempDir()
	if err := os.WriteFile(filepath.Join(english, "config.toml"), []byte("language = \"en\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		dir    string
		want   []string
		unwant string
	}{
		{english, []string{"missing: index.html\n", "verification failed: 1 missing"}, "校验"},
		{t.TempDir(), []string{"缺少 (missing): index.html\n", "校验未通过", "verification failed"}, "缺少：index"},
	} {
		t.Chdir(tt.dir)
		code, stdout, _ := runCLI("verify", out)
		for _, w := range tt.want {
			if code != exitInput || !strings.Contains(stdout, w) || strings.Contains(stdout, tt.unwant) {
				t.Errorf("verify in %s: exit %d, want 1 and %q, not %q:\n%s", tt.dir, code, w, tt.unwant, stdout)
			}
		}
	}
}

func TestPublishCommandUsage(t *testing.T) {
	cfg := copyDemo(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"publish", "--config", cfg}, exitUsage, "publish 需要且只需要一个考核期"},
		{[]string{"publish", "2026-03", "--amend", " ", "--config", cfg}, exitUsage, "--amend"},
		{[]string{"publish", "2031-05", "--config", cfg}, exitInput, "2031-05"},
		{[]string{"publish", "2026-03", "--amend", "reason", "--config", cfg}, exitInput, "尚未公示"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s", tt.args, code, tt.code, tt.want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(cfg), "data", "published.toml")); err == nil {
		t.Error("a failed publish wrote data/published.toml")
	}
	orig := today
	today = func() string { return "2026-04-02" }
	defer func() { today = orig }()
	code, stdout, stderr := runCLI("publish", "2026-03", "--config", cfg)
	if code != exitOK || !strings.Contains(stdout, "已公示：2026-03、2026-03-ytd") {
		t.Fatalf("publish: exit %d\n%s%s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(filepath.Dir(cfg), "data", "published.toml"))
	if !strings.Contains(string(b), `date = "2026-04-02"`) {
		t.Errorf("published.toml:\n%s", b)
	}
	if code, stdout, _ := runCLI("publish", "2026-03", "--config", cfg); code != exitOK || !strings.Contains(stdout, "已公示且未改变") {
		t.Errorf("publishing again: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ := runCLI("check", "--config", cfg); code != exitOK {
		t.Errorf("check after publishing: exit %d\n%s", code, stdout)
	}
}

func TestBuildExcludeKindUnknown(t *testing.T) {
	cfg := copyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--exclude-kind", "prosecuter")
	if code != exitInput || !strings.Contains(stderr, "prosecuter") || !strings.Contains(stderr, "data/entities.csv") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed build wrote the output folder")
	}
}

// Package refcheck compares kaoping's results with an independent Python
// implementation of SPEC §3–§7 (see README.md).
package refcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kaoping/generator/build"
)

func python(t *testing.T) string {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	if exec.Command(py, "-c", "import tomllib").Run() != nil {
		t.Skip("python3 lacks tomllib (needs 3.11+)")
	}
	return py
}

// compareSite builds site with kaoping and with the reference and fails on
// any difference.
func compareSite(t *testing.T, py, configPath string) {
	t.Helper()
	dir := t.TempDir()
	goOut, refOut := filepath.Join(dir, "go"), filepath.Join(dir, "ref")
	if _, _, ps := build.Build(build.Options{ConfigPath: configPath, OutDir: goOut}); ps.HasErrors() {
		t.Fatalf("kaoping build: %v", ps.Err("en"))
	}
	if out, err := exec.Command(py, "kaoping_ref.py", filepath.Dir(configPath), refOut).CombinedOutput(); err != nil {
		t.Fatalf("reference: %v\n%s", err, out)
	}
	out, err := exec.Command(py, "compare.py", refOut, goOut, "--label", filepath.Base(filepath.Dir(configPath))).CombinedOutput()
	if err != nil {
		t.Fatalf("compare: %v\n%s", err, out)
	}
	text := strings.TrimSpace(string(out))
	last := text[strings.LastIndex(text, "\n")+1:]
	if !strings.Contains(last, "diffs=0") || strings.Contains(last, "files=0 ") {
		t.Errorf("kaoping and the reference differ:\n%s", text)
	}
	t.Log(last)
}

func TestDemoMatchesReference(t *testing.T) {
	py := python(t)
	compareSite(t, py, "../../config.toml")
}

func TestRandomSitesMatchReference(t *testing.T) {
	py := python(t)
	n := 5
	if s := os.Getenv("KAOPING_REFCHECK_SITES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for seed := 1; seed <= n; seed++ {
		site := filepath.Join(t.TempDir(), "site"+strconv.Itoa(seed))
		if out, err := exec.Command(py, "gen_random.py", site, strconv.Itoa(seed)).CombinedOutput(); err != nil {
			t.Fatalf("gen_random: %v\n%s", err, out)
		}
		compareSite(t, py, filepath.Join(site, "config.toml"))
	}
}

//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOInDataFailsFast: a FIFO among the period files makes check and
// build exit 1 at once, naming it, and the build leaves the previous
// output as it was.
func TestFIFOInDataFailsFast(t *testing.T) {
	cfg := copyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(filepath.Dir(cfg), "data", "periods", "2026-04.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "--config", cfg}, {"build", "--config", cfg, "--out", out, "--quiet"}} {
		cmd := args[0]
		done := make(chan struct{})
		go func() {
			defer close(done)
			code, stdout, stderr := runCLI(args...)
			if code != exitInput || !strings.Contains(stdout+stderr, "data/periods/2026-04.csv: 错误: 这是命名管道（FIFO）") {
				t.Errorf("%s: exit %d\n%s%s", cmd, code, stdout, stderr)
			}
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("%s blocked on a FIFO", cmd)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(before, after) {
		t.Error("the failed build changed the output")
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun checks the exit status, the messages and the files for good and
// bad command lines.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // substring
		file   string // written, relative to dir ("" = none checked)
	}{
		{"no out", []string{"-cities", "1"}, 2, "-out DIR is required", ""},
		{"stray argument", []string{"-out", dir, "extra"}, 2, "-out DIR is required", ""},
		{"unknown flag", []string{"-size", "3", "-out", dir}, 2, "flag provided but not defined", ""},
		{"out of range", []string{"-cities", "0", "-out", dir}, 2, "cities = 0", ""},
		{"small site", []string{"-cities", "1", "-units", "1", "-prosecutors", "2", "-periods", "2", "-months", "1", "-out", dir},
			0, "gensite: period 2024-07 (3/3)", "data/periods/2024-07.csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(tc.args, &stderr); code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tc.stderr, stderr.String())
			}
			if tc.file != "" {
				if _, err := os.Stat(filepath.Join(dir, tc.file)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

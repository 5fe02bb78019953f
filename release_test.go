package main

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"debug/pe"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestReleaseScript: scripts/release.sh builds the four binaries for
// office machines (Windows PCs, Linux on x86, ARM and LoongArch 信创
// machines), each for its system and CPU, static, free of this
// machine's paths, listed in SHA256SUMS with their true sums, the same
// bytes when built again, and stamped with the version it is given.
func TestReleaseScript(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-builds kaoping four times (minutes); go test ./... runs it")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	const stamp = "v9.8.7-test"
	release := func(dist string) {
		t.Helper()
		cmd := exec.Command("sh", filepath.Join("scripts", "release.sh"), stamp)
		cmd.Env = append(os.Environ(), "DIST="+dist)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("scripts/release.sh: %v\n%s", err, out)
		}
	}
	tmp := t.TempDir()
	first, second := filepath.Join(tmp, "first"), filepath.Join(tmp, "second")
	release(first)

	targets := []struct {
		goos, goarch, file string
		machine            uint16 // PE or ELF machine
	}{
		{"windows", "amd64", "windows-amd64/kaoping.exe", pe.IMAGE_FILE_MACHINE_AMD64},
		{"linux", "amd64", "linux-amd64/kaoping", uint16(elf.EM_X86_64)},
		{"linux", "arm64", "linux-arm64/kaoping", uint16(elf.EM_AARCH64)},
		{"linux", "loong64", "linux-loong64/kaoping", uint16(elf.EM_LOONGARCH)},
	}
	sums, err := os.ReadFile(filepath.Join(first, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(sums), "\n"); n != len(targets) {
		t.Errorf("SHA256SUMS has %d lines, want %d:\n%s", n, len(targets), sums)
	}
	for _, tt := range targets {
		path := filepath.Join(first, filepath.FromSlash(tt.file))
		bin, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s/%s: %v", tt.goos, tt.goarch, err)
			continue
		}
		sum := sha256.Sum256(bin)
		if line := hex.EncodeToString(sum[:]) + "  " + tt.file + "\n"; !strings.Contains(string(sums), line) {
			t.Errorf("SHA256SUMS does not have %q:\n%s", line, sums)
		}
		if bytes.Contains(bin, []byte(root)) {
			t.Errorf("%s holds the path of this checkout (%s): built without -trimpath?", tt.file, root)
		}
		if !bytes.Contains(bin, []byte(stamp)) {
			t.Errorf("%s does not hold the version %s", tt.file, stamp)
		}
		switch tt.goos {
		case "windows":
			f, err := pe.Open(path)
			if err != nil {
				t.Errorf("%s is not a Windows program: %v", tt.file, err)
				continue
			}
			if f.Machine != tt.machine {
				t.Errorf("%s is for machine %#x, want %#x", tt.file, f.Machine, tt.machine)
			}
			f.Close()
		default:
			f, err := elf.Open(path)
			if err != nil {
				t.Errorf("%s is not a Linux program: %v", tt.file, err)
				continue
			}
			if uint16(f.Machine) != tt.machine {
				t.Errorf("%s is for %v, want %v", tt.file, f.Machine, elf.Machine(tt.machine))
			}
			for _, p := range f.Progs {
				if p.Type == elf.PT_INTERP {
					t.Errorf("%s needs a dynamic loader: built with cgo?", tt.file)
				}
			}
			f.Close()
		}
		if tt.goos == runtime.GOOS && tt.goarch == runtime.GOARCH {
			out, err := exec.Command(path, "--version").Output()
			if err != nil || string(out) != "kaoping "+stamp+"\n" {
				t.Errorf("%s --version = %q (%v), want %q", tt.file, out, err, "kaoping "+stamp+"\n")
			}
		}
	}

	release(second)
	again, err := os.ReadFile(filepath.Join(second, "SHA256SUMS"))
	if err != nil || !bytes.Equal(sums, again) {
		t.Errorf("a second run gives other bytes (%v):\n%s\n%s", err, sums, again)
	}
}

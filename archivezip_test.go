package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kaoping/generator/manifest"
)

// TestArchiveCommand: `kaoping archive P` writes the zip of P that a
// build with archive_zips writes, byte for byte; it never writes over a
// file, and a period without data is a usage error naming the nearest.
func TestArchiveCommand(t *testing.T) {
	cfg := copyDemo(t)
	text, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append([]byte("archive_zips = true\n"), text...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	built, err := os.ReadFile(filepath.Join(out, "archive", "2026-03.zip"))
	if err != nil {
		t.Fatalf("archive_zips = true: %v", err)
	}
	zipFile := filepath.Join(t.TempDir(), "报送.zip")
	code, stdout, stderr := runCLI("archive", "2026-03", "--config", cfg, "--out", zipFile)
	if code != exitOK || !strings.Contains(stdout, "已生成 "+zipFile) || !strings.Contains(stdout, "2026年3月") {
		t.Fatalf("archive: exit %d\n%s%s", code, stdout, stderr)
	}
	made, err := os.ReadFile(zipFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(made, built) {
		t.Errorf("kaoping archive wrote %d bytes, the build's archive/2026-03.zip has %d: they differ", len(made), len(built))
	}

	// Never over a file: the second run leaves the first zip as it was.
	code, _, stderr = runCLI("archive", "2026-03", "--config", cfg, "--out", zipFile)
	if code != exitInput || !strings.Contains(stderr, "文件已存在") {
		t.Errorf("archive over an existing file: exit %d, want 1\n%s", code, stderr)
	}
	if again, _ := os.ReadFile(zipFile); !bytes.Equal(again, made) {
		t.Error("the existing zip was changed")
	}
	code, _, stderr = runCLI("archive", "2026-3", "--config", cfg, "--out", filepath.Join(t.TempDir(), "x.zip"))
	if code != exitUsage || !strings.Contains(stderr, "是不是 2026-03") {
		t.Errorf("archive 2026-3: exit %d, want 2 and a suggestion\n%s", code, stderr)
	}
	if code, _, _ := runCLI("archive", "--config", cfg); code != exitUsage {
		t.Errorf("archive without a period: exit %d, want 2", code)
	}
	// Not where the next build deletes it, nor among the inputs.
	site := filepath.Dir(cfg)
	for place, file := range map[string]string{"输出目录": filepath.Join(site, "public", "x.zip"), "数据目录": filepath.Join(site, "data", "x.zip")} {
		code, _, stderr := runCLI("archive", "2026-03", "--config", cfg, "--out", file)
		if code != exitUsage || !strings.Contains(stderr, place) {
			t.Errorf("archive --out %s: exit %d, want 2 naming the %s\n%s", file, code, place, stderr)
		}
		if _, err := os.Stat(file); !os.IsNotExist(err) {
			t.Errorf("%s was written (%v)", file, err)
		}
	}
}

// TestArchiveWithoutZipsInTheBuild: by default a build writes no zips and
// its pages link none; `kaoping archive P` (default file name, in the
// current folder) then makes a zip whose pages are the site's and whose
// manifest verifies; --exclude-kind leaves the prosecutors' names out.
func TestArchiveWithoutZipsInTheBuild(t *testing.T) {
	cfg := copyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "archive")); !os.IsNotExist(err) {
		t.Errorf("a build without archive_zips wrote archive/ (%v)", err)
	}
	period, err := os.ReadFile(filepath.Join(out, "periods", "2026-03.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(period, []byte(".zip")) {
		t.Error("the period page links a zip the build did not write")
	}

	dir := t.TempDir()
	t.Chdir(dir)
	if code, stdout, stderr := runCLI("archive", "2026-03", "--config", cfg); code != exitOK {
		t.Fatalf("archive: exit %d\n%s%s", code, stdout, stderr)
	}
	files := unzipAll(t, filepath.Join(dir, "2026-03-归档包.zip"), filepath.Join(dir, "un"))
	if rep, err := manifest.Verify(filepath.Join(dir, "un")); err != nil || !rep.OK() || rep.Checked < 100 {
		t.Errorf("verify of the unzipped archive: %+v, %v", rep, err)
	}
	sheet := "schemes/prosecutor/2026-03/zz-st-p01.html"
	site, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(sheet)))
	if err != nil {
		t.Fatal(err)
	}
	inZip, ok := files[sheet]
	if !ok {
		t.Fatalf("%s is not in the zip", sheet)
	}
	// The zip's copy differs from the site's only where a link leaves the
	// zip (ARCHIVE.md): same head, same tables.
	if !bytes.Contains(inZip, []byte("not-in-bundle")) || len(inZip) < len(site)*9/10 {
		t.Errorf("%s in the zip (%d bytes) is not the site's page (%d bytes) with its outside links greyed", sheet, len(inZip), len(site))
	}

	const name = "山亭检察官01" // zz-st-p01 in data/entities.csv
	shared := filepath.Join(dir, "对外.zip")
	if code, stdout, stderr := runCLI("archive", "2026-03", "--config", cfg, "--exclude-kind", "prosecutor", "--out", shared); code != exitOK {
		t.Fatalf("archive --exclude-kind prosecutor: exit %d\n%s%s", code, stdout, stderr)
	}
	for f, data := range unzipAll(t, shared, filepath.Join(dir, "shared")) {
		if bytes.Contains(data, []byte(name)) {
			t.Errorf("%s of the shared zip names %s", f, name)
		}
	}
}

// TestArchiveBadConfig: a config with an error writes no zip (exit 1).
func TestArchiveBadConfig(t *testing.T) {
	cfg := copyDemo(t)
	if err := os.WriteFile(cfg, []byte("title = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	zipFile := filepath.Join(t.TempDir(), "a.zip")
	code, _, stderr := runCLI("archive", "2026-03", "--config", cfg, "--out", zipFile)
	if code != exitInput || !strings.Contains(stderr, "未生成归档包") {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	if _, err := os.Stat(zipFile); !os.IsNotExist(err) {
		t.Errorf("a zip was written (%v)", err)
	}
}

// unzipAll extracts a zip into dir and returns its files by name.
func unzipAll(t *testing.T, file, dir string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = buf.Bytes()
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

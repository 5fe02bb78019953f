package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binary.dir != "" {
		os.RemoveAll(binary.dir)
	}
	os.Exit(code)
}

// binary is kaoping compiled once for the tests that run it as a
// process of its own.
var binary struct {
	once      sync.Once
	dir, path string
	err       error
}

// kaopingBinary compiles this package (go build) once and returns the
// path of the program.
func kaopingBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		if binary.dir, binary.err = os.MkdirTemp("", "kaoping-bin-"); binary.err != nil {
			return
		}
		binary.path = filepath.Join(binary.dir, "kaoping")
		out, err := exec.Command(goTool, "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// The output folder (SPEC §2): what a build refuses, a symlinked output,
// readers holding files open, and what is left beside the output.

// treeState is one hash of everything under dir: paths, kinds, modes,
// link targets and contents; "" when dir does not exist.
func treeState(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Lstat(dir); err != nil {
		return ""
	}
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%v\x00", filepath.ToSlash(rel), info.Mode())
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00", target)
		case info.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d\x00", len(b))
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// siteFiles maps the regular files under dir (slash paths) to their
// contents.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = b
		} else if !d.IsDir() {
			return fmt.Errorf("%s is neither a file nor a folder", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameSite fails the test unless the folders hold the same files with
// the same bytes.
func sameSite(t *testing.T, what, got, want string) {
	t.Helper()
	g, w := siteFiles(t, got), siteFiles(t, want)
	var missing, extra, changed []string
	for name, b := range w {
		switch gb, ok := g[name]; {
		case !ok:
			missing = append(missing, name)
		case !bytes.Equal(gb, b):
			changed = append(changed, name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			extra = append(extra, name)
		}
	}
	if len(missing)+len(extra)+len(changed) > 0 || len(w) == 0 {
		sort.Strings(missing)
		sort.Strings(extra)
		sort.Strings(changed)
		t.Errorf("%s: %d files, want %d; missing %.10q, extra %.10q, changed %.10q", what, len(g), len(w), missing, extra, changed)
	}
}

// leftovers lists the names in dir that a build keeps beside an output
// while it runs: lock files and the folders of builds.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".kaoping-lock") || strings.Contains(e.Name(), ".kaoping-new-") {
			names = append(names, e.Name())
		}
	}
	return names
}

// verifyOK runs kaoping verify on dir and fails the test unless it passes.
func verifyOK(t *testing.T, what, dir string) {
	t.Helper()
	if code, stdout, stderr := runCLI("verify", dir); code != exitOK {
		t.Errorf("%s: kaoping verify %s: exit %d\n%s%s", what, dir, code, stdout, stderr)
	}
}

// setCell replaces the first old by new in the init site's
// data/periods/2025-Q1.csv: a change of data that changes the results.
func setCell(t *testing.T, cfg, old, new string) {
	t.Helper()
	replaceIn(t, filepath.Join(filepath.Dir(cfg), "data", "periods", "2025-Q1.csv"), old, new)
}

// TestOutputRefused: an output that is a file, the site folder, inside or
// around the inputs, or a folder of someone's documents is refused: exit
// 1, a message that names the output as it was given, and nothing
// touched (the site folder and the target hash the same before and after;
// no lock file, no build folder anywhere).
func TestOutputRefused(t *testing.T) {
	cfg := initSite(t)
	site := filepath.Dir(cfg)
	other := t.TempDir()
	docs := filepath.Join(other, "我的文档")
	os.MkdirAll(filepath.Join(docs, "2024"), 0o755)
	os.WriteFile(filepath.Join(docs, "2024", "总结.docx"), []byte("not a site"), 0o644)
	os.WriteFile(filepath.Join(docs, "manifest.json"), []byte(`{"name": "a web app's manifest, not kaoping's"}`), 0o644)
	file := filepath.Join(other, "report.txt")
	os.WriteFile(file, []byte("a file"), 0o644)
	if err := os.Symlink(filepath.Join(site, "data"), filepath.Join(other, "link-to-data")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(other, "nowhere"), filepath.Join(other, "dangling")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(docs, filepath.Join(other, "link-to-docs")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(site, "link-to-site")); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		out  string // --out, or "" for output_dir
		dir  string // output_dir in config.toml, when out is ""
		want string // in the message
	}{
		{"data/periods", filepath.Join(site, "data", "periods"), "", "数据目录"},
		{"data/entities.csv", filepath.Join(site, "data", "entities.csv"), "", "是一个文件"},
		{"data", filepath.Join(site, "data"), "", "数据目录"},
		{"inside data, new", filepath.Join(site, "data", "notes", "public"), "", "数据目录"},
		{"the site folder", site, "", "站点目录"},
		{"around the site folder", filepath.Dir(site), "", "站点目录"},
		{"config.toml", cfg, "", "是一个文件"},
		{"templates", filepath.Join(site, "templates"), "", "模板目录"},
		{"someone's documents", docs, "", "不是 kaoping 生成的网站"},
		{"a file", file, "", "是一个文件"},
		{"a link to data", filepath.Join(other, "link-to-data"), "", "数据目录"},
		{"a dangling link", filepath.Join(other, "dangling"), "", "符号链接"},
		{"a link to someone's documents", filepath.Join(other, "link-to-docs"), "", "不是 kaoping 生成的网站"},
		{"a link to the site folder", filepath.Join(site, "link-to-site"), "", "站点目录"},
		{"output_dir = data", "", "data", "数据目录"},
		{"output_dir = .", "", ".", "站点目录"},
	}
	orig := readText(t, cfg)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"build", "--config", cfg, "--quiet"}
			shown := tt.out
			if tt.out != "" {
				args = append(args, "--out", tt.out)
			} else {
				if !strings.Contains(orig, `# output_dir = "public"`) {
					t.Fatal(`the init config.toml no longer has the line # output_dir = "public"; update the test`)
				}
				os.WriteFile(cfg, []byte(strings.Replace(orig, `# output_dir = "public"`, `output_dir = "`+tt.dir+`"`, 1)), 0o644)
				defer os.WriteFile(cfg, []byte(orig), 0o644)
				shown = tt.dir
			}
			beforeSite, beforeOther := treeState(t, site), treeState(t, other)
			code, stdout, stderr := runCLI(args...)
			if code != exitInput {
				t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, shown+": 错误: ") || !strings.Contains(stderr, tt.want) {
				t.Errorf("the message does not name the output %q (%q):\n%s", shown, tt.want, stderr)
			}
			if !strings.Contains(stderr, "未写入任何文件，原输出保持不变") {
				t.Errorf("no word that nothing was written:\n%s", stderr)
			}
			if treeState(t, site) != beforeSite || treeState(t, other) != beforeOther {
				t.Errorf("the refused build changed something: site folder %q, other folder %q", treeNames(t, site), treeNames(t, other))
			}
			for _, dir := range []string{site, filepath.Dir(site), other, filepath.Join(site, "data"), filepath.Join(site, "data", "periods")} {
				if l := leftovers(t, dir); len(l) > 0 {
					t.Errorf("the refused build left %q in %s", l, dir)
				}
			}
		})
	}
}

// treeNames lists the paths under dir, for failure messages.
func treeNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	return names
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOutputSymlink: public/ is a link to the deployed folder (relative
// or absolute). The build keeps the link as it was and swaps the folder it
// points to: the target then holds exactly the new site, which verifies,
// nothing is left beside it or beside the link, and nothing of the old
// site remains or is missing.
func TestOutputSymlink(t *testing.T) {
	for _, relative := range []bool{true, false} {
		t.Run(fmt.Sprintf("relative=%v", relative), func(t *testing.T) {
			cfg := initSite(t)
			site := filepath.Dir(cfg)
			srv := filepath.Join(filepath.Dir(site), "srv")
			deployed := filepath.Join(srv, "考评")
			os.MkdirAll(srv, 0o755)
			// The deployed folder holds the site of the old data.
			if code, _, stderr := runCLI("build", "--config", cfg, "--out", deployed, "--quiet", "--no-bundles"); code != exitOK {
				t.Fatalf("first build: %s", stderr)
			}
			link := filepath.Join(site, "public")
			target := deployed
			if relative {
				target = filepath.Join("..", "srv", "考评")
			}
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			old := siteFiles(t, deployed)
			setCell(t, cfg, "dq,120,", "dq,133,")
			// The new site as a clean build of the new data makes it.
			want := filepath.Join(t.TempDir(), "want")
			if code, _, stderr := runCLI("build", "--config", cfg, "--out", want, "--quiet", "--no-bundles"); code != exitOK {
				t.Fatalf("reference build: %s", stderr)
			}
			if bytes.Equal(old["data/basic/2025-Q1.csv"], siteFiles(t, want)["data/basic/2025-Q1.csv"]) {
				t.Fatal("the change of data did not change the results; the test proves nothing")
			}

			code, stdout, stderr := runCLI("build", "--config", cfg, "--quiet", "--no-bundles")
			if code != exitOK {
				t.Fatalf("build through the link: exit %d\n%s%s", code, stdout, stderr)
			}
			st, err := os.Lstat(link)
			if err != nil || st.Mode()&fs.ModeSymlink == 0 {
				t.Fatalf("public is no longer a symbolic link: %v %v", st, err)
			}
			if got, _ := os.Readlink(link); got != target {
				t.Errorf("the link now points to %q, want %q", got, target)
			}
			sameSite(t, "the deployed folder after the build", deployed, want)
			verifyOK(t, "the deployed folder", deployed)
			verifyOK(t, "through the link", link)
			if l := leftovers(t, srv); len(l) > 0 {
				t.Errorf("left beside the deployed folder: %q", l)
			}
			if l := leftovers(t, site); len(l) > 0 {
				t.Errorf("left beside the link: %q", l)
			}
			if names := dirNamesOf(t, srv); strings.Join(names, ",") != "考评" {
				t.Errorf("the deployed folder's parent holds %q", names)
			}
		})
	}
}

func dirNamesOf(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestOutputReadersKeepTheirBytes: a reader (a web server, a copy to the
// intranet) holds every file of the output open across three builds with
// changing data; reading each from its descriptor gives the bytes it had
// when opened. No build writes into a file of the live output.
func TestOutputReadersKeepTheirBytes(t *testing.T) {
	cfg := initSite(t)
	out := filepath.Join(t.TempDir(), "public")
	build := func(step string) {
		t.Helper()
		if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet"); code != exitOK {
			t.Fatalf("%s: %s", step, stderr)
		}
	}
	build("first build")
	type held struct {
		name string
		f    *os.File
		data []byte
	}
	var readers []held
	for name, data := range siteFiles(t, out) {
		f, err := os.Open(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		readers = append(readers, held{name, f, data})
	}
	if len(readers) < 50 {
		t.Fatalf("only %d files in the output", len(readers))
	}
	manifests := map[string]bool{string(siteFiles(t, out)["manifest.json"]): true}
	for i, cell := range []string{"dq,121,", "dq,122,", "dq,123,"} {
		setCell(t, cfg, "dq,"+fmt.Sprint(120+i)+",", cell)
		build(fmt.Sprintf("build %d", i+2))
		manifests[string(siteFiles(t, out)["manifest.json"])] = true
		verifyOK(t, fmt.Sprintf("after build %d", i+2), out)
		for _, r := range readers {
			got := make([]byte, len(r.data)+1)
			n, _ := r.f.ReadAt(got, 0)
			if !bytes.Equal(got[:n], r.data) {
				t.Errorf("after build %d, the reader of %s reads %d bytes that differ from the %d it opened", i+2, r.name, n, len(r.data))
			}
		}
	}
	if len(manifests) != 4 {
		t.Errorf("%d different outputs in 4 builds of changing data; the test proves nothing", len(manifests))
	}
	if l := leftovers(t, filepath.Dir(out)); len(l) > 0 {
		t.Errorf("left beside the output: %q", l)
	}
}

// TestOutputLeftoversRemoved: the folders an interrupted build leaves
// beside the output (.public.kaoping-new-*, also one holding a previous
// site, -old), a lock file of a process that is gone and the build cache
// of earlier versions (.kaoping/cache) are removed by the next build,
// which succeeds; names that only look alike are kept.
func TestOutputLeftoversRemoved(t *testing.T) {
	cfg := initSite(t)
	site := filepath.Dir(cfg)
	if code, _, stderr := runCLI("build", "--config", cfg, "--quiet", "--no-bundles"); code != exitOK {
		t.Fatal(stderr)
	}
	mk := func(rel, text string) {
		p := filepath.Join(site, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(".public.kaoping-new-123456/index.html", "half a site")
	mk(".public.kaoping-new-123456/schemes/basic/2025-Q1.html", "half a page")
	mk(".public.kaoping-new-999-old/manifest.json", `{"kaoping": "0.1.0", "outputs": {}}`)
	mk(".public.kaoping-new-empty/.keep", "")
	mk(".public.kaoping-lock", "999999999\n")
	// Not kaoping's: kept.
	mk(".public.kaoping-newer/notes.txt", "mine")
	mk(".other.kaoping-new-1/notes.txt", "another output's, not this one's")
	mk("public-old/notes.txt", "mine")
	// The cache of kaoping versions with incremental builds: removed.
	mk(".kaoping/cache/cache.json", "{}")
	mk(".kaoping/cache/pool/000001", "an old page")

	code, stdout, stderr := runCLI("build", "--config", cfg, "--quiet", "--no-bundles")
	if code != exitOK {
		t.Fatalf("build over leftovers: exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stderr, "等待") {
		t.Errorf("the build waited for a lock file nobody holds:\n%s", stderr)
	}
	if l := leftovers(t, site); strings.Join(l, ",") != ".other.kaoping-new-1" {
		t.Errorf("beside the output after the build: %q, want only .other.kaoping-new-1", l)
	}
	for _, kept := range []string{".public.kaoping-newer/notes.txt", ".other.kaoping-new-1/notes.txt", "public-old/notes.txt"} {
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(kept))); err != nil {
			t.Errorf("a file that is not kaoping's was removed: %s", kept)
		}
	}
	verifyOK(t, "the output", filepath.Join(site, "public"))
	if _, err := os.Stat(filepath.Join(site, ".kaoping")); err == nil {
		t.Error("the build cache of an earlier version (.kaoping/cache) is still there")
	}
}

// TestInitGitignore: the .gitignore of `kaoping init` covers everything
// a build writes or leaves beside public/ (the output, the lock file,
// the folders of builds), and nothing of the site's inputs.
func TestInitGitignore(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	cfg := initSite(t)
	site := filepath.Dir(cfg)
	run := func(args ...string) (string, error) {
		cmd := exec.Command(git, args...)
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("init", "-q"); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if code, _, stderr := runCLI("build", "--config", cfg, "--quiet", "--no-bundles"); code != exitOK {
		t.Fatal(stderr)
	}
	// What a running or an interrupted build has beside the output.
	for _, p := range []string{".public.kaoping-lock", ".public.kaoping-new-123456/index.html", ".public.kaoping-new-123456-old/manifest.json"} {
		full := filepath.Join(site, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte("x"), 0o644)
	}
	for _, p := range []string{"public/index.html", "public/manifest.json", ".public.kaoping-lock",
		".public.kaoping-new-123456/index.html", ".public.kaoping-new-123456-old/manifest.json"} {
		if out, err := run("check-ignore", "-q", "--no-index", p); err != nil {
			t.Errorf("git does not ignore %s (%v %s)", p, err, out)
		}
	}
	for _, p := range []string{"config.toml", "data/entities.csv", "data/periods/2025-Q1.csv", "data/notes/2025-Q2.md", ".gitignore", "data/published.toml", "templates/custom.css"} {
		if _, err := run("check-ignore", "-q", "--no-index", p); err == nil {
			t.Errorf("git ignores %s, an input of the site", p)
		}
	}
	status := func(step string) {
		t.Helper()
		out, err := run("status", "--porcelain", "--untracked-files=all")
		if err != nil {
			t.Fatal(err, out)
		}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if strings.Contains(line, "kaoping") || strings.Contains(line, "public") {
				t.Errorf("%s: git status shows a file of a build: %s", step, line)
			}
		}
	}
	status("public a folder")
	// public as a link to the deployed folder.
	os.RemoveAll(filepath.Join(site, "public"))
	if err := os.Symlink(t.TempDir(), filepath.Join(site, "public")); err != nil {
		t.Fatal(err)
	}
	status("public a link")
}

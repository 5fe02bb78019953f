package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"kaoping/generator/build"
)

// demoConfig is the demo site's config, relative to this package's folder
// (go test runs in it).
const demoConfig = "../config.toml"

// demo is the demo site, built once for the whole test binary.
var demo struct {
	Dir     string         // the output folder
	Project *build.Project // the loaded and scored project
}

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

// runMain builds the demo into a temporary folder, runs the tests and
// removes the folder (a deferred call would not run past os.Exit).
func runMain(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "kaoping-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "public")
	p, _, problems := build.Build(build.Options{ConfigPath: demoConfig, OutDir: out, Bundles: true})
	if problems.HasErrors() {
		fmt.Fprintf(os.Stderr, "e2e: the demo site does not build:\n%v\n", problems.Err("en"))
		return 1
	}
	demo.Dir, demo.Project = out, p
	defer closeBrowser()
	return m.Run()
}

// copySite copies a site folder's inputs (config.toml and the data folder)
// into a new temporary folder and returns the path of its config.toml.
// Tests that modify a site work on such a copy.
func copySite(t *testing.T) string {
	t.Helper()
	src := filepath.Dir(demoConfig)
	dst := t.TempDir()
	for _, name := range []string{"config.toml", "data"} {
		if err := copyTree(filepath.Join(src, name), filepath.Join(dst, name)); err != nil {
			t.Fatalf("copying the demo site: %v", err)
		}
	}
	return filepath.Join(dst, "config.toml")
}

// copyTree copies a file or a folder recursively.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// editFile replaces the first occurrence of old by new in a file, failing
// the test when old is not there (the demo changed under the test).
func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q any more; update the test", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(s, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// treeFiles lists the regular files under dir, as sorted slash paths
// relative to dir.
func treeFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, filepath.ToSlash(rel))
		} else if !d.IsDir() {
			return fmt.Errorf("%s is neither a file nor a folder", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// hashTree returns one hash of every path and content under dir, so two
// calls compare a whole output folder.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	for _, f := range treeFiles(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// dirNames lists the names in a folder, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}

// readFile returns a file's content, failing the test when it cannot.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

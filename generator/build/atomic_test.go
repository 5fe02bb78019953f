package build

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStagingCommitReplacesOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "old.html"), []byte("old"), 0o644)

	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(s.Dir) != root {
		t.Fatalf("staging %s is not beside %s", s.Dir, out)
	}
	os.WriteFile(filepath.Join(s.Dir, "new.html"), []byte("new"), 0o644)
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "old.html")); !os.IsNotExist(err) {
		t.Error("old output survived the swap")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "new.html")); string(b) != "new" {
		t.Error("new output not in place")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}

func TestStagingAbortKeepsOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "old.html"), []byte("old"), 0o644)
	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(s.Dir, "half.html"), []byte("half"), 0o644)
	s.Abort()
	if b, _ := os.ReadFile(filepath.Join(out, "old.html")); string(b) != "old" {
		t.Error("abort touched the output")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}

func TestStagingFirstBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a", "public")
	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
		t.Errorf("output folder not created: %v", err)
	}
}

func TestCheckOutputDirRefusesInputs(t *testing.T) {
	site := "/srv/site"
	for _, tc := range []struct {
		out string
		ok  bool
	}{
		{"/srv/site/public", true},
		{"/srv/site", false},      // would replace config.toml
		{"/srv", false},           // contains the site
		{"/srv/site/data", false}, // the data folder
		{"/srv/site/data2", true}, // only a name prefix
	} {
		err := checkOutputDir(tc.out, site, site+"/data", site+"/templates")
		if (err == nil) != tc.ok {
			t.Errorf("checkOutputDir(%s) = %v, want ok=%v", tc.out, err, tc.ok)
		}
	}
}

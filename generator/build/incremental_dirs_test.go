package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRecoverMoves kills a build, in effect, between moving folders out
// of the previous output and the swap: the next call puts them back and
// removes the dead build's staging folder, and does nothing once the
// journal is gone.
func TestRecoverMoves(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	for _, f := range []string{"index.html", "schemes/a/2024-Q1/x.html", "schemes/a/2024-Q1/y.html", "schemes/a/2024-Q2/x.html"} {
		p := filepath.Join(out, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stage, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	inc := &incremental{prevDir: out, stageDir: stage.Dir, cachePath: filepath.Join(root, "cache.txt"),
		moves: []string{"schemes/a/2024-Q1", "schemes/a/2024-Q2"}}
	if err := inc.moveDirs(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "schemes/a/2024-Q1")); !os.IsNotExist(err) {
		t.Fatal("the folder was not moved")
	}
	// The build dies here. The next one repairs the output first.
	if err := recoverMoves(inc.journalPath()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"schemes/a/2024-Q1/x.html", "schemes/a/2024-Q1/y.html", "schemes/a/2024-Q2/x.html"} {
		if b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f))); err != nil || string(b) != f {
			t.Errorf("%s not back in the output: %v", f, err)
		}
	}
	if _, err := os.Stat(stage.Dir); !os.IsNotExist(err) {
		t.Error("the dead build's staging folder is still there")
	}
	if _, err := os.Stat(inc.journalPath()); !os.IsNotExist(err) {
		t.Error("the journal is still there")
	}
	if err := recoverMoves(inc.journalPath()); err != nil {
		t.Errorf("without a journal: %v", err)
	}
}

// TestRecoverMovesAfterSwap: a build killed after its swap left only the
// previous output (now under the staging name) and the journal: nothing
// moves back over the new output, and the old one is removed.
func TestRecoverMovesAfterSwap(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	os.MkdirAll(filepath.Join(out, "schemes/a/2024-Q1"), 0o755)
	os.WriteFile(filepath.Join(out, "schemes/a/2024-Q1/x.html"), []byte("new"), 0o644)
	old := filepath.Join(root, ".public.kaoping-tmp-1")
	os.MkdirAll(filepath.Join(old, "schemes/a"), 0o755)
	os.WriteFile(filepath.Join(old, "index.html"), []byte("old"), 0o644)
	inc := &incremental{prevDir: out, stageDir: old, cachePath: filepath.Join(root, "cache.txt"), moves: []string{"schemes/a/2024-Q1"}}
	if err := inc.writeJournal(); err != nil {
		t.Fatal(err)
	}
	if err := recoverMoves(inc.journalPath()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "schemes/a/2024-Q1/x.html")); string(b) != "new" {
		t.Error("the new output was changed")
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("the previous output was not removed")
	}
}

// TestMoveDirsUndo: a move that fails puts the folders already moved back.
func TestMoveDirsUndo(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	os.MkdirAll(filepath.Join(out, "a"), 0o755)
	os.WriteFile(filepath.Join(out, "a", "x.html"), []byte("x"), 0o644)
	stage, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	// "b" does not exist in the output: its move fails after "a" moved.
	inc := &incremental{prevDir: out, stageDir: stage.Dir, cachePath: filepath.Join(root, "cache.txt"), moves: []string{"a", "b"}}
	if err := inc.moveDirs(); err == nil {
		t.Fatal("moving a missing folder succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a", "x.html")); string(b) != "x" {
		t.Error("the moved folder was not put back")
	}
	if _, err := os.Stat(inc.journalPath()); !os.IsNotExist(err) {
		t.Error("the journal is still there after the undo")
	}
}

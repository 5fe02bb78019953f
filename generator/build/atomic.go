package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Staging is a temporary output folder beside the real one. Everything is
// written into it; Commit swaps it in only when the whole build succeeded,
// so a failed or killed build leaves the previous output exactly as it was.
type Staging struct {
	Dir    string // the temporary folder to write into
	target string
}

// NewStaging creates the temporary folder next to target (same file
// system, so the swap is a rename).
func NewStaging(target string) (*Staging, error) {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".kaoping-tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Staging{Dir: dir, target: target}, nil
}

// Commit puts the staged folder in place of the target and removes the
// previous output.
func (s *Staging) Commit() error {
	old, err := s.Swap()
	if err != nil || old == "" {
		return err
	}
	return removeTree(old)
}

// Swap puts the staged folder in place of the target and returns the
// folder that now holds the previous output ("" when there was none), for
// the caller to remove. Where the OS can exchange two folders in one step
// it does; otherwise the old output is moved aside first and restored if
// the second rename fails.
func (s *Staging) Swap() (old string, err error) {
	if _, err := os.Lstat(s.target); os.IsNotExist(err) {
		return "", os.Rename(s.Dir, s.target)
	}
	if exchange(s.Dir, s.target) == nil {
		return s.Dir, nil // s.Dir now holds the previous output
	}
	old = s.Dir + ".old"
	if err := os.Rename(s.target, old); err != nil {
		return "", err
	}
	if err := os.Rename(s.Dir, s.target); err != nil {
		_ = os.Rename(old, s.target)
		return "", err
	}
	return old, nil
}

// Abort removes the staged folder; the target is untouched.
func (s *Staging) Abort() { os.RemoveAll(s.Dir) }

// checkOutputDir refuses an output folder whose replacement would destroy
// the site's own inputs (output_dir = "." or "data", say).
func checkOutputDir(out string, inputs ...string) error {
	out = filepath.Clean(out)
	for _, in := range inputs {
		in = filepath.Clean(in)
		if in == out || strings.HasPrefix(in, out+string(filepath.Separator)) {
			return fmt.Errorf("output folder %s would replace the site's input %s", out, in)
		}
	}
	return nil
}

//go:build unix

package config

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestConfigFIFO: --config naming a FIFO is refused at once, naming it.
func TestConfigFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c, l := Load(path)
		if c != nil || len(l) != 1 || l[0].Pos.File != path || !strings.Contains(l[0].EN, "cannot read the config file: this is a named pipe (FIFO)") {
			t.Errorf("Load of a FIFO: %v, %v", c, l)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load blocked on a FIFO")
	}
}

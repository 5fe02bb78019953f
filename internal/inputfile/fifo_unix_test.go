//go:build unix

package inputfile

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFO: a named pipe with no writer is refused at once, by Read,
// ReadDir and Special; reading it would wait forever.
func TestFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "2024-Q1.csv")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Read(path)
		done <- err
	}()
	select {
	case err := <-done:
		var e *Error
		if !errors.As(err, &e) || e.Kind != FIFO {
			t.Fatalf("Read of a FIFO: %v", err)
		}
		if zh, en := Describe(err); !strings.Contains(zh, "命名管道（FIFO）") || !strings.Contains(en, "named pipe (FIFO)") {
			t.Errorf("Describe = %q / %q", zh, en)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read of a FIFO blocked")
	}
	if _, err := ReadDir(path); err == nil {
		t.Error("ReadDir of a FIFO succeeded")
	}
	if err := Special(path); err == nil {
		t.Error("Special: a FIFO is not special")
	}
	// Opened without blocking even when the Stat saw a regular file.
	f, err := openNonblock(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestSocket(t *testing.T) {
	dir, err := os.MkdirTemp("", "kp") // short: socket paths are limited to ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "s.csv")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Skip("no Unix sockets here:", err)
	}
	defer ln.Close()
	var e *Error
	if _, err := Read(path); !errors.As(err, &e) || e.Kind != Socket {
		t.Fatalf("Read of a socket: %v", err)
	}
}

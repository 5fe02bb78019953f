package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRegular(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.csv")
	os.WriteFile(path, []byte("entity,cases\n"), 0o644)
	b, err := Read(path)
	if err != nil || string(b) != "entity,cases\n" {
		t.Fatalf("Read = %q, %v", b, err)
	}
	// A link to a regular file is read through.
	link := filepath.Join(t.TempDir(), "link.csv")
	if err := os.Symlink(path, link); err == nil {
		if b, err := Read(link); err != nil || string(b) != "entity,cases\n" {
			t.Errorf("Read of a link = %q, %v", b, err)
		}
	}
	if _, err := Read(filepath.Join(t.TempDir(), "none.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read of a missing file: %v", err)
	} else if zh, en := Describe(err); zh != "文件不存在" || en != "the file does not exist" {
		t.Errorf("Describe = %q / %q", zh, en)
	}
	if _, err := Read(t.TempDir()); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("Read of a folder: %v", err)
	}
}

// TestReadTooLarge: a (sparse) file of 200 MB + 1 byte is refused by its
// size, naming it; one of exactly 200 MB would be read.
func TestReadTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Read(path)
	var e *Error
	if !errors.As(err, &e) || e.Kind != TooLarge || e.Size != MaxSize+1 || e.Path != path {
		t.Fatalf("Read of a file over the limit: %#v", err)
	}
	zh, en := Describe(err)
	if !strings.Contains(zh, "200.0 MB") || !strings.Contains(zh, "200 MB 的上限") || !strings.Contains(en, "more than the limit of 200 MB") {
		t.Errorf("Describe = %q / %q", zh, en)
	}
	if Special(path) != nil {
		t.Error("Special: a large regular file is not special")
	}
}

// TestDevice: a link to /dev/zero (which never ends) is refused without
// being read.
func TestDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	link := filepath.Join(t.TempDir(), "zero.csv")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	var e *Error
	if _, err := Read(link); !errors.As(err, &e) || e.Kind != Device {
		t.Fatalf("Read of a link to /dev/zero: %v", err)
	}
	if err := Special(link); !errors.As(err, &e) || e.Kind != Device {
		t.Errorf("Special: %v", err)
	}
	if zh, en := Describe(e); !strings.Contains(zh, "设备文件") || !strings.Contains(en, "a device") {
		t.Errorf("Describe = %q / %q", zh, en)
	}
}

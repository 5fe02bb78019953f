package build

import (
	"os"
	"strconv"
	"strings"
)

// lock is held by the one build that writes an output. It is a file
// beside the output, locked by the operating system (flock on Unix,
// LockFileEx on Windows): the lock ends with the process, so a build that
// was killed leaves no lock behind that the next build would have to
// break. The file holds the holder's process id, for the message of a
// build that waits.
type lock struct {
	f    *os.File
	path string
}

// acquireLock takes the lock of output o, waiting while another build
// holds it; waiting is told the other build's process id ("" when not
// known) once, before the wait.
func acquireLock(o *outFolder, waiting func(pid string)) (*lock, error) {
	path := o.lockPath()
	if err := os.MkdirAll(o.parent(), 0o755); err != nil {
		return nil, err
	}
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		locked, err := tryLockFile(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if !locked {
			if waiting != nil {
				waiting(readPid(path))
				waiting = nil
			}
			if err := lockFile(f); err != nil {
				f.Close()
				return nil, err
			}
		}
		// The holder before us removes the file as it lets go: if the
		// path no longer names the file we locked, lock the new one.
		if !sameFile(f, path) {
			f.Close()
			continue
		}
		if err := f.Truncate(0); err == nil {
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		return &lock{f: f, path: path}, nil
	}
}

// release removes the lock file and lets the lock go.
func (l *lock) release() {
	if l == nil {
		return
	}
	removeLockFile(l)
	l.f.Close()
}

// sameFile reports whether path still names the open file f.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

func readPid(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	pid := strings.TrimSpace(string(b))
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	return pid
}

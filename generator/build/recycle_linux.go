package build

import (
	"bufio"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// takeFile moves the pooled file from to p, which must not exist, and
// opens it for writing; it returns its descriptor and size, or -1 (and
// leaves nothing at p) unless
// the file is a regular file no other name links to, with permissions
// perm. (O_NOFOLLOW and O_NONBLOCK: a symbolic link or a FIFO put in the
// pool fails to open instead of being followed or blocking.)
func takeFile(from, p string, perm uint32) (int, int64) {
	if unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, p, unix.RENAME_NOREPLACE) != nil {
		return -1, 0
	}
	fd, err := unix.Open(p, unix.O_WRONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	if err != nil {
		unix.Unlink(p)
		return -1, 0
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Nlink != 1 || st.Mode&0o7777 != perm {
		unix.Close(fd)
		unix.Unlink(p)
		return -1, 0
	}
	return fd, st.Size
}

// newFilePerm is the permissions a file created with mode 0644 gets:
// 0644 less the umask, read from /proc (setting the umask to learn it
// would race with the build's other goroutines).
func newFilePerm() (uint32, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "Umask:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			if err != nil {
				return 0, false
			}
			return 0o644 &^ uint32(mask), true
		}
	}
	return 0, false
}

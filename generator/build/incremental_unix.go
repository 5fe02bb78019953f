//go:build unix

package build

import (
	"os"
	"syscall"
)

// inode is the file's inode number: a file linked from the previous
// output keeps it, a rewritten one gets a new one.
func inode(st os.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Ino)
	}
	return 0
}

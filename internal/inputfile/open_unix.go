//go:build unix

package inputfile

import (
	"os"
	"syscall"
)

// openNonblock opens path for reading without waiting for a writer, should
// it have become a FIFO since it was looked at.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

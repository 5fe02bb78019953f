//go:build !linux

package build

// Elsewhere than on Linux nothing is recycled (recycle.go): there is no
// rename that refuses to replace a file, and these disks were not
// measured.

func takeFile(from, p string, perm uint32) (int, int64) { return -1, 0 }

func newFilePerm() (uint32, bool) { return 0, false }

//go:build !unix

package render

import "os"

// writeFile creates (or truncates) the file at p with mode 0644. There is
// no recycling here (Writer.Recycle is set on Unix only): fd and size are
// ignored.
func writeFile(p string, data []byte, fd int, size int64) error { return os.WriteFile(p, data, 0o644) }

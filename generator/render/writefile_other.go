//go:build !unix

package render

import "os"

// writeFile creates (or truncates) the file at p with mode 0644. There is
// no recycling here (Writer.Recycle is set on Unix only): fd is ignored.
func writeFile(p string, data []byte, fd int) error { return os.WriteFile(p, data, 0o644) }

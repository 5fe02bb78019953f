//go:build !unix

package render

import "os"

// writeFile creates (or truncates) the file at p with mode 0644.
func writeFile(p string, data []byte) error { return os.WriteFile(p, data, 0o644) }

//go:build !unix

package inputfile

import "os"

// openNonblock opens path for reading (there are no FIFOs in the file
// system here).
func openNonblock(path string) (*os.File, error) { return os.Open(path) }

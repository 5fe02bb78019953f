//go:build !linux

package build

import "errors"

// exchange is not available: Commit falls back to two renames.
func exchange(a, b string) error { return errors.New("exchange not supported") }

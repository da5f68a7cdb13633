//go:build !unix

package odb

import "os"

// openNoBlock opens read-only; FIFOs do not exist here.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }

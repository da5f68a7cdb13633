//go:build !linux

package odb

// dropPages is a no-op where the resident set of a mapping is not
// released on request.
func dropPages(mappedFile) {}

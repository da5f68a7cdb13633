//go:build !unix

package main

// lowerPriority does nothing where process priorities are not set this way.
func lowerPriority(int) {}

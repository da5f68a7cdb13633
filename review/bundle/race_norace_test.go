//go:build !race

package bundle

// raceBuild is false in a plain build: every key-file check runs.
const raceBuild = false

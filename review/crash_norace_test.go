//go:build !race

package review

// raceBuild is false in a plain build: the SIGKILL loop runs in full.
const raceBuild = false

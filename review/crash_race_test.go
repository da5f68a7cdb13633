//go:build race

package review

// raceBuild shortens the SIGKILL loop under the race detector, where each
// writer process takes several times longer to start; the plain run does
// the full count.
const raceBuild = true

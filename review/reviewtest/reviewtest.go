// Package reviewtest keeps tests that open review workspaces away from the
// user's home: workspaces record their journal heads under
// $XDG_STATE_HOME, so a test binary points it at a temporary directory.
package reviewtest

import (
	"fmt"
	"os"
	"testing"
)

// Main runs the package's tests with XDG_STATE_HOME set to a fresh
// temporary directory, removed afterwards. Call it from TestMain.
func Main(m *testing.M) {
	dir, err := os.MkdirTemp("", "sightline-state-")
	if err == nil {
		err = os.Setenv("XDG_STATE_HOME", dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

package export

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points XDG_STATE_HOME, where review workspaces record their
// journal heads, at a temporary directory, so that the workspaces these
// tests open never write to the user's home.
func TestMain(m *testing.M) {
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

package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/symbols"
)

// In the built binary: once the background child has written the symbol
// index, gd on a call in a C file jumps to the function in another file,
// ctrl+o returns, and gr lists the call sites through its own child.
func TestE2EGdJumpsToTheDefinitionAndGrListsCallers(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", navTree)
	_, pin := pintest.Head(t, rt)

	s := startTUI(t, "open", rt.Dir, "--workspace", filepath.Join(t.TempDir(), "ws"), "src/main.c:3")
	s.WaitFor("src/main.c │ 3/")
	symPath := symbols.CachePath(filepath.Join(s.Home, "cache", "sightline", "index"), pin.Tree)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(symPath); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no symbol index at %s after 30 s", symPath)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.Type("gd")
	s.WaitFor("src/util.c │ 1/", "definition: src/util.c:1 function helper (candidate)")
	s.Send("C-o")
	s.WaitFor("src/main.c │ 3/")
	s.Type("gr")
	s.WaitFor("references to helper: 2 in code, 1 in comments and strings", "src/main.c:3:5 code in main: helper(1);")
	s.Send("Escape")
	s.WaitForNot("references to helper")
	s.Quit()
}

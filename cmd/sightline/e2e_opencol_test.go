package main

import (
	"path/filepath"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/symbols"
)

// In the built binary: "open REPO src/main.c:3:13", a place as refs
// prints it, puts the column cursor on helper in
// "    int r = helper(1);", so gd goes straight to its definition, where
// at the line's first word it would look up int.
func TestE2EOpenAtAColumnPutsGdOnTheName(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", cursorNavTree())
	_, pin := pintest.Head(t, rt)

	s := startTUI(t, "open", rt.Dir, "--workspace", filepath.Join(t.TempDir(), "ws"), "src/main.c:3:13")
	s.WaitFor("src/main.c │ 3/")
	symPath := symbols.CachePath(filepath.Join(s.Home, "cache", "sightline", "index"), pin.Tree)
	s.WaitForFile(symPath, 30*time.Second)
	s.Type("gd")
	s.WaitFor("src/util.c │ 1/", "definition: src/util.c:1 function helper (candidate)")
	s.Send("C-o")
	s.WaitFor("src/main.c │ 3/")
	s.Quit()
}

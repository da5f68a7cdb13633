package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/repo/search"
	"sightline/repo/symbols"
)

// The workbench builds the search index of the pinned tree in the
// background (a child process), so ctrl+f gets fast; --no-index does not.
func TestE2EBuildsTheSearchIndexInTheBackground(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{"a.txt": {Content: "alpha needle\n"}, "src/b.go": {Content: "package b // needle\n"}})
	_, pin := pintest.Head(t, rt)
	indexOf := func(s *tmuxSession) string {
		return search.IndexPath(filepath.Join(s.Home, "cache", "sightline", "index"), pin.Tree)
	}

	s := startTUI(t, rt.Dir)
	s.WaitFor("a.txt")
	path := indexOf(s)
	s.WaitForFile(path, 15*time.Second)
	idx, err := search.OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatalf("the background index does not open: %v", err)
	}
	idx.Close()
	// The same child tags the tree and writes the symbol index beside it.
	symPath := symbols.CachePath(filepath.Dir(path), pin.Tree)
	s.WaitForFile(symPath, 15*time.Second)
	if six, err := symbols.Load(symPath, pin.Tree); err != nil || len(six.Defs("b")) != 0 || len(six.Files) != 1 {
		t.Fatalf("the background symbol index: %v, %+v", err, six)
	}
	s.Send("C-f")
	s.Type("needle")
	s.Send("Enter")
	s.WaitFor("a.txt:1", "src/b.go:1")
	s.Send("Escape")
	s.Quit()

	s = startTUI(t, rt.Dir, "--no-index")
	s.WaitFor("a.txt")
	time.Sleep(1500 * time.Millisecond) // a build would be done by now
	if _, err := os.Stat(indexOf(s)); err == nil {
		t.Fatal("--no-index built an index")
	}
	s.Quit()
}

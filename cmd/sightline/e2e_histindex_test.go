package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// The workbench's background index child also writes the history index
// of a repository without a commit-graph; a damaged one is named at the
// next start and not used.
func TestE2EHistoryIndexBuiltAndDamagedNamed(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.txt": {Content: "alpha\n"}})
	rt.Commit("two", repotest.Tree{"a.txt": {Content: "alpha\nbeta\n"}})
	_, pin := pintest.Head(t, rt)

	s := startTUI(t, rt.Dir)
	s.WaitFor("a.txt")
	path := repo.HistoryIndexPath(filepath.Join(s.Home, "cache", "sightline", "index"), pin.Commit)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no history index at %s after 20 s", path)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.Quit()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s = startTUIHome(t, s.Home, rt.Dir)
	s.WaitFor("history index not used")
	s.Quit()
}

package main

import (
	"fmt"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

// TestE2EListKeysInChangesAndHistory moves the History commit list and
// the Changes file list with the README's keys in a real terminal: a lone
// g waits for its second (the next key moves from where the cursor is),
// gg goes to the top, G to the bottom, and ctrl+d moves half a page (the
// first row stays in sight) and ctrl+u back.
func TestE2EListKeysInChangesAndHistory(t *testing.T) {
	const n = 60
	rt := repotest.New(t)
	files := repotest.Tree{}
	for i := range n {
		files[fmt.Sprintf("f%02d.txt", i)] = repotest.File{Content: "v1\n"}
	}
	h := rt.Commit("subject-00", files)
	rt.Tag("v1", h, "")
	for i := 1; i < n; i++ {
		name := fmt.Sprintf("f%02d.txt", i)
		h = rt.Commit(fmt.Sprintf("subject-%02d", i), rt.Edit(h, repotest.Tree{name: {Content: "v2\n"}}))
	}
	detail := func(i int) string { return "commit    " + rt.Commits[i].String() }
	s := startTUI(t, "open", rt.Dir, "--base", "v1")
	s.WaitFor("1 Files", "2 Changes", "3 History")

	s.Type("3")
	s.WaitFor(fmt.Sprintf("base..pin: %d commits in v1", n-1), detail(n-1))
	s.Type("r") // the whole history: G must reach the root, which v1 names
	s.WaitFor(fmt.Sprintf("%d commits reachable from", n), detail(n-1))
	s.Type("G")
	s.WaitFor(detail(0))
	s.Type("gj") // g waits; j moves down from the oldest: it stays there
	s.Type("k")
	s.WaitFor(detail(1))
	s.Type("gg")
	s.WaitFor(detail(n - 1))
	s.Send("C-d")
	scr := s.WaitForNot(detail(n - 1))
	if !strings.Contains(scr, "subject-59") {
		t.Errorf("ctrl+d scrolled the newest commit out of sight (a whole page, not half):\n%s", scr)
	}
	s.Send("C-u")
	s.WaitFor(detail(n - 1))

	s.Type("2")
	s.WaitFor(fmt.Sprintf("%d files changed", n-1), "M f01.txt")
	s.Type("G")
	s.WaitFor("file 59/59")
	s.Type("gk")
	s.WaitFor("file 58/59")
	s.Type("gg")
	s.WaitFor("file 1/59")
	s.Send("C-d")
	scr = s.WaitForNot("file 1/59")
	if !strings.Contains(scr, "f01.txt") {
		t.Errorf("ctrl+d scrolled the first file out of sight (a whole page, not half):\n%s", scr)
	}
	s.Quit()
}

package main

import (
	"testing"

	"sightline/repo/repotest"
)

// TestE2EReblame is issue 12.8 in a real terminal: blame a file, move to
// a line inside a run (the gutter names only the run's first line), see
// its commit on the status line, press , and see the line's older
// attribution there; < brings the newer one back.
func TestE2EReblame(t *testing.T) {
	rt := repotest.New(t)
	rt.Author.Name = "Ada Older"
	c1 := rt.Commit("write the loop", repotest.Tree{"a.go": {Content: e2eLines(10, nil)}})
	rt.Author.Name = "Bob Newer"
	c2 := rt.Commit("reformat lines 4 to 6", rt.Edit(c1, repotest.Tree{"a.go": {Content: e2eLines(10, map[int]string{4: "four", 5: "five", 6: "six"})}}))
	h1, h2 := c1.String()[:8], c2.String()[:8]
	s := startTUI(t, "open", rt.Dir)
	s.WaitFor("1 Files", "a.go")
	s.Send("Enter")
	s.WaitFor("a.go │ 1/10")
	s.Type("b")
	s.WaitFor(h1+" Ada Older", h2+" Bob Newer")
	s.Type(":5")
	s.Send("Enter")
	s.WaitFor("a.go │ 5/10 │", h2+" Bob Newer 2024-01-01 reformat")
	s.Type(",")
	s.WaitFor("a.go │ 5/10 │", "(,×1) "+h1+" Ada Older 2024-01-01")
	s.WaitForNot(h2 + " Bob Newer")
	s.Type("<")
	s.WaitFor("a.go │ 5/10 │", h2+" Bob Newer 2024-01-01 reformat")
	s.Quit()
}

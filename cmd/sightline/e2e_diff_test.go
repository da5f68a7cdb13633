package main

import (
	"fmt"
	"strings"
	"testing"

	"sightline/repo/repotest"
)

func e2eLines(n int, repl map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if s, ok := repl[i]; ok {
			b.WriteString(s + "\n")
			continue
		}
		fmt.Fprintf(&b, "line %d\n", i)
	}
	return b.String()
}

// TestE2EDiffWalk walks every hunk of a three-file diff with ]c and back
// with [c, toggles side by side, opens a file from a diff line and
// returns with backspace, in a real terminal.
func TestE2EDiffWalk(t *testing.T) {
	rt := repotest.New(t)
	base := rt.Commit("v1", repotest.Tree{
		"a.go": {Content: e2eLines(40, nil)},
		"c.go": {Content: e2eLines(10, nil)},
		"d.md": {Content: "gone\nsoon\n"},
	})
	rt.Tag("v1", base, "")
	rt.Commit("v2", rt.Edit(base, repotest.Tree{
		"a.go": {Content: e2eLines(40, map[int]string{5: "fifth line", 35: "thirty-fifth line"})},
		"c.go": {Content: e2eLines(10, map[int]string{3: "third line"})},
		"d.md": repotest.Delete,
	}))
	s := startTUI(t, "open", rt.Dir, "--base", "v1")
	s.WaitFor("1 Files", "2 Changes", "3 History")
	s.Type("2")
	s.WaitFor("3 files changed, +3 -5", "a.go", "c.go", "d.md")
	s.Send("Enter")
	s.WaitFor("M a.go", "unified") // the first file's diff is loaded
	walk := []string{"hunk 1/2 · file 1/3", "hunk 2/2 · file 1/3", "hunk 1/1 · file 2/3", "hunk 1/1 · file 3/3"}
	for _, w := range walk {
		s.Type("]c")
		s.WaitFor(w)
	}
	s.Type("]c")
	s.WaitFor("no more hunks", walk[3])
	for i := len(walk) - 2; i >= 0; i-- {
		s.Type("[c")
		s.WaitFor(walk[i])
	}
	s.Type("[c")
	s.WaitFor("no earlier hunks", walk[0])

	s.Type("s")
	scr := s.WaitFor("side by side")
	found := false
	for _, l := range strings.Split(scr, "\n") {
		found = found || strings.Contains(l, "-line 5") && strings.Contains(l, "+fifth line")
	}
	if !found {
		t.Errorf("old and new line 5 are not on one row:\n%s", scr)
	}
	s.Type("s")
	s.WaitFor("unified")

	s.Type("]c") // hunk 2 of a.go, cursor on "-line 35"
	s.WaitFor(walk[1])
	s.Type("j") // "+thirty-fifth line"
	s.Send("Enter")
	s.WaitFor("a.go │ 35/40", "thirty-fifth line")
	s.Send("BSpace")
	s.WaitFor(walk[1], "+thirty-fifth line")
	s.Quit()
}

// TestE2EHistoryBaseAndCommitDiff lists the history, opens a commit's
// diff with enter, and makes an older commit the base of Changes with B.
func TestE2EHistoryBaseAndCommitDiff(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("first commit", repotest.Tree{"a.go": {Content: e2eLines(10, nil)}})
	c2 := rt.Commit("second commit", rt.Edit(c1, repotest.Tree{"a.go": {Content: e2eLines(10, map[int]string{2: "two"})}}))
	rt.Commit("third commit", rt.Edit(c2, repotest.Tree{"b.go": {Content: "package b\n"}}))
	s := startTUI(t, "open", rt.Dir)
	s.WaitFor("1 Files", "3 History")
	s.Type("3")
	s.WaitFor("3 commits reachable from", "third commit", "first commit")
	s.Type("j")
	s.Send("Enter")
	s.WaitFor("1 file changed, +1 -1", "hunk 1/1 · file 1/1", "+two")
	s.Send("Escape")
	s.WaitFor("3 commits reachable from")
	s.Type("jB")
	s.WaitFor("2 Changes", "2 files changed, +2 -1", "b.go")
	s.Quit()
}

// TestE2EBlame toggles the blame gutter in the code view and opens the
// diff of the commit that last changed a line.
func TestE2EBlame(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("first commit", repotest.Tree{"a.go": {Content: e2eLines(10, nil)}})
	c2 := rt.Commit("second commit", rt.Edit(c1, repotest.Tree{"a.go": {Content: e2eLines(10, map[int]string{4: "four"})}}))
	s := startTUI(t, "open", rt.Dir)
	s.WaitFor("1 Files", "a.go")
	s.Send("Enter")
	s.WaitFor("a.go │ 1/10")
	s.Type("b")
	s.WaitFor(c1.String()[:8]+" Test Author", c2.String()[:8]+" Test Author")
	s.Type(":4")
	s.Send("Enter")
	s.WaitFor("a.go │ 4/10")
	s.Send("Enter")
	s.WaitFor("1 file changed, +1 -1", "+four", "first parent ("+c1.String()[:12]+") → second co")
	s.Quit()
}

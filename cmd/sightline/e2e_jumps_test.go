package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/review"
)

// TestE2EFinderJumpsEscMarkAndQ is the done-when of issue 12 in a real
// terminal: from the Changes tab, two finder jumps and :N, then esc; m
// marks the file on screen (esc used to go back to Changes, and m then
// marked the file selected there, never opened). ctrl+o walks back; q in
// a nested view (the blame gutter) closes it, and at the top quits.
func TestE2EFinderJumpsEscMarkAndQ(t *testing.T) {
	lines := e2eLines(8, nil)
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"a.go": {Content: lines}, "b.go": {Content: lines}, "c.go": {Content: lines}, "d.go": {Content: lines}})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"a.go": {Content: lines + "extra\n"}, "c.go": {Content: "first\n" + lines}}))
	ws := filepath.Join(t.TempDir(), "ws")

	s := startTUI(t, "open", rt.Dir, "--base", "HEAD~1", "--workspace", ws, "--no-index")
	s.WaitFor("1 Files", "2 Changes", "reviewed 0/4 files")
	s.Type("2")
	s.WaitFor("2 files changed")
	for _, name := range []string{"b.go", "d.go"} {
		s.Send("C-p")
		s.WaitFor("find:")
		s.Type(name)
		s.WaitFor("1/4 files")
		s.Send("Enter")
		s.WaitFor(name + " │ 1/")
	}
	s.Type(":5")
	s.Send("Enter")
	s.WaitFor("d.go │ 5/")
	s.Send("Escape")
	s.Type("m")
	s.WaitFor("marked d.go reviewed", "reviewed 1/4 files", "d.go │ 5/")

	s.Send("C-o")
	s.WaitFor("back to Files d.go:1")
	s.Send("C-o")
	s.WaitFor("back to Files b.go:1", "b.go │ 1/")
	s.Send("C-n")
	s.WaitFor("forward to Files d.go:1")

	s.Type("b")
	s.WaitFor("Test Author")
	s.Type("q")
	s.WaitForNot("Test Author")
	if scr := s.Screen(); !strings.Contains(scr, "d.go │ 1/") || strings.Contains(scr, "[sightline exited") {
		t.Fatalf("q with the blame gutter did not just close it:\n%s", scr)
	}
	s.Type("q") // at the top, nothing unsaved: q quits
	if code := s.Exited(); code != 0 {
		t.Fatalf("q at the top: exit %d\n%s", code, s.Screen())
	}
	checkReviewed(t, ws, "d.go")
}

// checkReviewed opens the workspace after the TUI quit and checks the
// files marked reviewed there.
func checkReviewed(t *testing.T, dir string, want ...string) {
	t.Helper()
	meta, err := review.ReadMeta(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := review.Open(dir, meta)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var got []string
	for _, f := range w.Reviewed() {
		got = append(got, f.Path)
	}
	if !slices.Equal(got, want) {
		t.Errorf("reviewed in the workspace: %v, want %v", got, want)
	}
}

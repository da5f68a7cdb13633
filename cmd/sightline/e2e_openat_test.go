package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EOpenAtFileLineAndResume: "open REPO path:LINE" starts in the
// Files tab on that file with the cursor at that line, +LINE FILE too;
// quitting records the place in the workspace and a restart without a
// place resumes there, while a place on the command line wins.
func TestE2EOpenAtFileLineAndResume(t *testing.T) {
	tr, _ := historyRepo(t)
	ws := filepath.Join(t.TempDir(), "ws")
	long := "very/long/directory/name/that/goes/on/and/on/for/quite/a/while/file.txt"

	s := startTUI(t, "open", tr.Dir, "--workspace", ws, "--no-index", "new/name.c:25")
	// The status line counts the cursor's line; line 25 is in view and
	// the tree shows the file.
	// (The tree reveals the file after its directory lists: wait for both.)
	scr := s.WaitFor("new/name.c │ 25/31", "  25 c 23 ", "›    name.c")
	if !strings.Contains(scr, "1 Files") {
		t.Fatalf("open new/name.c:25 did not show the Files tab:\n%s", scr)
	}
	s.Type("j")
	s.WaitFor("new/name.c │ 26/31")
	s.Quit()

	s = startTUI(t, "open", tr.Dir, "--workspace", ws, "--no-index")
	s.WaitFor("new/name.c │ 26/31")
	s.Quit()

	s = startTUI(t, "open", tr.Dir, "--workspace", ws, "--no-index", "+2", long)
	s.WaitFor("file.txt │ 2/2")
	s.Quit()
}

// TestE2EHistoryRangeHeader: with a base, History lists base..pin and
// says so with the count; r shows the full history and says that.
func TestE2EHistoryRangeHeader(t *testing.T) {
	tr, _ := historyRepo(t)
	s := startTUI(t, "open", tr.Dir, "--base", "HEAD~2", "--no-index")
	s.WaitFor("1 Files", "3 History")
	s.Type("3")
	// HEAD~2..HEAD: four, merge and the side commit the merge brought in.
	scr := s.WaitFor("base..pin: 3 commits in HEAD~2 ")
	for _, want := range []string{"(main) four", "merge", "side"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the range lacks %q:\n%s", want, scr)
		}
	}
	s.Type("r")
	s.WaitFor("full history: 6 commits reachable from", "r: only base..pin")
	s.Quit()
}

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestE2ERolledBackJournalIsSaidOnScreen opens the workbench on a
// workspace whose journal was put back to an older copy: the message line
// says so at once (stderr is hidden by the full screen), and a new
// finding is refused, naming the choice to make.
func TestE2ERolledBackJournalIsSaidOnScreen(t *testing.T) {
	tr, at := findingsFixture(t)
	ws := filepath.Join(t.TempDir(), "ws")
	at = append(at, "--workspace", ws)
	add := func(title string) []string {
		return append([]string{"findings", "add", "--path", "src/main.c", "--lines", "1", "--title", title, "--severity", "low"}, at...)
	}
	must(t, add("one")...)
	old, err := os.ReadFile(filepath.Join(ws, "journal"))
	if err != nil {
		t.Fatal(err)
	}
	must(t, add("two")...)
	if err := os.WriteFile(filepath.Join(ws, "journal"), old, 0o600); err != nil {
		t.Fatal(err)
	}

	s := startTUI(t, tr.Dir, "--rev", "main", "--workspace", ws, "--no-index")
	s.WaitFor("read-only: journal rolled back")
	s.Send("C-p")
	s.Type("main.c")
	s.Send("Enter")
	s.WaitFor("src/main.c │ 1/")
	s.Send("a")
	s.WaitFor("New finding")
	s.Type("refused")
	s.Send("C-s")
	s.WaitFor("accept-rollback")
	s.Send("Escape")
	// Wait for the form to close: an Escape and a Q that reach the
	// terminal together read as alt+Q, which quits nothing.
	s.WaitFor("cancelled")
	s.Quit()
	if b, _ := os.ReadFile(filepath.Join(ws, "journal")); string(b) != string(old) {
		t.Fatal("the rolled back journal was written before the reviewer chose")
	}
}

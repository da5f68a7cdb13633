package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sightline/repo/repotest"
	"sightline/review"
)

// TestE2EEditKeepsStoredText is issue 17.5 in a real terminal: a finding
// whose title and description hold a ZWJ emoji, a TAB, a title-setting
// escape and a bidi override is opened in the Edit form, which shows them
// as markers without the terminal acting on them; saving unchanged writes
// nothing and says "no changes"; changing the severity keeps the text's
// bytes.
func TestE2EEditKeepsStoredText(t *testing.T) {
	bin := sightlineBinary(t)
	rt := repotest.New(t)
	rt.Commit("v1", repotest.Tree{"main.c": {Content: mainC}})
	ws := filepath.Join(t.TempDir(), "ws")
	hostile := "zwj \U0001F468\u200D\U0001F4BB tab\tesc\x1b]2;owned\x07 bidi\u202Eevil"
	if b, err := exec.Command(bin, "findings", "add", "--repo", rt.Dir, "--workspace", ws, "--path", "main.c", "--lines", "4-5",
		"--title", hostile, "--severity", "high", "--description", hostile+"\nline two").CombinedOutput(); err != nil {
		t.Fatalf("findings add: %v\n%s", err, b)
	}
	list := func() review.Finding {
		t.Helper()
		out, err := exec.Command(bin, "findings", "list", "--json", "--repo", rt.Dir, "--workspace", ws).Output()
		if err != nil {
			t.Fatalf("findings list: %v", err)
		}
		var doc struct{ Findings []review.Finding }
		if err := json.Unmarshal(out, &doc); err != nil || len(doc.Findings) != 1 {
			t.Fatalf("findings list: %v\n%s", err, out)
		}
		return doc.Findings[0]
	}
	journalSize := func() int64 {
		t.Helper()
		st, err := os.Stat(filepath.Join(ws, "journal"))
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	before, size := list(), journalSize()

	s := startTUI(t, "open", rt.Dir, "--workspace", ws)
	s.WaitFor("1 Files", "4 Findings")
	title := s.Title()
	s.Type("4")
	s.WaitFor("F-0001", "high")
	s.Type("e")
	scr := s.WaitFor("Edit F-0001", "^[]2;owned^G", "<U+202E>", "<U+200D>", "read-only")
	if s.Title() != title || strings.Contains(s.Title(), "owned") {
		t.Errorf("the escape in the title reached the terminal: pane title %q", s.Title())
	}
	s.Send("C-s")
	s.WaitFor("no changes to F-0001")
	if got := journalSize(); got != size {
		t.Errorf("an unchanged save grew the journal from %d to %d bytes:\n%s", size, got, scr)
	}
	if f := list(); f.Title != before.Title || f.Description != before.Description || !f.Updated.Equal(before.Updated) {
		t.Errorf("an unchanged save rewrote the finding: %q %q", f.Title, f.Description)
	}

	s.Type("e")
	s.WaitFor("Edit F-0001")
	s.Send("Tab", "Right", "C-s") // severity high -> critical
	s.WaitFor("saved F-0001")
	s.Quit()
	f := list()
	if f.Severity != review.SeverityCritical || f.Title != hostile || f.Description != hostile+"\nline two" {
		t.Errorf("after a severity change: %q %q %q", f.Severity, f.Title, f.Description)
	}
}

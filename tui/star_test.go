package tui

import (
	"strings"
	"testing"
)

// Issue 12 (vim motions): * in a Changes diff searches the cursor row's
// word as a whole word at its next row, and n goes on; in the commit
// list it says where it works.
func TestStarSearchesTheWordInADiff(t *testing.T) {
	_, r := blameFixture(t)
	m := press(t, startAt(t, r, "HEAD~2"), "2", "j", "enter", "j") // src/u.c's diff, its first line
	if c := cursorRow(screen(m)); !strings.Contains(c, "// header 0") {
		t.Fatalf("the diff did not open on the first header line: %q\n%s", c, screen(m))
	}
	m = press(t, m, "*")
	if c := cursorRow(screen(m)); !strings.Contains(c, "// header 1") {
		t.Fatalf("* on \"// header 0\" did not go to the next \"header\": %q\n%s", c, screen(m))
	}
	if s := screen(m); !strings.Contains(s, `* "header" as a whole word: n/N go on`) {
		t.Errorf("the pane does not say what * searched:\n%s", s)
	}
	m = press(t, m, "n")
	if c := cursorRow(screen(m)); !strings.Contains(c, "// header 2") {
		t.Errorf("n after *: %q", c)
	}
	m = press(t, m, "3", "*")
	if s := screen(m); !strings.Contains(s, "* searches a word in a commit's diff") {
		t.Errorf("* in the commit list said nothing:\n%s", s)
	}
}

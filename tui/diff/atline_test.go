package diff

import (
	"strings"
	"testing"

	"sightline/tui/internal/drive"
)

// cursorRow is the row of v the cursor mark ▌ starts.
func cursorRow(v string) string {
	for _, row := range strings.Split(v, "\n") {
		if strings.HasPrefix(row, "▌") {
			return row
		}
	}
	return ""
}

// A blamed line that replaced another must open on its own (added) row,
// not on the removed row just above it, unified and side by side.
func TestSetFileAtLineLandsOnTheLineNotTheOneItReplaced(t *testing.T) {
	f := twoHunks(t)
	m := newPane(t, f)
	m.SetFileAtLine(f, 5)
	if row := cursorRow(m.View()); !strings.Contains(row, "+x := compute(beta") {
		t.Errorf("cursor on %q, want the added line 5:\n%s", row, m.View())
	}
	m.SetFileAtLine(f, 4)
	if row := cursorRow(m.View()); !strings.Contains(row, "line 4") {
		t.Errorf("context line 4: cursor on %q", row)
	}
	m, _ = drive.Keys(m, update, keep, "s")
	m.SetFileAtLine(f, 35)
	if row := cursorRow(m.View()); !strings.Contains(row, "return err") {
		t.Errorf("side by side: cursor on %q, want the row showing line 35", row)
	}
	// Line 20 is not in the diff: the first row after it, as before.
	m, _ = drive.Keys(m, update, keep, "s")
	m.SetFileAtLine(f, 20)
	if row := cursorRow(m.View()); !strings.Contains(row, "line 32") {
		t.Errorf("line outside the hunks: cursor on %q, want the next hunk's first row", row)
	}
}

// ! walks the lines flagged ! in the gutter, wrapping, as in the code view;
// a diff without any says so, and help lists the key.
func TestBangJumpsToTheNextHostileLine(t *testing.T) {
	evil := "if isAdmin { \u202e } // check\n"
	m := newPane(t, prepared(t, "a\nb\nc\n", "a\n"+evil+"b\nc\nctl \x1b[2J\n"))
	m, _ = drive.Keys(m, update, keep, "!")
	if row := cursorRow(m.View()); !strings.Contains(row, "<U+202E>") {
		t.Fatalf("first !: cursor on %q\n%s", row, m.View())
	}
	m, _ = drive.Keys(m, update, keep, "!")
	if row := cursorRow(m.View()); !strings.Contains(row, "ctl ^[") {
		t.Fatalf("second !: cursor on %q\n%s", row, m.View())
	}
	m, _ = drive.Keys(m, update, keep, "!")
	if row := cursorRow(m.View()); !strings.Contains(row, "<U+202E>") {
		t.Fatalf("third ! did not wrap: cursor on %q\n%s", row, m.View())
	}
	m, _ = drive.Keys(m, update, keep, "s", "G", "!")
	if row := cursorRow(m.View()); !strings.Contains(row, "<U+202E>") {
		t.Fatalf("side by side: cursor on %q\n%s", row, m.View())
	}

	plain := newPane(t, twoHunks(t))
	plain, _ = drive.Keys(plain, update, keep, "!")
	if v := plain.View(); !strings.Contains(v, "no line with hostile characters") {
		t.Errorf("! without hostile lines says nothing:\n%s", v)
	}
	found := false
	for _, col := range m.KeyMap().FullHelp() {
		for _, b := range col {
			if b.Help().Key == "!" && Matches("!", b) {
				found = true
			}
		}
	}
	if !found {
		t.Error("! is not in the pane's help")
	}
}

package diff

import (
	"strings"
	"testing"

	"sightline/repo"
	"sightline/tui/internal/drive"
)

// prepared diffs old against new as the Changes tab does and prepares it.
func prepared(t *testing.T, old, new string) File {
	t.Helper()
	hunks := repo.DiffLines(repo.SplitLines([]byte(old)), repo.SplitLines([]byte(new)), DefaultContext)
	if len(hunks) == 0 {
		t.Fatal("no hunks")
	}
	ch := repo.FileChange{Status: 'M', OldPath: "a.go", NewPath: "a.go", Added: 1, Removed: 1}
	return Prepare(ch, hunks, DefaultContext, asciiStyles())
}

// viewRow returns the first row of v containing want, or "".
func viewRow(v, want string) string {
	for _, row := range strings.Split(v, "\n") {
		if strings.Contains(row, want) {
			return row
		}
	}
	return ""
}

// An added line whose code sits past the right edge behind spaces must say
// so on its row, unified and side by side, and a scrolled row must say
// what it hides on the left.
func TestDiffRowsSayTheyGoOnPastEitherEdge(t *testing.T) {
	hidden := "ok := check()" + strings.Repeat(" ", 150) + "exfiltrate()\n"
	m := newPane(t, prepared(t, "a\nb\n", "a\n"+hidden+"b\n"))
	for _, mode := range []string{"unified", "side by side"} {
		if mode == "side by side" {
			m, _ = drive.Keys(m, update, keep, "s")
		}
		v := m.View()
		row := viewRow(v, "ok := check()")
		if !strings.HasSuffix(strings.TrimRight(row, " "), RightEdge) {
			t.Fatalf("%s: row hiding code past the right edge has no %q:\n%s", mode, RightEdge, v)
		}
		if a := viewRow(v, " a"); strings.Contains(a, RightEdge) || strings.Contains(a, LeftEdge) {
			t.Errorf("%s: short row has an edge marker: %q", mode, a)
		}
	}
	m, _ = drive.Keys(m, update, keep, "s", "l")
	v := m.View()
	if row := viewRow(v, "+"+LeftEdge); row == "" || !strings.HasSuffix(row, RightEdge) {
		t.Errorf("scrolled right, the added row should start with %q and end with %q:\n%s", LeftEdge, RightEdge, v)
	}
	if a := viewRow(v, "  1   1  "); !strings.Contains(a, LeftEdge) {
		t.Errorf("context line scrolled off to the left has no %q: %q", LeftEdge, a)
	}
}

// Trojan Source in a diff: the line is flagged ! in the gutter, as in the
// code view, and the pane counts the characters for the status bar.
func TestDiffFlagsAndCountsHostileLines(t *testing.T) {
	evil := "if isAdmin { \u202e } \u2066 // check\n"
	m := newPane(t, prepared(t, "a\nb\n", "a\n"+evil+"b\nctl \x1b[2J\n"))
	v := m.View()
	row := viewRow(v, "<U+202E>")
	if !strings.Contains(row, "  2!+") {
		t.Errorf("hostile added line has no ! after its numbers: %q\n%s", row, v)
	}
	if row := viewRow(v, "^["); !strings.Contains(row, "  4!+") {
		t.Errorf("control-byte line has no ! after its numbers: %q", row)
	}
	if row := viewRow(v, " a"); strings.Contains(row, "!") {
		t.Errorf("plain context line is flagged: %q", row)
	}
	if lines, chars := m.file.Hostile(); lines != 2 || chars != 3 || m.HostileCount() != 3 {
		t.Errorf("Hostile() = %d lines, %d chars, HostileCount %d; want 2, 3, 3", lines, chars, m.HostileCount())
	}
	m, _ = drive.Keys(m, update, keep, "s")
	if row := viewRow(m.View(), "<U+202E>"); !strings.Contains(row, "  2!+") {
		t.Errorf("side by side: hostile line has no !: %q\n%s", row, m.View())
	}
}

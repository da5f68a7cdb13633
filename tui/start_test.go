package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func startWith(t *testing.T, at Position, base string) tea.Model {
	t.Helper()
	_, r := blameFixture(t)
	d := Deps{Repo: r, Pin: pintest.Resolve(t, r, "HEAD"), Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Start: at}
	if base != "" {
		d.Base = pintest.Resolve(t, r, base)
	}
	m := New(d)
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
}

// TestStartsAtTheGivenFileAndLine: Deps.Start opens the Files tab on the
// file at the line, with nothing on the jump list to go back to, and
// Position reads the place back for the next start.
func TestStartsAtTheGivenFileAndLine(t *testing.T) {
	m := startWith(t, Position{Tab: nav.ViewFiles, Path: "src/u.c", Line: 20}, "HEAD~2")
	s := screen(m)
	if !strings.Contains(s, "src/u.c │ 20/") || !strings.Contains(s, "line 17;") {
		t.Fatalf("did not start on src/u.c at line 20:\n%s", s)
	}
	// No column given: the first non-blank, column 1 of "line 17;".
	if got := m.(Model).Position(); got != (Position{Tab: nav.ViewFiles, Path: "src/u.c", Line: 20, Col: 1}) {
		t.Errorf("Position = %+v", got)
	}
	if _, ok := m.(Model).jumps.last(); ok {
		t.Errorf("the start position pushed a jump: ctrl+o would go to an empty place")
	}
	m = press(t, m, "j")
	if got := m.(Model).Position(); got.Line != 21 {
		t.Errorf("after j, Position = %+v, want line 21", got)
	}
}

// TestStartsAtTheGivenColumn: "open REPO path:LINE:COL", as refs prints
// places, puts the column cursor on that byte of the line ("17" of
// "line 17;"), so that gd and gr take the name there; a column past the
// line's end stops at its last character.
func TestStartsAtTheGivenColumn(t *testing.T) {
	for _, c := range []struct{ col, want int }{{6, 6}, {99, 8}} {
		m := startWith(t, Position{Tab: nav.ViewFiles, Path: "src/u.c", Line: 20, Col: c.col}, "")
		if got := m.(Model).Position(); got != (Position{Tab: nav.ViewFiles, Path: "src/u.c", Line: 20, Col: c.want}) {
			t.Errorf("start at column %d: Position = %+v, want column %d", c.col, got, c.want)
		}
	}
}

// TestStartsOnASavedTab: a position without a file resumes its tab; a
// tab the session lacks (Changes without a base) leaves Files.
func TestStartsOnASavedTab(t *testing.T) {
	m := startWith(t, Position{Tab: nav.ViewHistory}, "")
	if got := m.(Model).Position(); got.Tab != nav.ViewHistory || !strings.Contains(screen(m), "commits reachable from") {
		t.Errorf("did not resume on History: %+v\n%s", got, screen(m))
	}
	m = startWith(t, Position{Tab: nav.ViewChanges}, "")
	if got := m.(Model).Position(); got.Tab != nav.ViewFiles {
		t.Errorf("a missing Changes tab: Position = %+v, want Files", got)
	}
}

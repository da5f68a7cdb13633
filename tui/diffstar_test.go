package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// starDiff is the workbench on the Changes tab's diff of main.c, its
// cursor on the row that holds want.
func starDiff(t *testing.T, want string) tea.Model {
	t.Helper()
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"main.c": {Content: "int main(int argc) {\n\treturn 0;\n}\n"}})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"main.c": {Content: "int main(int argc) {\n" +
		"\tcleanup;\n\treturn check(argc, 1);\n\tif (argc) cleanup;\n\tcheck(argc, 2);\n}\n"}}))
	r, pin := pintest.Head(t, rt)
	m0 := New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Base: pintest.Resolve(t, r, c1.String())})
	m := press(t, tuitest.RunModel(t, m0, append(tuitest.Exec(t, m0.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...), "2", "enter")
	for i := 0; i < 10 && !strings.Contains(cursorLine(screen(m)), want); i++ {
		m = press(t, m, "j")
	}
	if !strings.Contains(cursorLine(screen(m)), want) {
		t.Fatalf("no cursor on %q:\n%s", want, screen(m))
	}
	return m
}

// TestDiffStarOneWordSearchesAtOnce: * on a diff line of one word
// searches it at once, wherever the view is scrolled to (a diff has no
// column cursor: the view's left edge says nothing about the word meant).
func TestDiffStarOneWordSearchesAtOnce(t *testing.T) {
	m := press(t, starDiff(t, "+    cleanup;"), "l", "l", "*")
	s := screen(m)
	if strings.Contains(s, "which word") {
		t.Fatalf("* on a line of one word opened a list:\n%s", s)
	}
	if !strings.Contains(s, `* "cleanup" as a whole word: n/N go on`) {
		t.Errorf("the pane does not say what * searched:\n%s", s)
	}
	if c := cursorLine(screen(press(t, m, "h", "h"))); !strings.Contains(c, "if (argc) cleanup") {
		t.Fatalf("* on \"cleanup;\" did not go to the next cleanup: %q\n%s", c, s)
	}
}

// TestDiffStarManyWordsListsThem: * on a diff line of several words
// lists them as gd does, the cursor on the first that is not a keyword;
// A says what the list is for; enter searches the word picked, and n
// goes on with it; esc searches nothing. History's commit diff does the
// same.
func TestDiffStarManyWordsListsThem(t *testing.T) {
	m := press(t, starDiff(t, "return check(argc, 1)"), "*")
	s := screen(m)
	if !strings.Contains(s, "*: which word of line 3? enter searches it") || !strings.Contains(s, "  return") ||
		!strings.Contains(s, "> check") || !strings.Contains(s, "  argc") {
		t.Fatalf("* on a line of several words did not list them, the cursor on check:\n%s", s)
	}
	if s = screen(press(t, m, "A")); !strings.Contains(s, "enter searches one in the diff") {
		t.Errorf("A on *'s word list:\n%s", s)
	}
	if s = screen(press(t, m, "esc")); strings.Contains(s, "which word") || !strings.Contains(cursorLine(s), "return check") {
		t.Errorf("esc on *'s word list did not close it where it was: %q\n%s", cursorLine(s), s)
	}

	m = press(t, m, "down", "enter") // argc
	s = screen(m)
	if strings.Contains(s, "which word") || !strings.Contains(cursorLine(s), "if (argc) cleanup") {
		t.Fatalf("enter on argc did not search it: %q\n%s", cursorLine(s), s)
	}
	if !strings.Contains(s, `* "argc" as a whole word: n/N go on`) {
		t.Errorf("the pane does not say what * searched:\n%s", s)
	}
	if m = press(t, m, "n"); !strings.Contains(cursorLine(screen(m)), "check(argc, 2)") {
		t.Errorf("n after * argc: %q", cursorLine(screen(m)))
	}

	// In History's commit diff the word picked goes back to that tab.
	m = press(t, m, "3", "enter", "enter")
	for i := 0; i < 10 && !strings.Contains(cursorLine(screen(m)), "return check"); i++ {
		m = press(t, m, "j")
	}
	m = press(t, m, "*", "down", "enter")
	if s = screen(m); !strings.Contains(cursorLine(s), "if (argc) cleanup") || !strings.Contains(s, `* "argc" as a whole word`) {
		t.Errorf("* argc in History's commit diff: %q\n%s", cursorLine(s), s)
	}
}

// A word picked for * whose next use is back at the top still names the
// word, as the list that showed it has closed: the reviewer is told what
// is searched and that the search wrapped.
func TestDiffStarWrappedNamesTheWord(t *testing.T) {
	m := press(t, starDiff(t, "if (argc) cleanup"), "*", "down", "enter")
	s := screen(m)
	if !strings.Contains(cursorLine(s), "+    cleanup;") || !strings.Contains(s, `* "cleanup" as a whole word: wrapped to the top, n/N go on`) {
		t.Errorf("* cleanup from its last use: %q\n%s", cursorLine(s), s)
	}
}

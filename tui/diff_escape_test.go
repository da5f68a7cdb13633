package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/tuitest"
)

// homoglyphDiff is a review of a commit that swaps a Latin a for a
// Cyrillic а, compared with its parent.
func homoglyphDiff(t *testing.T) tea.Model {
	t.Helper()
	rt := repotest.New(t)
	first := rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n\nvar a = 1\n"}})
	rt.Commit("two", repotest.Tree{"a.go": {Content: "package a\n\nvar \u0430 = 1\n"}})
	r, pin := pintest.Head(t, rt)
	base := pintest.Resolve(t, r, first.String())
	m, _ := reviewModel(t, r, pin, base)
	return m
}

// u in a diff, in the Changes tab and in History's commit diff, draws the
// homoglyph as \u{0430}, says so on the status line, and u again undoes it;
// the help lists u.
func TestDiffEscapeNonASCIIOnStatusLineAndInHelp(t *testing.T) {
	for _, keys := range [][]string{{"2", "enter"}, {"3", "enter", "enter"}} { // Changes; History, a commit, its file
		tab := keys[0]
		m := tuitest.RunModel(t, homoglyphDiff(t), tea.WindowSizeMsg{Width: 200, Height: 30}) // room for the whole status line
		m = press(t, m, keys...)
		if s := screen(m); !strings.Contains(s, "+var а = 1") || strings.Contains(statusLine(m), "non-ASCII") {
			t.Fatalf("tab %s before u: want the letter as itself and no mode on the status line:\n%s", tab, s)
		}
		m = press(t, m, "u")
		if s := screen(m); !strings.Contains(s, `+var \u{0430} = 1`) || strings.Contains(s, "а") {
			t.Errorf("tab %s: u did not escape the homoglyph:\n%s", tab, s)
		}
		if st := statusLine(m); !strings.Contains(st, `non-ASCII escaped \u{…} (u)`) {
			t.Errorf("tab %s: the status line does not say the mode is on: %q", tab, st)
		}
		m = press(t, m, "u")
		if strings.Contains(statusLine(m), "non-ASCII") || !strings.Contains(screen(m), "+var а = 1") {
			t.Errorf("tab %s: u again did not turn the mode off:\n%s", tab, screen(m))
		}
		if tab != "2" {
			continue
		}
		m = press(t, m, "?")
		if s := screen(m); !strings.Contains(s, `u      escape non-ASCII as \u{…}`) {
			t.Errorf("tab %s: ? help does not list u:\n%s", tab, s)
		}
	}
}

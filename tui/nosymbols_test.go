package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// assertSaidNotLookedUp checks that the keys just pressed started no
// lookup and that the message line says why, with the words want.
func assertSaidNotLookedUp(t *testing.T, m tea.Model, src *askedSource, want ...string) {
	t.Helper()
	if defs, refs, _ := src.asked(); len(defs)+len(refs)+len(src.outlined()) != 0 {
		t.Errorf("a lookup started: definitions %q, references %q, outlines %q", defs, refs, src.outlined())
	}
	msg := messageLine(m)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("the message line does not say %q: %q\n%s", w, msg, screen(m))
		}
	}
	if s := screen(m); strings.Contains(s, "looking up") {
		t.Errorf("the screen says a lookup runs:\n%s", s)
	}
}

// TestSymbolKeysInTheBaseViewSayWhy: the file at a diff's base (o in
// the diff) is not in the pinned tree the symbol index is of, so gd,
// ctrl+] and gr look nothing up there; they say so and where they work,
// instead of doing nothing. o there goes back to the diff, as before.
func TestSymbolKeysInTheBaseViewSayWhy(t *testing.T) {
	for _, ask := range [][]string{{"g", "d"}, {"ctrl+]"}, {"g", "r"}} {
		name := strings.Join(ask, "")
		t.Run(name, func(t *testing.T) {
			src, m := lateRequestModel(t)
			// Wide enough for the whole message: a narrower line cuts its end.
			m = tuitest.RunModel(t, m, tea.WindowSizeMsg{Width: 170, Height: 30})
			m = press(t, m, "2", "enter", "o")
			if s := screen(m); !strings.Contains(s, "BASE ") || activeTab(m) != nav.ViewFiles {
				t.Fatalf("o in the diff did not open main.c at the base:\n%s", s)
			}
			m = press(t, m, ask...)
			assertSaidNotLookedUp(t, m, src, name+" does not look up here", "not of the base", "o goes back to the diff", "enter opens the file at the pin")
			if s := screen(m); activeTab(m) != nav.ViewFiles || !strings.Contains(s, "BASE ") {
				t.Errorf("%s left the base view:\n%s", name, s)
			}
		})
	}
	t.Run("o", func(t *testing.T) {
		src, m := lateRequestModel(t)
		m = press(t, m, "2", "enter", "o", "o")
		if len(src.outlined()) != 0 {
			t.Errorf("o in the base view asked an outline of %q", src.outlined())
		}
		if activeTab(m) != nav.ViewChanges {
			t.Errorf("o in the base view did not go back to the diff:\n%s", screen(m))
		}
	})
}

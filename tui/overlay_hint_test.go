package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/tuitest"
)

// "?" in the finder or the search is query text, not the help, so each
// overlay shows its own keys on a hint line.
func TestOverlaysTypeQuestionMarkAndShowTheirKeys(t *testing.T) {
	_, r, pin := fixture(t)
	m := tuitest.RunModel(t, start(t, r, pin), tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, c := range []struct{ open, query, want string }{
		{"ctrl+p", "find: ?", "enter open  esc close  ↑/ctrl+p up  ↓/ctrl+n down"},
		{"ctrl+f", "search (Go regexp) [smart case]: ?", "enter search / open  esc cancel / close  ↑/ctrl+p up"},
	} {
		m = press(t, m, c.open, "?")
		s := screen(m)
		if !strings.Contains(s, c.query) || !strings.Contains(s, c.want) || strings.Contains(s, "(esc or ? closes)") {
			t.Errorf("%s then ?: want the query to take ? and the hint %q:\n%s", c.open, c.want, s)
		}
		m = press(t, m, "esc")
	}
}

package compare

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/internal/drive"
)

// Keys typed right after enter on the list belong to the diff, even
// before the list's answer to enter has come back (regression: a fast
// "enter ]c" walked nothing, because ]c still reached the list).
func TestKeysRightAfterEnterGoToTheDiff(t *testing.T) {
	m := loaded(t)
	var enterCmd tea.Cmd
	m, enterCmd = update(m, drive.Key("enter"))
	if !m.DiffFocused() {
		t.Fatal("enter on the list did not give the diff the keyboard at once")
	}
	for _, k := range []string{"]", "c", "]", "c"} {
		var cmd tea.Cmd
		m, cmd = update(m, drive.Key(k))
		m, _ = drive.Run(m, update, cmd)
	}
	m, _ = drive.Run(m, update, enterCmd) // enter's own answer arrives late
	if got := m.Diff().Indicator(); got != "hunk 2/2 · file 1/6" {
		t.Fatalf("enter ]c ]c with enter's answer late: %q, want hunk 2/2 · file 1/6", got)
	}
}

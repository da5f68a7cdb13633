package tui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/tuitest"
)

// "]s[s" or "[s]s" in one read walks between step 1 (a removed line, in
// the Changes diff) and step 2 (b.go at the pin). The place shown is the
// step the message line names, whatever order the walk's Cmds answer in.
func TestQuickStepWalkShowsTheStepNamed(t *testing.T) {
	m := baseStepFixture(t, true)
	m = keysIn(t, m, "4", "enter") // F-0001 step 1 is current
	m = burstReversed(t, m, "]s[s")
	if v := m.View(); !strings.Contains(v, "F-0001 step 1/2") || !cursorOn(v, "-line 6") {
		t.Errorf("the message line names step 1, so the diff on the removed line 6 should be shown:\n%s", v)
	}
	m = keysIn(t, m, "]", "s")
	m = burstReversed(t, m, "[s]s")
	if v := m.View(); !strings.Contains(v, "F-0001 step 2/2") || !strings.Contains(v, "b.go │ 1/1") {
		t.Errorf("the message line names step 2, so b.go:1 should be shown:\n%s", v)
	}
}

// burstReversed sends keys as one terminal read and feeds back what
// their Cmds answer, the later key's answer first.
func burstReversed(t *testing.T, m tea.Model, keys string) tea.Model {
	t.Helper()
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(keys)})
	msgs := tuitest.Exec(t, cmd)
	slices.Reverse(msgs)
	return tuitest.RunModel(t, m, msgs...)
}

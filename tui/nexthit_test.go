package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/tuitest"
)

// Two quick alt+n's send two opens through Cmds, which may arrive in
// either order: the code view ends on the later hit, the one the message
// line names, never on the earlier one.
func TestQuickNextHitsEndOnTheLastHit(t *testing.T) {
	_, r, pin := fixture(t)
	m := start(t, r, pin)
	m = press(t, m, "ctrl+f")
	m = typeText(t, m, "SECRET_TOKEN")
	m = press(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "src/server/auth.go") || !strings.Contains(s, "docs/long.txt") {
		t.Fatalf("ctrl+f SECRET_TOKEN found too little:\n%s", s)
	}
	m = press(t, m, "enter") // opens the first hit and closes the list
	if p := m.(Model).Position(); p.Path != "docs/long.txt" || p.Line != 123 {
		t.Fatalf("enter opened %+v, want docs/long.txt:123", p)
	}
	var cmds []tea.Cmd
	for range 2 {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'n'}, Alt: true})
		cmds = append(cmds, cmd)
	}
	late := tuitest.Exec(t, cmds[0])
	m = tuitest.RunModel(t, m, tuitest.Exec(t, cmds[1])...)
	m = tuitest.RunModel(t, m, late...)
	if p := m.(Model).Position(); p.Path != "src/server/auth.go" || p.Line != 4 {
		t.Fatalf("after two alt+n the code view is at %+v, want the third hit, src/server/auth.go:4:\n%s", p, screen(m))
	}
}

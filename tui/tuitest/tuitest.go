// Package tuitest helps model-level tests of sightline's views: build key
// messages from their names, run Cmds synchronously, feeding their
// messages back, the way the bubbletea runtime would (STYLE §3.13 b), and
// compare what a view draws with its golden file (§3.13 c).
package tuitest

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Key returns the key message for a name as tea.KeyMsg.String() spells
// it: "j", "G", "enter", "esc", "ctrl+p", "shift+tab", "up", "pgdown".
func Key(name string) tea.KeyMsg {
	for t, n := range keyNames() {
		if n == name {
			return tea.KeyMsg{Type: t}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

func keyNames() map[tea.KeyType]string {
	out := map[tea.KeyType]string{}
	for _, t := range []tea.KeyType{
		tea.KeyEnter, tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyUp, tea.KeyDown,
		tea.KeyLeft, tea.KeyRight, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd,
		tea.KeyBackspace, tea.KeySpace, tea.KeyCtrlC, tea.KeyCtrlD, tea.KeyCtrlU,
		tea.KeyCtrlP, tea.KeyCtrlF, tea.KeyCtrlN, tea.KeyCtrlJ, tea.KeyCtrlK, tea.KeyCtrlS,
		tea.KeyCtrlB, tea.KeyCtrlE, tea.KeyCtrlY, tea.KeyCtrlO, tea.KeyCtrlCloseBracket, tea.KeyCtrlT,
	} {
		out[t] = tea.KeyMsg{Type: t}.String()
	}
	return out
}

// Type returns one key message per rune of s, as typing s would send.
func Type(s string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// Updater is any model with the bubbles Update contract.
type Updater[M any] interface {
	Update(tea.Msg) (M, tea.Cmd)
}

// Run feeds msg to m, then runs every Cmd it returns (and the Cmds their
// messages produce) until none is left, feeding each message back. A Cmd
// that runs longer than 10 s fails the test. Messages m ignores are fed
// anyway; keep is called with every message produced, if not nil.
func Run[M Updater[M]](t testing.TB, m M, msgs ...tea.Msg) M {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatalf("tuitest: more than 10000 messages; a Cmd loop?")
		}
		next := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(next)
		queue = append(queue, Exec(t, cmd)...)
	}
	return m
}

// Exec runs cmd (flattening batches and sequences) and returns the
// messages it produced, dropping nil ones and tea.Quit.
func Exec(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("tuitest: a Cmd ran for more than 10 s")
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, Exec(t, c)...)
		}
		return out
	case tea.QuitMsg:
		return nil
	}
	return []tea.Msg{msg}
}

// RunModel is Run for a tea.Model (the root model's Update returns
// tea.Model rather than its own type).
func RunModel(t testing.TB, m tea.Model, msgs ...tea.Msg) tea.Model {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatalf("tuitest: more than 10000 messages; a Cmd loop?")
		}
		var cmd tea.Cmd
		m, cmd = m.Update(queue[0])
		queue = append(queue[1:], Exec(t, cmd)...)
	}
	return m
}

// Quits reports whether cmd (or a Cmd batched in it) quits the program.
func Quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if Quits(c) {
				return true
			}
		}
	}
	return false
}

// Screen strips trailing blanks from every line of a View, for readable
// comparisons.
func Screen(view string) string {
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

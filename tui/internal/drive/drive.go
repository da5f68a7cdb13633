// Package drive runs tea.Cmds synchronously for model-level tests: it
// executes each Cmd, unpacks batches, feeds every message back into the
// model's Update and keeps the messages the model did not consume, so a
// test can see what a pane asked its owner to do.
package drive

import (
	"reflect"

	tea "github.com/charmbracelet/bubbletea"
)

// Run executes cmd and everything it leads to, feeding messages to update.
// Messages whose type is listed in keep are not fed back but returned, in
// order; so are the messages update produced when keep is empty.
func Run[M any](m M, update func(M, tea.Msg) (M, tea.Cmd), cmd tea.Cmd, keep ...any) (M, []tea.Msg) {
	kept := map[reflect.Type]bool{}
	for _, k := range keep {
		kept[reflect.TypeOf(k)] = true
	}
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 100000; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			if kept[reflect.TypeOf(msg)] {
				out = append(out, msg)
				continue
			}
			var next tea.Cmd
			m, next = update(m, msg)
			queue = append(queue, next)
		}
	}
	return m, out
}

// Key builds the key message for a key name as bubbletea spells it
// ("j", "enter", "esc", "]").
func Key(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// Keys sends each key of seq (split into single runes; named keys such
// as "enter" go in their own element) through update, running the Cmds.
func Keys[M any](m M, update func(M, tea.Msg) (M, tea.Cmd), keep []any, seq ...string) (M, []tea.Msg) {
	var out []tea.Msg
	for _, s := range seq {
		names := []string{s}
		if len(s) > 1 && Key(s).Type == tea.KeyRunes {
			names = nil
			for _, r := range s {
				names = append(names, string(r))
			}
		}
		for _, n := range names {
			var cmd tea.Cmd
			m, cmd = update(m, Key(n))
			var got []tea.Msg
			m, got = Run(m, update, cmd, keep...)
			out = append(out, got...)
		}
	}
	return m, out
}

package annotate

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"
)

// writeQueue runs the controller's workspace writes one at a time, in the
// order of their keys. Bubbletea runs each Cmd in its own goroutine, and
// keys read together ("m m", two status keys) start their Cmds at once:
// run in parallel, the first key's write could land last, and a toggle
// decided before the other write ran would repeat it. A queued write
// starts when the one before has answered (its SavedMsg), so each one
// reads the workspace as the last left it.
type writeQueue struct {
	busy bool      // a write runs; its SavedMsg has not arrived
	next []tea.Cmd // writes waiting, oldest first
	quit bool      // the reviewer quit meanwhile: ask again once all ran
}

// write queues cmd, a Cmd answering with a SavedMsg whose write is set,
// and returns it if nothing runs (else nil: it starts later).
func (m *Model) write(cmd tea.Cmd) tea.Cmd {
	if m.writes.busy {
		// Clip: an older copy of the model must not share the array.
		m.writes.next = append(slices.Clip(m.writes.next), cmd)
		return nil
	}
	m.writes.busy = true
	return cmd
}

// written is the answer of the running write: the next write's Cmd, or
// when none waits and the reviewer quit meanwhile, the quit.
func (m *Model) written() tea.Cmd {
	if len(m.writes.next) > 0 {
		cmd := m.writes.next[0]
		m.writes.next = m.writes.next[1:]
		return cmd
	}
	m.writes.busy = false
	if !m.writes.quit {
		return nil
	}
	m.writes.quit = false
	var cmd tea.Cmd
	*m, cmd = m.Quit()
	return cmd
}

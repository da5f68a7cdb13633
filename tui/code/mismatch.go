package code

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// A blob read a window at a time is checked against its id only when
// some read streams all of it: the whole-file count, or a window, hex
// window or search that reaches its end. A mismatch is a fact about the
// blob, not about the load that found it, so the view keeps it for the
// session and puts it on every Doc of that blob it shows: later windows,
// and the file opened again before its new count is in (HOST-28).

// mismatchIn returns the blob a background read answered and its error,
// for the results of reads that stream a blob.
func mismatchIn(msg tea.Msg) (repo.Hash, error) {
	switch msg := msg.(type) {
	case HostileCountedMsg:
		return msg.Hash, msg.Err
	case WindowMsg:
		return msg.Hash, msg.Err
	case HexWindowMsg:
		return msg.Hash, msg.Err
	case HexFoundMsg:
		return msg.Hash, msg.Err
	case HuntedMsg:
		return msg.Hash, msg.Err
	}
	return repo.Hash{}, nil
}

// noteMismatch records that blob h does not hash to its id when err says
// so, stale answer or not, and flags the open file if it is that blob.
func (m *Model) noteMismatch(h repo.Hash, err error) {
	if !errors.Is(err, repo.ErrHashMismatch) {
		return
	}
	if m.bad == nil {
		m.bad = map[repo.Hash]error{}
	}
	if _, ok := m.bad[h]; !ok {
		m.bad[h] = err
	}
	if d := m.doc; d != nil && d.Blob.Hash == h && d.Mismatch == nil {
		// Cmds may be reading the shown Doc: flag a copy of it.
		c := *d
		c.Mismatch = m.bad[h]
		m.doc = &c
	}
}

// flagKnown puts a mismatch found earlier in the session on d, a Doc
// just delivered that no Cmd holds yet.
func (m Model) flagKnown(d *Doc) {
	if d != nil && d.Mismatch == nil {
		d.Mismatch = m.bad[d.Blob.Hash]
	}
}

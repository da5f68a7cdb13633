package annotate

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// CarryOffer is an earlier review of the same repository that the
// workbench offers to carry into its new, empty workspace. Nothing is
// carried unless the reviewer presses the Carry key; ignoring the offer
// costs nothing.
type CarryOffer struct {
	// What names the earlier review for the message line ("v1
	// (5194cf2ffd8b), 2 findings, 3 reviewed files"); raw, drawn
	// sanitized.
	What string
	// Carry carries it into the open workspace, as 'sightline carry'
	// does, and says what it did and the pin the Changes tab now compares
	// with (nil to leave it). It runs in a Cmd.
	Carry func(ctx context.Context) (done string, base *repo.Pin, err error)
}

// offerNote is what the message line says at start about the offer.
func (m Model) offerNote() string {
	return "an earlier review of this repository can be carried here: " + m.d.Offer.What +
		"; press " + m.keys.Carry.Help().Key + " to carry it (sightline carry), or just go on"
}

// carry runs the offered carry, once.
func (m *Model) carry() tea.Cmd {
	o := m.d.Offer
	switch {
	case !m.Active():
		m.err = "no review workspace to carry a review into"
		return nil
	case o == nil:
		m.info = "no earlier review to carry here; 'sightline carry --from WORKSPACE --rev NEW' carries one"
		return nil
	}
	m.d.Offer = nil // one press, one carry: a second would be refused anyway
	m.info = "carrying the review of " + o.What + "…"
	ws, c := m.d.WS, m.snap
	return m.write(func() tea.Msg {
		done, base, err := o.Carry(context.Background())
		msg := snapshot(ws, c, SavedMsg{Done: done, Err: err, write: true})
		if err == nil {
			msg.Base = base
		}
		return msg
	})
}

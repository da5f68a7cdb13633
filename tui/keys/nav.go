package keys

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
)

// Nav holds the movement keys shared by the tree, the code view and every
// list pane (Changes, History, findings).
type Nav struct {
	Up, Down         key.Binding
	HalfUp, HalfDown key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
}

// DefaultNav returns the default movement bindings. Top is the two-key
// sequence "gg": panes see the first "g" and wait for the second.
func DefaultNav() Nav {
	return Nav{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		// space and ctrl+b page as less and vim do; plain b is left to the
		// panes (it toggles blame in the code view).
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup/ctrl+b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn/space", "page down")),
		Top:      key.NewBinding(key.WithKeys(topPrefix, "home"), key.WithHelp("gg", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// topPrefix is the key Top takes twice ("gg"), so that a stray "g" does
// not throw the reviewer to the top of a long list.
const topPrefix = "g"

// Bindings lists the movement keys for help.
func (n Nav) Bindings() []key.Binding {
	return []key.Binding{n.Up, n.Down, n.HalfUp, n.HalfDown, n.PageUp, n.PageDown, n.Top, n.Bottom}
}

// Motion is the result of a movement key: how far to move, or to which end.
type Motion struct {
	Lines int  // relative move, in rows
	ToTop bool // jump to the first row
	ToEnd bool // jump to the last row
}

// keyName lets key.Matches take a key given by its name.
type keyName string

func (k keyName) String() string { return string(k) }

// Move interprets the key named k (as tea.KeyMsg.String spells it) as a
// movement for a pane showing height rows at once: half a page is
// height/2 rows, a page height-1 (one row stays in view). pendingG is the
// pane's "a g was just pressed" state; Move returns the new state. ok is
// false when the key is not a movement key.
func (n Nav) Move(k string, height int, pendingG bool) (m Motion, newPendingG, ok bool) {
	return n.MoveKey(keyName(k), height, pendingG)
}

// MoveKey is Move for a key message (tea.KeyMsg), matched with key.Matches.
func (n Nav) MoveKey(k fmt.Stringer, height int, pendingG bool) (m Motion, newPendingG, ok bool) {
	half := max(1, height/2)
	page := max(1, height-1)
	switch {
	case key.Matches(k, n.Top):
		if k.String() == topPrefix && !pendingG {
			return Motion{}, true, true // the first g of gg
		}
		return Motion{ToTop: true}, false, true
	case key.Matches(k, n.Up):
		return Motion{Lines: -1}, false, true
	case key.Matches(k, n.Down):
		return Motion{Lines: 1}, false, true
	case key.Matches(k, n.HalfUp):
		return Motion{Lines: -half}, false, true
	case key.Matches(k, n.HalfDown):
		return Motion{Lines: half}, false, true
	case key.Matches(k, n.PageUp):
		return Motion{Lines: -page}, false, true
	case key.Matches(k, n.PageDown):
		return Motion{Lines: page}, false, true
	case key.Matches(k, n.Bottom):
		return Motion{ToEnd: true}, false, true
	}
	return Motion{}, false, false
}

// Apply moves cursor within [0, total) by the motion.
func (m Motion) Apply(cursor, total int) int {
	switch {
	case total <= 0:
		return 0
	case m.ToTop:
		return 0
	case m.ToEnd:
		return total - 1
	}
	return min(max(cursor+m.Lines, 0), total-1)
}

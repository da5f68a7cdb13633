package history

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/keys"
)

// KeyMap is the History view's key bindings: the shared movement keys
// (keys.Nav, so the commit list moves as every other list does) and the
// view's own.
type KeyMap struct {
	keys.Nav
	Open    key.Binding
	SetBase key.Binding
	// Range switches the list between base..pin and the full history.
	Range key.Binding
	Back  key.Binding
	// DetailDown and DetailUp scroll the detail pane, for messages
	// longer than it.
	DetailDown, DetailUp key.Binding
	// Parents switches the detail pane between the message and the
	// commit's parent list (a crafted merge can have thousands).
	Parents key.Binding
	// CloseDiff is esc while a commit's diff is open, for help: the diff
	// page handles the key itself (diff, then its file list, then back).
	CloseDiff key.Binding
}

// DefaultKeyMap returns the History view's default bindings.
func DefaultKeyMap() KeyMap {
	nav := keys.DefaultNav()
	nav.Top.SetHelp(nav.Top.Help().Key, "newest")
	nav.Bottom.SetHelp(nav.Bottom.Help().Key, "oldest (lists the rest)")
	return KeyMap{
		Nav:        nav,
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "diff against first parent")),
		SetBase:    key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "make base of Changes")),
		Range:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "list base..pin (the commits to read) / the full history")),
		Back:       key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "cancel / back (to the file, from L or blame)")),
		DetailDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "scroll the message down")),
		DetailUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "scroll the message up")),
		Parents:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "list the commit's parents / back to its message")),
		CloseDiff:  key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back to the files, then the commits; from blame, to the file")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.SetBase, k.Back} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Nav.Bindings(), {k.Open, k.SetBase, k.Range, k.Back, k.DetailDown, k.DetailUp, k.Parents}}
}

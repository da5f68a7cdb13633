package changes

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/keys"
)

// KeyMap is the Changes list's key bindings: the shared movement keys
// (keys.Nav, so the list moves as every other list does) and Open.
type KeyMap struct {
	keys.Nav
	Open key.Binding
}

// DefaultKeyMap returns the Changes list's default bindings.
func DefaultKeyMap() KeyMap {
	nav := keys.DefaultNav()
	nav.Top.SetHelp(nav.Top.Help().Key, "first file")
	nav.Bottom.SetHelp(nav.Bottom.Help().Key, "last file")
	return KeyMap{
		Nav:  nav,
		Open: key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter", "read the diff")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down, k.Open} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(k.Nav.Bindings(), k.Open)}
}

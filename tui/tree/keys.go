package tree

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/keys"
)

// KeyMap holds the tree's bindings.
type KeyMap struct {
	keys.Nav
	Expand   key.Binding
	Collapse key.Binding
	Open     key.Binding
}

// DefaultKeyMap returns the tree's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Nav:      keys.DefaultNav(),
		Expand:   key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "expand")),
		Collapse: key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "collapse / parent")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file / toggle dir")),
	}
}

// ShortHelp lists the tree's most used keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Expand, k.Collapse}
}

// FullHelp lists every tree key.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Open, k.Expand, k.Collapse}, k.Nav.Bindings()}
}

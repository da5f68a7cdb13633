package release

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the Release tab's list keys; the diff pane keeps its own.
type KeyMap struct {
	Up, Down key.Binding
	Open     key.Binding
	Mark     key.Binding
	Back     key.Binding
}

// DefaultKeyMap returns the Release tab's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:   key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down: key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the member: its diff against the tree (or the closest upstream version), or its lines")),
		Mark: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark the member reviewed (release coverage)")),
		Back: key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q/esc", "back to the member list")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Mark, k.Back} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Mark, k.Back}}
}

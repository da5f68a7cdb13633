package history

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the History view's key bindings.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Open             key.Binding
	SetBase          key.Binding
	Back             key.Binding
	// DetailDown and DetailUp scroll the detail pane, for messages
	// longer than it.
	DetailDown, DetailUp key.Binding
	// CloseDiff is esc while a commit's diff is open, for help: the diff
	// page handles the key itself (diff, then its file list, then back).
	CloseDiff key.Binding
}

// DefaultKeyMap returns the History view's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "newest")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "oldest loaded")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "diff against first parent")),
		SetBase:    key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "make base of Changes")),
		Back:       key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "cancel / back (to the file, from L or blame)")),
		DetailDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "scroll the message down")),
		DetailUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "scroll the message up")),
		CloseDiff:  key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back to the files, then the commits")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.SetBase, k.Back} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.SetBase, k.Back, k.DetailDown, k.DetailUp}}
}

package files

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/blame"
	"sightline/tui/code"
	"sightline/tui/tree"
)

// KeyMap is the Files tab's keys: the tree's, the code view's, and the
// ones leading to History and blame.
type KeyMap struct {
	Tree        tree.KeyMap
	Code        code.KeyMap
	Blame       blame.KeyMap
	PathHistory key.Binding // L: the commits that touched the file
	// CloseBase leaves a file shown at the base (opened by o in a diff)
	// and goes back to the diff.
	CloseBase key.Binding
}

// DefaultKeyMap returns the Files tab's bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Tree:        tree.DefaultKeyMap(),
		Code:        code.DefaultKeyMap(),
		Blame:       blame.DefaultKeyMap(),
		PathHistory: key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "commits touching this file")),
		CloseBase:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "a file opened at the base (o in a diff): back to the diff")),
	}
}

// KeyMap is the tab's keys for the help overlay: the panes' own maps, so
// that a binding they disable drops out.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	k.Tree, k.Code = m.tree.KeyMap(), m.code.KeyMap()
	return k
}

// ShortHelp returns the first column of FullHelp.
func (k KeyMap) ShortHelp() []key.Binding { return k.FullHelp()[0] }

// FullHelp lists the keys in columns, as the help overlay shows them.
func (k KeyMap) FullHelp() [][]key.Binding {
	t, c := k.Tree, k.Code
	return [][]key.Binding{
		{t.Open, t.Expand, t.Collapse},
		c.Nav.Bindings(),
		{c.Left, c.Right, c.LineStart, c.ScrollToEnd, c.Wrap, c.Scroll.Down, c.Scroll.Up},
		{c.Search, c.Next, c.Prev, c.Select, c.Drop, c.NextHostile, c.EscapeNonASCII, c.TextOrHex, c.Word},
		{c.WordNext, c.WordPrev, c.WordEnd, c.Definition, c.References},
		{k.Blame.Toggle, k.Blame.Show, k.Blame.Reblame, k.Blame.Back, k.PathHistory, k.CloseBase},
	}
}

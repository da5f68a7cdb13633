// Package keys holds the key bindings shared by the whole workbench: the
// global keys the root handles and the navigation keys every list-like pane
// reuses. Bindings are data (bubbles/key): the help overlay is generated
// from them, and a disabled binding drops out of help by itself.
package keys

import "github.com/charmbracelet/bubbles/key"

// Global holds the keys the root model handles whatever pane has focus.
type Global struct {
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding
	FocusNext key.Binding
	FocusPrev key.Binding
	Finder    key.Binding
	Grep      key.Binding
	Goto      key.Binding
	Close     key.Binding
	// Views switches tabs; Views[i] selects tab i+1. Tabs that are not
	// available are disabled so that help only lists the present ones.
	Views [4]key.Binding
}

// DefaultGlobal returns the default global bindings.
func DefaultGlobal() Global {
	return Global{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "toggle help")),
		FocusNext: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		FocusPrev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Finder:    key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "find file")),
		Grep:      key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search all files")),
		Goto:      key.NewBinding(key.WithKeys(":"), key.WithHelp(":N", "go to line N")),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close overlay")),
		Views: [4]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "files")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "changes")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "history")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "findings")),
		},
	}
}

// ShortHelp lists the keys shown in the one-line hint.
func (g Global) ShortHelp() []key.Binding {
	return []key.Binding{g.Help, g.Finder, g.Grep, g.Quit}
}

// FullHelp lists every global key, in columns.
func (g Global) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{g.FocusNext, g.FocusPrev, g.Goto, g.Close},
		{g.Finder, g.Grep, g.Help, g.Quit, g.ForceQuit},
		{g.Views[0], g.Views[1], g.Views[2], g.Views[3]},
	}
}

// Nav holds the movement keys shared by the tree, the code view and lists.
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
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("gg", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// Bindings lists the movement keys for help.
func (n Nav) Bindings() []key.Binding {
	return []key.Binding{n.Up, n.Down, n.HalfUp, n.HalfDown, n.PageUp, n.PageDown, n.Top, n.Bottom}
}

// Motion is the result of a movement key: how far to move and whether the
// key was one at all. Lines is relative; Abs set means jump to an end.
type Motion struct {
	Lines int  // relative move, in rows
	ToTop bool // jump to the first row
	ToEnd bool // jump to the last row
}

// Move interprets msg as a movement for a pane of the given height.
// pendingG is the pane's "a g was just pressed" state; Move returns the new
// state. ok is false when the key is not a movement key.
func (n Nav) Move(k string, height int, pendingG bool) (m Motion, newPendingG, ok bool) {
	half := max(1, height/2)
	page := max(1, height-1)
	switch {
	case k == "g":
		if pendingG {
			return Motion{ToTop: true}, false, true
		}
		return Motion{}, true, true
	case k == "home":
		return Motion{ToTop: true}, false, true
	case matches(n.Up, k):
		return Motion{Lines: -1}, false, true
	case matches(n.Down, k):
		return Motion{Lines: 1}, false, true
	case matches(n.HalfUp, k):
		return Motion{Lines: -half}, false, true
	case matches(n.HalfDown, k):
		return Motion{Lines: half}, false, true
	case matches(n.PageUp, k):
		return Motion{Lines: -page}, false, true
	case matches(n.PageDown, k):
		return Motion{Lines: page}, false, true
	case matches(n.Bottom, k):
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

func matches(b key.Binding, k string) bool {
	if !b.Enabled() {
		return false
	}
	for _, bk := range b.Keys() {
		if bk == k {
			return true
		}
	}
	return false
}

// Package keys holds the key bindings shared by the whole workbench: the
// global keys the root handles, and the navigation keys with the one way
// (Mover) every list-like pane moves by them. Bindings are data
// (bubbles/key): the help overlay is generated from them, and a disabled
// binding drops out of help by itself.
package keys

import "github.com/charmbracelet/bubbles/key"

// Global holds the keys the root model handles whatever pane has focus.
type Global struct {
	// Quit (q) closes the innermost view and quits only at the top;
	// QuitAll (Q) and ForceQuit (ctrl+c) quit from anywhere. All three ask
	// first when something is not saved.
	Quit      key.Binding
	QuitAll   key.Binding
	ForceQuit key.Binding
	// JumpBack and JumpForward walk the jump list (vim's ctrl+o and
	// ctrl+i). Terminals send ctrl+i as tab, which moves the pane focus,
	// so forward is ctrl+n.
	JumpBack    key.Binding
	JumpForward key.Binding
	Help        key.Binding
	FocusNext   key.Binding
	FocusPrev   key.Binding
	Finder      key.Binding
	Symbols     key.Binding // ctrl+t: the fuzzy finder over every symbol
	Grep        key.Binding
	Goto        key.Binding
	Close       key.Binding
	// Views switches tabs; Views[i] selects tab i+1. Tabs that are not
	// available are disabled so that help only lists the present ones.
	Views [6]key.Binding
}

// DefaultGlobal returns the default global bindings.
func DefaultGlobal() Global {
	return Global{
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "close view; quit at the top")),
		QuitAll:     key.NewBinding(key.WithKeys("Q"), key.WithHelp("Q", "quit (asks if unsaved)")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit (asks if unsaved)")),
		JumpBack:    key.NewBinding(key.WithKeys("ctrl+o", "backspace"), key.WithHelp("ctrl+o", "jump back (also bksp)")),
		JumpForward: key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "jump forward")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "toggle help")),
		FocusNext:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		FocusPrev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Finder:      key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "find file")),
		Symbols:     key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "find symbol")),
		Grep:        key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search all files")),
		Goto:        key.NewBinding(key.WithKeys(":"), key.WithHelp(":N", "go to line N / offset")),
		Close:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close / clear")),
		Views: [6]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "files")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "changes")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "history")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "findings")),
			key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "release")),
			key.NewBinding(key.WithKeys("6"), key.WithHelp("6", "triage")),
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
		{g.FocusNext, g.FocusPrev, g.Goto, g.Close, g.JumpBack, g.JumpForward},
		{g.Finder, g.Symbols, g.Grep, g.Help, g.Quit, g.QuitAll, g.ForceQuit},
		g.Views[:],
	}
}

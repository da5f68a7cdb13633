package keys

import "github.com/charmbracelet/bubbles/key"

// LineScroll is vim's ctrl+e / ctrl+y for the panes that show text (the
// code view, diffs): the text moves one line under a still cursor, which
// moves only when it would leave the screen. List panes do not take them.
type LineScroll struct {
	Down, Up key.Binding
}

// DefaultLineScroll returns ctrl+e and ctrl+y.
func DefaultLineScroll() LineScroll {
	return LineScroll{
		Down: key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "scroll down a line")),
		Up:   key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "scroll up a line")),
	}
}

// Bindings lists the keys for help.
func (s LineScroll) Bindings() []key.Binding { return []key.Binding{s.Down, s.Up} }

// Lines returns how far k scrolls (1 down, -1 up), and false when k is
// not a scroll key.
func (s LineScroll) Lines(k string) (int, bool) {
	switch {
	case key.Matches(keyName(k), s.Down):
		return 1, true
	case key.Matches(keyName(k), s.Up):
		return -1, true
	}
	return 0, false
}

// ScrollLines moves the first row shown (top) by n within a pane of
// total rows, height of them on screen, never past the last screenful,
// and pulls the cursor back on screen only if the scroll pushed it off.
func ScrollLines(top, cursor, n, total, height int) (newTop, newCursor int) {
	height = max(height, 1)
	top = min(max(top+n, 0), max(total-height, 0))
	cursor = min(max(cursor, top), top+height-1)
	return top, min(max(cursor, 0), max(total-1, 0))
}

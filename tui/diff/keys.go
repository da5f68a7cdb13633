package diff

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/keys"
)

// KeyMap is the diff pane's key bindings. Two-key sequences (]c, gg) are
// written as the two keys run together.
type KeyMap struct {
	Up, Down           key.Binding
	HalfUp, HalfDown   key.Binding
	PageUp, PageDown   key.Binding
	Top, Bottom        key.Binding
	Left, Right        key.Binding
	NextHunk, PrevHunk key.Binding
	NextFile, PrevFile key.Binding
	SideBySide         key.Binding
	MoreContext        key.Binding
	LessContext        key.Binding
	Open               key.Binding
	NextHostile        key.Binding
	EscapeNonASCII     key.Binding // toggles the escape non-ASCII mode
	// Definition (gd, ctrl+]) and References (gr) look up a word of the
	// cursor row: a diff has no column cursor, so with several words
	// the reviewer picks one.
	Definition, References key.Binding
	Scroll                 keys.LineScroll
}

// DefaultKeyMap returns the diff pane's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		// less's keys: space and b (b is free here), vim's ctrl+b.
		PageUp:         key.NewBinding(key.WithKeys("pgup", "ctrl+b", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:       key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn/space", "page down")),
		Top:            key.NewBinding(key.WithKeys("gg", "home"), key.WithHelp("gg", "top")),
		Bottom:         key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Left:           key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "scroll left")),
		Right:          key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "scroll right")),
		NextHunk:       key.NewBinding(key.WithKeys("]c"), key.WithHelp("]c", "next hunk")),
		PrevHunk:       key.NewBinding(key.WithKeys("[c"), key.WithHelp("[c", "previous hunk")),
		NextFile:       key.NewBinding(key.WithKeys("]f"), key.WithHelp("]f", "next file")),
		PrevFile:       key.NewBinding(key.WithKeys("[f"), key.WithHelp("[f", "previous file")),
		SideBySide:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "side by side")),
		MoreContext:    key.NewBinding(key.WithKeys("e", "+"), key.WithHelp("e/+", "more context")),
		LessContext:    key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "less context")),
		Open:           key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file / hex diff")),
		NextHostile:    key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "next hostile character")),
		EscapeNonASCII: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", `escape non-ASCII as \u{…}`)),
		Definition:     key.NewBinding(key.WithKeys("gd", "ctrl+]"), key.WithHelp("gd/ctrl+]", "go to the definition of a word of the cursor line")),
		References:     key.NewBinding(key.WithKeys("gr"), key.WithHelp("gr", "list the references of a word of the cursor line")),
		Scroll:         keys.DefaultLineScroll(),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextHunk, k.PrevHunk, k.NextFile, k.PrevFile, k.SideBySide, k.Open}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.HalfUp, k.HalfDown, k.PageUp, k.PageDown, k.Scroll.Down, k.Scroll.Up, k.Top, k.Bottom, k.Left, k.Right},
		{k.NextHunk, k.PrevHunk, k.NextFile, k.PrevFile, k.SideBySide, k.MoreContext, k.LessContext, k.Open, k.NextHostile, k.EscapeNonASCII},
		{k.Definition, k.References},
	}
}

// isPrefix reports the first keys of two-key sequences.
func isPrefix(k string) bool { return k == "]" || k == "[" || k == "g" }

// Matches reports whether the key sequence seq (one key, or a prefix and a
// key run together, like "]c") is bound to b, an enabled binding.
func Matches(seq string, b key.Binding) bool {
	if !b.Enabled() {
		return false
	}
	for _, k := range b.Keys() {
		if k == seq {
			return true
		}
	}
	return false
}

// Sequence folds two-key sequences: it returns the pending prefix to keep
// and the complete sequence to act on ("" while waiting for the second
// key). Any key after a prefix completes the sequence, so an unknown pair
// is simply ignored rather than leaving the pane stuck.
func Sequence(pending string, msg tea.KeyMsg) (newPending, seq string) {
	k := msg.String()
	if pending != "" {
		return "", pending + k
	}
	if isPrefix(k) {
		return k, ""
	}
	return "", k
}

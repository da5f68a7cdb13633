package code

import (
	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/keys"
)

// KeyMap holds the code view's bindings.
type KeyMap struct {
	keys.Nav
	Scroll         keys.LineScroll // ctrl+e, ctrl+y
	Word           key.Binding     // * : search the word under the cursor
	Left, Right    key.Binding
	Wrap           key.Binding
	Search         key.Binding
	Next, Prev     key.Binding
	Select         key.Binding
	Drop           key.Binding
	TextOrHex      key.Binding
	NextHostile    key.Binding
	EscapeNonASCII key.Binding // toggles the escape non-ASCII mode
	LineStart      key.Binding
	ScrollToEnd    key.Binding
	// Definition (gd, ctrl+]) and References (gr) look up the word *
	// takes; "gd" and "gr" are sequences after the g that gg starts.
	Definition key.Binding
	References key.Binding
	// Outline (o) lists the file's definitions.
	Outline key.Binding
	// WordNext, WordPrev and WordEnd move the column cursor as vim's w, b
	// and e (over identifiers): here w toggles wrap and b blame, so they
	// are W, B and e.
	WordNext, WordPrev, WordEnd key.Binding
}

// DefaultKeyMap returns the code view's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Nav:            keys.DefaultNav(),
		Scroll:         keys.DefaultLineScroll(),
		Word:           key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "search the word at the cursor")),
		Left:           key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "scroll left")),
		Right:          key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "scroll right")),
		Wrap:           key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "toggle wrap")),
		Search:         key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search (text or hex bytes)")),
		Next:           key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		Prev:           key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Select:         key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "select lines")),
		Drop:           key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "drop selection / matches")),
		TextOrHex:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "binary: hex / text")),
		NextHostile:    key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "next hostile character")),
		EscapeNonASCII: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", `escape non-ASCII as \u{…}`)),
		LineStart:      key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "line start")),
		ScrollToEnd:    key.NewBinding(key.WithKeys("$"), key.WithHelp("$", "line end")),
		Definition:     key.NewBinding(key.WithKeys("gd", "ctrl+]"), key.WithHelp("gd/ctrl+]", "go to the definition of the word at the cursor")),
		References:     key.NewBinding(key.WithKeys("gr"), key.WithHelp("gr", "list the references of the word at the cursor")),
		Outline:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outline: the file's definitions")),
		WordNext:       key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "next word")),
		WordPrev:       key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "previous word")),
		WordEnd:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "end of word")),
	}
}

// ShortHelp lists the code view's most used keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Search, k.Next, k.Wrap, k.Select}
}

// FullHelp lists every code view key.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.Nav.Bindings(),
		{k.Left, k.Right, k.LineStart, k.ScrollToEnd, k.Wrap, k.Scroll.Down, k.Scroll.Up},
		{k.Search, k.Word, k.Next, k.Prev, k.Select, k.Drop, k.NextHostile, k.EscapeNonASCII, k.TextOrHex},
		{k.WordNext, k.WordPrev, k.WordEnd, k.Definition, k.References, k.Outline},
	}
}

package code

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// SetNoSymbols makes gd, ctrl+], gr and o send the key pressed and then
// why (a nav.InfoMsg, for the message line) instead of a request: in a
// view of bytes not at the pin (a file at a diff's base, a release
// member) the pin's symbol index would answer for other code, and the
// owner, which wraps the view's messages, would drop a request unsaid.
func (m *Model) SetNoSymbols(why string) { m.noSymbols = why }

// noLookup is the Cmd that says why key k looks nothing up here.
func (m Model) noLookup(k string) tea.Cmd {
	info := nav.InfoMsg{Text: k + " " + m.noSymbols}
	return func() tea.Msg { return info }
}

// symbolKey handles gd, ctrl+] and gr: they ask the root to look the word
// up (nav.SymbolMsg), since the symbol index is the root's to read. ok is
// false for other keys. "gd" and "gr" are matched after the g that gg
// starts (m.pendingG).
func (m *Model) symbolKey(k string) (tea.Cmd, bool) {
	if !m.pendingG && slices.Contains(m.keys.Outline.Keys(), k) && m.keys.Outline.Enabled() {
		if m.noSymbols != "" {
			return m.noLookup(k), true
		}
		if m.doc == nil {
			m.hunt.note = "o lists the definitions of the open file: open one first"
			return nil, true
		}
		msg := nav.OutlineMsg{Path: m.doc.Path, Line: m.Line()}
		return func() tea.Msg { return msg }, true
	}
	if m.pendingG {
		k = "g" + k
	}
	refs := slices.Contains(m.keys.References.Keys(), k) && m.keys.References.Enabled()
	if !refs && !(slices.Contains(m.keys.Definition.Keys(), k) && m.keys.Definition.Enabled()) {
		return nil, false
	}
	if m.noSymbols != "" {
		return m.noLookup(k), true
	}
	what := "gd"
	if refs {
		what = "gr"
	}
	if m.hex {
		// The hex view has no word cursor: a word taken from the text
		// lines behind it would be one the reviewer never saw.
		m.hunt.note = what + " looks up a word of text, and this view shows the file's bytes: " + m.keys.TextOrHex.Help().Key + " shows it as text"
		return nil, true
	}
	w := m.WordAtCursor()
	if w == "" {
		m.hunt.note = what + " takes the word under the cursor: none there or right of it on this line (W/B/e/0/$ move the cursor)"
		return nil, true
	}
	msg := nav.SymbolMsg{Name: w, Path: m.doc.Path, Line: m.Line(), Refs: refs}
	return func() tea.Msg { return msg }, true
}

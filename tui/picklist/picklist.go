// Package picklist is a list overlay to pick a place from: the candidate
// definitions of gd, the references of gr. Each row is a label and the
// file and line it opens; labels are untrusted (paths, names, lines of
// the file) and drawn sanitized. It has the finder's keys, without the
// query.
package picklist

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/help"
	"sightline/tui/theme"
)

// Item is one row: its label, and the place enter opens.
type Item struct {
	Label string
	Path  string
	Line  int
	// Muted draws the row dimmed: a reference in a comment or string.
	Muted bool
}

// ChosenMsg reports the place the reviewer picked with enter.
type ChosenMsg struct {
	Path string
	Line int
}

// ClosedMsg reports that the list was dismissed with esc.
type ClosedMsg struct{}

// KeyMap holds the list's bindings; the root passes the finder's.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Choose, Close key.Binding
}

// ShortHelp lists the keys for the one-line hint.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Choose, k.Close, k.Up, k.Down, k.PageUp, k.PageDown}
}

// FullHelp lists the list's keys.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is the list. Build it with New; Show fills it.
type Model struct {
	styles        theme.Styles
	keys          KeyMap
	title         string
	items         []Item
	cursor        int
	width, height int
}

// New returns an empty list.
func New(s theme.Styles, k KeyMap) Model { return Model{styles: s, keys: k} }

// Show replaces the list's title (untrusted) and rows, cursor on the first.
func (m *Model) Show(title string, items []Item) {
	m.title, m.items, m.cursor = title, items, 0
}

// SetSize sets the inner size of the box.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Items are the rows shown.
func (m Model) Items() []Item { return m.items }

// Update moves the cursor, picks (ChosenMsg) or closes (ClosedMsg).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	n := len(m.items)
	switch {
	case key.Matches(k, m.keys.Close):
		return m, func() tea.Msg { return ClosedMsg{} }
	case key.Matches(k, m.keys.Choose):
		if m.cursor < n {
			it := m.items[m.cursor]
			return m, func() tea.Msg { return ChosenMsg{Path: it.Path, Line: it.Line} }
		}
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		m.cursor = max(min(m.cursor+1, n-1), 0)
	case key.Matches(k, m.keys.PageUp):
		m.cursor = max(m.cursor-m.rows(), 0)
	case key.Matches(k, m.keys.PageDown):
		m.cursor = max(min(m.cursor+m.rows(), n-1), 0)
	}
	return m, nil
}

// rows is how many items fit: the height less the title, the count and
// the key hint.
func (m Model) rows() int { return max(m.height-3, 1) }

// View draws the title, a count, the visible rows and a key hint.
func (m Model) View() string {
	s := m.styles
	lines := []string{
		s.UntrustedLine(m.title, s.Title, m.width),
		s.Muted.Render(fmt.Sprintf("%d/%d", min(m.cursor+1, len(m.items)), len(m.items))),
	}
	rows := m.rows()
	top := max(0, m.cursor-rows+1)
	for i := top; i < len(m.items) && i < top+rows; i++ {
		lines = append(lines, m.row(m.items[i], i == m.cursor))
	}
	lines = append(lines, help.Hint(m.keys.ShortHelp(), m.width, s))
	return strings.Join(lines, "\n")
}

func (m Model) row(it Item, selected bool) string {
	s := m.styles
	base := s.Text
	if it.Muted {
		base = s.Muted
	}
	segs := append([]theme.Seg{{Text: "  ", Style: base}}, s.Untrusted(it.Label, base)...)
	segs = theme.Clip(segs, m.width)
	if selected && len(segs) > 0 {
		segs[0].Text = "> "
		for i := range segs {
			segs[i].Style = segs[i].Style.Inherit(s.ListSelected).Reverse(true)
		}
	}
	return theme.Render(segs)
}

// Package picklist is a list overlay to pick a place from: the candidate
// definitions of gd, the references of gr (grouped by file under header
// rows), the file's outline (o) and, with a query ranked as you type,
// every symbol at the pin (ctrl+t; query.go). Each row is a label and the
// file and line it opens; labels are untrusted (paths, names, lines of
// the file) and drawn sanitized. It has the finder's keys, and A to add
// the row's place as a step of the current finding.
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
	Col   int // the name's byte column from 1, where enter puts the column cursor (0: none)
	// Muted draws the row dimmed: a reference in a comment or string.
	Muted bool
	// Header is a group's title row ("path (N)"): drawn as a title,
	// skipped by the cursor, never chosen.
	Header bool
	// Name is set on a row that stands for a name with several
	// definitions (ctrl+t on a large tree) rather than a place: enter
	// and A report it, and the root lists its definitions.
	Name string
}

// ChosenMsg reports the place the reviewer picked with enter.
type ChosenMsg struct {
	Path string
	Line int
	Col  int    // the row's Col
	Name string // the row's Name: a name to list the definitions of
}

// StepMsg asks for the place under the cursor (A) to be added as the
// next step of the current finding.
type StepMsg struct {
	Path string
	Line int
	Name string // the row's Name: a name, not a place
}

// ClosedMsg reports that the list was dismissed with esc.
type ClosedMsg struct{}

// KeyMap holds the list's bindings; the root passes the finder's, and
// the review's A as AddStep. Focus (tab) moves between a query and its
// list, where A is not typed. A list without a query (gd's candidates,
// gr's references, the outline) also moves with ListUp and ListDown, the
// j and k of every other list; in ctrl+t's they are typed.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Choose, Close, AddStep, Focus key.Binding
	ListUp, ListDown                                          key.Binding
}

// ShortHelp lists the keys for the one-line hint.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Choose, k.AddStep, k.Close, k.Up, k.Down, k.PageUp, k.PageDown}
}

// FullHelp lists the list's keys.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is the list. Build it with New; Show fills it.
type Model struct {
	styles        theme.Styles
	keys          KeyMap
	title         string
	items         []Item // the rows shown: all, or a query's ranking
	cursor        int
	width, height int
	q             *query // the ctrl+t query; nil for a plain list
	// choice, when set, is what enter does with a row that is a word, not
	// a place (ShowWords): the hint says so and leaves out A.
	choice string
}

// New returns an empty list.
func New(s theme.Styles, k KeyMap) Model { return Model{styles: s, keys: k} }

// Show replaces the list's title (untrusted) and rows, cursor on the first.
func (m *Model) Show(title string, items []Item) {
	m.title, m.items, m.cursor, m.q, m.choice = title, items, 0, nil, ""
	m.cursor = m.selectable(0, 1)
}

// ShowWords is Show for a list of words (a diff line's, for gd, gr or *),
// where enter does choice ("look up", "search") rather than open a place,
// and A adds no step; the key hint says so.
func (m *Model) ShowWords(title string, items []Item, choice string) {
	m.Show(title, items)
	m.choice = choice
}

// SetCursor puts the cursor on row i (or the nearest row that is not a
// header).
func (m *Model) SetCursor(i int) { m.cursor = m.selectable(i, 1) }

// Cursor is the row under the cursor, if there is one.
func (m Model) Cursor() (Item, bool) {
	if m.cursor < len(m.items) && !m.items[m.cursor].Header {
		return m.items[m.cursor], true
	}
	return Item{}, false
}

// selectable is the first row from i on, going by d (+1 or -1), that is
// not a header; back the other way when there is none, and i itself in a
// list of headers only.
func (m Model) selectable(i, d int) int {
	n := len(m.items)
	i = max(min(i, n-1), 0)
	for j := i; j >= 0 && j < n; j += d {
		if !m.items[j].Header {
			return j
		}
	}
	for j := i; j >= 0 && j < n; j -= d {
		if !m.items[j].Header {
			return j
		}
	}
	return i
}

// SetSize sets the inner size of the box.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Items are the rows shown.
func (m Model) Items() []Item { return m.items }

// Update moves the cursor, picks (ChosenMsg), adds a step (StepMsg) or
// closes (ClosedMsg); with a query, it also types and ranks.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if r, ok := msg.(RankedMsg); ok {
		return m.ranked(r)
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if m.q != nil && !key.Matches(k, m.keys.Close) && m.q.typing(k, m.keys) {
		return m.typed(k)
	}
	n := len(m.items)
	switch {
	case key.Matches(k, m.keys.Close):
		return m, func() tea.Msg { return ClosedMsg{} }
	case key.Matches(k, m.keys.Focus) && m.q != nil:
		return m, m.q.toggle()
	case key.Matches(k, m.keys.Choose):
		if m.q != nil && m.q.stale() {
			m.q.pending = true // choose from the ranking of what was typed
			return m, nil
		}
		if it, ok := m.Cursor(); ok {
			return m, func() tea.Msg { return ChosenMsg{Path: it.Path, Line: it.Line, Col: it.Col, Name: it.Name} }
		}
	case key.Matches(k, m.keys.AddStep):
		if it, ok := m.Cursor(); ok {
			return m, func() tea.Msg { return StepMsg{Path: it.Path, Line: it.Line, Name: it.Name} }
		}
	case key.Matches(k, m.keys.Up), m.q == nil && key.Matches(k, m.keys.ListUp):
		m.cursor = m.selectable(m.cursor-1, -1)
	case key.Matches(k, m.keys.Down), m.q == nil && key.Matches(k, m.keys.ListDown):
		m.cursor = m.selectable(min(m.cursor+1, n-1), 1)
	case key.Matches(k, m.keys.PageUp):
		m.cursor = m.selectable(m.cursor-m.rows(), -1)
	case key.Matches(k, m.keys.PageDown):
		m.cursor = m.selectable(min(m.cursor+m.rows(), n-1), 1)
	}
	return m, nil
}

// rows is how many items fit: the height less the title, the count and
// the key hint (and the query's input).
func (m Model) rows() int {
	if m.q != nil {
		return max(m.height-4, 1)
	}
	return max(m.height-3, 1)
}

// View draws the title, a count, the visible rows and a key hint.
func (m Model) View() string {
	s := m.styles
	lines := []string{s.UntrustedLine(m.title, s.Title, m.width)}
	if m.q != nil {
		lines = append(lines, m.q.input.View(), s.UntrustedLine(m.q.count(), s.Muted, m.width))
	} else {
		lines = append(lines, s.Muted.Render(m.position()))
	}
	rows := m.rows()
	top := max(0, m.cursor-rows+1)
	for i := top; i < len(m.items) && i < top+rows; i++ {
		lines = append(lines, m.row(m.items[i], i == m.cursor))
	}
	hint := m.keys.ShortHelp()
	up, down := m.keys.Up, m.keys.Down
	if m.q == nil && len(m.keys.ListUp.Keys()) > 0 {
		up, down = m.keys.ListUp, m.keys.ListDown // j/k, as the other lists say
	}
	switch {
	case m.q != nil:
		hint = append([]key.Binding{m.keys.Choose, m.keys.Focus}, hint[1:]...)
	case m.choice != "":
		choose := m.keys.Choose
		choose.SetHelp(choose.Help().Key, m.choice)
		hint = []key.Binding{choose, m.keys.Close, up, down, m.keys.PageUp, m.keys.PageDown}
	default:
		hint = []key.Binding{m.keys.Choose, m.keys.AddStep, m.keys.Close, up, down, m.keys.PageUp, m.keys.PageDown}
	}
	lines = append(lines, help.Hint(hint, m.width, s))
	return strings.Join(lines, "\n")
}

func (m Model) row(it Item, selected bool) string {
	s := m.styles
	base := s.Text
	switch {
	case it.Header:
		return theme.Render(theme.Clip(s.Untrusted(it.Label, s.Title), m.width))
	case it.Muted:
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

// position is "3/7": the cursor's row among the rows that are not
// headers.
func (m Model) position() string {
	at, n := 0, 0
	for i, it := range m.items {
		if it.Header {
			continue
		}
		n++
		if i <= m.cursor {
			at = n
		}
	}
	return fmt.Sprintf("%d/%d", at, n)
}

// Package changes is the Changes list: every file that differs between a
// base and a head commit, with its status and +added -removed counts, and
// the totals. It shows what its owner hands it; loading is the owner's.
package changes

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// SelectMsg says the cursor moved to change Index (so the owner can load
// its diff); Open says the user asked to read it (enter).
type SelectMsg struct {
	Index int
	Open  bool
}

// Model is the Changes list.
type Model struct {
	keys    KeyMap
	styles  theme.Styles
	changes []repo.FileChange
	title   string // "base → head", already safe to draw
	counted bool   // Added, Removed and Binary are known
	cursor  int
	mover   keys.Mover // the shared movement keys' state (a pending g)
	top     int
	width   int
	height  int
	focused bool
	// reviewed holds the head paths marked reviewed, drawn with a ✓
	// (SetReviewed).
	reviewed map[string]bool
	// sizes holds binary changes' blob sizes, by their blob ids
	// (SetSizes); a binary row shows them instead of "binary".
	sizes map[[2]repo.Hash]Sizes
}

// SetSizes hands the list the sizes of binary changes, keyed by old and
// new blob id.
func (m *Model) SetSizes(s map[[2]repo.Hash]Sizes) { m.sizes = s }

// New returns an empty list.
func New(keys KeyMap, styles theme.Styles) Model { return Model{keys: keys, styles: styles} }

// SetChanges shows changes under a title (base and head, safe text) and
// puts the cursor on the first. counted says whether the line counts (and
// Binary) are known yet; until then the rows show names only.
func (m *Model) SetChanges(title string, changes []repo.FileChange, counted bool) {
	m.title, m.changes, m.counted, m.cursor, m.top = title, changes, counted, 0, 0
}

// SetCounted replaces the listed changes by the same changes with their
// line counts, keeping the cursor where it is.
func (m *Model) SetCounted(changes []repo.FileChange) {
	m.changes, m.counted = changes, true
	m.Select(m.cursor)
}

// Counted reports whether the line counts are known.
func (m Model) Counted() bool { return m.counted }

// Changes returns the listed changes.
func (m Model) Changes() []repo.FileChange { return m.changes }

// Cursor returns the index of the selected change (0 when empty).
func (m Model) Cursor() int { return m.cursor }

// Select moves the cursor to change i.
func (m *Model) Select(i int) {
	m.cursor = max(0, min(i, len(m.changes)-1))
	m.scroll()
}

// SetSize sets the list's outer size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.scroll() }

// Focus gives the list the keyboard.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false; m.mover.Reset() }

// Focused reports whether the list has the keyboard.
func (m Model) Focused() bool { return m.focused }

// KeyMap returns the list's bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Update moves the cursor with the shared movement keys; each move emits
// a SelectMsg.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused || len(m.changes) == 0 {
		return m, nil
	}
	old := m.cursor
	next, moved := m.mover.Move(m.keys.Nav, k, m.cursor, len(m.changes), m.listHeight())
	switch {
	case moved:
		m.Select(next)
	case key.Matches(k, m.keys.Open):
		i := m.cursor
		return m, func() tea.Msg { return SelectMsg{Index: i, Open: true} }
	default:
		return m, nil
	}
	if m.cursor == old {
		return m, nil
	}
	i := m.cursor
	return m, func() tea.Msg { return SelectMsg{Index: i} }
}

// listHeight is the rows left for files under the two summary lines.
func (m Model) listHeight() int { return max(0, m.height-2) }

func (m *Model) scroll() {
	h := m.listHeight()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if h > 0 && m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(0, min(m.top, len(m.changes)-h))
}

// Package diff is the file diff pane: one file's hunks, unified or side by
// side, syntax-highlighted, with old and new line numbers and changed words
// marked inside changed lines. It never reads the repository: its owner
// loads hunks, runs Prepare in a tea.Cmd and hands the result to SetFile.
package diff

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// Anchor says where SetFile puts the cursor.
type Anchor int

// Where a newly shown file is positioned.
const (
	AnchorTop       Anchor = iota // the first row
	AnchorFirstHunk               // the first changed line of the first hunk
	AnchorLastHunk                // the first changed line of the last hunk
)

// DefaultContext is the lines of context around each hunk, as git's.
const DefaultContext = 3

// contextStep is how many lines of context MoreContext adds.
const contextStep = 10

// Model is the diff pane.
type Model struct {
	keys    KeyMap
	styles  Styles
	file    File
	loaded  bool
	split   bool
	rows    []row
	hunkRow []int // index in rows of each hunk's separator
	cursor  int
	top     int
	xoff    int
	width   int
	height  int
	focused bool
	pending string
	fileIdx int // position of this file in its list, for the indicator
	files   int
	note    string    // a one-line answer to the last key (e.g. why enter did nothing)
	sel     selection // V line selection, for findings (selection.go)
	marks   Marks     // finding marks (marks.go)
	escape  bool      // non-ASCII drawn as \u{XXXX} (u, EscapeNonASCII)
}

// New returns an empty diff pane.
func New(keys KeyMap, styles Styles) Model {
	return Model{keys: keys, styles: styles}
}

// SetFile shows f, positioned at a.
func (m *Model) SetFile(f File, a Anchor) {
	m.file, m.loaded, m.note, m.xoff = f, true, "", 0
	m.sel = selection{}
	m.layout()
	m.cursor, m.top = 0, 0
	switch {
	case a == AnchorFirstHunk && len(m.hunkRow) > 0:
		m.gotoHunk(0)
	case a == AnchorLastHunk && len(m.hunkRow) > 0:
		m.gotoHunk(len(m.hunkRow) - 1)
	}
}

// SetFileAtLine shows f with the cursor on the row that shows new-side
// line n (its added or context row, not a removed line it replaced), or
// when no row shows it the first row at or after it, as after a change of
// context or a jump from blame.
func (m *Model) SetFileAtLine(f File, n int) {
	m.SetFile(f, AnchorTop)
	m.cursor = m.rowShowing(n)
	m.top = max(0, m.cursor-m.bodyHeight()/2)
	m.clamp()
}

// rowShowing is the row whose new side is line n, else the first row whose
// newLineOf is at or after n (a removed row counts as the line after it),
// else 0.
func (m Model) rowShowing(n int) int {
	after := -1
	for i, r := range m.rows {
		if r.kind != rowLine {
			continue
		}
		j := r.l
		if m.split {
			j = r.r
		}
		if j >= 0 {
			if l := m.file.Hunks[r.hunk].Lines[j]; l.Kind != '-' && l.NewLine == n {
				return i
			}
		}
		if after < 0 && m.newLineOf(r) >= n {
			after = i
		}
	}
	return max(after, 0)
}

// Clear empties the pane.
func (m *Model) Clear() {
	*m = Model{keys: m.keys, styles: m.styles, width: m.width, height: m.height, focused: m.focused, split: m.split, escape: m.escape}
}

// SetPosition sets the "file j/m" part of the indicator (j is 0-based).
func (m *Model) SetPosition(j, n int) { m.fileIdx, m.files = j, n }

// SetSize sets the pane's outer size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
}

// Focus gives the pane the keyboard.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false; m.pending = "" }

// Focused reports whether the pane has the keyboard.
func (m Model) Focused() bool { return m.focused }

// HostileCount is the number of hostile characters on the diff's lines
// (each such line has ! in its gutter), for the status bar.
func (m Model) HostileCount() int {
	_, n := m.file.Hostile()
	return n
}

// EscapeNonASCII reports whether the "escape non-ASCII" mode is on: every
// character outside ASCII is drawn as \u{XXXX}, as in the code view, so a
// homoglyph in a changed line cannot pass for the letter it imitates
// (HOST-10). u toggles it; it stays on from file to file.
func (m Model) EscapeNonASCII() bool { return m.escape }

// File returns the file shown, and whether there is one.
func (m Model) File() (File, bool) { return m.file, m.loaded }

// SideBySide reports whether the pane shows two columns.
func (m Model) SideBySide() bool { return m.split }

// Hunk returns the 0-based index of the hunk under the cursor and the
// number of hunks (-1, 0 without hunks).
func (m Model) Hunk() (i, n int) {
	i = -1
	for k, r := range m.hunkRow {
		if r <= m.cursor {
			i = k
		}
	}
	return i, len(m.hunkRow)
}

// KeyMap returns the pane's bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// layout rebuilds rows for the current file and mode.
func (m *Model) layout() {
	if m.split {
		m.rows = splitRows(m.file)
	} else {
		m.rows = unifiedRows(m.file)
	}
	m.hunkRow = m.hunkRow[:0]
	for i, r := range m.rows {
		if r.kind == rowHunk {
			m.hunkRow = append(m.hunkRow, i)
		}
	}
}

// Update handles keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused || !m.loaded {
		return m, nil
	}
	if m.selectKey(k) {
		return m, nil
	}
	var seq string
	m.pending, seq = Sequence(m.pending, k)
	if seq == "" {
		return m, nil
	}
	m.note = ""
	body := m.bodyHeight()
	switch km := m.keys; {
	case Matches(seq, km.Down):
		m.move(1)
	case Matches(seq, km.Up):
		m.move(-1)
	case Matches(seq, km.HalfDown):
		m.move(max(1, body/2))
	case Matches(seq, km.HalfUp):
		m.move(-max(1, body/2))
	case Matches(seq, km.PageDown):
		m.move(max(1, body))
	case Matches(seq, km.PageUp):
		m.move(-max(1, body))
	case Matches(seq, km.Scroll.Down):
		m.scrollLines(1)
	case Matches(seq, km.Scroll.Up):
		m.scrollLines(-1)
	case Matches(seq, km.Top):
		m.cursor, m.top = 0, 0
	case Matches(seq, km.Bottom):
		m.move(len(m.rows))
	case Matches(seq, km.Left):
		m.xoff = max(0, m.xoff-8)
	case Matches(seq, km.Right):
		m.xoff += 8
	case Matches(seq, km.NextHunk):
		return m, m.nextHunk()
	case Matches(seq, km.PrevHunk):
		return m, m.prevHunk()
	case Matches(seq, km.NextFile):
		return m, navigate(1, false)
	case Matches(seq, km.PrevFile):
		return m, navigate(-1, false)
	case Matches(seq, km.SideBySide):
		m.toggleSplit()
	case Matches(seq, km.MoreContext):
		return m, m.context(m.file.Context + contextStep)
	case Matches(seq, km.LessContext):
		return m, m.context(max(0, min(m.file.Context, DefaultContext+contextStep)-contextStep))
	case Matches(seq, km.Open):
		return m, m.open()
	case Matches(seq, km.NextHostile):
		m.nextHostile()
	case Matches(seq, km.EscapeNonASCII):
		m.escape = !m.escape // both drawings were prepared: nothing to redo
	case Matches(seq, km.Definition):
		return m, m.lookUp(false)
	case Matches(seq, km.References):
		return m, m.lookUp(true)
	}
	return m, nil
}

func navigate(delta int, hunk bool) tea.Cmd {
	return func() tea.Msg { return NavigateMsg{Delta: delta, Hunk: hunk} }
}

// nextHunk moves to the first hunk whose first change is below the
// cursor, or asks for the next file.
func (m *Model) nextHunk() tea.Cmd {
	for i := range m.hunkRow {
		if m.changeRow(i) > m.cursor {
			m.gotoHunk(i)
			return nil
		}
	}
	return navigate(1, true)
}

// prevHunk moves to the last hunk whose first change is above the
// cursor, or asks for the previous file.
func (m *Model) prevHunk() tea.Cmd {
	for i := len(m.hunkRow) - 1; i >= 0; i-- {
		if m.changeRow(i) < m.cursor {
			m.gotoHunk(i)
			return nil
		}
	}
	return navigate(-1, true)
}

// gotoHunk puts hunk i's separator at the top and the cursor on its first
// changed line.
func (m *Model) gotoHunk(i int) {
	m.cursor = m.changeRow(i)
	m.top = m.hunkRow[i]
	m.clamp()
}

// changeRow is the row of hunk i's first added or removed line.
func (m Model) changeRow(i int) int {
	for j := m.hunkRow[i] + 1; j < len(m.rows) && m.rows[j].kind == rowLine && m.rows[j].hunk == i; j++ {
		if m.changed(m.rows[j]) {
			return j
		}
	}
	return m.hunkRow[i] + 1
}

func (m *Model) toggleSplit() {
	line := 0
	if m.cursor < len(m.rows) {
		line = m.newLineOf(m.rows[m.cursor])
	}
	hunk, _ := m.Hunk()
	m.split = !m.split
	m.layout()
	m.cursor = 0
	for i, r := range m.rows {
		if r.kind == rowLine && r.hunk == hunk && m.newLineOf(r) >= line {
			m.cursor = i
			break
		}
	}
	m.top = max(0, m.cursor-m.bodyHeight()/2)
	m.clamp()
}

func (m *Model) context(n int) tea.Cmd {
	if len(m.file.Hunks) == 0 {
		m.note = "no hunks in this file: there is no context to change"
		return nil
	}
	if n == m.file.Context {
		m.note = "context is already at its smallest"
		return nil
	}
	line := 0
	if m.cursor < len(m.rows) {
		line = m.newLineOf(m.rows[m.cursor])
	}
	ch := m.file.Change
	return func() tea.Msg { return ContextMsg{Change: ch, Context: n, Line: line} }
}

// open asks for the file at the pin at the cursor's line; on a hunk
// header, at the hunk's first new-side line; on a binary file, for the
// hex diff of its two blobs. Where there is no line to
// open it says why instead of doing nothing.
func (m *Model) open() tea.Cmd {
	ch := m.file.Change
	switch {
	case m.cursor >= len(m.rows) && ch.Binary:
		msg := HexDiffMsg{Change: ch}
		return func() tea.Msg { return msg }
	case m.cursor >= len(m.rows):
		m.note = "no lines in this diff to open"
		return nil
	case ch.Status == 'D' || ch.NewPath == "":
		m.note = "this file was deleted: it does not exist at the pin"
		return nil
	}
	msg := nav.OpenFileMsg{Path: ch.NewPath, Line: max(1, m.newLineOf(m.rows[m.cursor]))}
	return func() tea.Msg { return msg }
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clamp()
}

// clamp keeps cursor and top inside the rows and the cursor on screen.
func (m *Model) clamp() {
	body := m.bodyHeight()
	m.cursor = max(0, min(m.cursor, len(m.rows)-1))
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if body > 0 && m.cursor >= m.top+body {
		m.top = m.cursor - body + 1
	}
	m.top = max(0, min(m.top, len(m.rows)-body))
}

// bodyHeight is the rows available below the header line.
func (m Model) bodyHeight() int { return max(0, m.height-1) }

// changed reports whether a row shows an added or removed line.
func (m Model) changed(r row) bool {
	h := m.file.Hunks[r.hunk]
	return r.l >= 0 && h.Lines[r.l].Kind != ' ' || r.r >= 0 && h.Lines[r.r].Kind != ' '
}

// newLineOf is the new-side line number a row stands for: its own, or for
// a removed line the next new-side line of its hunk (where the removed
// text would have been).
func (m Model) newLineOf(r row) int {
	if r.kind != rowLine {
		if r.kind == rowHunk {
			return m.file.Hunks[r.hunk].NewStart
		}
		return 0
	}
	h := m.file.Hunks[r.hunk]
	i := r.l
	if r.r >= 0 {
		i = r.r
	}
	for j := i; j < len(h.Lines); j++ {
		if h.Lines[j].Kind != '-' {
			return h.Lines[j].NewLine
		}
	}
	return h.NewStart + h.NewLines - 1
}

// Indicator is the position text "hunk i/n · file j/m".
func (m Model) Indicator() string {
	i, n := m.Hunk()
	s := fmt.Sprintf("hunk %d/%d", i+1, n)
	if n == 0 {
		s = "no hunks"
	}
	if m.files > 0 {
		s += fmt.Sprintf(" · file %d/%d", m.fileIdx+1, m.files)
	}
	return s
}

// Package tree is the file tree pane: the pinned commit's directories,
// listed lazily one tree object at a time, expanded and collapsed in place.
// Every entry is listed, unreadable ones as error rows; names are drawn
// through the sanitizer.
package tree

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/theme"
)

// Model is the tree pane. Build it with New; the zero value is not usable.
type Model struct {
	lister   Lister
	root     repo.Hash
	styles   theme.Styles
	keys     KeyMap
	dirs     map[string]dirState // listings by directory path ("" is the root)
	targets  map[string]string   // symlink targets by path, as listed
	expanded map[string]bool
	rows     []row
	cursor   int
	offset   int
	width    int
	height   int
	focused  bool
	pendingG bool
	reveal   string          // a path to select once its directories are listed
	reviewed map[string]bool // files marked reviewed, drawn with a ✓ (SetReviewed)
	content  map[string]int  // hostile characters by path, of files opened (SetContentHostile)
	chosen   int             // the last choice's FileChosenMsg.Seq
}

type dirState struct {
	entries []repo.Entry
	err     error
	loading bool
}

// row is one visible line: an entry, or a note under a directory that is
// still loading or could not be read.
type row struct {
	entry   repo.Entry
	depth   int
	note    string // non-empty for a note row
	isErr   bool
	open    bool   // a directory that is expanded
	done    bool   // a file marked reviewed
	content int    // hostile characters in the file's content, once opened
	target  string // a symlink's target, when read
}

// New returns a tree over the root tree object of the pin.
func New(l Lister, root repo.Hash, s theme.Styles, k KeyMap) Model {
	return Model{
		lister: l, root: root, styles: s, keys: k,
		dirs:     map[string]dirState{"": {loading: true}},
		expanded: map[string]bool{"": true},
		targets:  map[string]string{},
	}
}

// Init loads the root directory.
func (m Model) Init() tea.Cmd { return loadDir(m.lister, m.root, m.root, "") }

// SetSize sets the pane's inner size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clampOffset()
}

// Focus gives the tree keyboard focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur takes keyboard focus away.
func (m *Model) Blur() { m.focused = false; m.pendingG = false }

// Focused reports whether the tree has focus.
func (m Model) Focused() bool { return m.focused }

// KeyMap returns the tree's bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Selected returns the entry under the cursor.
func (m Model) Selected() (repo.Entry, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) || m.rows[m.cursor].note != "" {
		return repo.Entry{}, false
	}
	return m.rows[m.cursor].entry, true
}

// Len is the number of visible rows.
func (m Model) Len() int { return len(m.rows) }

// Loading reports whether the root listing has not arrived yet.
func (m Model) Loading() bool { return m.dirs[""].loading }

// Update handles listings and, when focused, keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case DirLoadedMsg:
		if msg.Root != m.root {
			return m, nil
		}
		m.dirs[msg.Dir] = dirState{entries: msg.Entries, err: msg.Err}
		for p, t := range msg.Targets {
			m.targets[p] = t
		}
		m.rebuild()
		return m, m.continueReveal()
	case tea.KeyMsg:
		if !m.focused {
			return m, nil
		}
		return m.handleKey(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := msg.String()
	if mo, pg, ok := m.keys.Move(k, m.height, m.pendingG); ok {
		m.pendingG = pg
		m.setCursor(mo.Apply(m.cursor, len(m.rows)))
		return m, nil
	}
	m.pendingG = false
	e, ok := m.Selected()
	switch {
	case key.Matches(msg, m.keys.Open):
		if !ok {
			return m, nil
		}
		if e.Kind == repo.KindDir {
			return m, m.toggle(e)
		}
		return m, m.choose(e)
	case key.Matches(msg, m.keys.Expand):
		if !ok {
			return m, nil
		}
		if e.Kind == repo.KindDir {
			if m.expanded[e.Path] {
				m.setCursor(m.cursor + 1) // step into the open directory
				return m, nil
			}
			return m, m.expand(e)
		}
		return m, m.choose(e)
	case key.Matches(msg, m.keys.Collapse):
		m.collapseOrParent()
	}
	return m, nil
}

// choose asks for e to be opened. Each choice is numbered, so the
// receiver can drop one that a later choice superseded: Cmds deliver
// their messages in no set order.
func (m *Model) choose(e repo.Entry) tea.Cmd {
	m.chosen++
	msg := FileChosenMsg{Entry: e, Seq: m.chosen}
	return func() tea.Msg { return msg }
}

// Chosen is the Seq of the last file chosen (0: none yet); a
// FileChosenMsg with another Seq is superseded.
func (m Model) Chosen() int { return m.chosen }

// toggle opens or closes a directory.
func (m *Model) toggle(e repo.Entry) tea.Cmd {
	if m.expanded[e.Path] {
		delete(m.expanded, e.Path)
		m.rebuild()
		return nil
	}
	return m.expand(e)
}

func (m *Model) expand(e repo.Entry) tea.Cmd {
	m.expanded[e.Path] = true
	var cmd tea.Cmd
	if _, ok := m.dirs[e.Path]; !ok {
		m.dirs[e.Path] = dirState{loading: true}
		cmd = loadDir(m.lister, m.root, e.Hash, e.Path)
	}
	m.rebuild()
	return cmd
}

// collapseOrParent closes the directory under the cursor, or moves to the
// parent directory's row.
func (m *Model) collapseOrParent() {
	if m.cursor >= len(m.rows) {
		return
	}
	r := m.rows[m.cursor]
	if r.note == "" && r.entry.Kind == repo.KindDir && m.expanded[r.entry.Path] {
		delete(m.expanded, r.entry.Path)
		m.rebuild()
		return
	}
	for i := m.cursor - 1; i >= 0; i-- {
		if m.rows[i].depth < r.depth && m.rows[i].note == "" {
			m.setCursor(i)
			return
		}
	}
}

// Reveal expands the directories above path and selects it, loading
// listings as needed.
func (m *Model) Reveal(path string) tea.Cmd {
	m.reveal = path
	return m.continueReveal()
}

// continueReveal walks down the pending reveal path as far as listings
// allow, asking for the next one it needs.
func (m *Model) continueReveal() tea.Cmd {
	if m.reveal == "" {
		return nil
	}
	names := strings.Split(m.reveal, "/")
	dir := ""
	for i := range names[:len(names)-1] {
		sub := strings.Join(names[:i+1], "/")
		st, ok := m.dirs[dir]
		if !ok || st.loading {
			return nil // wait for this listing
		}
		var found *repo.Entry
		for j := range st.entries {
			if st.entries[j].Path == sub && st.entries[j].Kind == repo.KindDir {
				found = &st.entries[j]
				break
			}
		}
		if found == nil {
			m.reveal = ""
			return nil
		}
		if !m.expanded[sub] {
			if cmd := m.expand(*found); cmd != nil {
				return cmd
			}
		}
		dir = sub
	}
	if st, ok := m.dirs[dir]; !ok || st.loading {
		return nil
	}
	for i, r := range m.rows {
		if r.note == "" && r.entry.Path == m.reveal {
			m.setCursor(i)
			m.offset = max(0, i-m.height/2)
			m.clampOffset()
			break
		}
	}
	m.reveal = ""
	return nil
}

// rebuild flattens the expanded directories into rows, keeping the cursor
// on the same path when it is still visible.
func (m *Model) rebuild() {
	var keep string
	if e, ok := m.Selected(); ok {
		keep = e.Path
	}
	m.rows = make([]row, 0, len(m.rows))
	m.appendDir("", 0)
	if keep != "" {
		for i, r := range m.rows {
			if r.note == "" && r.entry.Path == keep {
				m.cursor = i
				break
			}
		}
	}
	m.setCursor(m.cursor)
}

func (m *Model) appendDir(dir string, depth int) {
	st := m.dirs[dir]
	switch {
	case st.loading:
		m.rows = append(m.rows, row{depth: depth, note: "loading…"})
		return
	case st.err != nil:
		m.rows = append(m.rows, row{depth: depth, note: "⚠ " + st.err.Error(), isErr: true})
		return
	case len(st.entries) == 0 && dir != "":
		m.rows = append(m.rows, row{depth: depth, note: "(empty)"})
		return
	}
	for _, e := range st.entries {
		open := e.Kind == repo.KindDir && m.expanded[e.Path]
		m.rows = append(m.rows, row{entry: e, depth: depth, open: open, target: m.targets[e.Path]})
		if open {
			m.appendDir(e.Path, depth+1)
		}
	}
}

// SelectRow moves the cursor to the visible row y (0 = top of the pane),
// for mouse clicks.
func (m *Model) SelectRow(y int) { m.setCursor(m.offset + y) }

// Scroll moves the cursor by n rows, for the mouse wheel.
func (m *Model) Scroll(n int) { m.setCursor(m.cursor + n) }

func (m *Model) setCursor(c int) {
	m.cursor = min(max(c, 0), max(len(m.rows)-1, 0))
	m.clampOffset()
}

func (m *Model) clampOffset() {
	h := max(m.height, 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = min(max(m.offset, 0), max(len(m.rows)-h, 0))
}

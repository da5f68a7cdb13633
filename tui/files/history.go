package files

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/blame"
	"sightline/tui/code"
	"sightline/tui/nav"
)

// historyKey handles b (blame gutter), enter on a blamed line and L (path
// history); ok is false for every other key, which the panes then get.
func (m *Model) historyKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	bk := m.keys.Blame
	path := m.code.Path()
	switch {
	case key.Matches(msg, m.keys.PathHistory):
		if m.focus == focusTree {
			if e, ok := m.tree.Selected(); ok {
				path = e.Path
			}
		}
		if path == "" {
			return nil, false
		}
		return func() tea.Msg { return nav.ShowPathMsg{Path: path} }, true
	case m.focus != focusCode || path == "":
		return nil, false
	case key.Matches(msg, bk.Toggle):
		cmd := m.blame.Toggle(path)
		m.syncBlame()
		return cmd, true
	case key.Matches(msg, bk.Show) && m.blame.Visible(path):
		if l, ok := m.blame.LineAt(path, m.code.Line()); ok {
			msg := blame.ShowCommitMsg{Commit: l.Commit, Path: l.OrigPath, Line: l.OrigLine}
			return func() tea.Msg { return msg }, true
		}
		if m.blame.Busy() {
			return info("this line is not blamed yet: its commit shows here when blame reaches it (esc stops blame)"), true
		}
	case key.Matches(msg, bk.Reblame):
		cmd, why := m.blame.Reblame(path, m.code.Line())
		if why != "" {
			return info(why), true
		}
		return cmd, true
	case key.Matches(msg, bk.Back) && m.blame.Shown(path):
		if !m.blame.Back() {
			return info("no re-blame to undo: , re-blames the cursor line's commit from its parent"), true
		}
		m.syncBlame()
		return nil, true
	case msg.String() == "esc" && m.blame.Busy():
		m.blame.Cancel()
		return nil, true
	}
	return nil, false
}

// info shows text on the message line.
func info(text string) tea.Cmd { return func() tea.Msg { return nav.InfoMsg{Text: text} } }

// syncBlame hands the blame of the open file to the code view's gutter,
// or removes the column.
func (m *Model) syncBlame() {
	path := m.code.Path()
	if text := m.blame.Text(path); text != nil {
		m.code.SetGutter(code.Gutter{Path: path, Width: blame.Width, Lines: text, Search: m.blame.SearchText(path)})
	} else if m.code.GutterShown() {
		m.code.SetGutter(code.Gutter{})
	}
}

// Where is the file open in the code view and its cursor line, for the
// root's jump list; "" when no file is open.
func (m Model) Where() (path string, line int) {
	if m.code.Path() == "" || m.baseOn { // a base file is not a place at the pin
		return "", 0
	}
	return m.code.Path(), m.code.Line()
}

// Column is the code view's cursor column as a 1-based byte column of
// its line (0 when Where names no place): the jump list keeps it.
func (m Model) Column() int {
	if p, _ := m.Where(); p == "" {
		return 0
	}
	return m.code.Column()
}

// CloseBlame hides the open file's blame gutter (or stops its run), for q
// closing the innermost thing; ok is false when there is none.
func (m *Model) CloseBlame() bool {
	path := m.code.Path()
	if path == "" || !m.blame.Shown(path) && !m.blame.Busy() {
		return false
	}
	if m.blame.Shown(path) {
		m.blame.Toggle(path) // hides it
	} else {
		m.blame.Cancel()
	}
	m.syncBlame()
	return true
}

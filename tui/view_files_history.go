package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/blame"
	"sightline/tui/code"
)

// pathHistoryKey lists the commits that touched the selected file (L).
func pathHistoryKey() key.Binding {
	return key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "commits touching this file"))
}

// historyKeys are the Files view's keys that lead to History and blame.
func historyKeys() []key.Binding {
	b := blame.DefaultKeyMap()
	return []key.Binding{b.Toggle, b.Show, pathHistoryKey()}
}

// historyKey handles b (blame gutter), enter on a blamed line and L (path
// history); ok is false for every other key, which the panes then get.
func (v *filesView) historyKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	bk := blame.DefaultKeyMap()
	path := v.code.Path()
	switch {
	case key.Matches(msg, pathHistoryKey()):
		if v.focus == focusTree {
			if e, ok := v.tree.Selected(); ok {
				path = e.Path
			}
		}
		if path == "" {
			return nil, false
		}
		return func() tea.Msg { return showPathMsg{Path: path} }, true
	case v.focus != focusCode || path == "":
		return nil, false
	case key.Matches(msg, bk.Toggle):
		cmd := v.blame.Toggle(path)
		v.syncBlame()
		return cmd, true
	case key.Matches(msg, bk.Show) && v.blame.Shown(path):
		if l, ok := v.blame.LineAt(path, v.code.Line()); ok {
			msg := blame.ShowCommitMsg{Commit: l.Commit, Path: l.OrigPath, Line: l.OrigLine}
			return func() tea.Msg { return msg }, true
		}
	case msg.String() == "esc" && v.blame.Busy():
		v.blame.Cancel()
		return nil, true
	}
	return nil, false
}

// syncBlame hands the blame of the open file to the code view's gutter,
// or removes the column.
func (v *filesView) syncBlame() {
	path := v.code.Path()
	if text := v.blame.Text(path); text != nil {
		v.code.SetGutter(code.Gutter{Path: path, Width: blame.Width, Lines: text})
	} else if v.code.GutterShown() {
		v.code.SetGutter(code.Gutter{})
	}
}

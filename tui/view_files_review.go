package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// pathHistoryKey lists the commits that touched the selected file (L).
func pathHistoryKey() key.Binding {
	return key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "commits touching this file"))
}

// reviewKeys are the Files view's keys that lead to History.
func reviewKeys() []key.Binding {
	return []key.Binding{pathHistoryKey()}
}

// reviewKey handles L (path history); ok is false for every other key,
// which the panes then get.
func (v *filesView) reviewKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	if !key.Matches(msg, pathHistoryKey()) {
		return nil, false
	}
	path := v.code.Path()
	if v.focus == focusTree {
		if e, ok := v.tree.Selected(); ok {
			path = e.Path
		}
	}
	if path == "" {
		return nil, false
	}
	return func() tea.Msg { return showPathMsg{Path: path} }, true
}

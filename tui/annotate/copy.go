package annotate

import (
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// copyPath asks the root to copy the path under the cursor (y): the file
// or directory m would mark.
func (m *Model) copyPath(pane Pane) tea.Cmd {
	path, err := pane.MarkTarget()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	return copyCmd(path, "path")
}

// copyRef asks the root to copy the reference of the selected lines or
// the cursor line (Y): path:line@commit, as a finding would cite them.
func (m *Model) copyRef(pane Pane) tea.Cmd {
	l, err := pane.SelectedLines()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	return copyCmd(Reference(l), "reference")
}

// Reference is how Y writes lines: path:10@commit or path:10-12@commit,
// the commit's 12-digit short id (the base's for lines on the base side).
func Reference(l nav.Lines) string {
	return l.Path + ":" + nav.LineRange(l.Start, l.End) + "@" + l.Commit.Short()
}

func copyCmd(text, what string) tea.Cmd {
	return func() tea.Msg { return nav.CopyMsg{Text: text, What: what} }
}

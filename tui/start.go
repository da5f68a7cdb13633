package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// Position is where the reviewer is: a tab and, in the Files tab, the
// file and line shown. The command line starts the workbench at one
// (Deps.Start: "open REPO path:941", or the place a workspace was left
// at) and reads it back at quit to resume there.
type Position struct {
	Tab  nav.ViewID // 0: the first tab
	Path string     // a file at the pin, shown in Files ("" for none)
	Line int        // 1-based; 0 for the top
	Col  int        // 1-based byte column of Line; 0: its first non-blank
}

// startMsg shows the start position once the views are built.
type startMsg struct{ at Position }

// startCmd is Init's part that goes to Deps.Start, if it names a place.
func startCmd(at Position) tea.Cmd {
	if at.Path == "" && at.Tab == 0 {
		return nil
	}
	return func() tea.Msg { return startMsg{at: at} }
}

// start shows the start position without recording a jump: there is
// nowhere to go back to. A tab the session lacks (Changes without a
// base) leaves the first tab shown.
func (m *Model) start(at Position) tea.Cmd {
	if at.Path != "" {
		m.switchTo(nav.ViewFiles)
		return m.updateTab(nav.ViewFiles, nav.OpenFileMsg{Path: at.Path, Line: at.Line, Col: at.Col})
	}
	m.switchTo(at.Tab)
	return nil
}

// Position is where the reviewer is now, to resume there next time.
func (m Model) Position() Position {
	p := m.here()
	return Position{Tab: p.View, Path: p.Path, Line: p.Line, Col: p.Col}
}

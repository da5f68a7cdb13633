package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/tui/nav"
)

// here is the place the reviewer is at: the active tab and, in Files,
// the file and line shown.
func (m Model) here() place {
	p := place{View: m.tabs[m.active].id}
	if p.View == nav.ViewFiles {
		p.Path, p.Line = m.tabs[m.active].view.where()
		if fv, ok := m.tabs[m.active].view.(filesView); ok {
			p.Col = fv.Column()
		}
	}
	return p
}

// jumped records the place a jump leaves (see jumpList).
func (m *Model) jumped() {
	m.dropLookup()
	m.jumps.push(m.here())
}

// goTo shows a place of the jump list, without recording a jump.
func (m *Model) goTo(p place) tea.Cmd {
	if m.tabIndex(p.View) < 0 {
		m.info = "that place was in a tab that is gone"
		return nil
	}
	m.overlay.kind = overlayNone
	m.switchTo(p.View)
	if p.View == nav.ViewFiles && p.Path != "" {
		return m.updateTab(nav.ViewFiles, nav.OpenFileMsg{Path: p.Path, Line: p.Line, Col: p.Col})
	}
	return nil
}

// jumpBack goes to the place before this one (ctrl+o, backspace).
func (m *Model) jumpBack() tea.Cmd {
	m.dropLookup()
	p, ok := m.jumps.back(m.here())
	if !ok {
		m.info = "nothing to go back to: no jump yet (ctrl+p, ctrl+f, :N, enter on a diff line, ]s/[s, blame, L jump)"
		return nil
	}
	m.info = "back to " + placeName(p) + " (ctrl+n: forward)"
	return m.goTo(p)
}

// jumpForward goes to the place after this one (ctrl+n).
func (m *Model) jumpForward() tea.Cmd {
	m.dropLookup()
	p, ok := m.jumps.forward(m.here())
	if !ok {
		m.info = "nothing to go forward to: this is the newest place (ctrl+o goes back)"
		return nil
	}
	m.info = "forward to " + placeName(p)
	return m.goTo(p)
}

// placeName is a place for the message line, sanitized.
func placeName(p place) string {
	name := map[nav.ViewID]string{nav.ViewFiles: "Files", nav.ViewChanges: "Changes", nav.ViewHistory: "History", nav.ViewFindings: "Findings", nav.ViewRelease: "Release", nav.ViewTriage: "Triage"}[p.View]
	if p.Path == "" {
		return name
	}
	return fmt.Sprintf("%s %s:%d", name, textsafe.Sanitize(p.Path), p.Line)
}

// quitKey is q: close the innermost thing (the blame gutter, a commit
// diff, the path-filtered history, a file opened from a diff line), and
// quit only at the top, asking first if something is unsaved.
func (m *Model) quitKey() tea.Cmd {
	v, cmd, back, ok := m.tabs[m.active].view.closeInner()
	m.tabs[m.active].view = v
	if ok {
		if back {
			if _, has := m.jumps.last(); has {
				return tea.Batch(cmd, m.jumpBack())
			}
		}
		m.info = "closed (q at the top quits; Q quits from anywhere)"
		return cmd
	}
	if p, ok := m.jumps.last(); ok && p.Closes && m.tabs[m.active].id == nav.ViewFiles {
		return m.jumpBack() // the file a diff line opened: back to the diff
	}
	return m.quit()
}

// quit quits, or asks when something is unsaved (the controller knows).
func (m *Model) quit() tea.Cmd {
	var cmd tea.Cmd
	m.rv, cmd = m.rv.Quit()
	m.takeNotes()
	return cmd
}

// jumpOpen opens a finder or search hit: a jump, never "opened from a
// diff" even when the finder was opened over one. col is the byte column
// (1-based) of a symbol's name, where the column cursor lands (0: the
// line's first non-blank).
func (m *Model) jumpOpen(path string, line, col int) tea.Cmd {
	m.overlay.kind = overlayNone
	m.jumped()
	m.switchTo(nav.ViewFiles)
	return m.updateTab(nav.ViewFiles, nav.OpenFileMsg{Path: path, Line: line, Col: col})
}

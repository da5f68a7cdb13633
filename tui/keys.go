package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// handleKey routes a key: overlay or prompt first, then global keys, then
// the active view.
func (m Model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		// Keys typed faster than the terminal is read arrive as one
		// message (":85"); each one is a key of its own here.
		return m.handleRunes(msg.Runes)
	}
	g := m.deps.Keys
	if key.Matches(msg, g.ForceQuit) {
		return m, tea.Quit
	}
	m.err, m.info = "", ""
	if m.rv.modal != modalNone {
		return m.handleModalKey(msg)
	}
	if m.prompt.active() {
		return m.handlePromptKey(msg)
	}
	if m.overlay.kind != overlayNone {
		return m.handleOverlayKey(msg)
	}
	if m.tabs[m.active].view.capturesKeys() {
		return m, m.updateActive(msg)
	}
	switch {
	case key.Matches(msg, g.Quit):
		return m, tea.Quit
	case key.Matches(msg, g.Help):
		m.overlay.kind, m.overlay.helpTop = overlayHelp, 0
		return m, nil
	case key.Matches(msg, g.Finder):
		return m, m.openFinder()
	case key.Matches(msg, g.Grep):
		return m, m.openGrep()
	}
	if m.returnTo != 0 && m.tabs[m.active].id == nav.ViewFiles && (msg.String() == "esc" || msg.String() == "backspace") {
		m.switchTo(m.returnTo) // back to the diff the file was opened from
		m.returnTo = 0
		return m, nil
	}
	for i, b := range g.Views {
		if slices.Contains(b.Keys(), msg.String()) {
			m.returnTo = 0
			if m.tabIndex(nav.ViewID(i+1)) < 0 {
				m.info = "view " + b.Help().Desc + " is not available in this session"
				if nav.ViewID(i+1) == nav.ViewChanges {
					m.info = "no base to compare with: press B on a commit in 3 History, or start with --base REV"
				}
				return m, nil
			}
			m.switchTo(nav.ViewID(i + 1))
			return m, nil
		}
	}
	if cmd, ok := m.reviewKey(msg); ok {
		return m, cmd
	}
	if m.tabs[m.active].id == nav.ViewFiles {
		switch msg.String() {
		case ":":
			return m, m.prompt.open(promptGoto)
		case "/":
			return m, m.prompt.open(promptSearch)
		}
	} else if key.Matches(msg, g.Goto) {
		// Said rather than ignored: the help lists :N among the global keys.
		m.info = ":N goes to a line of the file open in 1 Files; press 1 first"
		return m, nil
	}
	return m, m.updateActive(msg)
}

// filesDo runs fn on the Files view and stores the result back.
func (m *Model) filesDo(fn func(f *filesView) tea.Cmd) tea.Cmd {
	i := m.tabIndex(nav.ViewFiles)
	if i < 0 {
		return nil
	}
	f := m.tabs[i].view.(filesView)
	cmd := fn(&f)
	m.tabs[i].view = f
	return cmd
}

// openFile shows path at line in the Files view and switches to it.
func (m Model) openFile(path string, line int) (tea.Model, tea.Cmd) {
	m.overlay.kind = overlayNone
	if id := m.tabs[m.active].id; id != nav.ViewFiles {
		m.returnTo = id
	}
	m.switchTo(nav.ViewFiles)
	return m, m.filesDo(func(f *filesView) tea.Cmd { return f.open(path, line) })
}

// handleRunes handles several typed runes one after the other.
func (m Model) handleRunes(runes []rune) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var tm tea.Model = m
	for _, r := range runes {
		var cmd tea.Cmd
		tm, cmd = tm.(Model).handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return tm, tea.Batch(cmds...)
}

package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// handleKey routes a key: review dialog, prompt or overlay first, then
// global keys, then the review controller, then the active view.
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		// Keys typed faster than the terminal is read arrive as one
		// message (":85"); each one is a key of its own here.
		return m.handleRunes(msg.Runes)
	}
	m.err, m.info = "", ""
	if key.Matches(msg, m.deps.Keys.ForceQuit) {
		// Never a silent loss: unsaved work (a change not on disk, a
		// form's input) is asked about first.
		return m.quit()
	}
	switch {
	case m.rv.Modal():
		var cmd tea.Cmd
		m.rv, cmd = m.rv.ModalKey(msg)
		m.takeNotes()
		return cmd
	case m.prompt.active():
		return m.handlePromptKey(msg)
	case m.overlay.kind != overlayNone:
		return m.handleOverlayKey(msg)
	case m.tabs[m.active].view.capturesKeys():
		return m.updateActive(msg)
	}
	if cmd, ok := m.globalKey(msg); ok {
		return cmd
	}
	if cmd, ok := m.reviewKey(msg); ok {
		return cmd
	}
	return m.filesPromptKey(msg)
}

// globalKey handles quit, help, the finder, search, the jump list and
// the tab keys; ok is false for any other key. esc is never one: it
// closes or clears in the overlay or view that has it.
func (m *Model) globalKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	g := m.deps.Keys
	switch {
	case key.Matches(msg, g.Quit):
		return m.quitKey(), true
	case key.Matches(msg, g.QuitAll):
		return m.quit(), true
	case key.Matches(msg, g.JumpBack):
		return m.jumpBack(), true
	case key.Matches(msg, g.JumpForward):
		return m.jumpForward(), true
	case key.Matches(msg, g.Help):
		m.overlay.kind, m.overlay.helpTop = overlayHelp, 0
		return nil, true
	case key.Matches(msg, g.Finder):
		return m.openFinder(), true
	case key.Matches(msg, g.Symbols):
		return m.openSymbols(), true
	case key.Matches(msg, g.Grep):
		return m.openGrep(), true
	case key.Matches(msg, m.overlay.grep.KeyMap().NextHit):
		return m.overlay.grep.NextHit(), true
	}
	for i, b := range g.Views {
		if !slices.Contains(b.Keys(), msg.String()) {
			continue
		}
		if m.tabIndex(nav.ViewID(i+1)) < 0 {
			m.info = "view " + b.Help().Desc + " is not available in this session"
			if nav.ViewID(i+1) == nav.ViewChanges {
				m.info = "no base to compare with: press B on a commit in 3 History, or start with --base REV"
			}
			return nil, true
		}
		m.switchTo(nav.ViewID(i + 1))
		return nil, true
	}
	return nil, false
}

// filesPromptKey opens the : and / prompts in the Files view, and gives
// every other key to the active view.
func (m *Model) filesPromptKey(msg tea.KeyMsg) tea.Cmd {
	if m.tabs[m.active].id == nav.ViewFiles {
		switch msg.String() {
		case ":":
			return m.prompt.open(promptGoto)
		case "/":
			return m.prompt.open(promptSearch)
		}
	} else if key.Matches(msg, m.deps.Keys.Goto) && m.tabs[m.active].id == nav.ViewFindings {
		// Said rather than ignored: the help lists :N among the global keys.
		m.info = ":N goes to a line of the file open in 1 Files; press 1 first"
		return nil
	}
	return m.updateActive(msg)
}

// openFile shows a file at a line in the Files view (nav.OpenFileMsg, or
// nav.OpenBaseMsg: a file at a diff's base) and switches to it:
// a jump. Opened from a diff (Changes, History), q goes back there.
func (m *Model) openFile(msg tea.Msg) tea.Cmd {
	m.overlay.kind = overlayNone
	from := m.here()
	from.Closes = from.View == nav.ViewChanges || from.View == nav.ViewHistory
	m.jumps.push(from)
	m.switchTo(nav.ViewFiles)
	return m.updateTab(nav.ViewFiles, msg)
}

// handleRunes handles several typed runes one after the other.
func (m *Model) handleRunes(runes []rune) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(runes))
	for _, r := range runes {
		cmds = append(cmds, m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
	}
	return tea.Batch(cmds...)
}

package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo/textsafe"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
)

// Screen layout, top to bottom: the tab line, the active view, the status
// line and the message line.
const (
	tabRows    = 1
	statusRows = 2
)

// bodyHeight is the height left for the active view.
func (m Model) bodyHeight() int { return max(m.height-tabRows-statusRows, 1) }

// overlaySize is the inner size of a finder or search box.
func (m Model) overlaySize() (int, int) {
	w := min(max(m.width*4/5, 20), 120)
	h := max(m.bodyHeight()*4/5, 5)
	return w - 4, h - 2 // border and padding
}

// layout gives every view and overlay its size. It runs when the window
// size or the active tab changes, never on every message.
func (m *Model) layout() {
	for i := range m.tabs {
		m.tabs[i].view = m.tabs[i].view.setSize(m.width, m.bodyHeight())
	}
	w, h := m.overlaySize()
	m.overlay.finder.SetSize(w, h)
	m.overlay.grep.SetSize(w, h)
	m.overlay.pick.SetSize(w, h)
	m.rv.SetSize(m.width, m.bodyHeight())
}

// View draws the whole screen.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	body := m.tabs[m.active].view.render()
	if m.overlay.kind != overlayNone {
		w, h := m.overlaySize()
		w, h = w+4, h+2
		if m.overlay.kind == overlayHelp {
			w, h = m.helpSize() // help gets the whole body
		}
		box := m.overlayView(w, h)
		body = lipgloss.Place(m.width, m.bodyHeight(), lipgloss.Center, lipgloss.Center, box)
	}
	if box := m.rv.View(); box != "" {
		body = lipgloss.Place(m.width, m.bodyHeight(), lipgloss.Center, lipgloss.Center, box)
	}
	return strings.Join([]string{
		tabLine(m.tabs, m.active, m.width, m.deps.Styles),
		body,
		statusbar.View(m.status(), m.message(), m.width, m.deps.Styles),
	}, "\n")
}

// status fills the status line from the pin and the active view.
func (m Model) status() statusbar.Status {
	st := statusbar.Status{
		Repo:    m.deps.Repo.Name(),
		Commit:  m.deps.Pin.Commit.Short(),
		Ref:     m.deps.Pin.Ref,
		Help:    m.deps.Keys.Help.Help().Key + " help",
		Damaged: m.unreadable,
	}
	v := m.tabs[m.active].view
	st = v.status(st)
	changed, total := m.changedCount()
	// The team's coverage of the file m would mark ("reviewed by 2 of
	// 3"), next to the coverage, before the view's own note.
	if p, err := v.MarkTarget(); err == nil {
		if by := m.rv.Review().Team.ReviewedBy(p); by != "" {
			st.Extra = strings.TrimSuffix(by+" · "+st.Extra, " · ")
		}
	}
	st.Extra = m.rv.Status(st.Extra, changed, total)
	return st
}

// message picks what the message line shows.
func (m Model) message() statusbar.Message {
	msg := statusbar.Message{Err: m.err, Info: m.info}
	if msg.Err == "" && msg.Info == "" {
		msg.Info = m.markInfo() // the finding under the cursor, in full
	}
	if msg.Err == "" && msg.Info == "" {
		// The blamed line's commit, in full: on a narrow status line the
		// path and counts before it leave it little room.
		msg.Info = textsafe.Sanitize(m.tabs[m.active].view.status(statusbar.Status{}).Lead)
	}
	if m.prompt.active() {
		msg.Prompt = m.prompt.view()
	}
	return msg
}

// handleMouse routes mouse events (only sent with --mouse) to the active
// view, in its own coordinates.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.overlay.kind != overlayNone || m.prompt.active() {
		return nil
	}
	msg.Y -= tabRows
	if msg.Y < 0 || msg.Y >= m.bodyHeight() {
		return nil
	}
	return m.updateActive(msg)
}

// changedCount is the Changes tab's count of reviewed changed files.
func (m Model) changedCount() (reviewed, total int) {
	if i := m.tabIndex(nav.ViewChanges); i >= 0 {
		return m.tabs[i].view.reviewedCount()
	}
	return 0, 0
}

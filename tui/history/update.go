package history

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/compare"
)

// Update takes walk batches, commit reads, the diff page's messages and
// keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadMsg:
		if msg.pin != m.pin {
			return m, nil
		}
		return m, m.Load()
	case BatchMsg:
		if msg.Seq != m.seq {
			return m, nil
		}
		m.commits = append(m.commits, msg.Commits...)
		if m.toEnd {
			m.cursor = len(m.commits) - 1
			m.scroll()
		}
		switch {
		case msg.Done:
			m.cancel, m.done, m.err, m.toEnd = nil, true, msg.Err, false
			return m, nil
		case msg.paused:
			m.paused = msg.feed // no Cmd waits while the walk is paused
			return m, m.askMore()
		}
		return m, msg.feed.next()
	case DecorationsMsg:
		m.refs = msg.Refs
		if msg.Err != nil {
			m.note = "branch and tag names not shown: " + errorText(msg.Err)
		}
		return m, nil
	case BaseMsg:
		return m, m.SetBase(msg.Commit, msg.Label)
	case CommitMsg:
		if msg.Seq != m.commitSeq {
			return m, nil
		}
		if msg.Err != nil {
			m.note = "cannot read commit: " + errorText(msg.Err)
			return m, nil
		}
		cmd := m.openDiff(msg.Commit, msg.Path, msg.Line)
		m.diffBack = true
		return m, cmd
	case compare.BackMsg:
		if msg.ID != m.diff.ID() {
			return m, nil // the Changes tab's page
		}
		m.showDiff = false
		if m.diffBack {
			m.diffBack = false
			return m, back
		}
		return m, nil
	case tea.KeyMsg:
		if m.showDiff && m.diffBack && key.Matches(msg, m.keys.CloseDiff) && !m.diff.Busy() && !m.diff.Diff().Selecting() {
			// Opened from a blamed line: one esc goes back to it, not
			// first to the commit's file list (issue 12.9).
			m.showDiff, m.diffBack = false, false
			return m, back
		}
		if m.showDiff {
			var cmd tea.Cmd
			m.diff, cmd = m.diff.Update(msg)
			return m, cmd
		}
		return m.handleKey(msg)
	}
	if m.showDiff {
		var cmd tea.Cmd
		m.diff, cmd = m.diff.Update(msg)
		return m, cmd
	}
	return m, nil
}

// back sends BackMsg.
func back() tea.Msg { return BackMsg{} }

// handleKey moves the cursor with the shared movement keys, or acts.
func (m Model) handleKey(k tea.KeyMsg) (Model, tea.Cmd) {
	m.note = ""
	if m2, cmd, done := m.findKey(k); done {
		return m2, cmd
	}
	next, moved := m.mover.Move(m.keys.Nav, k, m.cursor, len(m.commits), m.listHeight())
	if !moved {
		return m.act(k)
	}
	// G goes to the real end: the walk lists its remaining pages and the
	// cursor follows them; any other move stops following.
	m.toEnd = key.Matches(k, m.keys.Bottom) && m.cancel != nil

	if next != m.cursor {
		m.msgTop, m.parents = 0, false // another commit's message starts at its top
	}
	m.cursor = next
	m.scroll()
	return m, m.askMore()
}

// act handles the keys that are not movement.
func (m Model) act(k tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.DetailDown):
		m.msgTop = min(m.msgTop+1, m.detailMax())
		return m, nil
	case key.Matches(k, m.keys.DetailUp):
		m.msgTop = max(0, m.msgTop-1)
		return m, nil
	case key.Matches(k, m.keys.Parents):
		if _, ok := m.Selected(); ok {
			m.parents, m.msgTop = !m.parents, 0
		}
		return m, nil
	case key.Matches(k, m.keys.Open):
		if c, ok := m.Selected(); ok {
			m.diffBack = false
			return m, m.openDiff(c, m.path, 0) // a file's history: that file's change
		}
	case key.Matches(k, m.keys.Range):
		return m.toggleRange()
	case key.Matches(k, m.keys.SetBase):
		if c, ok := m.Selected(); ok {
			msg := SetBaseMsg{Commit: c.Hash, Label: c.Hash.Short()}
			m.note = "base of Changes set to " + c.Hash.Short() + " (press 2)"
			return m, func() tea.Msg { return msg }
		}
	case key.Matches(k, m.keys.Back):
		switch {
		case m.cancel != nil:
			m.stop()
		case m.path != "":
			return m, tea.Batch(m.walk(""), back)
		}
	}
	m.scroll()
	return m, m.askMore()
}

// detailMax is the detail pane's last useful first line: its bottom line
// then shows the message's end.
func (m Model) detailMax() int {
	c, ok := m.Selected()
	if !ok {
		return 0
	}
	if m.parents {
		return max(0, len(c.Parents)+1-m.detailHeight())
	}
	return max(0, len(m.detail(c))-m.detailHeight())
}

// detailHeight is the rows of the detail pane: what the title, the list
// and its rule leave above the status line.
func (m Model) detailHeight() int { return max(0, m.height-m.listHeight()-3) }

// askMore lets a paused walk list its next page once the cursor is within
// half a page of the end, and waits for that page.
func (m *Model) askMore() tea.Cmd {
	if m.paused == nil || !m.toEnd && m.cursor < len(m.commits)-m.pageSize/2 {
		return nil
	}
	f := m.paused
	m.paused = nil
	f.askMore()
	return f.next()
}

// listHeight is the rows of the commit list: the top part of the view,
// under its title line, above the detail pane.
func (m Model) listHeight() int {
	return max(1, (m.height-1)*3/5-1)
}

func (m *Model) scroll() {
	m.cursor = max(0, min(m.cursor, len(m.commits)-1))
	h := m.listHeight()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(0, min(m.top, len(m.commits)-h))
}

package blame

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/nav"
)

// Reblame is tig's ",": the lines of the commit that made line n of path
// are blamed again from that commit's parent, as git blame --ignore-rev
// does, so the reviewer sees who wrote them before. The text stays the
// pinned file's (unlike tig, which shows the parent's file), so marks,
// findings and coverage keep meaning the pin. It returns the Cmd to run,
// or nil and what to tell the reviewer when it cannot go further.
func (m *Model) Reblame(path string, n int) (tea.Cmd, string) {
	l, ok := m.LineAt(path, n)
	switch {
	case m.Busy(): // first: the gutter may be filling in
		return nil, "blame is still running: wait for it, or esc to stop it"
	case !m.Shown(path):
		return nil, ", re-blames a blamed line: press b to blame the file first"
	case !ok:
		return nil, "no blamed line under the cursor"
	}
	c := m.result.Commits[l.Commit]
	if len(c.Parents) == 0 {
		return nil, fmt.Sprintf("%s is a root commit: it has no parent to blame from", l.Commit.Short())
	}
	ignore := append(append([]repo.Hash(nil), m.result.Ignore...), l.Commit)
	m.back = append(m.back, m.result)
	return m.start(path, ignore, fmt.Sprintf("re-blaming %s from the parent of %s…", textsafe.Sanitize(path), l.Commit.Short())), ""
}

// reblamed takes a finished re-blame. When it failed, or moved no line
// of the commit passed over (that commit added them all), the blame
// shown before stays and the reviewer is told why.
func (m Model) reblamed(msg LoadedMsg) (Model, tea.Cmd) {
	prev := m.back[len(m.back)-1]
	passed := msg.Ignore[len(msg.Ignore)-1]
	moved := msg.Err == nil && len(msg.Lines) == len(prev.Lines)
	if moved {
		moved = false
		for i, l := range msg.Lines {
			if prev.Lines[i].Commit == passed && l.Commit != passed {
				moved = true
				break
			}
		}
	}
	if moved {
		m.result = msg
		return m, nil
	}
	m.back = m.back[:len(m.back)-1]
	text := fmt.Sprintf("%s added its lines (its parent has nothing in their place): nothing older to blame", passed.Short())
	if msg.Err != nil {
		text = "re-blame failed: " + msg.Err.Error()
	}
	return m, func() tea.Msg { return nav.InfoMsg{Text: text} }
}

// Back undoes the last re-blame (or stops the running one); false when
// there is none.
func (m *Model) Back() bool {
	if len(m.back) == 0 {
		return false
	}
	if m.Busy() {
		m.Cancel() // drops the pushed blame, shows the one it would replace
		return true
	}
	m.result = m.back[len(m.back)-1]
	m.back = m.back[:len(m.back)-1]
	return true
}

// Depth is how many , the shown blame has taken back (0: the plain blame).
func (m Model) Depth() int { return len(m.result.Ignore) }

// Info describes the commit that made line n of path, for the status
// line: short hash, author, date and subject, sanitized ("" when path's
// blame is not shown).
func (m Model) Info(path string, n int) string {
	l, ok := m.LineAt(path, n)
	if !ok {
		return ""
	}
	c := m.shown(path).Commits[l.Commit]
	s := fmt.Sprintf("%s %s %s %s", l.Commit.String()[:8], textsafe.Sanitize(c.Author.Name),
		c.Author.When.Format("2006-01-02"), textsafe.Sanitize(c.Subject()))
	if d := m.Depth(); d > 0 {
		s = fmt.Sprintf("(,×%d) %s", d, s) // first: a long subject is cut
	}
	return s
}

package code

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/keys"
)

// hscroll is how far h/l scroll sideways.
const hscroll = 8

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := msg.String()
	if m.doc == nil {
		return m, nil
	}
	m.hunt.note = "" // said once, after the key that found nothing
	if m.hex {
		if m2, cmd, ok := m.hexKey(msg); ok {
			return m2, cmd
		}
	}
	if cmd, ok := m.symbolKey(k); ok {
		m.pendingG = false
		return m, cmd
	}
	if mo, pg, ok := m.keys.Move(k, m.textHeight(), m.pendingG); ok {
		m.pendingG = pg
		if pg {
			return m, nil
		}
		if n, ok := m.pastWindow(mo); ok {
			return m, m.requestWindow(n)
		}
		m.moveCursor(mo.Apply(m.cursor, len(m.doc.Lines)))
		if mo.ToTop || mo.ToEnd || abs(mo.Lines) > 1 {
			m.firstNonBlank() // vim's startofline; j and k keep the column
		} else {
			m.showCursor()
		}
		return m, m.lexVisible()
	}
	m.pendingG = false
	if n, ok := m.keys.Scroll.Lines(k); ok {
		m.scrollLines(n)
		return m, m.lexVisible()
	}
	switch {
	case key.Matches(msg, m.keys.Word):
		return m, m.searchWord()
	case key.Matches(msg, m.keys.Left):
		m.xoff = max(0, m.xoff-hscroll)
		m.keepCursorOnScreen()
	case key.Matches(msg, m.keys.Right):
		if !m.wrap {
			m.xoff = min(m.xoff+hscroll, m.maxXOff())
			m.keepCursorOnScreen()
		}
	case key.Matches(msg, m.keys.LineStart):
		m.xoff, m.want = 0, 0
	case key.Matches(msg, m.keys.ScrollToEnd):
		m.want = toLineEnd
		if !m.wrap {
			m.xoff = max(0, m.lineWidth(m.cursor)-m.textWidth()/2)
		}
	case key.Matches(msg, m.keys.WordNext):
		m.wordMotion(1)
	case key.Matches(msg, m.keys.WordPrev):
		m.wordMotion(-1)
	case key.Matches(msg, m.keys.WordEnd):
		m.wordMotion(0)
	case key.Matches(msg, m.keys.Wrap):
		m.wrap = !m.wrap
		m.xoff = 0
		m.clamp()
	case key.Matches(msg, m.keys.Next):
		if cmd := m.stepMatch(1); cmd != nil {
			return m, cmd
		}
	case key.Matches(msg, m.keys.Prev):
		if cmd := m.stepMatch(-1); cmd != nil {
			return m, cmd
		}
	case key.Matches(msg, m.keys.Select):
		m.toggleSelection()
	case key.Matches(msg, m.keys.Drop):
		if m.sel.active {
			m.sel = selection{}
		} else {
			m.ClearSearch()
		}
	case key.Matches(msg, m.keys.TextOrHex):
		if m.doc.Blob.Binary {
			m.hex = !m.hex
		}
	case key.Matches(msg, m.keys.NextHostile):
		if cmd := m.nextHostile(); cmd != nil {
			return m, cmd
		}
	case key.Matches(msg, m.keys.EscapeNonASCII):
		m.escape = !m.escape
		m.clamp() // wrapped lines may take more rows now
	default:
		return m, nil
	}
	return m, m.lexVisible()
}

func abs(n int) int { return max(n, -n) }

// moveCursor moves to line c and scrolls just enough to keep it visible.
func (m *Model) moveCursor(c int) {
	m.cursor = c
	m.clamp()
}

// scrollLines is ctrl+e / ctrl+y: the text moves n lines, the cursor
// stays unless it would leave the screen.
func (m *Model) scrollLines(n int) {
	h := m.textHeight()
	m.top, m.cursor = keys.ScrollLines(m.top, m.cursor, n, len(m.doc.Lines), h)
	for m.wrap && m.cursor > m.top && m.rowsBetween(m.top, m.cursor) > h {
		m.cursor-- // wrapped rows: keep the cursor's line on screen
	}
	m.clamp()
}

// Scroll moves the cursor by n lines, for the mouse wheel.
func (m *Model) Scroll(n int) tea.Cmd {
	if m.doc == nil {
		return nil
	}
	if m.hex {
		m.hx.row += int64(n)
		m.hexClamp()
		return m.hexEnsure()
	}
	if to := m.Line() + n; m.outside(to) {
		return m.requestWindow(to)
	}
	m.moveCursor(m.cursor + n)
	return m.lexVisible()
}

// nextHostile moves to the next line below the cursor with a hostile
// character, wrapping around to the top. In a file shown a window at a
// time it looks past the window instead, and never wraps.
func (m *Model) nextHostile() tea.Cmd {
	if m.doc == nil {
		return nil
	}
	if d := m.doc; d.Paged {
		for j := m.cursor + 1; j < len(d.Lines); j++ {
			if d.Hostile[j] > 0 {
				m.cursor = j
				m.clamp()
				return nil
			}
		}
		if !d.AtEnd && m.hunt.status == "" {
			return m.startHunt(huntHostile, 1)
		}
		if d.AtEnd {
			m.hunt.note = "no hostile characters below: this is the end of the file"
		}
		return nil
	}
	if len(m.doc.Hostile) == 0 {
		return nil
	}
	n := len(m.doc.Lines)
	for i := 1; i <= n; i++ {
		if j := (m.cursor + i) % n; m.doc.Hostile[j] > 0 {
			m.cursor = j
			m.clamp()
			return nil
		}
	}
	return nil
}

// clamp keeps the cursor in the file and on screen.
func (m *Model) clamp() {
	n := 0
	if m.doc != nil {
		n = len(m.doc.Lines)
	}
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	h := max(m.textHeight(), 1)
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.wrap {
		// Scroll until the rows from top through the cursor line fit.
		for m.top < m.cursor && m.rowsBetween(m.top, m.cursor) > h {
			m.top++
		}
	} else if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = min(max(m.top, 0), max(n-1, 0))
}

// rowsBetween counts the screen rows lines from..to (inclusive) take when
// wrapped.
func (m Model) rowsBetween(from, to int) int {
	rows := 0
	for i := from; i <= to; i++ {
		rows += m.wrapRows(i)
	}
	return rows
}

package diff

import (
	"fmt"
	"strings"

	"sightline/tui/keys"
)

// rowText is the raw text of a row's lines, for search (matching reads
// the untrusted bytes; only the drawing is sanitized).
func (m Model) rowText(r row) string {
	if r.kind != rowLine {
		return ""
	}
	h := m.file.Hunks[r.hunk]
	s := ""
	if r.l >= 0 {
		s = string(h.Lines[r.l].Text)
	}
	if r.r >= 0 && r.r != r.l {
		s += "\n" + string(h.Lines[r.r].Text)
	}
	return s
}

// Find moves the cursor to the next row (dir 1) or previous row (dir -1)
// whose text holds f's search, wrapping round; it returns what to tell
// the reviewer.
func (m *Model) Find(f keys.Find, dir int) string {
	query := f.Query
	if !m.loaded || len(m.rows) == 0 {
		return "no lines in this diff to search"
	}
	i, wrapped, ok := keys.Scan(len(m.rows), m.cursor, dir, func(i int) bool {
		return f.Match(m.rowText(m.rows[i]))
	})
	if !ok {
		return fmt.Sprintf("no match for %q in this diff", query)
	}
	m.cursor = i
	m.top = max(0, i-m.bodyHeight()/2)
	m.clamp()
	if wrapped && dir > 0 {
		return "search wrapped to the top"
	}
	if wrapped {
		return "search wrapped to the bottom"
	}
	return ""
}

// WordAtCursor is the word * searches: on the cursor row, the first at or
// right of the view's left edge (of the old side in a side-by-side row
// that has one); "" when there is none.
func (m Model) WordAtCursor() string {
	if !m.loaded || m.cursor >= len(m.rows) {
		return ""
	}
	text, _, _ := strings.Cut(m.rowText(m.rows[m.cursor]), "\n")
	return keys.WordAt(strings.ReplaceAll(text, "\t", strings.Repeat(" ", tabWidth)), m.xoff)
}

// ScrollLines is ctrl+e / ctrl+y: the rows move n under a still cursor.
func (m *Model) scrollLines(n int) {
	m.top, m.cursor = keys.ScrollLines(m.top, m.cursor, n, len(m.rows), m.bodyHeight())
}

// GotoLine moves the cursor to the row showing new-side line n (or the
// first row after it); false when the diff has no lines.
func (m *Model) GotoLine(n int) bool {
	if !m.loaded || len(m.rows) == 0 {
		return false
	}
	m.cursor = m.rowShowing(n)
	m.top = max(0, m.cursor-m.bodyHeight()/2)
	m.clamp()
	return true
}

// HasLines reports whether the pane shows any diff line (search and :
// need some).
func (m Model) HasLines() bool { return m.loaded && len(m.rows) > 0 }

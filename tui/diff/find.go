package diff

import (
	"fmt"

	"sightline/tui/keys"
	"sightline/tui/nav"
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
		return WrappedToTop
	}
	if wrapped {
		return WrappedToBottom
	}
	return ""
}

// What Find says when the match it went to is past an end of the diff.
const (
	WrappedToTop    = "search wrapped to the top"
	WrappedToBottom = "search wrapped to the bottom"
)

// SearchWords is what * offers on the cursor row: the words gd lists
// (RowWords: numbers left out, so that "x = 1" is one word, not a
// list), the first that is not a keyword suggested, and the row's
// new-side line. A diff has no column cursor, so the word at the view's
// left edge would be a guess; the reviewer picks among several instead.
// No Words when the row is not a line.
func (m Model) SearchWords() nav.WordSearchMsg {
	words := m.RowWords()
	if len(words) == 0 {
		return nav.WordSearchMsg{}
	}
	return nav.WordSearchMsg{Words: words, Suggest: firstName(words), Line: max(1, m.newLineOf(m.rows[m.cursor]))}
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

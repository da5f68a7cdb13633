package code

import (
	"sort"

	"github.com/charmbracelet/lipgloss"
)

// Gutter is an extra column of per-line text left of the line numbers,
// such as blame (short hash, author, date). It belongs to one file: the
// view drops it when another file opens.
type Gutter struct {
	Path  string   // the file it annotates
	Width int      // columns to reserve; text is cut to fit
	Lines []string // text per 0-based line; missing lines are blank. Must be display-safe (sanitized)
	// Search is more text per line that / matches too (blame: each line's
	// commit, author, date and subject, as the status line shows them),
	// so a search finds the lines of a commit or an author.
	Search []string
}

// SetGutter shows g next to the line numbers while g.Path is open. The
// zero Gutter removes the column.
func (m *Model) SetGutter(g Gutter) { m.gutter = g }

// GutterShown reports whether an extra gutter column is shown.
func (m Model) GutterShown() bool {
	return m.gutter.Width > 0 && m.doc != nil && m.gutter.Path == m.doc.Path
}

// Mark colours lines Start..End (1-based, inclusive) in the gutter, for
// example the lines of a finding in the colour of its severity.
type Mark struct {
	Start, End int
	Style      lipgloss.Style
	Title      string // shown by the root when the cursor is on a marked line
}

// SetMarks replaces the marks of the file at path. Marks for another file
// than the open one are kept until it opens.
func (m *Model) SetMarks(path string, marks []Mark) {
	ms := append([]Mark(nil), marks...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	m.marks = ms
	m.marksPath = path
}

// MarksAt returns the marks covering the 1-based line n of the open file.
func (m Model) MarksAt(n int) []Mark {
	if m.doc == nil || m.marksPath != m.doc.Path {
		return nil
	}
	var out []Mark
	for _, mk := range m.marks {
		if mk.Start <= n && n <= mk.End {
			out = append(out, mk)
		}
	}
	return out
}

// selection is the V line selection: from anchor to the cursor.
type selection struct {
	active bool
	anchor int // 0-based
}

func (m *Model) toggleSelection() {
	if m.sel.active {
		m.sel = selection{}
		return
	}
	m.sel = selection{active: true, anchor: m.cursor}
}

// Selection returns the selected lines (1-based, inclusive, from <= to).
// ok is false when no selection is active.
func (m Model) Selection() (from, to int, ok bool) {
	if !m.sel.active || m.doc == nil {
		return 0, 0, false
	}
	a, b := m.sel.anchor, m.cursor
	if a > b {
		a, b = b, a
	}
	return m.doc.Base + a + 1, m.doc.Base + b + 1, true
}

// ClearSelection drops the selection.
func (m *Model) ClearSelection() { m.sel = selection{} }

// selected reports whether 0-based line i is in the selection.
func (m Model) selected(i int) bool {
	from, to, ok := m.Selection()
	i += m.doc.Base
	return ok && from-1 <= i && i <= to-1
}

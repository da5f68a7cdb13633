package diff

import "github.com/charmbracelet/lipgloss"

// Mark is a finding's mark on one line of a diff side.
type Mark struct {
	Style lipgloss.Style // the colour of the finding's severity
	Title string         // what the status line shows on the line (raw; sanitized when drawn)
}

// Marks colours the lines of one file's diff that findings cover: Pin by
// new line number at NewPath, Base by old line number at OldPath. They
// apply only while that file is shown.
type Marks struct {
	OldPath, NewPath string
	Pin, Base        map[int]Mark
}

// SetMarks replaces the finding marks.
func (m *Model) SetMarks(mk Marks) { m.marks = mk }

// MarkAt returns the mark of the cursor's row, if a finding covers one
// of its lines.
func (m Model) MarkAt() (Mark, bool) {
	if !m.loaded || m.cursor < 0 || m.cursor >= len(m.rows) {
		return Mark{}, false
	}
	return m.rowMark(m.rows[m.cursor])
}

// rowMark finds a mark for a row: the pin side's first, then the base's.
func (m Model) rowMark(r row) (Mark, bool) {
	if r.kind != rowLine {
		return Mark{}, false
	}
	ch := m.file.Change
	pinOK := ch.NewPath != "" && ch.NewPath == m.marks.NewPath
	baseOK := ch.OldPath != "" && ch.OldPath == m.marks.OldPath
	for _, j := range []int{r.l, r.r} {
		if j < 0 {
			continue
		}
		l := m.file.Hunks[r.hunk].Lines[j]
		if pinOK && l.Kind != '-' {
			if mk, ok := m.marks.Pin[l.NewLine]; ok {
				return mk, true
			}
		}
		if baseOK && l.Kind != '+' {
			if mk, ok := m.marks.Base[l.OldLine]; ok {
				return mk, true
			}
		}
	}
	return Mark{}, false
}

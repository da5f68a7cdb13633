package diff

import tea "github.com/charmbracelet/bubbletea"

// Sides a selection names, as review locations spell them.
const (
	SideBase = "base"
	SidePin  = "pin"
)

// selection is the V line selection: the rows from anchor to the cursor.
type selection struct {
	active bool
	anchor int
}

// selectKey handles V (start or drop a selection); it reports whether the
// key was used.
func (m *Model) selectKey(k tea.KeyMsg) bool {
	if k.String() != "V" || m.pending != "" {
		return false
	}
	if m.sel.active {
		m.sel = selection{}
	} else {
		m.sel = selection{active: true, anchor: m.cursor}
	}
	return true
}

// Selecting reports whether a V selection is active.
func (m Model) Selecting() bool { return m.sel.active }

// ClearSelection drops the V selection.
func (m *Model) ClearSelection() { m.sel = selection{} }

// selectedRow reports whether row i is in the selection.
func (m Model) selectedRow(i int) bool {
	if !m.sel.active {
		return false
	}
	a, b := min(m.sel.anchor, m.cursor), max(m.sel.anchor, m.cursor)
	return a <= i && i <= b
}

// Lines returns the lines the reviewer means: those of the V selection,
// else of the cursor's row. A selection with any line that exists at the
// pin (context or added) names the pin side and its new line numbers;
// one of removed lines only names the base side and their old numbers.
// The range runs from the first to the last such line. ok is false when
// the rows hold no line (a hunk separator, a file without hunks).
func (m Model) Lines() (side string, from, to int, ok bool) {
	if !m.loaded || len(m.rows) == 0 {
		return "", 0, 0, false
	}
	a, b := m.cursor, m.cursor
	if m.sel.active {
		a, b = min(m.sel.anchor, m.cursor), max(m.sel.anchor, m.cursor)
	}
	var newFrom, newTo, oldFrom, oldTo int
	for i := max(a, 0); i <= b && i < len(m.rows); i++ {
		r := m.rows[i]
		if r.kind != rowLine {
			continue
		}
		for _, j := range []int{r.l, r.r} {
			if j < 0 {
				continue
			}
			l := m.file.Hunks[r.hunk].Lines[j]
			if l.Kind != '-' {
				newFrom, newTo = extend(newFrom, newTo, l.NewLine)
			}
			if l.Kind != '+' {
				oldFrom, oldTo = extend(oldFrom, oldTo, l.OldLine)
			}
		}
	}
	switch {
	case newFrom > 0:
		return SidePin, newFrom, newTo, true
	case oldFrom > 0:
		return SideBase, oldFrom, oldTo, true
	}
	return "", 0, 0, false
}

func extend(from, to, n int) (int, int) {
	if n <= 0 {
		return from, to
	}
	if from == 0 || n < from {
		from = n
	}
	return from, max(to, n)
}

// withSelection draws in the first column of a row other than the
// cursor's (which has its own mark) the selection, else a finding's mark
// in its severity colour.
func (m Model) withSelection(i int, line string) string {
	if i == m.cursor || len(line) == 0 || line[0] != ' ' {
		return line
	}
	if m.selectedRow(i) {
		return m.styles.CursorMark.Render("┃") + line[1:]
	}
	if mk, ok := m.rowMark(m.rows[i]); ok {
		return mk.Style.Render("▌") + line[1:]
	}
	return line
}

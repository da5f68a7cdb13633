package diff

// nextHostile moves to the next row below the cursor that shows a line
// with hostile characters (flagged ! in the gutter), wrapping to the top,
// as ! does in the code view; with none it says so.
func (m *Model) nextHostile() {
	n := len(m.rows)
	for i := 1; i <= n; i++ {
		if j := (m.cursor + i) % n; m.rowHostile(m.rows[j]) {
			m.cursor = j
			m.clamp()
			return
		}
	}
	m.note = "no line with hostile characters in this diff"
}

// rowHostile reports whether either line a row shows has hostile characters.
func (m Model) rowHostile(r row) bool {
	if r.kind != rowLine {
		return false
	}
	return r.l >= 0 && m.cellFor(r.hunk, r.l).hostile > 0 || r.r >= 0 && m.cellFor(r.hunk, r.r).hostile > 0
}

package diff

// SetFileAtOldLine shows f with the cursor on the row of old-side (base)
// line n: a removed or context line, so a step recorded on the base side
// of a diff opens on the very line it names, which SetFileAtLine (new
// side) cannot reach when several lines were removed together. With no
// such row it falls back to the file's top.
func (m *Model) SetFileAtOldLine(f File, n int) {
	m.SetFile(f, AnchorTop)
	for i, r := range m.rows {
		if r.kind == rowLine && r.l >= 0 {
			if l := m.file.Hunks[r.hunk].Lines[r.l]; l.Kind != '+' && l.OldLine == n {
				m.cursor = i
				break
			}
		}
	}
	m.top = max(0, m.cursor-m.bodyHeight()/2)
	m.clamp()
}

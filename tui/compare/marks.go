package compare

import "sightline/tui/diff"

// SetMarks hands the diff pane the finding marks of the file it shows.
func (m *Model) SetMarks(mk diff.Marks) { m.diff.SetMarks(mk) }

// ClearSelection drops the diff's V selection (a finding was made of it).
func (m *Model) ClearSelection() { m.diff.ClearSelection() }

package compare

// SetReviewed hands the Changes list the paths marked reviewed, drawn
// with a ✓ (see changes.Model.SetReviewed); nil marks none.
func (m *Model) SetReviewed(set map[string]bool) { m.list.SetReviewed(set) }

package tree

// SetReviewed marks the files whose paths are in set with a ✓ after their
// name: the files the reviewer marked reviewed. The tree keeps the map
// and only reads it.
func (m *Model) SetReviewed(set map[string]bool) { m.reviewed = set }

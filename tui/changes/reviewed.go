package changes

// SetReviewed marks the changes whose path at the head is in set with a ✓
// after the path: the files the reviewer marked reviewed. nil marks none.
// The list keeps the map and only reads it.
func (m *Model) SetReviewed(set map[string]bool) { m.reviewed = set }

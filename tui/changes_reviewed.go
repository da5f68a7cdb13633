package tui

import (
	"sightline/repo"
	"sightline/tui/nav"
)

// changesReviewedKey names the reviewed set the Changes list was handed:
// the workspace snapshot and the comparison it marks.
type changesReviewedKey struct {
	snap   int64
	head   repo.Hash
	loaded bool
}

// syncChangesReviewed hands the Changes list the reviewed files, as
// syncReview hands the tree, when the snapshot or the comparison changed.
// Marks are of files at the pin, so a comparison ending elsewhere shows
// none. It does no I/O and copies the view back only on a change.
func (m *Model) syncChangesReviewed() {
	if !m.reviewActive() {
		return
	}
	i := m.tabAt(nav.ViewChanges)
	if i < 0 {
		return
	}
	v := m.tabs[i].view.(changesView)
	_, head, loaded := v.page.Comparison()
	k := changesReviewedKey{m.rv.applied, head, loaded}
	if v.reviewedKey == k {
		return
	}
	var set map[string]bool
	if loaded && head == m.deps.Pin.Commit {
		set = m.rv.reviewed
	}
	v.page.SetReviewed(set)
	v.reviewedKey = k
	m.tabs[i].view = v
}

package compare

import (
	"sightline/review"
	"sightline/tui/diff"
	"sightline/tui/nav"
)

// reviewMarks is what the comparison last drew of the review, by key
// (nav.ReviewKey), and the coverage of its changed files.
type reviewMarks struct {
	reviewedKey, marksKey, countKey string
	reviewed, total                 int
}

// SetReview hands the comparison the review to draw: the ✓ of the changed
// files marked reviewed, the finding marks of the file its diff shows,
// and the count ReviewedCount reports. Each is recomputed only when the
// snapshot or what it depends on changed; no I/O.
func (m *Model) SetReview(r nav.Review) {
	m.syncReviewed(r)
	m.syncMarks(r)
	m.countReviewed(r)
}

// ReviewedCount is how many of the files changed at the pin are marked
// reviewed, of how many (deleted files do not count: they are not there
// to read). Both are 0 until the comparison up to the pin is loaded.
func (m Model) ReviewedCount() (reviewed, total int) { return m.rv.reviewed, m.rv.total }

// syncReviewed hands the list the reviewed files. Marks are of files at
// the pin, so a comparison ending elsewhere shows none.
func (m *Model) syncReviewed(r nav.Review) {
	k := nav.ReviewKey(r.Snap, m.head, m.loaded)
	if k == m.rv.reviewedKey {
		return
	}
	m.rv.reviewedKey = k
	var set map[string]bool
	if m.loaded && m.head == r.Pin {
		set = r.Reviewed
	}
	m.SetReviewed(set)
}

// syncMarks hands the diff the finding marks of the file it shows.
func (m *Model) syncMarks(r nav.Review) {
	f, ok := m.diff.File()
	if !ok {
		return
	}
	ch := f.Change
	k := nav.ReviewKey(r.Snap, ch.OldPath, ch.NewPath, m.base, m.head)
	if k == m.rv.marksKey {
		return
	}
	m.rv.marksKey = k
	m.SetMarks(diff.Marks{OldPath: ch.OldPath, NewPath: ch.NewPath,
		Pin:  m.findingMarks(r.Findings, m.head.String(), ch.NewPath),
		Base: m.findingMarks(r.Findings, m.base.String(), ch.OldPath)})
}

// findingMarks is review.LineMarks as diff marks.
func (m Model) findingMarks(fs []review.Finding, commit, path string) map[int]diff.Mark {
	if path == "" {
		return nil
	}
	out := map[int]diff.Mark{}
	for n, f := range review.LineMarks(fs, commit, path) {
		out[n] = diff.Mark{Style: nav.SeverityStyle(f.Severity, m.styles), Title: nav.MarkTitle(f)}
	}
	return out
}

// countReviewed counts the reviewed files among the files listed as
// changed at the pin.
func (m *Model) countReviewed(r nav.Review) {
	chs := m.list.Changes()
	k := nav.ReviewKey(r.Snap, len(chs), m.loaded, m.head)
	if k == m.rv.countKey {
		return
	}
	m.rv.countKey = k
	m.rv.reviewed, m.rv.total = 0, 0
	if !m.loaded || m.head != r.Pin {
		return
	}
	for _, c := range chs {
		if c.NewPath == "" {
			continue
		}
		m.rv.total++
		if r.Reviewed[c.NewPath] {
			m.rv.reviewed++
		}
	}
}

package files

import (
	"errors"

	"sightline/repo/textsafe"
	"sightline/tui/code"
	"sightline/tui/nav"
)

// SetReview hands the tab the review to draw: the finding marks of the
// open file go to the code view's gutter, the reviewed files to the tree.
// Each is recomputed only when the snapshot or the open file changed.
func (m *Model) SetReview(r nav.Review) {
	if d := m.code.Doc(); d != nil && m.code.Path() == d.Path {
		if k := nav.ReviewKey(r.Snap, d.Path); k != m.marksKey {
			m.code.SetMarks(d.Path, code.FindingMarks(r.Findings, r.Pin.String(), d.Path, m.styles))
			m.marksKey = k
		}
	}
	if k := nav.ReviewKey(r.Snap); k != m.treeKey {
		m.tree.SetReviewed(r.Reviewed)
		m.treeKey = k
	}
}

// SelectedLines is the lines a finding made now would annotate: the V
// selection, else the cursor line, of the file open in the code view.
func (m Model) SelectedLines() (nav.Lines, error) {
	if m.baseOn {
		return nav.Lines{}, errors.New("this is the file at the base: a finding on base-side lines is made in the diff (o back, V on the removed lines)")
	}
	doc := m.code.Doc()
	if doc == nil || m.code.Path() != doc.Path || m.code.Total() == 0 {
		return nav.Lines{}, errors.New("open a file and put the cursor on a line (V selects several) first")
	}
	from, to, ok := m.code.Selection()
	if !ok {
		from, to = m.code.Line(), m.code.Line()
	}
	return nav.Lines{Path: doc.Path, Start: from, End: to, Commit: m.pin.Commit}, nil
}

// MarkTarget is the file or directory m marks reviewed: the tree's
// selected entry while the tree has focus, else the open file.
func (m Model) MarkTarget() (string, error) {
	if m.baseOn {
		return "", m.errBaseMark()
	}
	path := ""
	if m.focus == focusTree {
		if e, ok := m.tree.Selected(); ok {
			path = e.Path
		}
	} else if d := m.code.Doc(); d != nil {
		if p := m.code.Path(); p != d.Path {
			// The file asked for is still loading: the one drawn is not
			// the one named on the status line, so mark neither.
			return "", errors.New("wait for " + textsafe.Sanitize(p) + " to load before marking it reviewed")
		}
		path = d.Path
	}
	if path == "" {
		return "", errors.New("select a file or directory to mark reviewed")
	}
	return path, nil
}

// MarkInfo is the finding marked on the code view's cursor line, raw
// (the message line sanitizes), or "".
func (m Model) MarkInfo() string {
	if m.baseOn {
		return ""
	}
	if mk := m.code.MarksAt(m.code.Line()); len(mk) > 0 {
		return "finding " + mk[0].Title
	}
	return ""
}

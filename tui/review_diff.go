package tui

import (
	"errors"
	"fmt"

	"sightline/repo"
	"sightline/review"
	"sightline/tui/diff"
)

// diffDraft is the lines selected (V) or under the cursor in the Changes
// view's diff: on the pin side with their new line numbers, or, for
// removed lines only, on the base side with their old ones.
func (m *Model) diffDraft() (draft, error) {
	v := m.tabs[m.active].view.(changesView)
	d := v.page.Diff()
	f, ok := d.File()
	side, from, to, okLines := d.Lines()
	if !ok || !okLines {
		return draft{}, errors.New("put the cursor on a diff line (V selects several) first")
	}
	base, head, _ := v.page.Comparison()
	dr := draft{start: from, end: to, side: side}
	switch side {
	case diff.SideBase:
		dr.path, dr.commit = f.Change.OldPath, base
		dr.base = &repo.Pin{Commit: base, Tree: v.base.Tree, Ref: v.base.Ref}
	default:
		dr.path, dr.commit = f.Change.NewPath, head
	}
	if dr.path == "" {
		return draft{}, fmt.Errorf("the %s side of this file does not exist", side)
	}
	return dr, nil
}

// String is "path:10-12", with the side for a diff location.
func (d draft) String() string {
	s := d.path + ":" + lineRange(d.start, d.end)
	if d.side != "" {
		s += " (" + d.side + ")"
	}
	return s
}

// ensureBase records the draft's base in the workspace before a base-side
// location is added (the base may have been chosen in the History tab).
// It runs inside a Cmd.
func ensureBase(ws *review.Workspace, d draft) error {
	if d.side != review.SideBase || d.base == nil {
		return nil
	}
	if b := ws.Meta().Base; b != nil && b.Commit == d.base.Commit.String() {
		return nil
	}
	rev := review.RevOf(*d.base)
	return ws.SetBase(&rev)
}

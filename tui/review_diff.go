package tui

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/diff"
	"sightline/tui/nav"
	"sightline/tui/theme"
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

// syncDiffMarks hands the Changes view's diff the finding marks of the
// file it shows, when the file or the snapshot changed.
func (m *Model) syncDiffMarks() {
	i := m.tabAt(nav.ViewChanges)
	if i < 0 {
		return
	}
	v := m.tabs[i].view.(changesView)
	f, ok := v.page.Diff().File()
	base, head, _ := v.page.Comparison()
	if !ok {
		return
	}
	ch := f.Change
	k := fmt.Sprintf("%d\x00%s\x00%s\x00%s\x00%s", m.rv.applied, ch.OldPath, ch.NewPath, base, head)
	if k == m.rv.diffMarksKey {
		return
	}
	m.rv.diffMarksKey = k
	mk := diff.Marks{OldPath: ch.OldPath, NewPath: ch.NewPath,
		Pin:  diffMarks(m.rv.findings, head.String(), ch.NewPath, m.deps.Styles),
		Base: diffMarks(m.rv.findings, base.String(), ch.OldPath, m.deps.Styles)}
	v.page.SetMarks(mk)
	m.tabs[i].view = v
}

// diffMarks is review.LineMarks as diff marks.
func diffMarks(fs []review.Finding, commit, path string, s theme.Styles) map[int]diff.Mark {
	if path == "" {
		return nil
	}
	out := map[int]diff.Mark{}
	for n, f := range review.LineMarks(fs, commit, path) {
		out[n] = diff.Mark{Style: severityStyle(f.Severity, s), Title: markTitle(f)}
	}
	return out
}

// openBaseStep shows a base-side step where it was recorded: the Changes
// tab's diff of its file, cursor on its removed line. The Files view
// shows the pin, where that line is not. A step whose commit is not the
// session's base makes it the base (as B in History does), so the diff
// compares that commit with the pin.
func (m *Model) openBaseStep(l review.Location) tea.Cmd {
	c, err := repo.ParseHash(l.Commit)
	if err != nil {
		m.err = "the step's commit " + textsafe.Sanitize(l.Commit) + " is not a commit id: " + err.Error()
		return nil
	}
	if m.tabAt(nav.ViewChanges) < 0 || m.deps.Base.Commit != c {
		m.setBase(repo.Pin{Commit: c, Ref: "the step's base"}) // its Start is replaced below
		m.info += " (comparing its base " + c.Short() + " with the pin)"
	}
	i := m.tabAt(nav.ViewChanges)
	v := m.tabs[i].view.(changesView)
	cmd := v.page.CompareAtBase(v.base.Commit, v.pin.Commit, v.base.Ref, v.pin.Ref, l.Path, l.StartLine)
	m.tabs[i].view = v
	m.returnTo = 0
	m.switchTo(nav.ViewChanges)
	return cmd
}

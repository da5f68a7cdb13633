package tui

import (
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/compare"
	"sightline/tui/diff"
	helpview "sightline/tui/help"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
)

// changesView is the Changes tab: the comparison page of the base and
// the pin.
type changesView struct {
	page      compare.Model
	base      repo.Pin
	pin       repo.Pin
	reviewing bool // handed a review: the status tells the V selection
}

func newChangesView(d Deps) changesView {
	v := changesView{page: compare.NewWithKeys(d.Repo, d.Styles, d.KeyMaps.Changes), base: d.Base, pin: d.Pin}
	v.page.Focus()
	return v
}

func (v changesView) init() tea.Cmd {
	return v.page.Start(v.base.Commit, v.pin.Commit, v.base.Ref, v.pin.Ref)
}

func (v changesView) update(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
	if msg, ok := msg.(nav.CompareAtBaseMsg); ok {
		// A base-side step: the diff of its file, cursor on its line.
		cmd = v.page.CompareAtBase(v.base.Commit, v.pin.Commit, v.base.Ref, v.pin.Ref, msg.Path, msg.Line)
		return v, cmd
	}
	if _, ok := msg.(nav.ClearSelectionMsg); ok {
		v.page.ClearSelection()
		return v, nil
	}
	v.page, cmd = v.page.Update(msg)
	return v, cmd
}

func (v changesView) render() string { return v.page.View() }

func (v changesView) setSize(w, h int) view {
	v.page.SetSize(w, h)
	return v
}

func (v changesView) keyMap() help.KeyMap { return diffHelp(v.page.Diff().KeyMap()) }

// diffHelp groups a diff pane's keys for the help, as the Changes tab and
// History's commit diff show them; d is the pane's own KeyMap, so a
// disabled binding drops out of both.
func diffHelp(d diff.KeyMap) helpview.Group {
	return helpview.Group{
		{d.NextHunk, d.PrevHunk, d.NextFile, d.PrevFile},
		{d.SideBySide, d.MoreContext, d.LessContext, d.Open, compare.OpenBaseKey(), d.NextHostile, d.EscapeNonASCII},
		{d.Up, d.Down, d.HalfUp, d.HalfDown, d.PageUp, d.PageDown, d.Scroll.Down, d.Scroll.Up, d.Top, d.Bottom, d.Left, d.Right},
		append(findHelp(":N", "go to new-side line N (list: file N)"), keys.DefaultFindKeys().Word, compare.ZoomKey()),
	}
}

// findHelp is a pane's / n N : keys, with what : takes there.
func findHelp(goKey, goDesc string) []key.Binding {
	f := keys.DefaultFindKeys()
	f.Goto.SetHelp(goKey, goDesc)
	return []key.Binding{f.Search, f.Next, f.Prev, f.Goto}
}

func (v changesView) capturesKeys() bool { return v.page.Editing() }

func (v changesView) status(st statusbar.Status) statusbar.Status {
	d := v.page.Diff()
	if f, ok := d.File(); ok {
		st.Path = f.Change.Path()
		st.Extra = withEscaped(d.Indicator(), d.EscapeNonASCII())
		st.Hostile = d.HostileCount() // each such line has ! in the diff gutter
	}
	if v.reviewing && d.Selecting() {
		side, a, b, _ := d.Lines()
		st.Extra = joinExtra(st.Extra, fmt.Sprintf("V lines %s (%s)", nav.LineRange(a, b), side))
	}
	return st
}

// escapedNote tells on the status line that a diff draws non-ASCII
// characters as \u{…}, as the Files view tells it for the code view.
const escapedNote = `non-ASCII escaped \u{…} (u)`

// withEscaped adds escapedNote to a status extra when the mode is on.
func withEscaped(extra string, on bool) string {
	if !on {
		return extra
	}
	return joinExtra(extra, escapedNote)
}

// joinExtra appends s to a status extra.
func joinExtra(extra, s string) string {
	if extra == "" {
		return s
	}
	return extra + " · " + s
}

func (v changesView) setReview(r nav.Review) view {
	v.page.SetReview(r)
	v.reviewing = true
	return v
}

// SelectedLines is the lines selected (V) or under the cursor in the
// diff: on the pin side with their new line numbers, or, for removed
// lines only, on the base side with their old ones.
func (v changesView) SelectedLines() (nav.Lines, error) {
	d := v.page.Diff()
	f, ok := d.File()
	side, from, to, okLines := d.Lines()
	if !ok || !okLines {
		return nav.Lines{}, errors.New("put the cursor on a diff line (V selects several) first")
	}
	base, head, _ := v.page.Comparison()
	l := nav.Lines{Start: from, End: to, Side: side}
	switch side {
	case diff.SideBase:
		l.Path, l.Commit = f.Change.OldPath, base
		l.Base = &repo.Pin{Commit: base, Tree: v.base.Tree, Ref: v.base.Ref}
	default:
		l.Path, l.Commit = f.Change.NewPath, head
	}
	if l.Path == "" {
		return nav.Lines{}, fmt.Errorf("the %s side of this file does not exist", side)
	}
	return l, nil
}

// MarkTarget is the selected changed file, at the pin: the reviewer
// reads a release there, file by file.
func (v changesView) MarkTarget() (string, error) {
	l := v.page.List()
	chs, i := l.Changes(), l.Cursor()
	if i < 0 || i >= len(chs) {
		return "", errors.New("no changed file selected to mark reviewed")
	}
	if chs[i].NewPath == "" {
		return "", errors.New(textsafe.Sanitize(chs[i].OldPath) + " is deleted at the pin: there is nothing to mark reviewed")
	}
	return chs[i].NewPath, nil
}

// Annotating reports whether the diff (not the list) has the focus.
func (v changesView) Annotating() bool { return v.page.DiffFocused() }

func (v changesView) markInfo() string {
	if mk, ok := v.page.Diff().MarkAt(); ok {
		return "finding " + mk.Title
	}
	return ""
}

func (v changesView) reviewedCount() (int, int) { return v.page.ReviewedCount() }

func (v changesView) where() (string, int) { return "", 0 }

// closeInner closes the hex diff or the diff, back to the file list; at
// the list (the top of the tab) q quits.
func (v changesView) closeInner() (view, tea.Cmd, bool, bool) {
	var cmd tea.Cmd
	var ok bool
	v.page, cmd, ok = v.page.CloseInner()
	return v, cmd, false, ok
}

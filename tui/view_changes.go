package tui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/compare"
	"sightline/tui/diff"
	helpview "sightline/tui/help"
	"sightline/tui/statusbar"
)

// changesView is the Changes tab: the comparison page of the base and
// the pin.
type changesView struct {
	page compare.Model
	base repo.Pin
	pin  repo.Pin
	// reviewedKey is the reviewed set the list shows (syncChangesReviewed).
	reviewedKey changesReviewedKey
}

func newChangesView(d Deps) changesView {
	v := changesView{page: compare.New(d.Repo, d.Styles), base: d.Base, pin: d.Pin}
	v.page.Focus()
	return v
}

func (v changesView) init() tea.Cmd {
	return v.page.Start(v.base.Commit, v.pin.Commit, v.base.Ref, v.pin.Ref)
}

func (v changesView) update(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
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
		{d.SideBySide, d.MoreContext, d.LessContext, d.Open, d.NextHostile, d.EscapeNonASCII},
		{d.Up, d.Down, d.HalfUp, d.HalfDown, d.Top, d.Bottom, d.Left, d.Right},
	}
}

func (v changesView) capturesKeys() bool { return false }

func (v changesView) status(st statusbar.Status) statusbar.Status {
	if f, ok := v.page.Diff().File(); ok {
		st.Path = f.Change.Path()
		st.Extra = withEscaped(v.page.Diff().Indicator(), v.page.Diff().EscapeNonASCII())
		st.Hostile = v.page.Diff().HostileCount() // each such line has ! in the diff gutter
	}
	return st
}

// escapedNote tells on the status line that a diff draws non-ASCII
// characters as \u{…}, as the Files view tells it for the code view.
const escapedNote = `non-ASCII escaped \u{…} (u)`

// withEscaped adds escapedNote to a status extra when the mode is on.
func withEscaped(extra string, on bool) string {
	switch {
	case !on:
		return extra
	case extra == "":
		return escapedNote
	}
	return extra + " · " + escapedNote
}

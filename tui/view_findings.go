package tui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/findings"
	helpview "sightline/tui/help"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
)

// findingsView is the Findings tab: the review's findings and the steps
// of the selected one. The root keeps it supplied with the workspace's
// findings (setReview).
type findingsView struct {
	noReview
	list     findings.Model
	shownKey string // the snapshot the list shows (setReview)
}

func newFindingsView(d Deps) findingsView {
	v := findingsView{list: findings.New(d.Review.Dir(), d.Styles, d.KeyMaps.Findings), shownKey: nav.ReviewKey(-1)}
	v.list.Focus()
	if d.Repo != nil {
		v.list.SetSource(d.Repo)
	}
	return v
}

func (v findingsView) init() tea.Cmd { return nil }

// setReview hands the list the snapshot's findings when it changed.
func (v findingsView) setReview(r nav.Review) view {
	if k := nav.ReviewKey(r.Snap); k != v.shownKey {
		v.list.SetFindings(r.Findings)
		v.list.SetTeam(r.Team)
		v.shownKey = k
	}
	return v
}

func (v findingsView) update(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
	v.list, cmd = v.list.Update(msg)
	return v, cmd
}

func (v findingsView) render() string { return v.list.View() }

func (v findingsView) setSize(w, h int) view {
	v.list.SetSize(w, h)
	return v
}

func (v findingsView) keyMap() help.KeyMap {
	k := v.list.KeyMap()
	return helpview.Group(k.FullHelp())
}

// capturesKeys is true while a delete waits for y/n, so that q or 1–4
// answer the question instead of quitting or switching tabs.
func (v findingsView) capturesKeys() bool { return v.list.Confirming() }

func (v findingsView) status(st statusbar.Status) statusbar.Status {
	if f, ok := v.list.Selected(); ok {
		st.Extra = f.ID + " " + f.Title
	}
	return st
}

func (v findingsView) where() (string, int) { return "", 0 }

// closeInner closes a carried step's comparison; at the list, q quits.
func (v findingsView) closeInner() (view, tea.Cmd, bool, bool) {
	ok := v.list.CloseCompare()
	return v, nil, false, ok
}

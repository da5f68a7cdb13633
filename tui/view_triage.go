package tui

import (
	"os"
	"path/filepath"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	queue "sightline/review/triage"
	helpview "sightline/tui/help"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
	"sightline/tui/triage"
)

// hasTriageQueue reports whether scanner results were imported into the
// workspace in dir (checked once, when the tabs are built).
func hasTriageQueue(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, queue.FileName))
	return err == nil
}

// triageView is the Triage tab: the queue of imported scanner results.
// The pane reads and writes the queue itself, in Cmds; a confirmation
// adds a finding to the workspace, which the Findings tab shows when
// opened (it reloads the snapshot then).
type triageView struct {
	noReview
	pane triage.Model
}

func newTriageView(d Deps) triageView {
	return triageView{pane: triage.New(queue.NewStore(d.Review.Dir()), d.Review.WS, d.Review.Reviewer, d.Styles, d.KeyMaps.Triage)}
}

func (v triageView) init() tea.Cmd { return v.pane.Init() }

func (v triageView) setReview(nav.Review) view { return v }

func (v triageView) update(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
	v.pane, cmd = v.pane.Update(msg)
	return v, cmd
}

func (v triageView) render() string { return v.pane.View() }

func (v triageView) setSize(w, h int) view {
	v.pane.SetSize(w, h)
	return v
}

func (v triageView) keyMap() help.KeyMap { return helpview.Group(v.pane.KeyMap().FullHelp()) }

// capturesKeys is true while the filter is typed or a dismissal waits
// for its reason, so q, esc and digits answer it.
func (v triageView) capturesKeys() bool { return v.pane.Capturing() }

func (v triageView) status(st statusbar.Status) statusbar.Status {
	if c, ok := v.pane.Selected(); ok {
		st.Extra = c.ID + " " + c.Rule
	}
	return st
}

func (v triageView) where() (string, int) { return "", 0 }

func (v triageView) closeInner() (view, tea.Cmd, bool, bool) { return v, nil, false, false }

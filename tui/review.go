package tui

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/annotate"
	"sightline/tui/nav"
)

// Review is the review workspace the workbench annotates. The zero Review
// browses only: the annotation keys then say that there is no workspace.
type Review struct {
	WS       *review.Workspace
	Reviewer string // recorded on new findings; "" lets the workspace choose
	// Repo is the repository under review, as review needs it: locations
	// are made (review.NewLocation) and exports read (bundle.Export) there.
	Repo *repo.Repo
	// Offer, when set, is an earlier review of this repository the
	// reviewer may carry into this new, empty workspace (C).
	Offer *annotate.CarryOffer
}

// Dir is the workspace directory, or "" without one.
func (r Review) Dir() string {
	if r.WS == nil {
		return ""
	}
	return r.WS.Dir()
}

// newReview builds the review controller (package annotate) for d.
func newReview(d Deps) annotate.Model {
	return annotate.New(annotate.Deps{WS: d.Review.WS, Reviewer: d.Review.Reviewer, Repo: d.Review.Repo,
		Files: d.Repo, Pin: d.Pin, Styles: d.Styles, Offer: d.Review.Offer}).WithKeys(d.KeyMaps.Review)
}

// noReview is the review part of the view interface for a view that has
// no lines to annotate and no marks to tell.
type noReview struct{}

func (noReview) SelectedLines() (nav.Lines, error) { return nav.Lines{}, errNoLines }
func (noReview) MarkTarget() (string, error)       { return "", errNoLines }
func (noReview) Annotating() bool                  { return false }
func (noReview) markInfo() string                  { return "" }
func (noReview) reviewedCount() (int, int)         { return 0, 0 }

// errNoLines is never shown: the controller asks only Files and Changes.
var errNoLines = errors.New("no lines to annotate here")

// syncReview hands every view the review snapshot to draw its marks from
// (each view recomputes only what changed). It runs after every Update
// but keys and mouse events, which never change the snapshot or the file
// shown; on arriving at the Findings tab it returns the controller's Cmd
// reading what other processes wrote meanwhile.
func (m *Model) syncReview(msg tea.Msg) tea.Cmd {
	if !m.rv.Active() {
		return nil
	}
	cmd := m.rv.ShowTab(m.tabs[m.active].id)
	switch msg.(type) {
	case tea.KeyMsg, tea.MouseMsg:
		return cmd
	}
	r := m.rv.Review()
	for i := range m.tabs {
		m.tabs[i].view = m.tabs[i].view.setReview(r)
	}
	return cmd
}

// reviewKey gives a key to the review controller; ok is false when the
// key is the active view's.
func (m *Model) reviewKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	rv, cmd, out := m.rv.Key(msg, m.tabs[m.active].id, m.tabs[m.active].view)
	m.rv = rv
	m.takeNotes()
	cmd = tea.Batch(cmd, m.openStep())
	if out.Replay == nil {
		return cmd, out.Handled
	}
	// A held-back ] or [ that did not start ]s or [s: the view gets it,
	// then this key is asked about again.
	first := m.updateActive(*out.Replay)
	if next, ok := m.reviewKey(msg); ok {
		return tea.Batch(first, next), true
	}
	return tea.Batch(first, m.updateActive(msg)), true
}

// updateReview gives the controller a message it handles.
func (m *Model) updateReview(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.rv, cmd = m.rv.Update(msg)
	m.takeNotes()
	return tea.Batch(cmd, m.openStep())
}

// openStep shows the place of the step the controller walked or jumped
// to, if any, now rather than through a Cmd: the place shown is then
// always the step the message line names, however fast ]s and [s come.
func (m *Model) openStep() tea.Cmd {
	switch open := m.rv.TakeOpen().(type) {
	case nav.OpenFileMsg:
		return m.openFile(open)
	case nav.CompareAtBaseMsg:
		return m.compareAtBase(open)
	}
	return nil
}

// takeNotes moves what the controller has to say to the message line.
func (m *Model) takeNotes() {
	err, info := m.rv.TakeNotes()
	if err != "" {
		m.err = err
	}
	if info != "" {
		if m.deps.Notice != "" && m.info == m.deps.Notice {
			// The start-up notice stays until the first key, ahead of
			// the workspace's own first message.
			info = m.info + "; " + info
		}
		m.info = info
	}
}

// compareAtBase shows a base-side step where it was recorded: the Changes
// tab's diff of its file, cursor on its removed line. A step whose commit
// is not the session's base makes it the base (as B in History does).
func (m *Model) compareAtBase(msg nav.CompareAtBaseMsg) tea.Cmd {
	m.jumped()
	var rebase tea.Cmd
	if m.tabIndex(nav.ViewChanges) < 0 || m.deps.Base.Commit != msg.Commit {
		// Kept: History lists base..pin anew, and its walk starts only
		// when this Cmd runs (else it says "walking history…" forever).
		rebase = m.setBase(repo.Pin{Commit: msg.Commit, Ref: "the step's base"}) // its Start is replaced below
		m.info += " (comparing its base " + msg.Commit.Short() + " with the pin)"
	}
	cmd := m.updateTab(nav.ViewChanges, msg)
	m.switchTo(nav.ViewChanges)
	return tea.Batch(rebase, cmd)
}

// markInfo is the finding marked on the active view's cursor line, for
// the message line when it has nothing else to say: the status line may
// be too full to show a long title. It is raw; the message line
// sanitizes.
func (m Model) markInfo() string {
	if !m.rv.Active() {
		return ""
	}
	return m.tabs[m.active].view.markInfo()
}

// sanitizedDir is the workspace directory for display.
func (m Model) sanitizedDir() string { return textsafe.Sanitize(m.deps.Review.Dir()) }

// Package annotate is the review controller: the workbench's model of the
// review workspace. It keeps a snapshot of the findings and of the files
// marked reviewed, the current finding and step, and the review dialogs
// (the finding and step forms, the export dialog); it turns the
// annotation keys (a, A, m, ]s, [s, E) into workspace changes run in
// Cmds. It talks to panes only through package nav: the active pane
// reports the selected lines (Pane), and the root hands every pane the
// snapshot (Review) to draw its own marks from.
package annotate

import (
	"context"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/review"
	"sightline/tui/export"
	"sightline/tui/findings"
	"sightline/tui/form"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// Source is what marking a file or directory reviewed reads.
// *repo.Repo satisfies it.
type Source interface {
	Lookup(ctx context.Context, root repo.Hash, path string) (repo.Entry, error)
	WalkFiles(ctx context.Context, root repo.Hash, fn func(repo.Entry) error) error
	ReadBlob(ctx context.Context, h repo.Hash, limit int64) (repo.Blob, error)
}

// Deps is what the controller needs, passed by value.
type Deps struct {
	WS       *review.Workspace // nil: browse only; the keys then say so
	Reviewer string            // recorded on new findings; "" lets the workspace choose
	// Repo is the repository locations are made in (review.NewLocation)
	// and exports read (bundle.Export).
	Repo   *repo.Repo
	Files  Source // what m reads to mark files reviewed
	Pin    repo.Pin
	Styles theme.Styles
	// Offer, when set, is an earlier review the reviewer may carry here
	// with the Carry key (offer.go).
	Offer *CarryOffer
}

// Pane is what the active pane reports to the annotation keys.
type Pane interface {
	// SelectedLines is the lines a finding made now would annotate.
	SelectedLines() (nav.Lines, error)
	// MarkTarget is the file or directory m marks reviewed.
	MarkTarget() (string, error)
	// Annotating reports whether the pane's focus is on lines (a, A
	// apply); otherwise those keys are the pane's own.
	Annotating() bool
}

// modalKind is the review dialog open over the workbench.
type modalKind int

const (
	modalNone   modalKind = iota
	modalForm             // add/edit finding, step note
	modalExport           // the export dialog
	modalQuit             // quitting with unsaved work (quit.go)
)

// draft is what the open form is about: the lines it annotates and the
// finding it changes.
type draft struct {
	nav.Lines
	id string // finding being edited or extended
}

// Model is the review controller.
type Model struct {
	d    Deps
	keys KeyMap

	findings   []review.Finding
	reviewed   map[string]bool
	carried    bool          // the workspace holds a review carried from an older pin
	team       *nav.Team     // the team's review, nil without one (read with some snapshots)
	snap       *atomic.Int64 // snapshot counter shared with Cmds; older snapshots are dropped
	applied    int64         // the snapshot shown
	totalFiles int           // files at the pin (from the path listing); 0 until known

	current string  // the current finding: ]s/[s walk it, A extends it
	step    int     // its step last opened
	pending string  // the first key of a step walk ("]" or "["), waiting for the second
	open    tea.Msg // the place of the step last walked to, for TakeOpen

	writes writeQueue // the workspace writes, one at a time (writes.go)

	modal  modalKind
	form   form.Model
	draft  draft
	saving bool // the form was submitted and the save has not answered yet
	// formStart is the form's values when it opened: quitting with others
	// asks first.
	formStart []string
	quit      quitDialog
	unsaved   int // changes not on disk, at the last snapshot

	shown         nav.ViewID // the tab shown at the last ShowTab
	width, height int        // the body the dialogs are drawn over
	err, info     string     // for the message line; the root takes them (TakeNotes)
}

// New returns the controller; with a nil workspace it only says that
// annotating needs one.
func New(d Deps) Model {
	return Model{d: d, keys: DefaultKeyMap(), reviewed: map[string]bool{}, snap: new(atomic.Int64), applied: -1}
}

// Active reports whether there is a workspace to annotate.
func (m Model) Active() bool { return m.d.WS != nil }

// Init reads the first snapshot.
func (m Model) Init() tea.Cmd {
	if !m.Active() {
		return nil
	}
	offer := ""
	if m.d.Offer != nil {
		offer = m.offerNote()
	}
	return startReview(m.d.WS, m.snap, offer)
}

// KeyMap is the annotation keys, for the help overlay.
func (m Model) KeyMap() KeyMap { return m.keys }

// WithKeys returns the controller with the bindings k (a config's).
func (m Model) WithKeys(k KeyMap) Model {
	m.keys = k
	return m
}

// Review is the snapshot the panes draw their marks from.
func (m Model) Review() nav.Review {
	return nav.Review{Snap: m.applied, Pin: m.d.Pin.Commit, Findings: m.findings, Reviewed: m.reviewed, Team: m.team}
}

// SetTotalFiles records how many files there are at the pin, for the
// coverage on the status line.
func (m *Model) SetTotalFiles(n int) { m.totalFiles = n }

// ShowTab tells the controller which tab is shown. Arriving at the
// Findings tab reads what other processes (a script running 'sightline
// findings') wrote meanwhile.
func (m *Model) ShowTab(id nav.ViewID) tea.Cmd {
	if !m.Active() || id == m.shown {
		return nil
	}
	m.shown = id
	if id == nav.ViewFindings {
		return loadSnapshot(m.d.WS, m.snap)
	}
	return nil
}

// TakeNotes returns what the controller has to say on the message line
// since the last call, and forgets it.
func (m *Model) TakeNotes() (err, info string) {
	err, info = m.err, m.info
	m.err, m.info = "", ""
	return err, info
}

// Handles reports whether msg is one Update acts on: the dialogs'
// outcomes, the Findings view's requests and the workspace's answers.
func Handles(msg tea.Msg) bool {
	switch msg.(type) {
	case form.CancelledMsg, form.SubmittedMsg, SavedMsg, flushMsg, export.DoneMsg,
		findings.JumpMsg, findings.EditMsg, findings.DeleteMsg, findings.StatusMsg,
		findings.ResolveMsg, findings.ConfirmMsg,
		quitCheckMsg, rescuedMsg, exportDefaultsMsg:
		return true
	}
	return false
}

// Update acts on the messages Handles names and ignores the rest.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case form.CancelledMsg:
		m.modal = modalNone
		m.info = "cancelled"
		return m, nil
	case form.SubmittedMsg:
		return m, m.submitted(msg)
	case SavedMsg:
		cmd := m.saved(msg)
		if msg.write {
			cmd = tea.Batch(cmd, m.written())
		}
		return m, cmd
	case flushMsg:
		if !m.Active() {
			return m, nil
		}
		return m, loadSnapshot(m.d.WS, m.snap)
	case export.DoneMsg:
		m.exported(msg)
		return m, nil
	case exportDefaultsMsg:
		return m, m.showExport(msg)
	case findings.JumpMsg:
		if f, ok := m.findingByID(msg.ID); ok {
			m.jump(f, msg.Step)
		}
		return m, nil
	case findings.EditMsg:
		return m, m.startEdit(msg.ID)
	case findings.DeleteMsg:
		if m.current == msg.ID {
			m.current = ""
		}
		return m, m.write(deleteCmd(m.d.WS, m.snap, msg.ID))
	case findings.StatusMsg:
		return m, m.write(statusCmd(m.d.WS, m.snap, msg.ID, msg.Status))
	case findings.ResolveMsg, findings.ConfirmMsg:
		me := m.d.Reviewer
		if me == "" {
			me = m.d.WS.Meta().Reviewer
		}
		return m, m.write(queueCmd(m.d.WS, m.snap, me, msg))
	case quitCheckMsg, rescuedMsg:
		return m.quitAnswered(msg)
	}
	return m, nil
}

package annotate

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/export"
	"sightline/tui/form"
	"sightline/tui/nav"
)

// noWorkspace explains why an annotation key does nothing.
const noWorkspace = "no review workspace in this session: findings cannot be saved"

// startAdd opens the new-finding form for the pane's selected lines.
func (m *Model) startAdd(pane Pane) tea.Cmd {
	if !m.Active() {
		m.err = noWorkspace
		return nil
	}
	l, err := pane.SelectedLines()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	m.draft = draft{Lines: l}
	m.form = form.FindingForm(form.IDAddFinding, "New finding", review.Finding{}, m.d.Styles)
	m.form.SetNote(l.String())
	return m.openModal(modalForm)
}

// startStep opens the note form for a new step of the current finding.
func (m *Model) startStep(pane Pane) tea.Cmd {
	if !m.Active() {
		m.err = noWorkspace
		return nil
	}
	if m.current == "" {
		m.err = "no current finding: make one with a, or pick one in 4 Findings with enter"
		return nil
	}
	l, err := pane.SelectedLines()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	m.draft = draft{Lines: l, id: m.current}
	m.form = form.NoteForm(fmt.Sprintf("Add step to %s", m.current), m.d.Styles)
	m.form.SetNote(l.String())
	return m.openModal(modalForm)
}

// startEdit opens the edit form for finding id.
func (m *Model) startEdit(id string) tea.Cmd {
	f, ok := m.findingByID(id)
	if !ok {
		m.err = "finding " + id + " is gone"
		return nil
	}
	m.draft = draft{id: id}
	m.form = form.FindingForm(form.IDEditFinding, "Edit "+id, f, m.d.Styles)
	return m.openModal(modalForm)
}

// openExport opens the export dialog.
func (m *Model) openExport() tea.Cmd {
	if !m.Active() {
		m.err = noWorkspace
		return nil
	}
	ident := m.d.Reviewer
	if ident == "" {
		ident = m.d.WS.Meta().Reviewer
	}
	ws, commit := m.d.WS.Dir(), m.d.Pin.Commit.Short()
	// The last export's settings are a file in the state directory: read
	// in a Cmd, then the dialog opens (exportDefaultsMsg).
	return func() tea.Msg {
		d, err := export.Prepare(ws, commit, ident)
		return exportDefaultsMsg{defaults: d, err: err}
	}
}

// exportDefaultsMsg carries the export dialog's defaults for this
// workspace; err says why the remembered settings could not be read (the
// defaults then stand).
type exportDefaultsMsg struct {
	defaults export.Defaults
	err      error
}

// showExport opens the export dialog with the defaults read for it.
func (m *Model) showExport(msg exportDefaultsMsg) tea.Cmd {
	if !m.Active() || m.modal != modalNone {
		return nil
	}
	m.form = export.Form(msg.defaults, m.d.Styles)
	m.form.SetNote("workspace " + m.d.WS.Dir())
	if msg.err != nil {
		m.err = "the last export's settings could not be read: " + msg.err.Error()
	}
	return m.openModal(modalExport)
}

func (m *Model) openModal(k modalKind) tea.Cmd {
	m.modal = k
	m.saving = false
	m.formStart = m.form.Values()
	m.form.SetWidth(m.modalWidth())
	m.form.SetHeight(m.modalHeight())
	return nil
}

// Modal reports whether a review dialog is open: it then takes every key.
func (m Model) Modal() bool { return m.modal != modalNone }

// ModalKey gives a key to the open review dialog.
func (m Model) ModalKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.modal == modalQuit {
		return m.quitKey(msg)
	}
	if m.saving {
		return m, nil // the save answers soon; keys would edit a form being saved
	}
	var cmd tea.Cmd
	before := m.form.Values()
	m.form, cmd = m.form.Update(msg)
	if m.modal == modalExport {
		export.FollowFormat(&m.form, before)
	}
	return m, cmd
}

// SetSize gives the controller the body the dialogs are drawn over.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.modal != modalNone {
		m.form.SetWidth(m.modalWidth())
		m.form.SetHeight(m.modalHeight())
	}
}

// modalWidth is the inner width of a review dialog.
func (m Model) modalWidth() int { return max(min(m.width-8, 90), 20) }

// modalHeight is the inner height of a review dialog: the body less the
// border and the "saving…" line.
func (m Model) modalHeight() int { return max(m.height-3, 8) }

// View draws the open review dialog as a box, or "" when none is open.
func (m Model) View() string {
	switch m.modal {
	case modalNone:
		return ""
	case modalQuit:
		return m.quitView()
	}
	body := m.form.View()
	if m.saving {
		body += "\n" + m.d.Styles.Muted.Render("saving…")
	}
	return m.d.Styles.Overlay.Width(m.modalWidth() + 4).Render(body)
}

// submitted starts the save of a submitted form. The form stays (hidden
// behind "saving…") until the workspace answers, so a refused save can
// show it again with the reason.
func (m *Model) submitted(msg form.SubmittedMsg) tea.Cmd {
	if m.saving || m.modal == modalNone || msg.ID != m.form.ID() {
		// A second submit of the form being saved, or of one closed
		// since: saving it again would duplicate the finding.
		return nil
	}
	d := m.draft
	m.saving = true
	switch msg.ID {
	case form.IDAddFinding:
		var f review.Finding
		form.ApplyFinding(&f, msg.Values)
		return m.write(addFindingCmd(m.d, m.snap, d, f))
	case form.IDEditFinding:
		if msg.Unchanged() {
			// Nothing to write: no journal event, and the form closes.
			m.modal, m.saving = modalNone, false
			m.info = "no changes to " + d.id
			return nil
		}
		return m.write(editFindingCmd(m.d.WS, m.snap, d.id, func(f *review.Finding) { form.ApplyChanges(f, msg) }))
	case form.IDStepNote:
		return m.write(addStepCmd(m.d, m.snap, d, strings.TrimSpace(msg.Values[0])))
	case export.FormID:
		req, err := export.Parse(msg.Values)
		if err != nil {
			m.saving = false
			m.form.SetError(err.Error())
			return nil
		}
		req.Workspace = m.d.WS.Dir() // remembered for the next export
		return exportCmd(m.d, req)
	}
	m.saving = false
	return nil
}

// saved applies a workspace answer: the snapshot (unless a newer one is
// shown), then the outcome for the form that asked, if any.
func (m *Model) saved(msg SavedMsg) tea.Cmd {
	var retry tea.Cmd
	if msg.Snap > m.applied {
		m.applied = msg.Snap
		// Pending is part of the snapshot: an older one's count is as
		// stale as its findings.
		m.unsaved = msg.Pending
		if msg.Pending > 0 {
			retry = flushLater()
		}
		m.findings = msg.Findings
		m.carried = msg.Carried
		m.reviewed = make(map[string]bool, len(msg.Reviewed))
		for _, f := range msg.Reviewed {
			m.reviewed[f.Path] = true
		}
		if msg.TeamRead {
			m.team = msg.Team
			if m.team != nil && m.d.Reviewer != "" {
				m.team.Me = append(m.team.Me, m.d.Reviewer)
			}
		}
	}
	if msg.TeamErr != nil {
		m.err = "the team's review could not be read: " + msg.TeamErr.Error()
	}
	if m.modal == modalQuit && m.saving && msg.FormID != "" {
		// The form was being saved when quit was asked: it is done.
		m.saving = false
		if msg.Err == nil || notSaved(msg.Err) {
			m.quit.prev = modalNone
		}
	}
	ours := msg.FormID != "" && m.modal == modalForm && m.saving
	switch {
	case msg.Err == nil:
		if msg.Done != "" {
			m.info = msg.Done
		}
	case notSaved(msg.Err):
		// The change is kept in memory: the form closes, and the error
		// says it is not on disk yet.
		m.err = msg.Err.Error()
	case ours:
		m.saving = false
		m.form.SetError(msg.Err.Error())
		return retry
	default:
		m.err = msg.Err.Error()
	}
	if !ours {
		return retry
	}
	m.modal, m.saving = modalNone, false
	if msg.Finding.ID != "" {
		m.current = msg.Finding.ID
		switch msg.FormID {
		case form.IDAddFinding:
			m.step = 0
		case form.IDStepNote:
			m.step = len(msg.Finding.Steps) - 1
		}
	}
	drop := func() tea.Msg { return nav.ClearSelectionMsg{} } // the selection the finding was made of
	return tea.Batch(retry, drop)
}

// exported applies the export's answer: the dialog shows the error, or
// closes and the message line says where it wrote.
func (m *Model) exported(msg export.DoneMsg) {
	m.saving = false
	if msg.Err != nil {
		m.form.SetError(msg.Err.Error())
		return
	}
	m.modal = modalNone
	m.info = "wrote " + strings.Join(msg.Paths, " and ")
}

// AddStepAt opens the step form for the lines l, as A does on the code
// view's cursor line: from the gd, gr, o and ctrl+t lists, whose rows are
// places at the pin. With no current finding it says what to do.
func (m Model) AddStepAt(l nav.Lines) (Model, tea.Cmd) {
	cmd := m.startStep(placePane{l})
	return m, cmd
}

// placePane is a place picked from a list, as a Pane: its lines are the
// selection; nothing there is marked.
type placePane struct{ l nav.Lines }

func (p placePane) SelectedLines() (nav.Lines, error) { return p.l, nil }
func (p placePane) MarkTarget() (string, error)       { return p.l.Path, nil }
func (p placePane) Annotating() bool                  { return true }

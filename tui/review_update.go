package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/export"
	"sightline/tui/findings"
	"sightline/tui/form"
	"sightline/tui/nav"
)

// handleModalKey gives a key to the open review dialog.
func (m Model) handleModalKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.rv.saving {
		return m, nil // the save answers soon; keys would edit a form being saved
	}
	var cmd tea.Cmd
	before := m.rv.form.Values()
	m.rv.form, cmd = m.rv.form.Update(msg)
	if m.rv.modal == modalExport {
		export.FollowFormat(&m.rv.form, before)
	}
	return m, cmd
}

// handleReviewMsg acts on the review dialogs' outcomes, the Findings
// view's requests and the workspace's answers; handled is false for other
// messages.
func (m *Model) handleReviewMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case PathsListedMsg:
		if msg.Root == m.deps.Pin.Tree {
			m.rv.totalFiles = len(msg.Paths)
		}
		return nil, false // the finder wants it too
	case form.CancelledMsg:
		m.rv.modal = modalNone
		m.info = "cancelled"
		return nil, true
	case form.SubmittedMsg:
		return m.submitted(msg), true
	case savedMsg:
		return m.saved(msg), true
	case flushMsg:
		if !m.reviewActive() {
			return nil, true
		}
		return loadSnapshot(m.deps.Review, m.rv.snap), true
	case export.DoneMsg:
		m.rv.saving = false
		if msg.Err != nil {
			m.rv.form.SetError(msg.Err.Error())
			return nil, true
		}
		m.rv.modal = modalNone
		m.info = "wrote " + strings.Join(msg.Paths, " and ")
		return nil, true
	case findings.JumpMsg:
		if f, ok := m.findingByID(msg.ID); ok {
			return m.jump(f, msg.Step), true
		}
		return nil, true
	case findings.EditMsg:
		return m.startEdit(msg.ID), true
	case findings.DeleteMsg:
		if m.rv.current == msg.ID {
			m.rv.current = ""
		}
		return deleteCmd(m.deps.Review, m.rv.snap, msg.ID), true
	case findings.StatusMsg:
		return statusCmd(m.deps.Review, m.rv.snap, msg.ID, msg.Status), true
	}
	return nil, false
}

// submitted starts the save of a submitted form. The form stays (hidden
// behind "saving…") until the workspace answers, so a refused save can
// show it again with the reason.
func (m *Model) submitted(msg form.SubmittedMsg) tea.Cmd {
	r, d := m.deps.Review, m.rv.draft
	m.rv.saving = true
	switch msg.ID {
	case form.IDAddFinding:
		var f review.Finding
		form.ApplyFinding(&f, msg.Values)
		return addFindingCmd(r, m.rv.snap, d, f)
	case form.IDEditFinding:
		vals := msg.Values
		return editFindingCmd(r, m.rv.snap, d.id, func(f *review.Finding) { form.ApplyFinding(f, vals) })
	case form.IDStepNote:
		return addStepCmd(r, m.rv.snap, d, strings.TrimSpace(msg.Values[0]))
	case export.FormID:
		req, err := export.Parse(msg.Values)
		if err != nil {
			m.rv.saving = false
			m.rv.form.SetError(err.Error())
			return nil
		}
		return export.Run(export.Runner(r.Export), req)
	}
	m.rv.saving = false
	return nil
}

// saved applies a workspace answer: the snapshot (unless a newer one is
// shown), then the outcome for the form that asked, if any.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.Snap > m.rv.applied {
		m.rv.applied = msg.Snap
		m.rv.findings = msg.Findings
		m.rv.reviewed = make(map[string]bool, len(msg.Reviewed))
		for _, f := range msg.Reviewed {
			m.rv.reviewed[f.Path] = true
		}
		if i := m.tabIndex(nav.ViewFindings); i >= 0 {
			v := m.tabs[i].view.(findingsView)
			v.list.SetFindings(m.rv.findings)
			m.tabs[i].view = v
		}
	}
	var retry tea.Cmd
	if msg.Pending > 0 {
		retry = tea.Tick(flushDelay, func(time.Time) tea.Msg { return flushMsg{} })
	}
	ours := msg.FormID != "" && m.rv.modal == modalForm && m.rv.saving
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
		m.rv.saving = false
		m.rv.form.SetError(msg.Err.Error())
		return retry
	default:
		m.err = msg.Err.Error()
	}
	if ours {
		m.rv.modal, m.rv.saving = modalNone, false
		if msg.Finding.ID != "" {
			m.rv.current = msg.Finding.ID
			if msg.FormID == "add" {
				m.rv.step = 0
			} else if msg.FormID == "step" {
				m.rv.step = len(msg.Finding.Steps) - 1
			}
		}
		m.filesDo(func(f *filesView) tea.Cmd { f.code.ClearSelection(); return nil })
		if i := m.tabAt(nav.ViewChanges); i >= 0 {
			v := m.tabs[i].view.(changesView)
			v.page.ClearSelection()
			m.tabs[i].view = v
		}
	}
	return retry
}

// openExport opens the export dialog.
func (m *Model) openExport() tea.Cmd {
	if !m.reviewActive() || m.deps.Review.Export == nil {
		m.err = noWorkspace
		return nil
	}
	ident := m.deps.Review.Reviewer
	if ident == "" {
		ident = m.deps.Review.WS.Meta().Reviewer
	}
	// The home directory rather than the current one, which is often the
	// repository under review (Export refuses to write there).
	out := "findings-" + m.deps.Pin.Commit.Short() + ".json"
	if home, err := os.UserHomeDir(); err == nil {
		out = filepath.Join(home, out)
	}
	m.rv.form = export.Form(export.Defaults{Output: out, Identity: ident}, m.deps.Styles)
	m.rv.form.SetNote("workspace " + m.deps.Review.Dir())
	cmd := m.openModal()
	m.rv.modal = modalExport
	return cmd
}

// modalView draws the open review dialog as a box, or "" when none is
// open.
func (m Model) modalView() string {
	if m.rv.modal == modalNone {
		return ""
	}
	body := m.rv.form.View()
	if m.rv.saving {
		body += "\n" + m.deps.Styles.Muted.Render("saving…")
	}
	return m.deps.Styles.Overlay.Width(m.modalWidth() + 4).Render(body)
}

// placeModal puts the dialog over the body.
func (m Model) placeModal(body string) string {
	box := m.modalView()
	if box == "" {
		return body
	}
	return lipgloss.Place(m.width, m.bodyHeight(), lipgloss.Center, lipgloss.Center, box)
}

// reviewStatus adds the coverage to the status line.
func (m Model) reviewStatus(extra string) string {
	if !m.reviewActive() {
		return extra
	}
	p := review.Progress{Files: len(m.rv.reviewed), TotalFiles: m.rv.totalFiles,
		Changed: m.rv.changed, TotalChanged: m.rv.changedTotal}
	s := p.String()
	if m.rv.totalFiles == 0 {
		s = fmt.Sprintf("reviewed %d files", p.Files)
	}
	if extra != "" {
		s += " · " + extra
	}
	if m.tabs[m.active].id == nav.ViewChanges {
		if d := m.tabs[m.active].view.(changesView).page.Diff(); d.Selecting() {
			side, a, b, _ := d.Lines()
			s += fmt.Sprintf(" · V lines %s (%s)", lineRange(a, b), side)
		}
	}
	return s
}

// markInfo is the finding marked on the code view's cursor line, for the
// message line when it has nothing else to say: the status line may be
// too full to show a long title. It is raw; the message line sanitizes.
func (m Model) markInfo() string {
	if m.deps.Review.WS == nil {
		return ""
	}
	if m.tabs[m.active].id == nav.ViewChanges {
		if mk, ok := m.tabs[m.active].view.(changesView).page.Diff().MarkAt(); ok {
			return "finding " + mk.Title
		}
		return ""
	}
	if m.tabs[m.active].id != nav.ViewFiles {
		return ""
	}
	f := m.tabs[m.active].view.(filesView)
	if mk := f.code.MarksAt(f.code.Line()); len(mk) > 0 {
		return "finding " + mk[0].Title
	}
	return ""
}

// sanitizedDir is the workspace directory for display.
func (m Model) sanitizedDir() string { return textsafe.Sanitize(m.deps.Review.Dir()) }

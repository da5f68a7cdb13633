package annotate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/review"
)

// quitStage is where the quit dialog is.
type quitStage int

const (
	quitAsk     quitStage = iota // r, w, d or esc
	quitPath                     // typing the path to write the unsaved work to
	quitConfirm                  // typing "discard" to quit without it
)

// discardWord is what the reviewer types to quit losing unsaved work:
// a word, so that no stray key can do it.
const discardWord = "discard"

// quitDialog is the question asked on quitting with unsaved work: a
// change the workspace kept in memory (a full disk, a read-only
// directory) or the open form's edited input.
type quitDialog struct {
	stage     quitStage
	input     textinput.Model
	pending   int    // changes not on disk, at the last check
	cause     string // why they are not, sanitized
	formDirty bool   // the open form has input not yet submitted
	prev      modalKind
	note      string // the last outcome (a failed write, a retry)
	busy      bool   // a retry or write runs
}

// quitCheckMsg answers a quit: the workspace still has Pending changes
// it could not write (Err says why). When nothing is pending the check
// answers tea.QuitMsg instead.
type quitCheckMsg struct {
	Pending int
	Err     error
}

// rescuedMsg answers writing the unsaved work elsewhere.
type rescuedMsg struct {
	Path string
	Err  error
}

// Quit is the answer to q at the top, Q or ctrl+c: quit when nothing is
// unsaved, else ask. The workspace is asked in a Cmd, which first tries
// to write what is pending.
func (m Model) Quit() (Model, tea.Cmd) {
	if m.modal == modalQuit {
		m.quit.note = "type " + discardWord + " (after d) to quit without the unsaved work, or esc"
		return m, nil
	}
	dirty := (m.modal == modalForm || m.modal == modalExport) && !m.saving && !slices.Equal(m.form.Values(), m.formStart)
	if dirty {
		return m.askQuit(m.unsaved, nil, true), nil
	}
	if !m.Active() {
		return m, tea.Quit
	}
	m.info = "saving before quitting…"
	if m.writes.busy {
		// Writes still queued would be lost: ask again when they ran.
		m.writes.quit = true
		return m, nil
	}
	return m, quitCheck(m.d.WS)
}

// quitCheck writes what is pending and quits, or reports what is left.
func quitCheck(ws *review.Workspace) tea.Cmd {
	return func() tea.Msg {
		err := ws.Refresh()
		if n := ws.Pending(); n > 0 {
			return quitCheckMsg{Pending: n, Err: err}
		}
		return tea.QuitMsg{}
	}
}

// askQuit opens the quit dialog over whatever was open.
func (m Model) askQuit(pending int, err error, formDirty bool) Model {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 4096
	q := quitDialog{input: in, pending: pending, formDirty: formDirty, prev: m.modal}
	if m.modal == modalQuit {
		q.prev, q.formDirty = m.quit.prev, m.quit.formDirty || formDirty
	}
	if err != nil {
		q.cause = textsafe.Sanitize(err.Error())
	}
	m.quit, m.modal = q, modalQuit
	return m
}

// quitKey handles a key in the quit dialog.
func (m Model) quitKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	q := &m.quit
	if q.busy {
		return m, nil
	}
	if msg.String() == "esc" {
		if q.stage != quitAsk {
			q.stage, q.note = quitAsk, ""
			return m, nil
		}
		m.modal = q.prev // back to the form, if one was open
		m.info = "not quitting"
		return m, nil
	}
	if q.stage == quitAsk {
		return m.quitChoice(msg.String())
	}
	if msg.String() != "enter" {
		var cmd tea.Cmd
		q.input, cmd = q.input.Update(msg)
		return m, cmd
	}
	val := strings.TrimSpace(q.input.Value())
	if q.stage == quitConfirm {
		if val != discardWord {
			q.note = fmt.Sprintf("type %s exactly to quit without the unsaved work (esc: back)", discardWord)
			return m, nil
		}
		return m, tea.Quit
	}
	if val == "" {
		q.note = "type the path of a new file to write the unsaved work to"
		return m, nil
	}
	q.busy, q.note = true, "writing "+textsafe.Sanitize(val)+"…"
	return m, rescueCmd(m.d, val, m.formRescue())
}

// quitChoice acts on r, w or d.
func (m Model) quitChoice(k string) (Model, tea.Cmd) {
	q := &m.quit
	switch k {
	case "r":
		if !m.Active() || q.pending == 0 {
			q.note = "nothing to retry: only the form's input is unsaved (esc goes back to it)"
			return m, nil
		}
		q.busy, q.note = true, "trying to write again…"
		return m, quitCheck(m.d.WS)
	case "w":
		q.stage, q.note = quitPath, ""
		q.input.Prompt = "write to: "
		q.input.SetValue(defaultRescuePath(m.d.Pin.Commit.Short()))
		q.input.CursorEnd()
		return m, q.input.Focus()
	case "d":
		q.stage, q.note = quitConfirm, ""
		q.input.Prompt = "type " + discardWord + ": "
		q.input.SetValue("")
		return m, q.input.Focus()
	}
	q.note = "press r (retry), w (write elsewhere), d (discard and quit) or esc"
	return m, nil
}

// quitAnswered applies the answer of a retry or a write.
func (m Model) quitAnswered(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case quitCheckMsg:
		m.info = ""
		wasOpen := m.modal == modalQuit
		m = m.askQuit(msg.Pending, msg.Err, false)
		if wasOpen {
			m.quit.note = fmt.Sprintf("still not saved (%d change(s))", msg.Pending)
		}
		return m, nil
	case rescuedMsg:
		m.quit.busy = false
		if msg.Err != nil {
			m.quit.note = "not written: " + textsafe.Sanitize(msg.Err.Error())
			return m, nil
		}
		return m, tea.Quit
	}
	return m, nil
}

// defaultRescuePath is offered for the unsaved work: the home directory
// rather than the current one, which is often the repository.
func defaultRescuePath(pin string) string {
	name := "sightline-unsaved-" + pin + ".json"
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, name)
	}
	return name
}

// quitView draws the quit dialog.
func (m Model) quitView() string {
	q := m.quit
	s := m.d.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render("Quit with unsaved work?") + "\n\n")
	if q.pending > 0 {
		fmt.Fprintf(&b, "%d change(s) to the review are not on disk", q.pending)
		if q.cause != "" {
			b.WriteString(": " + q.cause)
		}
		b.WriteString(".\n")
	}
	if q.formDirty {
		b.WriteString("The open form has input that was not submitted.\n")
	}
	b.WriteString("\n")
	switch q.stage {
	case quitAsk:
		b.WriteString("r  retry writing the workspace\n")
		b.WriteString("w  write the unsaved work to a file you name, then quit\n")
		b.WriteString("d  quit without it (asks you to type " + discardWord + ")\n")
		b.WriteString("esc  go back")
	default:
		b.WriteString(q.input.View() + "\n")
		b.WriteString(s.Muted.Render("enter: go on · esc: back"))
	}
	if q.note != "" {
		b.WriteString("\n\n" + s.Error.Render(q.note))
	}
	return s.Overlay.Width(m.modalWidth() + 4).Render(b.String())
}

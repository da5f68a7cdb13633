package annotate

import (
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/findings"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// hostile holds a ZWJ emoji, a TAB, an ESC sequence and a bidi override.
const hostile = "zwj \U0001F468\u200D\U0001F4BB tab\tesc\x1b[2J bidi\u202Eevil"

// editWorkspace opens a workspace holding one finding whose title and
// description carry hostile characters, and a controller over it.
func editWorkspace(t *testing.T) (*review.Workspace, Model, review.Finding) {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir()) // journal heads stay out of $HOME
	pin := review.Rev{Commit: strings.Repeat("1", 40), Tree: strings.Repeat("2", 40), Ref: "main"}
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.Meta{Repository: "vendor", ObjectFormat: "sha1", Pin: pin, Reviewer: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	loc := review.Location{Commit: pin.Commit, Path: "src/main.c", Blob: strings.Repeat("b", 40), StartLine: 1, EndLine: 2,
		LineHash: "sha256:" + strings.Repeat("c", 64)}
	f, err := ws.AddFinding(review.Finding{Title: hostile, Severity: review.SeverityHigh, Description: hostile + "\nline two",
		Steps: []review.Step{{Location: loc, Note: hostile}}})
	if err != nil {
		t.Fatal(err)
	}
	m := New(Deps{WS: ws, Styles: theme.PlainStyles()})
	m.SetSize(100, 40)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Init())...)
	m.TakeNotes()
	return ws, m, f
}

// modalKeys gives keys to the open dialog and runs what they start.
func modalKeys(t *testing.T, m Model, keys ...tea.KeyMsg) Model {
	t.Helper()
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.ModalKey(k)
		m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	}
	return m
}

// Issue 17.5: opening Edit and saving without a change writes nothing and
// says so; the stored bytes stay exactly as they were.
func TestEditSavedUnchangedWritesNothing(t *testing.T) {
	ws, m, f := editWorkspace(t)
	seq := ws.Head().Seq
	m = tuitest.Run(t, m, findings.EditMsg{ID: f.ID})
	if !m.Modal() {
		t.Fatal("the edit form did not open")
	}
	v := m.View()
	if err := tuitest.Inert(v, false); err != nil || strings.ContainsAny(v, "\x1b\t\u200d\u202e") {
		t.Fatalf("raw characters reach the edit form's view (%v):\n%q", err, v)
	}
	m = modalKeys(t, m, tuitest.Key("ctrl+s"))
	if m.Modal() {
		t.Error("the form stays open after an unchanged save")
	}
	if _, info := m.TakeNotes(); info != "no changes to "+f.ID {
		t.Errorf("message line %q, want %q", info, "no changes to "+f.ID)
	}
	if got := ws.Head().Seq; got != seq {
		t.Errorf("the journal grew from %d to %d entries", seq, got)
	}
	g := ws.Findings()[0]
	if g.Title != f.Title || g.Description != f.Description || !g.Updated.Equal(f.Updated) {
		t.Errorf("stored finding changed:\n%q\n%q", g.Title, g.Description)
	}
}

// Changing only the severity writes one event, and the text fields keep
// their exact bytes.
func TestEditSeverityKeepsTextBytes(t *testing.T) {
	ws, m, f := editWorkspace(t)
	seq := ws.Head().Seq
	m = tuitest.Run(t, m, findings.EditMsg{ID: f.ID})
	m = modalKeys(t, m, tuitest.Key("tab"), tuitest.Key("right"), tuitest.Key("ctrl+s"))
	if err, _ := m.TakeNotes(); err != "" || m.Modal() {
		t.Fatalf("save: err %q, modal %v", err, m.Modal())
	}
	if got := ws.Head().Seq; got != seq+1 {
		t.Errorf("the journal went from %d to %d entries, want one event", seq, got)
	}
	g := ws.Findings()[0]
	if g.Severity != review.SeverityCritical || g.Title != f.Title || g.Description != f.Description || g.Steps[0].Note != hostile {
		t.Errorf("after a severity change: %q %q %q %q", g.Severity, g.Title, g.Description, g.Steps[0].Note)
	}
}

package annotate

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/findings"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// repoWorkspace is a real repository with a.go at the pin, an empty
// workspace over it, a controller on both after its first snapshot, and
// a pane whose selection is a.go:1 at the pin.
func repoWorkspace(t *testing.T) (*review.Workspace, Model, fakePane) {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir()) // journal heads stay out of $HOME
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.go": {Content: "package a\n"}})
	r, pin := pintest.Head(t, rt)
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, "alice"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	m := New(Deps{WS: ws, Repo: r, Files: r, Pin: pin, Styles: theme.PlainStyles()})
	m.SetSize(100, 40)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Init())...)
	m.TakeNotes()
	return ws, m, fakePane{lines: nav.Lines{Path: "a.go", Start: 1, End: 1, Commit: pin.Commit}, annotating: true}
}

// runReversed runs the Cmds in reverse order of their keys, as
// concurrent Cmds may, and feeds their messages back.
func runReversed(t *testing.T, m Model, cmds ...tea.Cmd) Model {
	t.Helper()
	var msgs []tea.Msg
	for _, c := range slices.Backward(cmds) {
		msgs = append(msgs, tuitest.Exec(t, c)...)
	}
	return tuitest.Run(t, m, msgs...)
}

// Two status keys on one finding, pressed faster than the workspace
// answers: the last one pressed is the status shown and on disk, however
// the two writes' Cmds are scheduled.
func TestQuickStatusKeysLastWins(t *testing.T) {
	ws, m, f := editWorkspace(t)
	m, first := m.Update(findings.StatusMsg{ID: f.ID, Status: review.StatusConfirmed})
	m, second := m.Update(findings.StatusMsg{ID: f.ID, Status: review.StatusNeedsInfo})
	m = runReversed(t, m, first, second)
	if g, _ := ws.Finding(f.ID); g.Status != review.StatusNeedsInfo {
		t.Errorf("on disk %s is %q, want the last key's %q", f.ID, g.Status, review.StatusNeedsInfo)
	}
	if got := m.Review().Findings[0].Status; got != review.StatusNeedsInfo {
		t.Errorf("shown: %s is %q, want %q", f.ID, got, review.StatusNeedsInfo)
	}
}

// "m m" in one read toggles twice: marked, then unmarked, on screen and
// on disk; a third m marks again. The toggle is decided from the
// workspace when the write runs, not from the snapshot of the key.
func TestQuickMarkKeysToggle(t *testing.T) {
	ws, m, pane := repoWorkspace(t)
	var cmds []tea.Cmd
	for range 2 {
		var cmd tea.Cmd
		m, cmd, _ = m.Key(tuitest.Key("m"), nav.ViewFiles, pane)
		cmds = append(cmds, cmd)
	}
	m = runReversed(t, m, cmds...)
	if ws.IsReviewed("a.go") || m.Review().Reviewed["a.go"] {
		t.Fatalf("m m should leave a.go unmarked: on disk %v, shown %v", ws.IsReviewed("a.go"), m.Review().Reviewed["a.go"])
	}
	m, cmd, _ := m.Key(tuitest.Key("m"), nav.ViewFiles, pane)
	m = tuitest.Run(t, m, tuitest.Exec(t, cmd)...)
	if !ws.IsReviewed("a.go") || !m.Review().Reviewed["a.go"] {
		t.Errorf("a third m should mark a.go: on disk %v, shown %v", ws.IsReviewed("a.go"), m.Review().Reviewed["a.go"])
	}
}

// A snapshot older than the one shown does not set the count of changes
// not on disk either: the quit dialog says what the workspace holds.
func TestOlderSnapshotKeepsTheUnsavedCount(t *testing.T) {
	ws, m, f := editWorkspace(t)
	older, newer := m.snap.Add(1), m.snap.Add(1)
	m, _ = m.Update(SavedMsg{Snap: newer, Findings: ws.Findings(), Reviewed: ws.Reviewed()})
	// Read while three changes waited to be written, it arrives last.
	m, _ = m.Update(SavedMsg{Snap: older, Findings: ws.Findings(), Reviewed: ws.Reviewed(), Pending: 3})
	m = tuitest.Run(t, m, findings.EditMsg{ID: f.ID})
	m = modalKeys(t, m, tuitest.Key("tab"), tuitest.Key("tab"), tuitest.Key("x")) // CWE typed: quitting asks
	m, _ = m.Quit()
	if ws.Pending() != 0 {
		t.Fatalf("the workspace has %d pending changes", ws.Pending())
	}
	if v := m.View(); strings.Contains(v, "not on disk") || !strings.Contains(v, "not submitted") {
		t.Errorf("the quit dialog should only name the form's input:\n%s", v)
	}
}

// Quitting while writes wait in the queue quits only after they are on
// disk.
func TestQuitWaitsForQueuedWrites(t *testing.T) {
	ws, m, f := editWorkspace(t)
	m, first := m.Update(findings.StatusMsg{ID: f.ID, Status: review.StatusConfirmed})
	m, second := m.Update(findings.StatusMsg{ID: f.ID, Status: review.StatusNeedsInfo})
	m, quit := m.Quit()
	// The quit check answers before either write has run.
	if _, quits := execQuit(quit); quits {
		t.Fatal("quit before the queued writes ran")
	}
	msgs := append(tuitest.Exec(t, first), tuitest.Exec(t, second)...)
	quits := false
	for len(msgs) > 0 && !quits {
		var cmd tea.Cmd
		m, cmd = m.Update(msgs[0])
		var more []tea.Msg
		more, quits = execQuit(cmd)
		msgs = append(msgs[1:], more...)
	}
	if g, _ := ws.Finding(f.ID); !quits || g.Status != review.StatusNeedsInfo {
		t.Errorf("quit %v with %s %q on disk, want a quit after %q", quits, f.ID, g.Status, review.StatusNeedsInfo)
	}
}

// execQuit runs cmd (flattening batches) once, and reports the messages
// it made and whether it quits (tuitest.Exec drops tea.QuitMsg).
func execQuit(cmd tea.Cmd) (msgs []tea.Msg, quits bool) {
	if cmd == nil {
		return nil, false
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.QuitMsg:
		return nil, true
	case tea.BatchMsg:
		for _, c := range msg {
			more, q := execQuit(c)
			msgs, quits = append(msgs, more...), quits || q
		}
	default:
		msgs = append(msgs, msg)
	}
	return msgs, quits
}

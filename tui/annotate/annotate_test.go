package annotate

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/review"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// fakePane reports fixed lines and mark target.
type fakePane struct {
	lines      nav.Lines
	err        error
	annotating bool
}

func (p fakePane) SelectedLines() (nav.Lines, error) { return p.lines, p.err }
func (p fakePane) MarkTarget() (string, error)       { return p.lines.Path, p.err }
func (p fakePane) Annotating() bool                  { return p.annotating }

func press(s string) tea.KeyMsg { return tuitest.Key(s) }

// TestStepPrefixIsHeldBack checks the two-key ]s: the ] is held back and
// swallowed in Files, replayed to the diff in Changes when no s follows.
func TestStepPrefixIsHeldBack(t *testing.T) {
	m := New(Deps{Styles: theme.PlainStyles()})
	m, _, out := m.Key(press("]"), nav.ViewFiles, fakePane{})
	if !out.Handled || m.pending != "]" {
		t.Fatalf("] in Files: handled %v, pending %q", out.Handled, m.pending)
	}
	m, _, out = m.Key(press("x"), nav.ViewFiles, fakePane{})
	if out.Handled || out.Replay != nil || m.pending != "" {
		t.Errorf("x after ] in Files should be the pane's, the ] dropped: %+v, pending %q", out, m.pending)
	}
	m, _, _ = m.Key(press("]"), nav.ViewChanges, fakePane{})
	m, _, out = m.Key(press("c"), nav.ViewChanges, fakePane{})
	if out.Replay == nil || out.Replay.String() != "]" || m.pending != "" {
		t.Fatalf("]c in Changes should replay ] to the diff: %+v", out)
	}
	_, _, out = m.Key(press("c"), nav.ViewChanges, fakePane{})
	if out.Handled {
		t.Error("c alone in Changes is the diff's")
	}
}

// TestWalkWithoutFindings says so on the message line.
func TestWalkWithoutFindings(t *testing.T) {
	m := New(Deps{Styles: theme.PlainStyles()})
	m, _, _ = m.Key(press("["), nav.ViewFindings, fakePane{})
	m, cmd, out := m.Key(press("s"), nav.ViewFindings, fakePane{})
	if !out.Handled || cmd != nil {
		t.Fatalf("[s: handled %v, cmd %v", out.Handled, cmd != nil)
	}
	if err, _ := m.TakeNotes(); !strings.Contains(err, "no findings yet") {
		t.Errorf("[s with no findings said %q", err)
	}
}

// TestNoWorkspace refuses every annotation key with the same reason, and
// leaves a and A to a pane that is not on lines.
func TestNoWorkspace(t *testing.T) {
	m := New(Deps{Styles: theme.PlainStyles()})
	for _, k := range []string{"a", "A", "m", "E"} {
		var out Outcome
		m, _, out = m.Key(press(k), nav.ViewFiles, fakePane{})
		if err, _ := m.TakeNotes(); !out.Handled || err != noWorkspace {
			t.Errorf("%s without a workspace: handled %v, said %q", k, out.Handled, err)
		}
	}
	if _, _, out := m.Key(press("a"), nav.ViewChanges, fakePane{}); out.Handled {
		t.Error("a on the Changes list (not the diff) should be the list's")
	}
	if _, _, out := m.Key(press("a"), nav.ViewHistory, fakePane{}); out.Handled {
		t.Error("a in History should be the view's")
	}
}

// TestSavedAppliesNewerSnapshotsOnly drops an older snapshot.
func TestSavedAppliesNewerSnapshotsOnly(t *testing.T) {
	m := New(Deps{Styles: theme.PlainStyles()})
	m, _ = m.Update(SavedMsg{Snap: 2, Findings: []review.Finding{{ID: "F-0002"}}, Reviewed: []review.ReviewedFile{{Path: "a"}}})
	m, _ = m.Update(SavedMsg{Snap: 1, Findings: nil, Err: errors.New("late")})
	r := m.Review()
	if r.Snap != 2 || len(r.Findings) != 1 || !r.Reviewed["a"] {
		t.Errorf("after an older snapshot the review is %+v", r)
	}
	if err, _ := m.TakeNotes(); err != "late" {
		t.Errorf("the older answer's error should still be said, got %q", err)
	}
}

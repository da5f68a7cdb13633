package files

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func fixture(t *testing.T) (Model, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"a.go": {Content: "l1\nl2\nl3\n"}, "d/b.go": {Content: "b\n"}})
	r, pin := pintest.Head(t, rt)
	m := New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal()})
	m.SetSize(100, 20)
	return tuitest.Run(t, m, tuitest.Exec(t, m.Init())...), pin
}

// TestReportsLinesAndMarkTarget checks what the tab tells the review
// keys: nothing before a file is open, then the cursor line of the open
// file, and the tree's entry while the tree has focus.
func TestReportsLinesAndMarkTarget(t *testing.T) {
	m, pin := fixture(t)
	if _, err := m.SelectedLines(); err == nil {
		t.Error("lines reported with no file open")
	}
	if p, err := m.MarkTarget(); err != nil || p != "a.go" {
		t.Errorf("mark target in the tree: %q, %v", p, err)
	}
	m = tuitest.Run(t, m, nav.OpenFileMsg{Path: "a.go", Line: 2})
	l, err := m.SelectedLines()
	if err != nil || l.Path != "a.go" || l.Start != 2 || l.End != 2 || l.Commit != pin.Commit {
		t.Errorf("lines of the open file: %+v, %v", l, err)
	}
	m = tuitest.Run(t, m, tea.KeyMsg{Type: tea.KeyTab})
	if p, _ := m.MarkTarget(); p != "a.go" {
		t.Errorf("mark target with the tree focused: %q", p)
	}
}

// TestSetReviewMarksTheOpenFile draws a finding's lines in the gutter and
// names it for the message line.
func TestSetReviewMarksTheOpenFile(t *testing.T) {
	m, pin := fixture(t)
	m = tuitest.Run(t, m, nav.OpenFileMsg{Path: "a.go", Line: 2})
	f := review.Finding{ID: "F-0001", Title: "bad", Severity: "high",
		Steps: []review.Step{{Location: review.Location{Commit: pin.Commit.String(), Path: "a.go", StartLine: 2, EndLine: 3}}}}
	m.SetReview(nav.Review{Snap: 1, Pin: pin.Commit, Findings: []review.Finding{f}, Reviewed: map[string]bool{"a.go": true}})
	if got := m.MarkInfo(); !strings.Contains(got, "F-0001 [high] bad") {
		t.Errorf("mark info on a marked line: %q", got)
	}
}

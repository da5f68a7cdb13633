package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// baseStepFixture is a repository whose pin replaces lines 4-6 of a.go
// with one line, and a workspace holding F-0001: step 1 on the removed
// line 6 (base side), step 2 on b.go:1 at the pin. It returns the
// workbench on it (base: the first commit, when withBase) as it starts
// after a restart, with no current finding.
func baseStepFixture(t *testing.T, withBase bool) tea.Model {
	t.Helper()
	rt := repotest.New(t)
	var old strings.Builder
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&old, "line %d\n", i)
	}
	c1 := rt.Commit("one", repotest.Tree{"a.go": {Content: old.String()}, "b.go": {Content: "package b\n"}})
	rt.Commit("two", rt.Edit(c1, repotest.Tree{"a.go": {Content: "line 1\nline 2\nline 3\nnew\nline 7\nline 8\nline 9\nline 10\n"}}))
	r, pin := pintest.Head(t, rt)
	base := pintest.Resolve(t, r, c1.String())
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	if err := ws.SetBase(&review.Rev{Commit: base.Commit.String(), Tree: base.Tree.String()}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	gone, err := review.NewLocation(ctx, r, base.Commit, "a.go", 6, 6, review.SideBase)
	if err != nil {
		t.Fatal(err)
	}
	there, err := review.NewLocation(ctx, r, pin.Commit, "b.go", 1, 1, review.SidePin)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ws.AddFinding(review.Finding{Title: "Removed check", Severity: review.SeverityHigh,
		Status: review.StatusOpen, Reviewer: "alice", Steps: []review.Step{{Location: gone, Note: "was here"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddStep(f.ID, review.Step{Location: there}); err != nil {
		t.Fatal(err)
	}
	d := Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Review: Review{WS: ws, Reviewer: "alice"}}
	if withBase {
		d.Base = base
	}
	m := New(d)
	return tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
}

// cursorOn reports whether the diff's cursor (▌ at the pane's left edge)
// is on the row showing text.
func cursorOn(scr, text string) bool {
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, text) {
			return strings.Contains(l, "│▌")
		}
	}
	return false
}

// TestBaseStepOpensTheDiff: a step on a removed line, opened with enter in
// 4 Findings, shows the Changes tab's diff of its file with the cursor
// on that removed line, not the pin's file at the same number.
func TestBaseStepOpensTheDiff(t *testing.T) {
	m := baseStepFixture(t, true)
	m = keysIn(t, m, "4", "enter")
	v := m.View()
	if !cursorOn(v, "-line 6") || !strings.Contains(v, "hunk 1/1 · file 1/1") || !strings.Contains(v, "F-0001 step 1/2: was here") {
		t.Fatalf("enter on a base-side step should open the diff on the removed line 6:\n%s", v)
	}
	if strings.Contains(v, "shown at the pin") || strings.Contains(v, "line 10") {
		t.Errorf("the pin's file is shown instead of the diff:\n%s", v)
	}
	m = keysIn(t, m, "]", "s")
	if v := m.View(); !strings.Contains(v, "F-0001 step 2/2") || !strings.Contains(v, "b.go │ 1/1") {
		t.Errorf("]s should open the pin-side step 2 in Files:\n%s", v)
	}
}

// TestStepWalkStartsAtTheFirstFinding: after a restart there is no
// current finding; ]s starts at the first finding by id and says so. Its
// base-side step's commit is not the session's (none), so the diff
// compares that commit with the pin; [s comes back to it.
func TestStepWalkStartsAtTheFirstFinding(t *testing.T) {
	m := baseStepFixture(t, false)
	m = keysIn(t, m, "]", "s")
	v := m.View()
	if !strings.Contains(v, "no current finding: starting at F-0001") || !strings.Contains(v, "step 1/2") {
		t.Fatalf("]s with no current finding should start at F-0001:\n%s", v)
	}
	if !cursorOn(v, "-line 6") || !strings.Contains(v, "2 Changes") {
		t.Errorf("the base-side step should open a Changes tab on the removed line 6:\n%s", v)
	}
	m = keysIn(t, m, "]", "s", "[", "s")
	if v := m.View(); !strings.Contains(v, "F-0001 step 1/2") || !cursorOn(v, "-line 6") {
		t.Errorf("[s back to the base-side step:\n%s", v)
	}
}

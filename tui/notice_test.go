package tui

import (
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

// The start-up notice (replacement refs, say) is on the message line
// until the reviewer's first key.
func TestStartNoticeIsShownUntilTheFirstKey(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{"a.txt": {Content: "a\n"}})
	r, pin := pintest.Head(t, rt)
	const notice = "the repository has replacement refs (refs/replace/x): sightline shows the original objects"
	var m tea.Model = New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Notice: notice})
	m = tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 200, Height: 30})...)
	if s := screen(m); !strings.Contains(s, notice) {
		t.Fatalf("the notice is not on screen:\n%s", s)
	}
	m = press(t, m, "j")
	if s := screen(m); strings.Contains(s, notice) {
		t.Fatalf("the notice outlived the first key:\n%s", s)
	}
}

// With a review workspace, whose first snapshot puts its own message on
// the line, the start-up notice is still shown first.
func TestStartNoticeSurvivesTheWorkspaceMessage(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{"a.txt": {Content: "a\n"}})
	r, pin := pintest.Head(t, rt)
	const notice = "history index not used: damaged"
	ws, err := review.Open(filepath.Join(t.TempDir(), "ws"), review.MetaFor(r, pin, nil, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	var m tea.Model = New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal(), Notice: notice,
		Review: Review{WS: ws, Reviewer: "alice", Repo: r}})
	m = tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 200, Height: 30})...)
	if s := screen(m); !strings.Contains(s, notice) || !strings.Contains(s, "review workspace") {
		t.Fatalf("the notice and the workspace message are not both on screen:\n%s", s)
	}
	m = press(t, m, "j")
	if s := screen(m); strings.Contains(s, notice) {
		t.Fatalf("the notice outlived the first key:\n%s", s)
	}
}

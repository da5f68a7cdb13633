package tui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/search"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// A gd whose answer comes after the reviewer moved on (another tab, the
// finder, ctrl+o) is dropped: it neither opens its list over what they
// went to nor jumps them back. One they waited for still shows.
func TestLateSymbolAnswerDoesNotPullTheReviewerBack(t *testing.T) {
	ask := func(t *testing.T, m tea.Model) (tea.Model, tea.Cmd) {
		t.Helper()
		m, cmd := m.Update(nav.SymbolMsg{Name: "Run", Path: "docs/long.txt", Line: 1})
		if cmd == nil || !strings.Contains(screen(m), "looking up definition of «Run»…") {
			t.Fatalf("gd did not start a lookup:\n%s", screen(m))
		}
		return m, cmd
	}
	const list = "3 definitions of Run"

	_, m0 := namesModel(t)
	m, lookup := ask(t, m0)
	answer := tuitest.Exec(t, lookup)
	m = tuitest.RunModel(t, m, answer...)
	if !strings.Contains(screen(m), list) {
		t.Fatalf("the answer waited for was not shown:\n%s", screen(m))
	}

	for _, moveOn := range [][]string{{"3"}, {"ctrl+p"}, {"ctrl+o"}} {
		_, m0 := namesModel(t)
		var m tea.Model = m0
		if moveOn[0] == "ctrl+o" {
			m = press(t, m, "ctrl+t")
			m = typeText(t, m, "Solo")
			m = press(t, m, "enter") // a jump, so that ctrl+o has a place
		}
		m, lookup = ask(t, m)
		answer = tuitest.Exec(t, lookup)
		m = press(t, m, moveOn...)
		before := m.(Model).Position()
		tab := m.(Model).active
		m = tuitest.RunModel(t, m, answer...)
		s := screen(m)
		if strings.Contains(s, list) || m.(Model).active != tab || m.(Model).Position() != before {
			t.Fatalf("after %q, gd's late answer still acted (tab %d → %d, %+v → %+v):\n%s",
				moveOn, tab, m.(Model).active, before, m.(Model).Position(), s)
		}
		if strings.Contains(s, "looking up definition") {
			t.Fatalf("after %q the message line still says the lookup runs:\n%s", moveOn, s)
		}
	}
}

// blockingSource's lookups wait for their context to end and report it.
type blockingSource struct {
	namesSource
	ended chan error
}

func (s *blockingSource) Definitions(ctx context.Context, _, _ string) ([]SymbolHit, error) {
	<-ctx.Done()
	s.ended <- ctx.Err()
	return nil, ctx.Err()
}

// A lookup the reviewer moved on from is not only ignored but stopped
// (gr's child is killed with its context), and so is one still running
// when the workbench quits (Deps.Context).
func TestDroppedLookupIsStopped(t *testing.T) {
	for _, how := range []string{"another tab", "quit"} {
		_, r, pin := fixture(t)
		src := &blockingSource{ended: make(chan error, 1)}
		quit, stop := context.WithCancel(context.Background())
		defer stop()
		m0 := New(Deps{Context: quit, Repo: r, Search: search.New(r, t.TempDir()), Pin: pin, Styles: theme.PlainStyles(),
			Keys: keys.DefaultGlobal(), Symbols: src, Start: Position{Path: "docs/long.txt", Line: 1}})
		var m tea.Model = tuitest.RunModel(t, m0, append(tuitest.Exec(t, m0.Init()), tea.WindowSizeMsg{Width: 120, Height: 30})...)
		m, lookup := m.Update(nav.SymbolMsg{Name: "Run", Path: "docs/long.txt", Line: 1})
		done := make(chan struct{})
		go func() { lookup(); close(done) }()
		if how == "quit" {
			stop()
		} else {
			press(t, m, "3")
		}
		select {
		case err := <-src.ended:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s: the lookup ended with %v", how, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the dropped lookup still runs", how)
		}
		<-done
	}
}

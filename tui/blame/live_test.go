package blame

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

// gatedBlame is the real repository whose blame stops, once it has
// settled its first lines, until the test opens the gate: a blame caught
// mid-way, as on a long-lived file. Every partial result is passed on.
type gatedBlame struct {
	*repo.Repo
	gate chan struct{}
}

func (g gatedBlame) BlameLive(ctx context.Context, commit repo.Hash, path string, ignore []repo.Hash, _ time.Duration, fn func([]repo.BlameLine, int, int)) ([]repo.BlameLine, error) {
	held := false
	return g.Repo.BlameLive(ctx, commit, path, ignore, 0, func(p []repo.BlameLine, done, total int) {
		fn(p, done, total)
		if done > 0 && !held {
			held = true
			select {
			case <-g.gate:
			case <-ctx.Done():
			}
		}
	})
}

// next runs cmd (a wait for progress) within a deadline.
func next(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	out := make(chan tea.Msg, 1)
	go func() { out <- cmd() }()
	select {
	case msg := <-out:
		return msg
	case <-time.After(3 * time.Second):
		t.Fatal("no progress from a running blame")
		return nil
	}
}

func TestGutterFillsInWhileBlameRuns(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"f.go": {Content: "a\nb\nc\nd\n"}})
	c2 := rt.Commit("two", rt.Edit(c1, repotest.Tree{"f.go": {Content: "a\nb\nC\nd\n"}}))
	g := gatedBlame{Repo: pintest.Open(t, rt.Dir), gate: make(chan struct{})}
	m := New(g, repo.Hash(c2))
	batch := m.Toggle("f.go")().(tea.BatchMsg)
	loaded := make(chan tea.Msg, 1)
	go func() { loaded <- batch[0]() }()
	waitCmd := batch[1]
	// The first report has every line pending; the next has c2's line.
	for {
		var msg tea.Msg
		if msg = next(t, waitCmd); msg == nil {
			t.Fatal("progress ended before the gate opened")
		}
		m, waitCmd = m.Update(msg)
		if _, ok := m.LineAt("f.go", 3); ok {
			break
		}
		if text := m.Text("f.go"); len(text) != 4 || text[0] != "········ blaming… 0/4" || text[1] != "········" {
			t.Fatalf("pending gutter = %q", text)
		}
	}
	text := m.Text("f.go")
	if len(text) != 4 || !strings.HasPrefix(text[2], c2.String()[:8]+" Test Author ") || text[0] != "········ blaming… 1/4" || text[1] != "········" || text[3] != "········ blaming… 1/4" {
		t.Fatalf("mid-blame gutter = %q, want line 3 blamed on c2, the rest pending", text)
	}
	if p := m.Progress(); p != "blaming f.go: 1/4 lines" {
		t.Errorf("progress = %q", p)
	}
	if _, ok := m.LineAt("f.go", 1); ok || !m.Busy() || m.Shown("f.go") {
		t.Errorf("line 1 has an origin before blame reached it (busy %v)", m.Busy())
	}
	if info := m.Info("f.go", 3); !strings.HasPrefix(info, c2.String()[:8]+" Test Author 2024-01-01 two") {
		t.Errorf("status of a blamed line mid-blame = %q", info)
	}
	if _, why := m.Reblame("f.go", 3); !strings.Contains(why, "still running") {
		t.Errorf(", mid-blame: %q", why)
	}
	close(g.gate)
	m, _ = m.Update(<-loaded)
	text = m.Text("f.go")
	if len(text) != 4 || !strings.HasPrefix(text[0], c1.String()[:8]) || !strings.HasPrefix(text[2], c2.String()[:8]) || m.Busy() || m.Progress() != "" {
		t.Fatalf("final gutter = %q (busy %v, progress %q)", text, m.Busy(), m.Progress())
	}
}

func TestTogglingOffMidBlameStopsIt(t *testing.T) {
	rt := repotest.New(t)
	c1 := rt.Commit("one", repotest.Tree{"f.go": {Content: "a\nb\n"}})
	c2 := rt.Commit("two", rt.Edit(c1, repotest.Tree{"f.go": {Content: "a\nB\n"}}))
	g := gatedBlame{Repo: pintest.Open(t, rt.Dir), gate: make(chan struct{})}
	m := New(g, repo.Hash(c2))
	batch := m.Toggle("f.go")().(tea.BatchMsg)
	loaded := make(chan tea.Msg, 1)
	go func() { loaded <- batch[0]() }()
	m, _ = m.Update(next(t, batch[1]))
	if m.Text("f.go") == nil {
		t.Fatal("no pending gutter")
	}
	if cmd := m.Toggle("f.go"); cmd != nil || m.Text("f.go") != nil || m.Busy() {
		t.Fatal("b mid-blame did not hide the gutter")
	}
	select { // the gate is never opened: only the cancel ends the blame
	case msg := <-loaded:
		if !errors.Is(msg.(LoadedMsg).Err, context.Canceled) {
			t.Errorf("the blame ended with %v, want cancelled", msg.(LoadedMsg).Err)
		}
		if m, _ = m.Update(msg); m.Text("f.go") != nil {
			t.Error("the cancelled blame's result was shown")
		}
	case <-time.After(3 * time.Second):
		t.Fatal("hiding the gutter left the blame running")
	}
}

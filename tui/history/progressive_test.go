package history

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/internal/drive"
)

// gatedRepo is the real repository whose path walk stops after its first
// `after` commits until the test opens the gate: a walk caught mid-way,
// as on a long history. ended receives each walk's result.
type gatedRepo struct {
	*repo.Repo
	after int
	gate  chan struct{}
	ended chan error
}

func (g gatedRepo) PathLog(ctx context.Context, from repo.Hash, path string, fn func(repo.Commit) error) error {
	n := 0
	err := g.Repo.PathLog(ctx, from, path, func(c repo.Commit) error {
		if n++; n == g.after+1 {
			select {
			case <-g.gate:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return fn(c)
	})
	g.ended <- err
	return err
}

// gatedView lists a history of 30 commits that all change a.go (and 15
// that change b.go), from a walk that stops after `after` commits.
func gatedView(t *testing.T, after int) (Model, gatedRepo, *repotest.Repo) {
	t.Helper()
	rt := repotest.New(t)
	h := rt.Commit("c0", repotest.Tree{"a.go": {Content: "0\n"}, "b.go": {Content: "0\n"}})
	for i := 1; i < 30; i++ {
		ch := repotest.Tree{"a.go": {Content: strconv.Itoa(i) + "\n"}}
		if i%2 == 0 {
			ch["b.go"] = repotest.File{Content: strconv.Itoa(i) + "\n"}
		}
		h = rt.Commit("c"+strconv.Itoa(i), rt.Edit(h, ch))
	}
	r := pintest.Open(t, rt.Dir)
	g := gatedRepo{Repo: r, after: after, gate: make(chan struct{}), ended: make(chan error, 4)}
	m := New(g, repo.Hash(h), DefaultKeyMap(), asciiStyles())
	m.SetSize(100, 30)
	m.Focus()
	return m, g, rt
}

// runWithin runs cmd and fails the test if it does not return in time:
// a Cmd that waits for the whole walk would block here.
func runWithin(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	out := make(chan tea.Msg, 1)
	go func() { out <- cmd() }()
	select {
	case msg := <-out:
		return msg
	case <-time.After(3 * time.Second):
		t.Fatal("the walk's Cmd delivered nothing while the walk was still running")
		return nil
	}
}

// fill feeds the walk's batches to m until n commits are listed.
func fill(t *testing.T, m Model, cmd tea.Cmd, n int) (Model, tea.Cmd) {
	t.Helper()
	for len(m.Commits()) < n {
		if cmd == nil {
			t.Fatalf("the walk stopped asking for batches at %d commits, want %d", len(m.Commits()), n)
		}
		m, cmd = m.Update(runWithin(t, cmd))
	}
	return m, cmd
}

func TestPathHistoryShowsFirstCommitsWhileTheWalkRuns(t *testing.T) {
	m, g, rt := gatedView(t, 3)
	cmd := m.ShowPath("a.go")
	m, cmd = fill(t, m, cmd, 3)
	v := m.View()
	for _, want := range []string{
		"3 commits touching a.go so far, walking history… esc cancels (from",
		rt.Commits[29].String()[:8], " c29", " c27",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("mid-walk view lacks %q:\n%s", want, v)
		}
	}
	if !m.Loading() {
		t.Fatal("the walk is not running any more")
	}
	// Keys work while it fills: movement, the detail pane, the diff.
	m, _ = drive.Keys(m, update, nil, "j", "j")
	if c, ok := m.Selected(); !ok || c.Subject() != "c27" {
		t.Fatalf("j j mid-walk selected %q, want c27", c.Subject())
	}
	m, _ = drive.Keys(m, update, nil, "k")
	if c, _ := m.Selected(); c.Subject() != "c28" {
		t.Fatalf("k mid-walk selected %q, want c28", c.Subject())
	}
	m, _ = drive.Keys(m, update, nil, "enter")
	if h, ok := m.ShowingDiff(); !ok || h.String() != rt.Commits[28].String() {
		t.Fatalf("enter mid-walk: diff of %v (shown %v), want c28", h, ok)
	}
	m, _ = drive.Keys(m, update, nil, "esc", "esc") // the diff's files, then the commits
	if _, ok := m.ShowingDiff(); ok || !m.Loading() {
		t.Fatalf("esc closed the diff? %v; walk still running? %v", !ok, m.Loading())
	}
	close(g.gate)
	m, _ = drive.Run(m, update, cmd)
	if n := len(m.Commits()); n != 30 || m.Loading() {
		t.Fatalf("after the walk: %d commits (loading %v), want 30", n, m.Loading())
	}
	if v := m.View(); !strings.Contains(v, "30 commits touching a.go (from") || strings.Contains(v, "so far") {
		t.Errorf("final title:\n%s", v)
	}
	if c, _ := m.Selected(); c.Subject() != "c28" {
		t.Errorf("the batches moved the cursor to %q, want it on c28", c.Subject())
	}
}

func TestReopeningPathHistoryCancelsTheOldWalk(t *testing.T) {
	m, g, _ := gatedView(t, 2)
	old := m.ShowPath("a.go")
	m, old = fill(t, m, old, 2)
	cmd := m.ShowPath("b.go") // the a.go walk is stopped at its gate
	select {
	case err := <-g.ended:
		if err != context.Canceled {
			t.Fatalf("the old walk ended with %v, want it cancelled", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("re-opening left the old walk running")
	}
	if old != nil {
		if msg := runWithin(t, old); msg != nil {
			m, _ = m.Update(msg)
		}
	}
	m, _ = fill(t, m, cmd, 2)
	for _, c := range m.Commits() {
		if c.Subject() == "c29" {
			t.Fatalf("a batch of the cancelled a.go walk reached the b.go list")
		}
	}
	// esc stops the running b.go walk too; nothing is left waiting.
	m, _ = drive.Keys(m, update, nil, "esc")
	if m.Loading() {
		t.Fatal("esc did not stop the walk")
	}
	select {
	case err := <-g.ended:
		if err != context.Canceled {
			t.Fatalf("the b.go walk ended with %v, want it cancelled", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("esc left the walk running")
	}
	if v := m.View(); !strings.Contains(v, "2 commits touching b.go (from") || !strings.Contains(v, "cancelled") {
		t.Errorf("view after esc:\n%s", v)
	}
}

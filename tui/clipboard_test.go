package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
	"sightline/tui/tuitest"
)

// gateWriter is a terminal that records the writes it gets; when hold
// is set, the next write waits for it to close (a terminal slow to
// drain), and the writes after it do not.
type gateWriter struct {
	mu     sync.Mutex
	hold   chan struct{}
	writes []string
}

func (w *gateWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	hold := w.hold
	w.hold = nil
	w.mu.Unlock()
	if hold != nil {
		<-hold
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

func (w *gateWriter) last() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.writes) == 0 {
		return ""
	}
	return w.writes[len(w.writes)-1]
}

// copyWriteCmd presses key on m and hands the root the copy request it
// produces, returning the write Cmd the root starts for it, not run.
func copyWriteCmd(t *testing.T, m tea.Model, key string) (tea.Model, tea.Cmd) {
	t.Helper()
	m, cmd := m.Update(tuitest.Key(key))
	for _, msg := range tuitest.Exec(t, cmd) {
		if c, ok := msg.(nav.CopyMsg); ok {
			return m.Update(c)
		}
	}
	t.Fatalf("%s asked for no copy", key)
	return nil, nil
}

// TestCopyLaterRequestWinsWhenCmdsRunOutOfOrder: y then Y, their Cmds
// run Y's first: the clipboard ends with Y's reference, y's stale write
// is skipped, and the message line names the reference.
func TestCopyLaterRequestWinsWhenCmdsRunOutOfOrder(t *testing.T) {
	clip := &gateWriter{}
	m, _ := boundModel(t, nil, clip)
	m, yCmd := copyWriteCmd(t, m, "y")
	m, bigYCmd := copyWriteCmd(t, m, "Y")
	want := OSC52("d.go:1@" + m.(Model).deps.Pin.Commit.Short())

	msgs := append(tuitest.Exec(t, bigYCmd), tuitest.Exec(t, yCmd)...)
	m = tuitest.RunModel(t, m, msgs...)
	if got := clip.last(); got != want {
		t.Errorf("clipboard ends with %q, want Y's %q (writes %q)", got, want, clip.writes)
	}
	if s := screen(m); !strings.Contains(s, "copied reference d.go:1@") || strings.Contains(s, "copied path") {
		t.Errorf("message line does not name Y's reference alone:\n%s", s)
	}
}

// TestCopyStaleMessageDropped: y's and Y's writes land in order but y's
// message arrives last: the message line still names Y's reference.
func TestCopyStaleMessageDropped(t *testing.T) {
	clip := &gateWriter{}
	m, _ := boundModel(t, nil, clip)
	m, yCmd := copyWriteCmd(t, m, "y")
	m, bigYCmd := copyWriteCmd(t, m, "Y")
	yMsgs := tuitest.Exec(t, yCmd)
	bigYMsgs := tuitest.Exec(t, bigYCmd)
	m = tuitest.RunModel(t, m, append(bigYMsgs, yMsgs...)...)
	if len(clip.writes) != 2 || clip.last() != OSC52("d.go:1@"+m.(Model).deps.Pin.Commit.Short()) {
		t.Errorf("writes %q: want the path, then Y's reference", clip.writes)
	}
	if s := screen(m); !strings.Contains(s, "copied reference d.go:1@") {
		t.Errorf("message line does not name Y's reference:\n%s", s)
	}
}

// TestCopyWritesWaitTheirTurnWithoutBlockingUpdate: y's write is stuck
// in a slow terminal; Y's request is still handled at once (Update never
// waits on the terminal), and Y's write waits for y's instead of
// overtaking it, so the clipboard ends with Y's reference.
func TestCopyWritesWaitTheirTurnWithoutBlockingUpdate(t *testing.T) {
	clip := &gateWriter{}
	m, _ := boundModel(t, nil, clip)
	m, yCmd := copyWriteCmd(t, m, "y")
	hold := make(chan struct{})
	clip.hold = hold
	yDone := make(chan []tea.Msg, 1)
	go func() { yDone <- tuitest.Exec(t, yCmd) }()

	updated := make(chan tea.Cmd, 1)
	go func() {
		var c tea.Cmd
		m, c = copyWriteCmd(t, m, "Y")
		updated <- c
	}()
	var bigYCmd tea.Cmd
	select {
	case bigYCmd = <-updated:
	case <-time.After(5 * time.Second):
		t.Fatal("Y's request waited for y's write to the terminal")
	}
	bigYDone := make(chan []tea.Msg, 1)
	go func() { bigYDone <- tuitest.Exec(t, bigYCmd) }()
	// Give Y's write the chance to overtake y's, which it must not take.
	time.Sleep(50 * time.Millisecond)
	close(hold)
	msgs := append(<-yDone, <-bigYDone...)
	m = tuitest.RunModel(t, m, msgs...)
	want := OSC52("d.go:1@" + m.(Model).deps.Pin.Commit.Short())
	if got := clip.last(); got != want {
		t.Errorf("clipboard ends with %q, want Y's %q (writes %q)", got, want, clip.writes)
	}
	if s := screen(m); !strings.Contains(s, "copied reference d.go:1@") {
		t.Errorf("message line does not name Y's reference:\n%s", s)
	}
}

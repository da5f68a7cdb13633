package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/code"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// A file larger than the code view's window, with its only hostile
// character past the first window: the tree flags it once the whole
// file is counted, and until then the status line says the count covers
// the loaded lines only.
func TestTreeFlagsHostileContentPastTheFirstWindow(t *testing.T) {
	var b strings.Builder
	for b.Len() < code.MaxRead+(1<<20) {
		b.WriteString("an ordinary generated line of text, nothing to see here\n")
	}
	b.WriteString("int late = 1; /* \u202e */\n")
	rt := repotest.New(t)
	rt.Commit("c", repotest.Tree{"gen/big.txt": {Content: b.String()}})
	r, pin := pintest.Head(t, rt)
	var m tea.Model = New(Deps{Repo: r, Pin: pin, Styles: theme.PlainStyles(), Keys: keys.DefaultGlobal()})
	m = tuitest.RunModel(t, m, append(tuitest.Exec(t, m.Init()), tea.WindowSizeMsg{Width: 160, Height: 40})...)

	// Open the file but hold back the whole-file count.
	m, cmd := m.Update(nav.OpenFileMsg{Path: "gen/big.txt"})
	var counted []tea.Msg
	queue := tuitest.Exec(t, cmd)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(code.HostileCountedMsg); ok {
			counted = append(counted, msg)
			continue
		}
		m, cmd = m.Update(msg)
		queue = append(queue, tuitest.Exec(t, cmd)...)
	}
	if len(counted) == 0 {
		t.Fatal("no whole-file count was started: the test proves nothing")
	}
	if st := statusLine(m); !strings.Contains(st, "hostile count: loaded lines only") {
		t.Errorf("while counting, the status line does not say the count is partial: %q", st)
	}
	if s := screen(m); strings.Contains(s, "big.txt [1 hostile character]") {
		t.Fatalf("flagged before the character was found:\n%s", s)
	}
	m = tuitest.RunModel(t, m, counted...)
	if s := screen(m); !strings.Contains(s, "big.txt [1 hostile character]") {
		t.Errorf("the tree does not flag the file after the whole count:\n%s", s)
	}
	if st := statusLine(m); strings.Contains(st, "loaded lines only") {
		t.Errorf("after the count, the status line still says partial: %q", st)
	}
}

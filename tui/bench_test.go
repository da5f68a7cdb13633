package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// BenchmarkFirstScreen measures the workbench from New to the first View
// that shows the root listing, on a repository whose HEAD has 100,000
// files (100 directories of 1,000), the repository already open. Init's
// Cmds run concurrently, as the bubbletea runtime runs them; the path
// index for the finder keeps running in the background and is not waited
// for.
func BenchmarkFirstScreen(b *testing.B) {
	rt := repotest.New(b)
	tree := repotest.Tree{}
	for d := range 100 {
		for f := range 1000 {
			tree[fmt.Sprintf("dir%03d/file%04d.go", d, f)] = repotest.File{Content: "package x\n"}
		}
	}
	tree["README.md"] = repotest.File{Content: "# big\n"}
	rt.Commit("100k files", tree)
	r, pin := pintest.Head(b, rt)
	styles, k := theme.PlainStyles(), keys.DefaultGlobal()
	b.ResetTimer()
	for b.Loop() {
		var m tea.Model = New(Deps{Repo: r, Pin: pin, Styles: styles, Keys: k})
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		msgs := make(chan tea.Msg, 16)
		runAsync(m.Init(), msgs)
		for !strings.Contains(m.View(), "dir000/") {
			var cmd tea.Cmd
			m, cmd = m.Update(<-msgs)
			runAsync(cmd, msgs)
		}
	}
}

// runAsync runs cmd (and the Cmds batched in it) in goroutines, sending
// their messages to out.
func runAsync(cmd tea.Cmd, out chan<- tea.Msg) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				runAsync(c, out)
			}
			return
		}
		if msg != nil {
			out <- msg
		}
	}()
}

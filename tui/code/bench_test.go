package code

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// BenchmarkScrollStep measures one "j" in a highlighted 50,000-line Go
// file at 120×40 with true colour: Update plus View, which is what a key
// costs on screen.
func BenchmarkScrollStep(b *testing.B) {
	var src strings.Builder
	src.WriteString("package big\n\nimport \"fmt\"\n\n")
	for i := 0; src.Len() < 1<<30 && i < 50000/5; i++ {
		fmt.Fprintf(&src, "// f%d returns its argument plus %d.\nfunc f%d(x int) int {\n\treturn x + %d // \"str\"\n}\n\n", i, i, i, i)
	}
	rt := repotest.New(b)
	rt.Commit("big", repotest.Tree{"big.go": {Content: src.String()}})
	r, pin := pintest.Head(b, rt)
	m := New(r, pin.Tree, theme.NewStyles(theme.Default(), trueColor()), DefaultKeyMap())
	m.SetSize(120, 40)
	m.Focus()
	m = tuitest.Run(b, m, tuitest.Exec(b, m.Open("big.go", 0))...)
	if m.Total() < 50000 || m.Lexer() != "Go" {
		b.Fatalf("fixture: %d lines, lexer %q", m.Total(), m.Lexer())
	}
	m = tuitest.Run(b, m, tuitest.Exec(b, m.GotoLine(25000))...)
	down := tuitest.Key("j")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		var cmd tea.Cmd
		m, cmd = m.Update(down)
		_ = cmd
		_ = m.View()
		if m.Line() == m.Total() {
			m.GotoLine(25000)
		}
	}
}

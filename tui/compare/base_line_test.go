package compare

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/diff"
	"sightline/tui/internal/drive"
)

// TestCompareAtBaseLandsOnTheRemovedLine: CompareAtBase on the comparison
// already listed does not list it again, and puts the cursor on the
// old-side line it names, in a changed file and in a deleted one.
func TestCompareAtBaseLandsOnTheRemovedLine(t *testing.T) {
	m := loaded(t)
	base, head, _ := m.Comparison()
	for _, c := range []struct {
		path string
		line int
	}{{"a.go", 35}, {"d.md", 2}, {"a.go", 5}} {
		var relisted []tea.Msg
		m, relisted = drive.Run(m, update, m.CompareAtBase(base, head, "v1", "v2", c.path, c.line), ChangesMsg{})
		if len(relisted) != 0 {
			t.Errorf("%s:%d: the listed comparison was listed again", c.path, c.line)
		}
		side, from, to, ok := m.Diff().Lines()
		if f, _ := m.Diff().File(); !ok || f.Change.OldPath != c.path || side != diff.SideBase || from != c.line || to != c.line {
			t.Errorf("%s:%d: cursor on %s %d-%d (%v) of %q:\n%s", c.path, c.line, side, from, to, ok, f.Change.OldPath, m.View())
		}
		if !m.DiffFocused() {
			t.Errorf("%s:%d: the diff should have the keyboard", c.path, c.line)
		}
	}
}

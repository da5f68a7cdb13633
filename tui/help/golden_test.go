package help

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"sightline/tui/keys"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// The "?" overlay as a user first sees it on an 80×24 and a 120×40
// terminal: the global keys and a pane's (the shared movement keys and
// its own, in columns that wrap at 80), as plain text (testdata/TestHelpGolden/*.golden; go test
// -update rewrites them). A disabled binding (the absent Changes tab) is
// left out; at 80 columns the pane's third column wraps below the others
// and the box just fills 24 lines.
func TestHelpGolden(t *testing.T) {
	g := keys.DefaultGlobal()
	g.Views[1].SetEnabled(false)
	pane := Group{
		keys.DefaultNav().Bindings(),
		{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file / toggle dir")),
			key.NewBinding(key.WithKeys("l"), key.WithHelp("l/→", "expand")),
			key.NewBinding(key.WithKeys("h"), key.WithHelp("h/←", "collapse / parent")),
		},
		{
			key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "select lines")),
			key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "add a finding on the selected lines")),
			key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark the file reviewed")),
			key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "the file's history")),
		},
	}
	sections := []Section{{Title: "Global", Keys: g}, {Title: "Files", Keys: pane}}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tuitest.Golden(t, View(sections, size[0], size[1], theme.PlainStyles()))
		})
	}
}

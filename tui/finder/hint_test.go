package finder

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

func TestKeyHintAndPageKeys(t *testing.T) {
	var paths []string
	for i := range 30 {
		paths = append(paths, fmt.Sprintf("src/f%02d.go", i))
	}
	m := New(theme.PlainStyles(), DefaultKeyMap())
	m.SetSize(100, 10) // 7 result rows under the input and count, over the hint
	m = tuitest.Run(t, m, tuitest.Exec(t, m.Open())...)
	m = tuitest.Run(t, m, tuitest.Exec(t, m.SetPaths(paths, nil))...)
	// "?" is part of the query, never the help.
	for _, k := range tuitest.Type("?") {
		m = tuitest.Run(t, m, k)
	}
	if m.Query() != "?" {
		t.Fatalf("query %q, want \"?\"", m.Query())
	}
	m = tuitest.Run(t, m, tuitest.Key("backspace"))
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if len(lines) != 10 {
		t.Fatalf("%d lines, want 10:\n%s", len(lines), m.View())
	}
	hint := lines[len(lines)-1]
	for _, want := range []string{"enter open", "esc close", "↑/ctrl+p up", "↓/ctrl+n down", "pgup page up", "pgdn page down"} {
		if !strings.Contains(hint, want) {
			t.Errorf("hint %q lacks %q", hint, want)
		}
	}
	m = tuitest.Run(t, m, tuitest.Key("pgdown"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "> src/f07.go") {
		t.Fatalf("pgdown should move a page (7 rows):\n%s", v)
	}
	m = tuitest.Run(t, m, tuitest.Key("pgdown"), tuitest.Key("pgdown"), tuitest.Key("pgdown"), tuitest.Key("pgdown"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "> src/f29.go") {
		t.Fatalf("pgdown past the end should stop on the last path:\n%s", v)
	}
	m = tuitest.Run(t, m, tuitest.Key("pgup"), tuitest.Key("pgup"), tuitest.Key("pgup"), tuitest.Key("pgup"), tuitest.Key("pgup"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "> src/f00.go") {
		t.Fatalf("pgup back should reach the first path:\n%s", v)
	}
	// Narrow: the keys that do not fit are left off whole, never cut.
	m.SetSize(30, 10)
	lines = strings.Split(ansi.Strip(m.View()), "\n")
	if hint := lines[len(lines)-1]; hint != "enter open  esc close" {
		t.Errorf("30 columns: hint %q, want \"enter open  esc close\"", hint)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 30 {
			t.Errorf("line %q is %d columns, more than 30", l, w)
		}
	}
}

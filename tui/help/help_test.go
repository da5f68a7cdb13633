package help

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"sightline/tui/keys"
	"sightline/tui/theme"
)

func TestHelpListsEveryEnabledBindingAndFits(t *testing.T) {
	g := keys.DefaultGlobal()
	g.Views[1].SetEnabled(false) // no Changes tab
	nav := keys.DefaultNav()
	sections := []Section{{Title: "Global", Keys: g}, {Title: "Files", Keys: Group{nav.Bindings()}}}
	for _, width := range []int{120, 60} {
		v := View(sections, width, 60, theme.PlainStyles())
		for _, want := range []string{"ctrl+p", "find file", "ctrl+f", ":N", "gg", "top", "ctrl+d", "half page down", "1", "files"} {
			if !strings.Contains(v, want) {
				t.Errorf("width %d: help lacks %q:\n%s", width, want, v)
			}
		}
		if strings.Contains(v, "changes") {
			t.Errorf("width %d: a disabled binding is listed:\n%s", width, v)
		}
		if w := lipgloss.Width(v); w > width {
			t.Errorf("help is %d columns wide, more than %d", w, width)
		}
		if strings.Contains(v, "…") {
			t.Errorf("width %d: a binding was cut:\n%s", width, v)
		}
	}
	short := View(sections, 120, 8, theme.PlainStyles())
	if n := strings.Count(short, "\n") + 1; n > 8 || !strings.Contains(short, "enlarge the terminal") {
		t.Errorf("a short terminal: %d lines\n%s", n, short)
	}
}

func TestScrolledHelpKeepsItsBorderWithALongTitle(t *testing.T) {
	nav := keys.DefaultNav()
	sections := []Section{
		{Title: "Global", Keys: keys.DefaultGlobal()},
		{Title: "Review (workspace /a/very/long/path/" + strings.Repeat("x", 120) + ")", Keys: Group{nav.Bindings()}},
	}
	for top := 0; top <= MaxTop(sections, 80, 12, theme.PlainStyles())+2; top++ {
		v := ViewAt(sections, top, 80, 12, theme.PlainStyles())
		rows := strings.Split(v, "\n")
		if len(rows) > 12 {
			t.Errorf("top %d: %d rows, want at most 12:\n%s", top, len(rows), v)
		}
		for _, row := range rows {
			if w := lipgloss.Width(row); w > 80 || !strings.HasSuffix(row, "│") && !strings.HasSuffix(row, "╮") && !strings.HasSuffix(row, "╯") {
				t.Errorf("top %d: row of width %d lost the right border: %q", top, w, row)
			}
		}
	}
	if !strings.Contains(ViewAt(sections, 99, 80, 12, theme.PlainStyles()), "bottom") {
		t.Error("scrolled past the end, the help does not show its last keys")
	}
}

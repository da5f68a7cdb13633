// Package help draws the "?" overlay: every key binding of the global map
// and of the active view, generated from their bubbles/key bindings, so
// the overlay can never disagree with what the keys do.
package help

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"sightline/tui/theme"
)

// Section is one titled group of bindings.
type Section struct {
	Title string
	Keys  help.KeyMap
}

// View draws the sections as a box of at most width × height cells.
func View(sections []Section, width, height int, s theme.Styles) string {
	h := help.New()
	h.ShowAll = true
	h.Width = max(width-4, 20)
	h.Styles.FullKey = s.Key
	h.Styles.FullDesc = s.Text
	h.Styles.FullSeparator = s.Muted
	var b strings.Builder
	b.WriteString(s.Title.Render("Keys") + s.Muted.Render("   (esc or ? closes)") + "\n")
	for _, sec := range sections {
		if !hasEnabled(sec.Keys) {
			continue
		}
		b.WriteString("\n" + s.Title.Render(sec.Title) + "\n")
		b.WriteString(h.FullHelpView(sec.Keys.FullHelp()) + "\n")
	}
	body := strings.TrimRight(b.String(), "\n")
	lines := strings.Split(body, "\n")
	if len(lines) > height-2 {
		lines = append(lines[:max(height-3, 1)], s.Muted.Render("… (enlarge the terminal to see all keys)"))
	}
	return s.Overlay.MaxWidth(width).Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

func hasEnabled(k help.KeyMap) bool {
	for _, col := range k.FullHelp() {
		for _, b := range col {
			if b.Enabled() {
				return true
			}
		}
	}
	return false
}

// Group turns a list of binding columns into a help.KeyMap, for views that
// assemble their help from several maps.
type Group [][]key.Binding

// ShortHelp returns the first column.
func (g Group) ShortHelp() []key.Binding {
	if len(g) == 0 {
		return nil
	}
	return g[0]
}

// FullHelp returns all columns.
func (g Group) FullHelp() [][]key.Binding { return g }

// Package help draws the "?" overlay: every key binding of the global map
// and of the active view, generated from their bubbles/key bindings, so
// the overlay can never disagree with what the keys do.
package help

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"sightline/tui/theme"
)

// Section is one titled group of bindings.
type Section struct {
	Title string
	Keys  help.KeyMap
}

// View draws the sections as a box of at most width × height cells. Each
// binding column is drawn as a block of "key  description" lines, and
// blocks are packed left to right, wrapping to a new row when the width
// runs out, so no binding is ever cut off for lack of width.
func View(sections []Section, width, height int, s theme.Styles) string {
	return ViewAt(sections, 0, width, height, s)
}

// ViewAt is View scrolled down by top lines when the keys do not fit in
// height (an 80×24 terminal): the title stays and the last line says how
// to scroll.
func ViewAt(sections []Section, top, width, height int, s theme.Styles) string {
	return ViewClosedBy(sections, top, width, height, "?", s)
}

// ViewClosedBy is ViewAt whose title names closeKey, the key help is
// bound to (a config may rebind it), beside esc.
func ViewClosedBy(sections []Section, top, width, height int, closeKey string, s theme.Styles) string {
	lines := bodyLines(sections, width, s)
	title := s.Title.Render("Keys") + s.Muted.Render("   (esc or "+closeKey+" closes)")
	if room := height - 4; len(lines) > height-3 {
		room = max(room, 1)
		top = min(max(top, 0), MaxTop(sections, width, height, s))
		end := min(top+room, len(lines))
		lines = append(lines[top:end:end], s.Muted.Render(fmt.Sprintf(
			"… j/k scroll: lines %d-%d of %d (enlarge the terminal to see all keys)", top+1, end, len(lines))))
	}
	lines = append([]string{title}, lines...)
	for i, l := range lines {
		// A long title (the workspace path) or the scroll hint must not
		// push the box's right border off the screen.
		lines[i] = ansi.Truncate(l, max(width-4, 20), "…")
	}
	return s.Overlay.MaxWidth(width).Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// MaxTop is the largest useful scroll offset of ViewAt.
func MaxTop(sections []Section, width, height int, s theme.Styles) int {
	n := len(bodyLines(sections, width, s))
	if n <= height-3 {
		return 0
	}
	return max(n-max(height-4, 1), 0)
}

// bodyLines are the help's lines below its title.
func bodyLines(sections []Section, width int, s theme.Styles) []string {
	inner := max(width-4, 20)
	var lines []string
	for _, sec := range sections {
		if !hasEnabled(sec.Keys) {
			continue
		}
		lines = append(lines, "", s.Title.Render(sec.Title))
		lines = append(lines, packColumns(columnBlocks(sec.Keys, s), inner)...)
	}
	return lines
}

// columnBlocks draws each column of enabled bindings as one block.
func columnBlocks(k help.KeyMap, s theme.Styles) []string {
	var blocks []string
	for _, col := range k.FullHelp() {
		var keys, descs []string
		for _, b := range col {
			if !b.Enabled() {
				continue
			}
			keys = append(keys, s.Key.Render(b.Help().Key))
			descs = append(descs, s.Text.Render(b.Help().Desc))
		}
		if len(keys) == 0 {
			continue
		}
		blocks = append(blocks, lipgloss.JoinHorizontal(lipgloss.Top,
			lipgloss.JoinVertical(lipgloss.Left, keys...), "  ",
			lipgloss.JoinVertical(lipgloss.Left, descs...), "    "))
	}
	return blocks
}

// packColumns lays blocks side by side in rows no wider than width.
func packColumns(blocks []string, width int) []string {
	var out, row []string
	w := 0
	flush := func() {
		if len(row) > 0 {
			out = append(out, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, row...), "\n")...)
		}
		row, w = nil, 0
	}
	for _, b := range blocks {
		bw := lipgloss.Width(b)
		if w > 0 && w+bw > width {
			flush()
		}
		row = append(row, b)
		w += bw
	}
	flush()
	return out
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

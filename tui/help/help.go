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

// View draws the sections as a box of at most width × height cells. Each
// binding column is drawn as a block of "key  description" lines, and
// blocks are packed left to right, wrapping to a new row when the width
// runs out, so no binding is ever cut off for lack of width.
func View(sections []Section, width, height int, s theme.Styles) string {
	inner := max(width-4, 20)
	var lines []string
	lines = append(lines, s.Title.Render("Keys")+s.Muted.Render("   (esc or ? closes)"))
	for _, sec := range sections {
		if !hasEnabled(sec.Keys) {
			continue
		}
		lines = append(lines, "", s.Title.Render(sec.Title))
		lines = append(lines, packColumns(columnBlocks(sec.Keys, s), inner)...)
	}
	if len(lines) > height-2 {
		lines = append(lines[:max(height-3, 1)], s.Muted.Render("… (enlarge the terminal to see all keys)"))
	}
	return s.Overlay.MaxWidth(width).Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
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

package changes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"sightline/repo"
	"sightline/tui/theme"
)

// View draws the totals, the title and one row per change.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := []string{
		m.styles.Title.Render(fit(m.summary(), m.width)),
		m.styles.Muted.Render(fit(m.title, m.width)),
	}
	cw := countWidth(m.changes)
	for i := m.top; i < len(m.changes) && len(lines) < m.height; i++ {
		c := m.changes[i]
		if !m.counted {
			c.Added, c.Removed = -1, -1 // not known yet
		}
		sz, ok := m.sizes[sizeKey(c)]
		lines = append(lines, row(c, cw, m.width, i == m.cursor, m.focused, m.reviewed[c.NewPath], sizesOrNil(sz, ok), m.styles))
	}
	if len(m.changes) == 0 && len(lines) < m.height {
		lines = append(lines, m.styles.Muted.Render(fit("no differences", m.width)))
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func (m Model) summary() string {
	if !m.counted {
		n := len(m.changes)
		if n == 1 {
			return "1 file changed (counting lines…)"
		}
		return fmt.Sprintf("%d files changed (counting lines…)", n)
	}
	return Summary(m.changes)
}

// Summary is the totals line: "3 files changed, +12 -4 (1 binary, 1
// deleted)"; the deleted ones are why the review's "changed r/n" counts
// fewer.
func Summary(cs []repo.FileChange) string {
	add, rem, bin, del := 0, 0, 0, 0
	for _, c := range cs {
		add += c.Added
		rem += c.Removed
		if c.Binary {
			bin++
		}
		if c.NewPath == "" {
			del++
		}
	}
	s := fmt.Sprintf("%d files changed, +%d -%d", len(cs), add, rem)
	if len(cs) == 1 {
		s = fmt.Sprintf("1 file changed, +%d -%d", add, rem)
	}
	// The status line's "changed r/n" counts the files there are at the
	// pin to review: the deleted ones it leaves out are named here.
	var notes []string
	if bin > 0 {
		notes = append(notes, fmt.Sprintf("%d binary", bin))
	}
	if del > 0 {
		notes = append(notes, fmt.Sprintf("%d deleted", del))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

// countWidth is the width of the widest "+a" or "-r" in the list.
func countWidth(cs []repo.FileChange) int {
	w := 2
	for _, c := range cs {
		w = max(w, len(strconv.Itoa(c.Added))+1, len(strconv.Itoa(c.Removed))+1)
	}
	return w
}

// Row draws one change: status, counts, path and flags, in w columns.
// The path is untrusted and goes through the sanitizer.
func Row(c repo.FileChange, cw, w int, cursor, focused bool, st theme.Styles) string {
	return row(c, cw, w, cursor, focused, false, nil, st)
}

func sizesOrNil(s Sizes, ok bool) *Sizes {
	if !ok {
		return nil
	}
	return &s
}

// row is Row with a ✓ after the path of a file marked reviewed, as the
// tree draws it; it stays when a long path is cut.
func row(c repo.FileChange, cw, w int, cursor, focused, reviewed bool, sz *Sizes, st theme.Styles) string {
	status := fmt.Sprintf("%-5s", StatusText(c))
	counts := fmt.Sprintf("%*s %*s", cw, "+"+strconv.Itoa(c.Added), cw, "-"+strconv.Itoa(c.Removed))
	switch {
	case c.Added < 0: // counts not known yet
		counts = fmt.Sprintf("%*s", 2*cw+1, "…")
	case c.Binary:
		counts = fmt.Sprintf("%*s", 2*cw+1, "bin")
	}
	segs := []theme.Seg{{Text: status + " ", Style: statusStyle(c, st)}, {Text: counts + "  ", Style: st.Muted}}
	// What follows the path (✓, flags, sizes) is short and is kept; the
	// path gives way in the middle of its directories (cut.go).
	var tail []theme.Seg
	if reviewed {
		tail = append(tail, theme.Seg{Text: " ✓", Style: st.Key})
	}
	f := Flags(c)
	if c.Binary && sz != nil {
		f = strings.Replace(f, "binary", sizeText(*sz), 1)
	}
	if f != "" {
		tail = append(tail, theme.Seg{Text: "  " + f, Style: st.Muted})
	}
	avail := w - 2 - theme.SegsWidth(segs) - theme.SegsWidth(tail)
	if avail < 8 { // too narrow to keep the flags: the path comes first
		avail, tail = w-2-theme.SegsWidth(segs), nil
	}
	var name []theme.Seg
	if c.OldPath != "" && c.NewPath != "" && c.OldPath != c.NewPath {
		half := max(1, (avail-3)/2)
		old := cutPath(c.OldPath, max(half, avail-3-theme.SegsWidth(st.Untrusted(c.NewPath, st.Text))), st)
		name = append(old, theme.Seg{Text: " → ", Style: st.Muted})
	}
	name = append(name, cutPath(c.Path(), avail-theme.SegsWidth(name), st)...)
	line := theme.Render(theme.Clip(append(append(segs, name...), tail...), w-2))
	mark := "  "
	if cursor {
		mark = "▌ "
		if !focused {
			mark = "▏ "
		}
		mark = st.LineNumberCursor.Render(mark)
	}
	line = mark + line
	if pad := w - ansi.StringWidth(line); pad > 0 {
		line += strings.Repeat(" ", pad)
	}
	if cursor && focused {
		return st.ListSelected.Render(ansi.Strip(line))
	}
	return line
}

// StatusText is the status as the list shows it: A, M, D, T, and R with
// the similarity for a rename ("R87").
func StatusText(c repo.FileChange) string {
	if c.Status == 'R' || c.Status == 'C' {
		return fmt.Sprintf("%c%d", c.Status, c.Similarity)
	}
	return string(c.Status)
}

// Flags names what the counts do not show: a mode change or a type change.
func Flags(c repo.FileChange) string {
	var f []string
	if c.OldMode != 0 && c.NewMode != 0 && c.OldMode != c.NewMode {
		f = append(f, fmt.Sprintf("mode %06o→%06o", c.OldMode, c.NewMode))
	}
	if c.Binary {
		f = append(f, "binary")
	}
	return strings.Join(f, ", ")
}

func statusStyle(c repo.FileChange, st theme.Styles) lipgloss.Style {
	switch c.Status {
	case 'A':
		return st.Severity["low"]
	case 'D':
		return st.Error
	case 'R', 'C', 'T':
		return st.Severity["medium"]
	}
	return st.Key
}

// fit cuts or pads plain text to exactly w columns.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

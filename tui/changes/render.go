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
		lines = append(lines, row(c, cw, m.width, i == m.cursor, m.focused, m.reviewed[c.NewPath], m.styles))
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
	return row(c, cw, w, cursor, focused, false, st)
}

// row is Row with a ✓ after the path of a file marked reviewed, as the
// tree draws it; it stays when a long path is cut.
func row(c repo.FileChange, cw, w int, cursor, focused, reviewed bool, st theme.Styles) string {
	status := fmt.Sprintf("%-5s", StatusText(c))
	counts := fmt.Sprintf("%*s %*s", cw, "+"+strconv.Itoa(c.Added), cw, "-"+strconv.Itoa(c.Removed))
	switch {
	case c.Added < 0: // counts not known yet
		counts = fmt.Sprintf("%*s", 2*cw+1, "…")
	case c.Binary:
		counts = fmt.Sprintf("%*s", 2*cw+1, "bin")
	}
	segs := []theme.Seg{{Text: status + " ", Style: statusStyle(c, st)}, {Text: counts + "  ", Style: st.Muted}}
	var name []theme.Seg
	base := st.Text
	if c.OldPath != "" && c.NewPath != "" && c.OldPath != c.NewPath {
		name = append(name, st.Untrusted(c.OldPath, base)...)
		name = append(name, theme.Seg{Text: " → ", Style: st.Muted})
	}
	name = append(name, st.Untrusted(c.Path(), base)...)
	if reviewed {
		name = append(name, theme.Seg{Text: " ✓", Style: st.Key})
	}
	if f := Flags(c); f != "" {
		name = append(name, theme.Seg{Text: "  " + f, Style: st.Muted})
	}
	// A long path loses its start, not its file name.
	if avail := w - 2 - theme.SegsWidth(segs); theme.SegsWidth(name) > avail && avail > 1 {
		name = append([]theme.Seg{{Text: "…", Style: st.Muted}}, theme.Cut(name, theme.SegsWidth(name)-avail+1, avail-1)...)
	}
	line := theme.Render(theme.Clip(append(segs, name...), w-2))
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

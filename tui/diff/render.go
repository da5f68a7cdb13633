package diff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// View draws the header line and the visible rows. It only slices rows
// that Prepare styled already and cuts them to the width.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if !m.loaded {
		return m.styles.Muted.Render(fit("no file selected", m.width))
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.header())
	body := m.bodyHeight()
	switch {
	case m.file.Err != nil:
		lines = append(lines, m.styles.Error.Render(fit(textsafe.Sanitize(m.file.Err.Error()), m.width)))
	case len(m.rows) == 0:
		lines = append(lines, m.styles.Note.Render(fit(Note(m.file.Change), m.width)))
	}
	gw := m.gutterWidth()
	for i := m.top; i < len(m.rows) && len(lines) < body+1; i++ {
		lines = append(lines, m.withSelection(i, m.renderRow(m.rows[i], i == m.cursor, gw)))
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	if m.note != "" && len(lines) > 1 {
		lines[len(lines)-1] = m.styles.Error.Render(fit(m.note, m.width))
	}
	return strings.Join(lines, "\n")
}

// header is "M path   hunk i/n · file j/m   unified".
func (m Model) header() string {
	mode := "unified"
	if m.split {
		mode = "side by side"
	}
	if m.file.Context != DefaultContext {
		mode += fmt.Sprintf(" · context %d", m.file.Context)
	}
	if m.escape {
		mode += ` · non-ASCII as \u{…}` // the status line can be too full to show it
	}
	right := m.Indicator() + "  " + mode
	left := StatusLabel(m.file.Change) + " " + ChangePath(m.file.Change)
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		left = ansi.Truncate(left, max(0, m.width-ansi.StringWidth(right)-2), "…")
		gap = max(1, m.width-ansi.StringWidth(left)-ansi.StringWidth(right))
	}
	return ansi.Truncate(m.styles.Header.Render(left)+strings.Repeat(" ", gap)+m.styles.Muted.Render(right), m.width, "")
}

// gutterWidth is the width of one line-number column.
func (m Model) gutterWidth() int {
	top := 0
	for _, h := range m.file.Hunks {
		top = max(top, h.OldStart+h.OldLines, h.NewStart+h.NewLines)
	}
	return max(3, len(strconv.Itoa(top)))
}

func (m Model) renderRow(r row, cursor bool, gw int) string {
	mark := " "
	if cursor {
		mark = m.styles.CursorMark.Render("▌")
		if !m.focused {
			mark = m.styles.Muted.Render("▏")
		}
	}
	h := m.file.Hunks[r.hunk]
	if r.kind == rowHunk {
		return mark + m.styles.Hunk.Render(fit(m.separator(r.hunk), m.width-1))
	}
	if !m.split {
		l := h.Lines[r.l]
		g := num(l.OldLine, l.Kind != '+', gw) + " " + num(l.NewLine, l.Kind != '-', gw)
		return mark + m.styles.Gutter.Render(g) + m.flag(r.hunk, r.l) + m.side(r.hunk, r.l, m.width-2-len(g))
	}
	half := (m.width - 2) / 2
	left := m.splitHalf(r.hunk, r.l, true, gw, half)
	right := m.splitHalf(r.hunk, r.r, false, gw, m.width-2-half)
	return mark + left + m.styles.Muted.Render("│") + right
}

// splitHalf draws one column of a side-by-side row.
func (m Model) splitHalf(hi, i int, old bool, gw, w int) string {
	if i < 0 {
		return strings.Repeat(" ", max(0, w))
	}
	l := m.file.Hunks[hi].Lines[i]
	n := l.NewLine
	if old {
		n = l.OldLine
	}
	g := num(n, true, gw)
	return m.styles.Gutter.Render(g) + m.flag(hi, i) + m.side(hi, i, w-1-len(g))
}

// flag is the column after the line numbers: ! on a line with hostile
// characters (as in the code view's gutter), so markers in a long line
// cannot go unnoticed.
func (m Model) flag(hi, i int) string {
	if m.cellFor(hi, i).hostile > 0 {
		return m.styles.HostileMk.Render("!")
	}
	return m.styles.Gutter.Render(" ")
}

// side draws the sign and text of hunk line i in w columns, cut at the
// horizontal offset and padded with the line's background. A row whose
// text goes on past its right edge ends in › and one with text scrolled off
// to the left starts with ‹: code pushed out of view behind a run of
// spaces must never look like an empty tail.
func (m Model) side(hi, i, w int) string {
	if w <= 1 {
		return strings.Repeat(" ", max(0, w))
	}
	l := m.file.Hunks[hi].Lines[i]
	k := kindIndex(l.Kind)
	sign := string(l.Kind)
	c := m.cellFor(hi, i)
	tw := w - 1 // columns for text, after the sign
	right := c.width > m.xoff+tw && tw > 1
	left := m.xoff > 0 && c.width > 0 && tw > 2
	from, to := m.xoff, m.xoff+tw
	if left {
		from++
	}
	if right {
		to--
	}
	text := ansi.Cut(c.text, from, to)
	if left {
		text = m.styles.Edge.Render(LeftEdge) + text
	}
	edge := 0
	if right {
		edge = 1
	}
	if pad := tw - edge - ansi.StringWidth(text); pad > 0 {
		text += m.styles.Line[k].Render(strings.Repeat(" ", pad))
	}
	switch {
	case right:
		text += m.styles.Edge.Render(RightEdge)
	case l.NoEOL:
		text = ansi.Truncate(text, w-2, "") + m.styles.Marker.Render("⏎")
	}
	return m.styles.Sign[k].Render(sign) + text
}

// Edge markers drawn in the last (first) text column of a row whose text
// goes on past the pane's right (left) edge.
const (
	RightEdge = "›"
	LeftEdge  = "‹"
)

// cellFor returns the prepared text of line i of hunk hi, escaped in the
// escape non-ASCII mode.
func (m Model) cellFor(hi, i int) cell {
	if hi < len(m.file.cells) && i < len(m.file.cells[hi]) {
		c := m.file.cells[hi][i]
		if m.escape && c.esc != nil {
			e := *c.esc
			e.hostile = c.hostile
			return e
		}
		return c
	}
	return cell{}
}

// separator is the hunk header line with the count of lines hidden above.
func (m Model) separator(hi int) string {
	h := m.file.Hunks[hi]
	hidden := h.OldStart - 1
	if hi > 0 {
		p := m.file.Hunks[hi-1]
		hidden = h.OldStart - (p.OldStart + p.OldLines)
	}
	if h.OldLines == 0 && hi == 0 {
		hidden = 0
	}
	s := fmt.Sprintf("── @@ -%d,%d +%d,%d @@ ", h.OldStart, h.OldLines, h.NewStart, h.NewLines)
	switch {
	case hidden == 1:
		s += "· 1 unchanged line above "
	case hidden > 1:
		s += fmt.Sprintf("· %d unchanged lines above ", hidden)
	}
	return s + strings.Repeat("─", max(0, m.width))
}

// num formats a line number right-aligned in w columns, or blanks.
func num(n int, show bool, w int) string {
	if !show || n <= 0 {
		return strings.Repeat(" ", w)
	}
	s := strconv.Itoa(n)
	return strings.Repeat(" ", max(0, w-len(s))) + s
}

// fit cuts or pads s (plain text) to exactly w columns.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// StatusLabel is the one-letter status of a change, with the similarity
// of a rename or copy ("R087" as git prints it reads badly; "R87%").
func StatusLabel(c repo.FileChange) string {
	if c.Status == 'R' || c.Status == 'C' {
		return fmt.Sprintf("%c%d%%", c.Status, c.Similarity)
	}
	return string(c.Status)
}

// ChangePath is the sanitized path of a change, "old → new" for a rename.
func ChangePath(c repo.FileChange) string {
	if c.OldPath != "" && c.NewPath != "" && c.OldPath != c.NewPath {
		return textsafe.Sanitize(c.OldPath) + " → " + textsafe.Sanitize(c.NewPath)
	}
	if c.NewPath != "" {
		return textsafe.Sanitize(c.NewPath)
	}
	return textsafe.Sanitize(c.OldPath)
}

// Note says why a change has no hunks to show.
func Note(c repo.FileChange) string {
	switch {
	case c.Binary:
		switch c.Status {
		case 'A':
			return "binary file added (contents not shown)"
		case 'D':
			return "binary file deleted (contents not shown)"
		}
		return "binary file: contents differ (not shown)"
	case c.OldMode != c.NewMode && c.OldMode != 0 && c.NewMode != 0 && c.Added+c.Removed == 0:
		return fmt.Sprintf("mode changed %06o → %06o; contents unchanged", c.OldMode, c.NewMode)
	case c.Status == 'R' && c.Added+c.Removed == 0:
		return "renamed without changes"
	case c.Status == 'A':
		return "empty file added"
	case c.Status == 'D':
		return "empty file deleted"
	}
	return "no textual changes"
}

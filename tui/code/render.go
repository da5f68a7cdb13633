package code

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"

	"sightline/repo"
	"sightline/tui/theme"
)

// maxWrapRows caps how many rows one line may take when wrapping, so a
// 1 MiB line does not fill thousands of rows.
const maxWrapRows = 8

// Edge markers drawn in the last (first) column of a row whose text goes on
// past the pane's right (left) edge.
const (
	RightEdge = "›"
	LeftEdge  = "‹"
)

// View draws banners and the visible lines, exactly width × height.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var rows []string
	for _, b := range m.bannerRows() {
		rows = append(rows, m.fit(b))
	}
	switch {
	case m.loading != "":
		rows = append(rows, m.fit(append([]theme.Seg{{Text: "loading ", Style: m.styles.Muted}},
			m.styles.Untrusted(m.loading, m.styles.Muted)...)))
	case m.err != nil:
		rows = append(rows, m.fit(append([]theme.Seg{{Text: "⚠ ", Style: m.styles.Error}},
			m.styles.Untrusted(m.err.Error(), m.styles.Error)...)))
	case m.doc == nil:
		rows = append(rows, m.fit([]theme.Seg{{Text: "No file open: enter in the tree, or ctrl+p to find one.", Style: m.styles.Muted}}))
	case m.doc.Entry.Kind == repo.KindSubmodule:
		rows = append(rows, m.fit([]theme.Seg{{Text: "submodule pinned at commit " + m.doc.Entry.Hash.String(), Style: m.styles.Text}}),
			m.fit([]theme.Seg{{Text: "its content is NOT part of this review (sightline never fetches it)", Style: m.styles.Muted}}))
	case m.hex:
		rows = m.hexRowsView(rows)
	case len(m.doc.Lines) == 0:
		rows = append(rows, m.fit([]theme.Seg{{Text: "(empty file)", Style: m.styles.Muted}}))
	default:
		rows = m.codeRows(rows)
	}
	if len(rows) > m.height {
		rows = rows[:m.height]
	}
	blank := strings.Repeat(" ", m.width)
	for len(rows) < m.height {
		rows = append(rows, blank)
	}
	return strings.Join(rows, "\n")
}

// fit clips or pads segments to the pane width and draws them.
func (m Model) fit(segs []theme.Seg) string {
	segs = theme.Clip(segs, m.width)
	if pad := m.width - theme.SegsWidth(segs); pad > 0 {
		segs = append(segs, theme.Seg{Text: strings.Repeat(" ", pad), Style: m.styles.Text})
	}
	return theme.Render(segs)
}

// banners are the notes above the code: hostile characters, a NUL hidden
// in source, a cut or large file, a symlink.
func (m Model) banners() []string {
	d := m.doc
	if d == nil || m.loading != "" {
		return nil
	}
	var out []string
	if m.paging != "" {
		out = append(out, m.paging)
	}
	switch {
	case m.hunt.status != "" && m.hunt.kind == huntSearch:
		out = append(out, "/"+m.search.query+": "+m.hunt.status) // a search past the window
	case m.hunt.status != "":
		out = append(out, m.hunt.status)
	case m.hunt.note != "":
		out = append(out, m.hunt.note)
	}
	if d.Mismatch != nil {
		out = append(out, "⚠ object content does not match its ID (blob "+d.Entry.Hash.Short()+"): the object file was replaced or damaged")
	}
	if d.NULSource {
		out = append(out, "⚠ NUL byte in source file (compilers such as GCC ignore NUL with a warning); git calls it binary")
	}
	if s := m.hostileBanner(); s != "" {
		out = append(out, s)
	}
	if d.Entry.Kind == repo.KindSymlink {
		out = append(out, "symlink → "+d.Target+" (the target is shown, never followed)")
		if repo.SymlinkOutside(d.Path, d.Target) {
			out = append(out, "⚠ symlink points outside the repository (never opened)")
		}
	}
	if d.Blob.Binary && !d.NULSource {
		out = append(out, "binary file (NUL in the first 8000 bytes): x switches between hex and text")
	}
	id := m.idNote()
	switch {
	case m.hex:
		// The hex view says the blob's size; only its id check is left.
		switch {
		case id == "":
		case d.Paged:
			out = append(out, "large binary file, read a window at a time; "+id)
		default:
			out = append(out, "large binary file, shown in part; "+id)
		}
	case d.Paged:
		out = append(out, fmt.Sprintf("showing lines %s–%s of this %s file as plain text; the rest loads as you move",
			commas(d.Base+1), commas(d.Base+len(d.Lines)), humanSize(d.Blob.Size))+withNote(id))
		if d.LineFrom > 0 {
			out = append(out, fmt.Sprintf("⚠ line %s starts %s before what is shown: this window opens at byte %s of it; k loads the lines above",
				commas(d.Base+1), humanSize(d.LineFrom), commas(int(d.LineFrom))))
		}
		if d.CutLine {
			out = append(out, fmt.Sprintf("⚠ line %s goes on past the %s loaded: the rest of that line is not shown; j goes on at the next line",
				commas(d.Base+len(d.Lines)), humanSize(int64(len(d.Blob.Data)))))
		}
	case d.Blob.Truncated:
		out = append(out, fmt.Sprintf("file is %s, shown in part as plain text", humanSize(d.Blob.Size))+withNote(id))
	case d.AsText && (d.Blob.Size > FullHighlightMax || d.LongLines):
		out = append(out, fmt.Sprintf("large file or long lines: highlighting only what is on screen (may be imprecise); lines over %d bytes are plain", LongLine))
	}
	return out
}

// withNote is "; " and note, or "" for no note.
func withNote(note string) string {
	if note == "" {
		return ""
	}
	return "; " + note
}

// textHeight is the number of rows left for code below the banners.
func (m Model) textHeight() int { return max(m.height-len(m.bannerRows()), 1) }

// maxBannerRows caps how many rows one banner may wrap onto.
const maxBannerRows = 3

// bannerRows wraps each banner to the pane width (a cut warning could
// hide what it warns about), at most maxBannerRows rows each.
func (m Model) bannerRows() [][]theme.Seg {
	var out [][]theme.Seg
	w := max(m.width, 1)
	for _, b := range m.banners() {
		segs := m.styles.Untrusted(b, m.styles.Banner)
		total := theme.SegsWidth(segs)
		for r := 0; r*w < total; r++ {
			if r == maxBannerRows-1 && (r+1)*w < total {
				out = append(out, theme.Clip(theme.Cut(segs, r*w, total-r*w), w))
				break
			}
			out = append(out, theme.Cut(segs, r*w, w))
		}
	}
	return out
}

// gutterWidth is the width of everything left of the text: the hostile
// mark, the finding mark, the extra column, the line number and a space.
func (m Model) gutterWidth() int {
	w := 2 + m.numWidth() + 1
	if m.GutterShown() {
		w += m.gutter.Width + 1
	}
	return w
}

func (m Model) numWidth() int { return max(3, len(strconv.Itoa(m.Total()))) }

// textWidth is the number of columns for code.
func (m Model) textWidth() int { return max(m.width-m.gutterWidth(), 1) }

// codeRows appends the visible lines to rows.
func (m Model) codeRows(rows []string) []string {
	th, tw := m.textHeight(), m.textWidth()
	limit := m.xoff + tw
	if m.wrap {
		limit = tw * maxWrapRows
	}
	for i := m.top; i < len(m.doc.Lines) && len(rows) < m.height && th > 0; i++ {
		segs, size, more := m.lineSegs(i, limit)
		if m.selected(i) {
			segs = withBackground(segs, m.styles.Selection)
		} else if i == m.cursor && m.focused {
			segs = withBackground(segs, m.styles.CursorLine)
		}
		if !m.wrap {
			body := m.window(segs, m.xoff, tw, more, size, true)
			rows = append(rows, theme.Render(append(m.gutterSegs(i, true), body...)))
			th--
			continue
		}
		total := theme.SegsWidth(segs)
		for r := 0; th > 0 && r < maxWrapRows; r++ {
			last := (r+1)*tw >= total || r == maxWrapRows-1
			// Only the last row of a wrapped long line says it goes on;
			// on the rows before it the text simply continues below.
			sz := 0
			if last {
				sz = size
			}
			body := m.window(segs, r*tw, tw, last && (more || total > (r+1)*tw), sz, false)
			rows = append(rows, theme.Render(append(m.gutterSegs(i, r == 0), body...)))
			th--
			if last {
				break
			}
		}
	}
	return rows
}

// window cuts columns [from, from+w) of a line and pads them. A row whose
// text goes on past its right edge says so in its last column, and an
// unwrapped row scrolled right says so in its first (scroll is true): code
// pushed out of view behind a run of spaces must never look like an empty
// tail. A long line's end of window says how big it is and how to see it.
// more reports that bytes were left out of segs; in wrap mode only the
// last row of a line is passed with more or size set.
func (m Model) window(segs []theme.Seg, from, w int, more bool, size int, scroll bool) []theme.Seg {
	body := theme.Cut(segs, from, w)
	right := more || (scroll && theme.SegsWidth(segs) > from+w)
	switch {
	case right && size > LongLine:
		how := "w: unwrap, then l/h or $"
		if scroll {
			how = "scroll with l/h"
		}
		note := fmt.Sprintf(" … [long line: %s bytes, %s]", commas(size), how)
		nw := min(runewidth.StringWidth(note), w)
		body = append(theme.Cut(body, 0, w-nw), theme.Seg{Text: note, Style: m.styles.Cut})
		body = theme.Cut(body, 0, w)
	case right && w > 1:
		body = append(theme.Cut(body, 0, w-1), theme.Seg{Text: RightEdge, Style: m.styles.Cut})
	}
	if scroll && from > 0 && len(segs) > 0 && w > 2 {
		body = append([]theme.Seg{{Text: LeftEdge, Style: m.styles.Cut}}, theme.Cut(body, 1, w-1)...)
	}
	if pad := w - theme.SegsWidth(body); pad > 0 {
		body = append(body, theme.Seg{Text: strings.Repeat(" ", pad), Style: m.styles.Text})
	}
	return body
}

// gutterSegs draws the gutter of line i: hostile mark, finding mark, extra
// column, line number (blank on wrapped continuation rows).
func (m Model) gutterSegs(i int, first bool) []theme.Seg {
	s := m.styles
	out := make([]theme.Seg, 0, 6)
	switch {
	case first && m.doc.Hostile[i] > 0:
		out = append(out, theme.Seg{Text: "!", Style: s.HostileMark})
	default:
		out = append(out, theme.Seg{Text: " ", Style: s.Text})
	}
	if mk := m.MarksAt(m.doc.Base + i + 1); len(mk) > 0 {
		out = append(out, theme.Seg{Text: "▌", Style: mk[0].Style})
	} else {
		out = append(out, theme.Seg{Text: " ", Style: s.Text})
	}
	if m.GutterShown() {
		text := ""
		if j := m.doc.Base + i; first && j < len(m.gutter.Lines) {
			text = m.gutter.Lines[j]
		}
		g := theme.Clip([]theme.Seg{{Text: text, Style: s.Gutter}}, m.gutter.Width)
		out = append(out, g...)
		out = append(out, theme.Seg{Text: strings.Repeat(" ", m.gutter.Width-theme.SegsWidth(g)+1), Style: s.Text})
	}
	num := strings.Repeat(" ", m.numWidth())
	numStyle := s.LineNumber
	if first {
		num = fmt.Sprintf("%*d", m.numWidth(), m.doc.Base+i+1)
	}
	if i == m.cursor {
		numStyle = s.LineNumberCursor
	}
	sep := " "
	if m.selected(i) {
		sep = "┃"
		numStyle = numStyle.Inherit(s.Selection)
	}
	return append(out, theme.Seg{Text: num, Style: numStyle}, theme.Seg{Text: sep, Style: s.Selection})
}

// withBackground gives every segment without a background of its own the
// background of bg (cursor line, selection).
func withBackground(segs []theme.Seg, bg lipgloss.Style) []theme.Seg {
	out := make([]theme.Seg, len(segs))
	for i, sg := range segs {
		if _, none := sg.Style.GetBackground().(lipgloss.NoColor); none {
			sg.Style = sg.Style.Background(bg.GetBackground())
		}
		out[i] = sg
	}
	return out
}

// maxXOff is how far right the view may scroll: until the widest visible
// line's end is in view.
func (m Model) maxXOff() int {
	w := 0
	for i := m.top; i < min(m.top+m.textHeight(), len(m.doc.Lines)); i++ {
		w = max(w, m.lineWidth(i))
	}
	return max(0, w-m.textWidth()/2)
}

// wrapRows is how many rows line i takes when wrapped.
func (m Model) wrapRows(i int) int {
	w := m.lineWidth(i)
	return min(max(1, (w+m.textWidth()-1)/m.textWidth()), maxWrapRows)
}

// columnOf is the display column of byte offset off in line i.
func (m Model) columnOf(i, off int) int {
	raw := m.displayLine(i)
	if off > len(raw) || len(raw) > LongLine {
		return off
	}
	b := segBuilder{s: m.styles, lineNo: m.doc.Base + i + 1, escape: m.escape}
	b.add(string(raw[:off]), 0, lipgloss.Style{}, false)
	return b.col
}

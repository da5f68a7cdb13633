package code

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/theme"
)

// displayLine is line i without its LF, and without the CR of a CRLF
// ending (a Windows line ending overprints nothing; the scanner does not
// report it either).
func (m Model) displayLine(i int) []byte {
	l := repo.TrimEOL(m.doc.Lines[i])
	if len(l) < len(m.doc.Lines[i]) && len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	return l
}

// lineSegs builds line i as display segments: chroma tokens styled, every
// piece sanitized (hostile characters as markers), tabs expanded, search
// matches overlaid. For a line longer than LongLine only the bytes needed
// for about limit columns are processed; more reports that bytes were left
// out. size is the line's length in bytes.
func (m Model) lineSegs(i, limit int) (segs []theme.Seg, size int, more bool) {
	raw := m.displayLine(i)
	size = len(raw)
	var toks []token
	if i < len(m.toks) {
		toks = m.toks[i]
	}
	if len(raw) > LongLine {
		n := min(len(raw), 4*limit+64)
		for n < len(raw) && n > 0 && raw[n]&0xC0 == 0x80 {
			n-- // do not split a UTF-8 sequence
		}
		raw, more, toks = raw[:n], n < len(raw), nil
	}
	if len(toks) == 0 || int(toks[len(toks)-1].end) < len(raw) {
		toks = []token{{end: int32(len(raw))}} // plain
	}
	b := segBuilder{s: m.styles, lineNo: m.doc.Base + i + 1, escape: m.escape} // the file's line: a BOM is only on line 1
	ms := m.lineMatches(i)
	cur := -1
	if m.search.current >= 0 && m.search.current < len(m.search.matches) && m.search.matches[m.search.current].line == i {
		cur = m.search.matches[m.search.current].start
	}
	cw := m.cursorMarks(i)
	start := 0
	for _, t := range toks {
		end := min(int(t.end), len(raw))
		st := m.styles.Token(t.tt)
		for start < end {
			// Split the token at match and cursor boundaries.
			stop, over := end, lipgloss.Style{}
			hasOver, onCursor := false, false
			for _, c := range cw {
				switch {
				case c.start <= start && start < c.end:
					stop, onCursor = min(stop, c.end), true
				case start < c.start && c.start < stop:
					stop = c.start
				}
			}
			for _, mt := range ms {
				switch {
				case mt.start <= start && start < mt.end:
					stop, hasOver = min(stop, mt.end), true
					over = m.styles.Match
					if mt.start == cur {
						over = m.styles.CurrentMatch
					}
				case start < mt.start && mt.start < stop:
					stop = mt.start
				}
			}
			pst := st
			switch {
			case onCursor:
				pst = m.styles.CursorWord.Inherit(st)
			case hasOver:
				pst = st.Inherit(over).Background(over.GetBackground()).Reverse(over.GetReverse())
			}
			b.add(string(raw[start:stop]), start, pst, hasOver || onCursor)
			start = stop
		}
	}
	return b.segs, size, more
}

// segBuilder sanitizes pieces of a line into segments, expanding tabs.
type segBuilder struct {
	s      theme.Styles
	lineNo int
	col    int
	segs   []theme.Seg
	escape bool // draw every non-ASCII character as \u{XXXX} (u)
}

func (b *segBuilder) add(text string, offset int, st lipgloss.Style, overlay bool) {
	lineNo := b.lineNo
	if offset > 0 && lineNo == 1 {
		lineNo = 2 // only a U+FEFF at the very start is a byte order mark
	}
	for _, sp := range textsafe.LineSpans(text, lineNo) {
		if sp.Kind != textsafe.Plain {
			ms := b.s.Marker
			if overlay {
				ms = ms.Underline(true)
			}
			t := sp.Text
			if b.escape {
				t = theme.EscapeNonASCII(t) // a homoglyph marker is the letter itself
			}
			b.segs = append(b.segs, theme.Seg{Text: t, Style: ms})
			b.col += runewidth.StringWidth(t)
			continue
		}
		if b.escape {
			b.escaped(sp.Text, st, overlay)
			continue
		}
		b.tabbed(sp.Text, st)
	}
}

// tabbed adds plain text, expanding tabs to the next tab stop.
func (b *segBuilder) tabbed(t string, st lipgloss.Style) {
	for {
		j := strings.IndexByte(t, '\t')
		if j < 0 {
			break
		}
		b.plain(t[:j], st)
		n := TabWidth - b.col%TabWidth
		b.segs = append(b.segs, theme.Seg{Text: strings.Repeat(" ", n), Style: st})
		b.col += n
		t = t[j+1:]
	}
	b.plain(t, st)
}

func (b *segBuilder) plain(t string, st lipgloss.Style) {
	if t == "" {
		return
	}
	b.segs = append(b.segs, theme.Seg{Text: t, Style: st})
	b.col += runewidth.StringWidth(t)
}

// lineWidth is the display width of line i (estimated from its length for
// long lines).
func (m Model) lineWidth(i int) int {
	if m.doc == nil || i >= len(m.doc.Lines) {
		return 0
	}
	if l := m.displayLine(i); len(l) > LongLine {
		return len(l)
	}
	segs, _, _ := m.lineSegs(i, 0)
	return theme.SegsWidth(segs)
}

// commas formats n with thousands separators: 1,048,577.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// humanSize formats a byte count as "120.0 MiB".
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

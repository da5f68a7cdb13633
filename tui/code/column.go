package code

import (
	"math"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/tui/keys"
)

// The column cursor: gd, gr and * take the word under it. It is kept as
// the display column the reviewer asked for (want, as vim's curswant), so
// j and k keep it across shorter lines; the byte it stands on is worked
// out from the line as drawn (tabs expanded, hostile characters as their
// markers), so a hostile line cannot put it somewhere other than where it
// is drawn, while the word looked up is always the stored text.

// toLineEnd is a want that stays at the end of every line ($).
const toLineEnd = math.MaxInt

// cell is one stored character of a line as drawn: its byte offset and
// the columns its display form takes.
type cell struct{ off, col, w int }

// cells lays out line i (at most LongLine bytes: see runeStart) a
// character at a time through the same sanitizer and tab expansion the
// view draws with.
func (m Model) cells(i int) []cell {
	raw := m.displayLine(i)
	out := make([]cell, 0, len(raw))
	b := segBuilder{s: m.styles, lineNo: m.doc.Base + i + 1, escape: m.escape}
	for off := 0; off < len(raw); {
		_, n := utf8.DecodeRune(raw[off:])
		col := b.col
		b.add(string(raw[off:off+n]), off, lipgloss.Style{}, false)
		b.segs = b.segs[:0]
		out = append(out, cell{off: off, col: col, w: b.col - col})
		off += n
	}
	return out
}

// cursorByte is the byte offset of the cursor in its line: the character
// drawn at the wanted column, else the line's last one (0 on an empty
// line).
func (m Model) cursorByte() int {
	if m.doc == nil || m.cursor >= len(m.doc.Lines) {
		return 0
	}
	if raw := m.displayLine(m.cursor); len(raw) > LongLine {
		return runeStart(raw, min(m.want, len(raw)-1))
	}
	cs := m.cells(m.cursor)
	at := 0
	for _, c := range cs {
		if c.col > m.want {
			break
		}
		if c.w > 0 || c.off == 0 {
			at = c.off // a zero-width character stays with the one before
		}
	}
	return at
}

// colOfByte is the display column where byte off of line i is drawn.
func (m Model) colOfByte(i, off int) int {
	if len(m.displayLine(i)) > LongLine {
		return off // a long line is counted a byte a column, as columnOf counts it
	}
	col := 0
	for _, c := range m.cells(i) {
		if c.off >= off {
			return c.col
		}
		col = c.col + c.w
	}
	return col
}

// runeStart is off moved back to the start of the UTF-8 sequence it is in.
func runeStart(raw []byte, off int) int {
	for off > 0 && off < len(raw) && !utf8.RuneStart(raw[off]) {
		off--
	}
	return max(off, 0)
}

// setColumn puts the cursor on byte off of the cursor line and scrolls
// sideways to show it.
func (m *Model) setColumn(off int) {
	m.want = m.colOfByte(m.cursor, off)
	m.showCursor()
}

// wordAtCursor is the stored word gd, gr and * take and its byte range:
// the word the cursor is on, else the first after it on the line.
func (m Model) wordAtCursor() (word string, start, end int) {
	if m.doc == nil || m.hex || m.cursor >= len(m.doc.Lines) {
		return "", 0, 0
	}
	raw, off, base := m.displayLine(m.cursor), m.cursorByte(), 0
	if len(raw) > LongLine {
		// Only the bytes around the cursor: this runs on every frame.
		base = runeStart(raw, max(0, off-LongLine))
		raw = raw[:runeStart(raw, min(len(raw), off+LongLine))][base:]
	}
	text := string(raw)
	s, e, ok := keys.WordRange(text, off-base)
	if !ok {
		return "", 0, 0
	}
	return text[s:e], base + s, base + e
}

// WordAtCursor is the word * searches and gd and gr look up: the word
// under the column cursor, else the first after it on the line (W, B, e,
// 0 and $ move the cursor; h and l scroll and keep it on screen). "" when
// there is none, or the file is shown as hex.
func (m Model) WordAtCursor() string {
	w, _, _ := m.wordAtCursor()
	return w
}

// wordMotion moves the cursor to the next word start (dir 1, W), the
// previous word start (dir -1, B) or the next word end (dir 0, e),
// going on to the following (preceding) lines as vim does. At the first
// or last word of the loaded lines it stays put.
func (m *Model) wordMotion(dir int) {
	if m.hex {
		return
	}
	off, step := m.cursorByte(), 1
	if dir < 0 {
		step = -1
	}
	for i := m.cursor; i >= 0 && i < len(m.doc.Lines); i += step {
		text := string(m.displayLine(i))
		at := -1
		switch dir {
		case 1:
			at = keys.NextWordStart(text, off)
		case -1:
			at = keys.PrevWordStart(text, off)
		default:
			at = keys.NextWordEnd(text, off)
		}
		if at >= 0 {
			m.cursor = i
			m.clamp()
			m.setColumn(at)
			return
		}
		if dir < 0 {
			off = math.MaxInt
		} else {
			off = -1
		}
	}
}

// firstNonBlank puts the cursor on the first character of its line that
// is not a space, as vim's gg, G and page moves do (startofline).
func (m *Model) firstNonBlank() {
	if m.doc == nil || m.cursor >= len(m.doc.Lines) {
		return
	}
	text := m.displayLine(m.cursor)
	off := 0
	for off < len(text) {
		r, n := utf8.DecodeRune(text[off:])
		if !unicode.IsSpace(r) {
			break
		}
		off += n
	}
	if off == len(text) {
		off = 0
	}
	m.setColumn(off)
}

// showCursor scrolls sideways, when the line is not wrapped, so that the
// cursor's column is on screen (off the edge markers).
func (m *Model) showCursor() {
	if m.wrap || m.doc == nil || m.cursor >= len(m.doc.Lines) {
		return
	}
	col, tw := m.colOfByte(m.cursor, m.cursorByte()), m.textWidth()
	if col < m.xoff+1 && m.xoff > 0 || col >= m.xoff+tw-1 {
		m.xoff = max(0, col-tw/3)
	}
}

// keepCursorOnScreen is for h and l, which scroll: the cursor moves into
// the columns now shown, so gd takes a word the reviewer can see.
func (m *Model) keepCursorOnScreen() {
	if m.wrap || m.doc == nil || m.cursor >= len(m.doc.Lines) {
		return
	}
	col, tw := m.colOfByte(m.cursor, m.cursorByte()), m.textWidth()
	lo, hi := m.xoff, m.xoff+tw-2
	if m.xoff > 0 {
		lo++ // the first column holds the ‹ marker
	}
	m.want = min(max(col, lo), max(hi, lo))
}

// cursorMarks are the byte ranges of line i drawn as the cursor: the
// character under it and the word gd would take (the same range when the
// cursor is on a word). None unless the view has focus.
func (m Model) cursorMarks(i int) []match {
	if !m.focused || m.hex || i != m.cursor || m.doc == nil || len(m.displayLine(i)) == 0 {
		return nil
	}
	off := m.cursorByte()
	_, n := utf8.DecodeRune(m.displayLine(i)[off:])
	out := []match{{line: i, start: off, end: off + n}}
	if w, s, e := m.wordAtCursor(); w != "" {
		out = append(out, match{line: i, start: s, end: e})
	}
	return out
}

// spot is a cursor position in a file the view left: its 1-based line
// and wanted column.
type spot struct{ line, want int }

// maxSpots bounds the files whose cursor column is remembered.
const maxSpots = 256

// remember notes where the cursor is in the open file before another
// file replaces it, so that coming back to that line (ctrl+o after gd)
// puts the cursor back on the word it was on, as vim's jump list does.
func (m *Model) remember() {
	if m.doc == nil || m.hex || len(m.doc.Lines) == 0 {
		return
	}
	if m.left == nil || len(m.left) >= maxSpots {
		m.left = map[string]spot{}
	}
	m.left[m.doc.Path] = spot{line: m.Line(), want: m.want}
}

// recall restores the column remembered for the open file when the
// cursor is back on the line it was left at.
func (m *Model) recall() {
	if sp, ok := m.left[m.doc.Path]; ok && sp.line == m.Line() && !m.hex {
		m.want = sp.want
		m.showCursor()
	}
}

// landing is the byte column (1-based) a window requested by a jump puts
// the cursor on when it arrives, for window request req.
type landing struct{ req, col int }

// requestLanding loads the window holding line n of a large file; the
// cursor lands on byte column col of it (0: where the window puts it).
func (m *Model) requestLanding(n, col int) tea.Cmd {
	cmd := m.requestWindow(n)
	m.land = landing{req: m.pageReq, col: col}
	return cmd
}

// landOn puts the column cursor on byte column col (1-based, as the
// symbol index and "sightline def" count) of the cursor line, turned into
// the column it is drawn at (tabs expanded, hostile characters as their
// markers; a line over LongLine a byte a column): a jump lands on the
// name. Past the line's end it lands on the last character; col 0 is the
// first non-blank, as every other jump.
func (m *Model) landOn(col int) {
	if col <= 0 || m.doc == nil || m.hex || m.cursor >= len(m.doc.Lines) {
		m.firstNonBlank()
		return
	}
	raw, off := m.displayLine(m.cursor), col-1
	if m.cursor == 0 {
		off -= int(m.doc.LineFrom) // a window starting inside its first line
	}
	off = runeStart(raw, min(max(off, 0), max(len(raw)-1, 0)))
	m.setColumn(off)
}

// Column is the cursor's 1-based byte column in its line (0 when no text
// is shown), the form OpenAt takes: the jump list keeps it so that ctrl+o
// returns to the word the reviewer left.
func (m Model) Column() int {
	if m.doc == nil || m.hex || m.cursor >= len(m.doc.Lines) {
		return 0
	}
	col := m.cursorByte() + 1
	if m.cursor == 0 {
		col += int(m.doc.LineFrom)
	}
	return col
}

package diff

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/theme"
)

// Display limits for one diff line: longer lines are cut with a marker
// that gives the full length (SECURITY-NOTES HOST-15).
const maxLineBytes = 16 << 10

// tabWidth matches the code view's tab stops.
const tabWidth = 4

// File is one file's diff, prepared for display. Prepare builds it off the
// UI goroutine (lexing and word diffs are the slow part); the pane then
// only slices it.
type File struct {
	Change  repo.FileChange
	Context int         // lines of context the hunks were made with
	Hunks   []repo.Hunk // as repo.DiffBlobs returned them
	Err     error       // why the diff could not be made, shown in the pane

	cells [][]cell // per hunk, per line: the styled text
}

// cell is one diff line's text, styled and tab-expanded, at full length.
type cell struct {
	text    string
	width   int
	hostile int   // hostile characters on the line (textsafe Kind.Hostile)
	esc     *cell // the line with non-ASCII escaped as \u{XXXX}; nil for ASCII lines
}

// Prepare highlights and word-diffs hunks for display. It is pure and may
// be slow on big hunks: call it from a tea.Cmd.
func Prepare(change repo.FileChange, hunks []repo.Hunk, context int, st Styles) File {
	f := File{Change: change, Context: context, Hunks: hunks, cells: make([][]cell, len(hunks))}
	lexer := lexerFor(change.NewPath)
	if lexer == nil {
		lexer = lexerFor(change.OldPath)
	}
	for hi, h := range hunks {
		f.cells[hi] = prepareHunk(h, lexer, st)
	}
	return f
}

func prepareHunk(h repo.Hunk, lexer chroma.Lexer, st Styles) []cell {
	// Lex each side of the hunk as a whole, so multi-line constructs inside
	// the hunk colour right.
	var oldIdx, newIdx []int
	var oldText, newText [][]byte
	for i, l := range h.Lines {
		t := repo.TrimEOL(l.Text)
		if l.Kind != '+' {
			oldIdx, oldText = append(oldIdx, i), append(oldText, t)
		}
		if l.Kind != '-' {
			newIdx, newText = append(newIdx, i), append(newText, t)
		}
	}
	toks := make([][]tok, len(h.Lines))
	for j, ts := range lexLines(lexer, oldText) {
		toks[oldIdx[j]] = ts
	}
	for j, ts := range lexLines(lexer, newText) {
		toks[newIdx[j]] = ts // context lines take the new side's tokens
	}
	changed := wordSpans(h.Lines)
	out := make([]cell, len(h.Lines))
	for i, l := range h.Lines {
		text := repo.TrimEOL(l.Text)
		out[i] = compose(text, toks[i], changed[i], kindIndex(l.Kind), st, false)
		out[i].hostile = hostileChars(text, max(l.NewLine, l.OldLine))
		if hasNonASCII(text) {
			// Drawn again for the escape non-ASCII mode (u), so toggling it
			// is only a switch in View; ASCII lines need no second copy.
			e := compose(text, toks[i], changed[i], kindIndex(l.Kind), st, true)
			out[i].esc = &e
		}
	}
	return out
}

// wordSpans pairs the removed and added lines of each change block (the
// i-th removed line with the i-th added one, as git's diff-highlight does)
// and returns the changed byte ranges of every paired line.
func wordSpans(lines []repo.DiffLine) [][]span {
	out := make([][]span, len(lines))
	for i := 0; i < len(lines); {
		if lines[i].Kind != '-' {
			i++
			continue
		}
		rs := i
		for i < len(lines) && lines[i].Kind == '-' {
			i++
		}
		as := i
		for i < len(lines) && lines[i].Kind == '+' {
			i++
		}
		for k := 0; k < as-rs && as+k < i; k++ {
			a, b := repo.TrimEOL(lines[rs+k].Text), repo.TrimEOL(lines[as+k].Text)
			if da, db, ok := wordDiff(a, b); ok {
				out[rs+k], out[as+k] = da, db
			}
		}
	}
	return out
}

// compose styles one line: syntax colour per token, the line's background,
// a stronger background on changed words, and sanitizer markers. Tabs are
// expanded here because column positions are only known here. With escape
// every non-ASCII character is drawn as \u{XXXX} in the marker style, as
// the code view's u mode draws it.
func compose(text []byte, toks []tok, changed []span, kind int, st Styles, escape bool) cell {
	cut := 0
	if len(text) > maxLineBytes {
		cut = len(text)
		text = text[:maxLineBytes]
	}
	w := lineWriter{marker: st.Marker, escape: escape}
	pos := 0
	emit := func(seg []byte, tt chroma.TokenType, word bool) {
		bg := st.Line[kind]
		if word {
			bg = st.Word[kind]
		}
		w.write(string(seg), st.app.Token(tt).Inherit(bg))
	}
	ti, tl := 0, 0 // current token and bytes of it used
	ci := 0        // current changed span
	for pos < len(text) {
		end := len(text)
		tt := chroma.Text
		if ti < len(toks) {
			tt = toks[ti].t
			end = min(end, pos+toks[ti].n-tl)
		}
		word := false
		for ci < len(changed) && changed[ci].end <= pos {
			ci++
		}
		if ci < len(changed) {
			if changed[ci].start <= pos {
				word = true
				end = min(end, changed[ci].end)
			} else {
				end = min(end, changed[ci].start)
			}
		}
		emit(text[pos:end], tt, word)
		if ti < len(toks) {
			tl += end - pos
			if tl >= toks[ti].n {
				ti, tl = ti+1, 0
			}
		}
		pos = end
	}
	if cut > 0 {
		note := fmt.Sprintf(" … [line truncated: %d bytes]", cut)
		w.b.WriteString(st.Marker.Render(note))
		w.col += ansi.StringWidth(note)
	}
	return cell{text: w.b.String(), width: w.col}
}

// lineWriter draws one line's pieces and counts its columns.
type lineWriter struct {
	b      strings.Builder
	col    int
	marker lipgloss.Style
	escape bool // non-ASCII as \u{XXXX} (the u mode)
}

// write draws seg sanitized: hostile characters as markers, tabs expanded
// to the next stop, the rest in fg; with escape, every non-ASCII character
// as \u{XXXX} in the marker style.
func (w *lineWriter) write(seg string, fg lipgloss.Style) {
	for _, sp := range textsafe.Spans(seg) {
		switch {
		case sp.Kind != textsafe.Plain:
			w.mark(sp.Text)
		case w.escape:
			for run, high := range theme.ASCIIRuns(sp.Text) {
				if high {
					w.mark(run)
				} else {
					w.plain(run, fg)
				}
			}
		default:
			w.plain(sp.Text, fg)
		}
	}
}

func (w *lineWriter) mark(t string) {
	if w.escape {
		t = theme.EscapeNonASCII(t) // a homoglyph marker is the letter itself
	}
	w.b.WriteString(w.marker.Render(t))
	w.col += ansi.StringWidth(t)
}

func (w *lineWriter) plain(t string, fg lipgloss.Style) {
	for part := range strings.SplitAfterSeq(t, "\t") {
		s := part
		if strings.HasSuffix(part, "\t") {
			s = part[:len(part)-1]
			s += strings.Repeat(" ", tabWidth-(w.col+ansi.StringWidth(s))%tabWidth)
		}
		if s != "" {
			w.b.WriteString(fg.Render(s))
			w.col += ansi.StringWidth(s)
		}
	}
}

// hasNonASCII reports whether text has a byte outside ASCII.
func hasNonASCII(text []byte) bool {
	for _, c := range text {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// hostileChars counts the hostile characters of one line, as the code view
// counts them for its ! gutter mark (a BOM on line 1 is not one).
func hostileChars(text []byte, lineNo int) int {
	n := 0
	for _, is := range textsafe.ScanLine(text, lineNo) {
		if is.Kind.Hostile() {
			n++
		}
	}
	return n
}

// Hostile counts the diff's lines that hold hostile characters (Trojan
// Source bidi controls, invisible characters, control bytes, homoglyphs)
// and the characters themselves, over every line shown: the pane flags
// each such line with ! in its gutter.
func (f File) Hostile() (lines, chars int) {
	for _, h := range f.cells {
		for _, c := range h {
			if c.hostile > 0 {
				lines++
				chars += c.hostile
			}
		}
	}
	return lines, chars
}

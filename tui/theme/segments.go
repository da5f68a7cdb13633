package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"

	"sightline/repo/textsafe"
)

// Seg is a run of display-safe text drawn in one style. Text never holds
// control characters: it comes from the sanitizer or from sightline itself.
type Seg struct {
	Text  string
	Style lipgloss.Style
}

// Untrusted turns text from the repository (a name, a path, a message) into
// segments: plain runs in base, and every hostile character as a visible
// marker in the Marker style, so nothing raw reaches the terminal. A TAB
// in a single-line field is a marker too (^I): it would otherwise hide as
// blank space.
func (s Styles) Untrusted(text string, base lipgloss.Style) []Seg {
	var out []Seg
	for _, sp := range textsafe.Spans(text) {
		if sp.Kind != textsafe.Plain {
			out = append(out, Seg{sp.Text, s.Marker})
			continue
		}
		t := sp.Text
		for {
			i := strings.IndexByte(t, '\t')
			if i < 0 {
				break
			}
			if i > 0 {
				out = append(out, Seg{t[:i], base})
			}
			out = append(out, Seg{"^I", s.Marker})
			t = t[i+1:]
		}
		if t != "" {
			out = append(out, Seg{t, base})
		}
	}
	return out
}

// UntrustedLine renders untrusted text on one line of at most width
// columns, ending in "…" when it had to be cut.
func (s Styles) UntrustedLine(text string, base lipgloss.Style, width int) string {
	return Render(Clip(s.Untrusted(text, base), width))
}

// SegsWidth is the display width of segs in terminal columns.
func SegsWidth(segs []Seg) int {
	w := 0
	for _, sg := range segs {
		w += runewidth.StringWidth(sg.Text)
	}
	return w
}

// Clip cuts segs to at most width columns, replacing the last column with
// "…" when something was cut.
func Clip(segs []Seg, width int) []Seg {
	if width <= 0 {
		return nil
	}
	if SegsWidth(segs) <= width {
		return segs
	}
	out := Cut(segs, 0, width-1)
	style := lipgloss.Style{}
	if len(segs) > 0 {
		style = segs[len(segs)-1].Style
	}
	return append(out, Seg{"…", style})
}

// Cut returns the part of segs between display columns from and
// from+width. A wide character split by either edge becomes spaces, so
// columns stay aligned.
func Cut(segs []Seg, from, width int) []Seg {
	var out []Seg
	col, end := 0, from+width
	for _, sg := range segs {
		if col >= end {
			break
		}
		w := runewidth.StringWidth(sg.Text)
		if col+w <= from {
			col += w
			continue
		}
		if col >= from && col+w <= end {
			out = append(out, sg)
			col += w
			continue
		}
		var b strings.Builder
		for _, r := range sg.Text {
			rw := runewidth.RuneWidth(r)
			switch {
			case col >= from && col+rw <= end:
				b.WriteRune(r)
			case col < end && col+rw > from:
				// Split by an edge: pad the visible half.
				for c := max(col, from); c < min(col+rw, end); c++ {
					b.WriteByte(' ')
				}
			}
			col += rw
			if col >= end {
				break
			}
		}
		if b.Len() > 0 {
			out = append(out, Seg{b.String(), sg.Style})
		}
	}
	return out
}

// Render draws segs, merging neighbours that share a style so the
// terminal receives as few escape sequences as possible.
func Render(segs []Seg) string {
	var b strings.Builder
	for i := 0; i < len(segs); {
		j, text := i+1, segs[i].Text
		if j < len(segs) && sameStyle(segs[i].Style, segs[j].Style) {
			var t strings.Builder
			t.WriteString(text)
			for ; j < len(segs) && sameStyle(segs[i].Style, segs[j].Style); j++ {
				t.WriteString(segs[j].Text)
			}
			text = t.String()
		}
		b.WriteString(segs[i].Style.Render(text))
		i = j
	}
	return b.String()
}

// sameStyle compares the parts of a style that segments use.
func sameStyle(a, b lipgloss.Style) bool {
	return a.GetForeground() == b.GetForeground() && a.GetBackground() == b.GetBackground() &&
		a.GetBold() == b.GetBold() && a.GetItalic() == b.GetItalic() &&
		a.GetUnderline() == b.GetUnderline() && a.GetReverse() == b.GetReverse()
}

// CutStart keeps the last width columns of segs behind a leading "…" (in
// style) when they do not fit: a path keeps its file name and as much of
// its directory as fits.
func CutStart(segs []Seg, width int, style lipgloss.Style) []Seg {
	w := SegsWidth(segs)
	if w <= width || width < 2 {
		return segs
	}
	return append([]Seg{{Text: "…", Style: style}}, Cut(segs, w-width+1, width-1)...)
}

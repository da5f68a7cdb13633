package code

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"

	"sightline/repo/textsafe"
	"sightline/tui/theme"
)

// EscapeNonASCII reports whether the "escape non-ASCII" mode is on: every
// character outside ASCII is drawn as \u{XXXX}, so a Cyrillic а in an
// identifier cannot pass for a Latin a (HOST-10). u toggles it.
func (m Model) EscapeNonASCII() bool { return m.escape }

// escaped adds plain text with its ASCII runs as they are (tabs expanded)
// and every other character as \u{XXXX} in the marker style.
func (b *segBuilder) escaped(t string, st lipgloss.Style, overlay bool) {
	ms := b.s.Marker
	if overlay {
		ms = ms.Underline(true)
	}
	for t != "" {
		i := 0
		for i < len(t) && t[i] < utf8.RuneSelf {
			i++
		}
		b.tabbed(t[:i], st)
		if i == len(t) {
			return
		}
		t = t[i:]
		j := 0
		for j < len(t) && t[j] >= utf8.RuneSelf {
			j++
		}
		e := escapeNonASCII(t[:j])
		b.segs = append(b.segs, theme.Seg{Text: e, Style: ms})
		b.col += len(e) // all ASCII now
		t = t[j:]
	}
}

// escapeNonASCII writes every non-ASCII character of s as \u{XXXX}. Plain
// spans hold valid UTF-8 only (the sanitizer marks bad bytes), so every
// rune decoded here is a real character.
func escapeNonASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		b.WriteString(textsafe.EscapeRune(r))
	}
	return b.String()
}

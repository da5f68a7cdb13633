package code

import (
	"github.com/charmbracelet/lipgloss"

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
	for run, high := range theme.ASCIIRuns(t) {
		if !high {
			b.tabbed(run, st)
			continue
		}
		e := theme.EscapeNonASCII(run)
		b.segs = append(b.segs, theme.Seg{Text: e, Style: ms})
		b.col += len(e) // all ASCII now
	}
}

package tree

import (
	"fmt"

	"github.com/charmbracelet/lipgloss"

	"sightline/repo/textsafe"
	"sightline/tui/theme"
)

// SetContentHostile records that the file at path holds n hostile
// characters (bidi, invisible, control…), as the code view's scan found
// when the reviewer opened it; n = 0 clears the flag. The tree never reads
// file contents itself: files not opened yet are not flagged
// (SECURITY-NOTES §3.1 "list flags in the file tree").
func (m *Model) SetContentHostile(path string, n int) {
	if m.content == nil {
		m.content = map[string]int{}
	}
	if n > 0 {
		m.content[path] = n
	} else {
		delete(m.content, path)
	}
}

// leadSegs is the indent and the two columns where a directory has its
// ▸: a ⚠ there flags the row, visible however narrow the pane.
func leadSegs(indent string, flagged bool, s theme.Styles) []theme.Seg {
	if flagged {
		return []theme.Seg{{Text: indent, Style: s.Text}, {Text: "⚠ ", Style: s.HostileMark}}
	}
	return []theme.Seg{{Text: indent + "  ", Style: s.Text}}
}

// fileSegs is a file row: flagged when its content is known to be
// hostile, the name (after), and how many hostile characters it holds.
func fileSegs(r row, indent string, st lipgloss.Style, after []theme.Seg, s theme.Styles) []theme.Seg {
	segs := leadSegs(indent, r.content > 0, s)
	segs = append(append(segs, nameSegs(r.entry.Name, st, s)...), after...)
	return append(segs, contentNote(r.content, s)...)
}

// contentNote is " [6 hostile characters]" after a file whose content
// holds them, nothing otherwise.
func contentNote(n int, s theme.Styles) []theme.Seg {
	switch {
	case n == 1:
		return []theme.Seg{{Text: " [1 hostile character]", Style: s.HostileMark}}
	case n > 1:
		return []theme.Seg{{Text: fmt.Sprintf(" [%d hostile characters]", n), Style: s.HostileMark}}
	}
	return nil
}

// nameSegs draws an entry's name sanitized, with a ! before it when the
// name itself holds hostile characters (HOST-21, HOST-22, HOST-23): the
// markers alone are easy to miss in a long listing.
func nameSegs(name string, st lipgloss.Style, s theme.Styles) []theme.Seg {
	segs := s.Untrusted(name, st)
	if hostileName(name) {
		return append([]theme.Seg{{Text: "!", Style: s.HostileMark}}, segs...)
	}
	return segs
}

// hostileName reports whether a name holds a character the scanner flags.
func hostileName(name string) bool {
	for _, is := range textsafe.ScanField(name) {
		if is.Kind.Hostile() {
			return true
		}
	}
	return false
}

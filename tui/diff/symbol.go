package diff

import (
	"slices"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/nav"
)

// maxRowWords bounds the list gd and gr offer for one row: a minified
// line can hold thousands of names, and a list that long helps nobody.
const maxRowWords = 200

// lookUp is gd (refs false) and gr in the diff. The pane has no column
// cursor, so it asks the root (nav.SymbolMsg) for the one word of the
// cursor row, or for the reviewer to pick among its words. The lookup is
// at the pin; the file it ranks definitions for is the new side's.
func (m *Model) lookUp(refs bool) tea.Cmd {
	what := "gd"
	if refs {
		what = "gr"
	}
	if m.cursor >= len(m.rows) || m.rows[m.cursor].kind != rowLine {
		m.note = what + " looks up a word of a diff line: put the cursor on one (j/k)"
		return nil
	}
	words := m.RowWords()
	if len(words) == 0 {
		m.note = what + " found no word on this line to look up"
		return nil
	}
	ch := m.file.Change
	path := ch.NewPath
	if path == "" {
		path = ch.OldPath
	}
	msg := nav.SymbolMsg{Path: path, Line: max(1, m.newLineOf(m.rows[m.cursor])), Refs: refs}
	if len(words) == 1 {
		msg.Name = words[0]
	} else {
		msg.Words = words
	}
	return func() tea.Msg { return msg }
}

// RowWords are the identifiers of the cursor row (both halves of a side
// by side one), each once, in the order they first appear; words that
// start with a digit are numbers, not names, and are left out. The text
// is the stored text, never its display form.
func (m Model) RowWords() []string {
	if !m.loaded || m.cursor >= len(m.rows) {
		return nil
	}
	text := m.rowText(m.rows[m.cursor])
	var words []string
	for i := 0; i < len(text) && len(words) < maxRowWords; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isNameRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			c, n := utf8.DecodeRuneInString(text[j:])
			if !isNameRune(c) {
				break
			}
			j += n
		}
		if w := text[i:j]; !unicode.IsDigit(r) && !slices.Contains(words, w) {
			words = append(words, w)
		}
		i = j
	}
	return words
}

// isNameRune is a rune of an identifier, as * and the code view's word
// motions read one: a letter, a digit or _.
func isNameRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

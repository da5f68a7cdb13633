package keys

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isWordRune is a rune of an identifier: a letter, a digit or _, in any
// script (a homoglyph identifier is one word, as the compiler reads it).
func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// WordAt returns the word vim's * takes on a line of text whose cursor
// column is col: the first word ending after col, so the word under or
// after it; "" when the line has none there. Columns count runes, tabs
// as one: a pane passes the display column it scrolled to.
func WordAt(text string, col int) string {
	start, c := -1, 0
	for i, r := range text {
		switch {
		case isWordRune(r) && start < 0:
			start = i
		case !isWordRune(r) && start >= 0:
			if c > col {
				return text[start:i]
			}
			start = -1
		}
		c++
	}
	if start >= 0 && c > col {
		return text[start:]
	}
	return ""
}

// MatchWord reports whether text holds word as a whole word (no word
// rune either side), case sensitive, as vim's * searches.
func MatchWord(word, text string) bool { return IndexWord(word, text) >= 0 }

// IndexWord is the byte offset of the first whole-word word in text, or -1.
func IndexWord(word, text string) int {
	if word == "" {
		return -1
	}
	for off := 0; off <= len(text); {
		i := strings.Index(text[off:], word)
		if i < 0 {
			return -1
		}
		at, end := off+i, off+i+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (at == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return at
		}
		_, n := utf8.DecodeRuneInString(text[at:])
		off = at + n
	}
	return -1
}

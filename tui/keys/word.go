package keys

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isWordRune is a rune of an identifier: a letter, a digit or _, in any
// script (a homoglyph identifier is one word, as the compiler reads it).
func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// Words returns the words of text that keep accepts, each once, in the
// order they first appear, at most max of them.
func Words(text string, max int, keep func(string) bool) []string {
	var words []string
	start := -1
	add := func(w string) {
		if keep(w) && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	for i, r := range text {
		if len(words) == max {
			return words
		}
		switch {
		case isWordRune(r) && start < 0:
			start = i
		case !isWordRune(r) && start >= 0:
			add(text[start:i])
			start = -1
		}
	}
	if start >= 0 && len(words) < max {
		add(text[start:])
	}
	return words
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

// WordRange is the word gd, gr and * take at byte offset off of text: the
// word off is in, else the first word starting after off on the line.
// [start, end) are byte offsets into text, the stored text, never its
// display form. ok is false when the line has no word there.
func WordRange(text string, off int) (start, end int, ok bool) {
	off = min(max(off, 0), len(text))
	if r, _ := utf8.DecodeRuneInString(text[off:]); off == len(text) || !isWordRune(r) {
		if start = NextWordStart(text, off); start < 0 {
			return 0, 0, false
		}
		return start, wordEnd(text, start), true
	}
	start = off
	for start > 0 && isWordRuneBefore(text, start) {
		_, n := utf8.DecodeLastRuneInString(text[:start])
		start -= n
	}
	return start, wordEnd(text, start), true
}

// wordEnd is the end of the word starting at start.
func wordEnd(text string, start int) int {
	end := start
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(r) {
			break
		}
		end += n
	}
	return end
}

// NextWordStart is the offset of the first word starting after off
// (vim's w, over identifiers), or -1 when there is none on the line. An
// off of -1 counts a word at the line's start.
func NextWordStart(text string, off int) int {
	i := max(off, 0)
	prev := i > 0 && i <= len(text) && isWordRuneBefore(text, i)
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		w := isWordRune(r)
		if w && !prev && i > off {
			return i
		}
		prev = w
		i += n
	}
	return -1
}

func isWordRuneBefore(text string, off int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:off])
	return isWordRune(r)
}

// PrevWordStart is the offset of the last word starting before off
// (vim's b, over identifiers), or -1 when there is none on the line.
func PrevWordStart(text string, off int) int {
	found := -1
	for s := NextWordStart(text, -1); s >= 0 && s < off; s = NextWordStart(text, s) {
		found = s
	}
	return found
}

// NextWordEnd is the offset of the last rune of the first word ending
// after off (vim's e, over identifiers), or -1 when there is none. An off
// of -1 counts a one-letter word at the line's start.
func NextWordEnd(text string, off int) int {
	for s := NextWordStart(text, -1); s >= 0; s = NextWordStart(text, s) {
		end := wordEnd(text, s)
		_, n := utf8.DecodeLastRuneInString(text[:end])
		if end-n > off {
			return end - n
		}
	}
	return -1
}

package theme

import (
	"iter"
	"strings"
	"unicode/utf8"

	"sightline/repo/textsafe"
)

// EscapeNonASCII writes every non-ASCII character of s as \u{XXXX}, the
// "escape non-ASCII" mode of the code and diff views (u): a Cyrillic а in
// an identifier cannot pass for a Latin a (HOST-10). Callers pass
// sanitized text (plain spans or markers), which holds valid UTF-8 only,
// so every rune decoded here is a real character.
func EscapeNonASCII(s string) string {
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

// ASCIIRuns splits s into its maximal runs of ASCII and of non-ASCII
// bytes, in order, yielding each run and whether it is the non-ASCII kind,
// so a view can draw the ASCII as it is (tabs expanded) and the rest
// escaped in the marker style.
func ASCIIRuns(s string) iter.Seq2[string, bool] {
	return func(yield func(string, bool) bool) {
		for s != "" {
			high := s[0] >= utf8.RuneSelf
			i := 1
			for i < len(s) && (s[i] >= utf8.RuneSelf) == high {
				i++
			}
			if !yield(s[:i], high) {
				return
			}
			s = s[i:]
		}
	}
}

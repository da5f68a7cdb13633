package textsafe

import (
	"unicode"
	"unicode/utf8"
)

// Homoglyphs returns the byte offsets in s of the letters that may pass for
// ASCII letters in an identifier (CVE-2021-42694). An identifier is a run
// of letters, digits, underscores and combining marks. A non-ASCII letter
// in it is flagged when
//   - the identifier also has ASCII letters and the letter is from another
//     script than Latin (mixed script: "pаssword" with a Cyrillic а), or
//     is a known look-alike of an ASCII letter; or
//   - every letter of the identifier is such a look-alike, so the whole
//     word reads as ASCII ("а", "сое").
//
// Words written wholly in another script ("привет") are not flagged, so
// comments and strings in other languages stay quiet.
func Homoglyphs(s string) []int {
	if isASCII(s) {
		return nil
	}
	var out []int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isIdentRune(r, size) {
			i += size
			continue
		}
		start := i
		hasASCII, hasOther, allConfusable := false, false, true
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !isIdentRune(r, size) {
				break
			}
			switch {
			case r < utf8.RuneSelf:
				hasASCII = hasASCII || isASCIILetter(r)
			case unicode.IsLetter(r):
				hasOther = true
				allConfusable = allConfusable && IsConfusable(r)
			}
			i += size
		}
		if hasOther {
			out = flagIdent(out, s, start, i, hasASCII, allConfusable)
		}
	}
	return out
}

// flagIdent appends the offsets of the flagged letters of s[start:end].
func flagIdent(out []int, s string, start, end int, hasASCII, allConfusable bool) []int {
	for j := start; j < end; {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r >= utf8.RuneSelf && unicode.IsLetter(r) && !isInvisible(r) {
			conf := IsConfusable(r)
			if (conf && (hasASCII || allConfusable)) || (hasASCII && !unicode.Is(unicode.Latin, r)) {
				out = append(out, j)
			}
		}
		j += size
	}
	return out
}

// IsConfusable reports whether r is a non-ASCII letter that is commonly
// drawn exactly or nearly like an ASCII letter: Cyrillic а е о р с у х,
// Greek capitals, fullwidth and mathematical Latin letters, and so on.
func IsConfusable(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return false
	case r >= 0xff21 && r <= 0xff3a, r >= 0xff41 && r <= 0xff5a:
		return true
	case r >= 0x1d400 && r <= 0x1d7ff:
		return unicode.IsLetter(r)
	}
	_, ok := names[r]
	return ok && unicode.IsLetter(r) && !isInvisible(r)
}

func isIdentRune(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

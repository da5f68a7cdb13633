package textsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// classify decodes the character at s[i] and says what kind it is. An
// invalid byte comes back as (the byte, 1, BadUTF8). TAB and LF come back
// as Control and Newline; the callers decide whether to keep them.
func classify(s string, i int) (r rune, size int, k Kind) {
	c := s[i]
	if c < utf8.RuneSelf {
		switch {
		case c == 0:
			return 0, 1, NUL
		case c == '\n':
			return '\n', 1, Newline
		case c < 0x20 || c == 0x7f:
			return rune(c), 1, Control
		}
		return rune(c), 1, Plain
	}
	r, size = utf8.DecodeRuneInString(s[i:])
	switch {
	case r == utf8.RuneError && size == 1:
		return rune(c), 1, BadUTF8
	case r <= 0x9f:
		return r, size, C1
	case isBidi(r):
		return r, size, Bidi
	case isInvisible(r):
		return r, size, Invisible
	}
	return r, size, Plain
}

// isBidi reports the bidirectional formatting characters that can make a
// line display in an order other than its logical one (CVE-2021-42574).
func isBidi(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return r == 0x200e || r == 0x200f || r == 0x061c
}

// isInvisible reports characters that draw as nothing (or as a blank)
// and so can hide a difference between two identifiers or strings. Every
// other format character (category Cf) counts too: none of them has a
// glyph, and new ones are added to Unicode over time.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200b && r <= 0x200d, r >= 0x2060 && r <= 0x2064,
		r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0000 && r <= 0xe007f,
		r >= 0xe0100 && r <= 0xe01ef:
		return true
	}
	switch r {
	case 0xfeff, 0x00ad, 0x180e, 0x3164, 0x115f, 0x1160, 0xffa0, 0x2028, 0x2029,
		0x034f, 0x17b4, 0x17b5:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

const hexDigits = "0123456789ABCDEF"

// appendMarker appends the marker for r to dst without allocating: ^[ for
// controls, \xFF for bad bytes, <U+202E> for the rest.
func appendMarker(dst []byte, r rune, k Kind) []byte {
	switch k {
	case NUL:
		return append(dst, '^', '@')
	case Newline:
		return append(dst, '^', 'J')
	case Control:
		return append(dst, '^', byte(r)^0x40) // 0x1b -> '[', 0x7f -> '?'
	case BadUTF8:
		return append(dst, '\\', 'x', hexDigits[r>>4&0xf], hexDigits[r&0xf])
	case Homoglyph, Plain:
		return utf8.AppendRune(dst, r)
	}
	dst = append(dst, "<U+"...)
	n := 4
	for r>>(4*n) != 0 {
		n++
	}
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, hexDigits[r>>(4*i)&0xf])
	}
	return append(dst, '>')
}

// CodePoint formats r as U+XXXX (at least four hex digits) between open
// and close, for example CodePoint(0x202e, "<", ">") is "<U+202E>".
func CodePoint(r rune, open, close string) string {
	return fmt.Sprintf("%sU+%04X%s", open, r, close)
}

// EscapeRune writes r as \u{0430}, for the viewer's "escape non-ASCII"
// mode, which shows a homoglyph for what it is.
func EscapeRune(r rune) string {
	return fmt.Sprintf(`\u{%04X}`, r)
}

// RuneName is the Unicode name of a character sightline flags, such as
// "RIGHT-TO-LEFT OVERRIDE" or "ESCAPE". Characters outside its table get
// a description ("CYRILLIC LETTER", "FORMAT CHARACTER") or "U+XXXX".
func RuneName(r rune) string {
	switch {
	case r < 0x20 || r == 0x7f:
		if r == 0x7f {
			return "DELETE"
		}
		return c0Names[r]
	case r >= 0x80 && r <= 0x9f:
		return c1Names[r-0x80]
	}
	if n, ok := names[r]; ok {
		return n
	}
	switch {
	case r >= 0xfe00 && r <= 0xfe0f:
		return fmt.Sprintf("VARIATION SELECTOR-%d", r-0xfe00+1)
	case r >= 0xe0100 && r <= 0xe01ef:
		return fmt.Sprintf("VARIATION SELECTOR-%d", r-0xe0100+17)
	case r >= 0xe0020 && r <= 0xe007e:
		return "TAG " + asciiName(r-0xe0000)
	case r >= 0xff21 && r <= 0xff3a:
		return "FULLWIDTH LATIN CAPITAL LETTER " + string(r-0xff21+'A')
	case r >= 0xff41 && r <= 0xff5a:
		return "FULLWIDTH LATIN SMALL LETTER " + string(r-0xff41+'A')
	case r >= 0x1d400 && r <= 0x1d7ff:
		return "MATHEMATICAL ALPHANUMERIC SYMBOL"
	case unicode.Is(unicode.Cf, r):
		return "FORMAT CHARACTER"
	case unicode.IsLetter(r):
		if s := scriptOf(r); s != "" {
			return strings.ToUpper(s) + " LETTER"
		}
	}
	return CodePoint(r, "", "")
}

// asciiName names the ASCII character that a tag character mirrors.
func asciiName(r rune) string {
	switch {
	case r >= 'A' && r <= 'Z':
		return "LATIN CAPITAL LETTER " + string(r)
	case r >= 'a' && r <= 'z':
		return "LATIN SMALL LETTER " + string(r-'a'+'A')
	case r >= '0' && r <= '9':
		return "DIGIT " + string(r)
	case r == ' ':
		return "SPACE"
	}
	return "CHARACTER " + string(r)
}

// scriptOf is the name of the Unicode script r belongs to, or "".
func scriptOf(r rune) string {
	for name, t := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(t, r) {
			return name
		}
	}
	return ""
}

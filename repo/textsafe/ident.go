package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The identifier rules of Unicode TR #39 that the hostile scan applies,
// as rustc's mixed_script_confusables and confusable_idents lints do:
// an identifier mixing scripts (outside the combinations that CJK writing
// needs) is suspect, and so is one that reads the same as another
// identifier ("skeleton" equal). Prose in another script is neither.

// lookAlikes maps the letters of the names table that pass for an ASCII
// letter to that letter: the skeleton of TR #39, cut down to the
// letters an attacker uses to pass for ASCII.
var lookAlikes = map[rune]rune{
	0x0131: 'i', 0x01c0: 'l', 0x0251: 'a', 0x0261: 'g', 0x0269: 'i',
	0x0391: 'A', 0x0392: 'B', 0x0395: 'E', 0x0396: 'Z', 0x0397: 'H', 0x0399: 'I',
	0x039a: 'K', 0x039c: 'M', 0x039d: 'N', 0x039f: 'O', 0x03a1: 'P', 0x03a4: 'T',
	0x03a5: 'Y', 0x03a7: 'X', 0x03b9: 'i', 0x03bd: 'v', 0x03bf: 'o', 0x03c1: 'p',
	0x0405: 'S', 0x0406: 'I', 0x0408: 'J', 0x0410: 'A', 0x0412: 'B', 0x0415: 'E',
	0x041a: 'K', 0x041c: 'M', 0x041d: 'H', 0x041e: 'O', 0x0420: 'P', 0x0421: 'C',
	0x0422: 'T', 0x0425: 'X', 0x0430: 'a', 0x0435: 'e', 0x043e: 'o', 0x0440: 'p',
	0x0441: 'c', 0x0443: 'y', 0x0445: 'x', 0x0455: 's', 0x0456: 'i', 0x0458: 'j',
	0x04ae: 'Y', 0x04bb: 'h', 0x04c0: 'l', 0x04cf: 'l', 0x0501: 'd', 0x051a: 'Q',
	0x051b: 'q', 0x051c: 'W', 0x051d: 'w', 0x0570: 'h', 0x0578: 'n', 0x057d: 'u',
	0x0585: 'o',
}

// LookAlike is the ASCII letter r passes for, if it is one of the
// look-alikes sightline knows (fullwidth Latin letters included).
func LookAlike(r rune) (rune, bool) {
	switch {
	case r >= 0xff21 && r <= 0xff3a:
		return 'A' + r - 0xff21, true
	case r >= 0xff41 && r <= 0xff5a:
		return 'a' + r - 0xff41, true
	}
	a, ok := lookAlikes[r]
	return a, ok
}

// Skeleton is s with every look-alike letter replaced by the ASCII letter
// it passes for: two different identifiers with the same skeleton read
// the same on screen.
func Skeleton(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if a, ok := LookAlike(r); ok {
			r = a
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IsIdentRune reports whether r may be part of an identifier: a letter,
// a digit, an underscore or a combining mark.
func IsIdentRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || isASCIILetter(r) || r >= '0' && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))
}

// scriptCommonLetter stands for a letter of the Common script (the
// mathematical alphabets): never part of an ordinary identifier.
const scriptCommonLetter = "Common letter"

// frequent are the scripts looked up first, before all of Unicode's.
var frequent = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek},
	{"Han", unicode.Han}, {"Hiragana", unicode.Hiragana}, {"Katakana", unicode.Katakana},
	{"Hangul", unicode.Hangul}, {"Bopomofo", unicode.Bopomofo}, {"Armenian", unicode.Armenian},
	{"Arabic", unicode.Arabic}, {"Hebrew", unicode.Hebrew},
}

// LetterScript is the Unicode script of the letter r ("Latin",
// "Cyrillic", ...), "" for a rune that is no letter of a script (digits,
// the underscore, combining marks: they go with any script).
func LetterScript(r rune) string {
	if r < utf8.RuneSelf {
		if isASCIILetter(r) {
			return "Latin"
		}
		return ""
	}
	if !unicode.IsLetter(r) {
		return ""
	}
	for _, s := range frequent {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	if s := scriptOf(r); s != "" {
		return s
	}
	return scriptCommonLetter
}

// allowedMixes are the script sets TR #39's "highly restrictive" level
// accepts in one identifier: the ways Japanese, Chinese and Korean are
// written, each with Latin.
var allowedMixes = []map[string]bool{
	{"Latin": true, "Han": true, "Hiragana": true, "Katakana": true},
	{"Latin": true, "Han": true, "Bopomofo": true},
	{"Latin": true, "Han": true, "Hangul": true},
}

// MixedScript returns the byte offsets in ident of the letters that make
// it mixed-script ("pаypal" with a Cyrillic а: the а), or nil when its
// letters are of one script or of a combination CJK writing uses. The
// letters reported are those outside the script most letters are from
// (Latin when it ties).
func MixedScript(ident string) []int {
	if isASCII(ident) {
		return nil
	}
	counts := map[string]int{}
	for _, r := range ident {
		if s := LetterScript(r); s != "" {
			counts[s]++
		}
	}
	if len(counts) < 2 || allowedMix(counts) {
		return nil
	}
	main := "Latin"
	for s, n := range counts {
		if n > counts[main] || n == counts[main] && main != "Latin" && s < main {
			main = s
		}
	}
	var out []int
	for i, r := range ident {
		if s := LetterScript(r); s != "" && s != main {
			out = append(out, i)
		}
	}
	return out
}

func allowedMix(counts map[string]int) bool {
	if _, ok := counts[scriptCommonLetter]; ok {
		return false
	}
next:
	for _, mix := range allowedMixes {
		for s := range counts {
			if !mix[s] {
				continue next
			}
		}
		return true
	}
	return false
}

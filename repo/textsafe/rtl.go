package textsafe

import (
	"unicode"
	"unicode/utf8"
)

// rtlScripts are the scripts whose letters are strong right-to-left (bidi
// class R or AL).
var rtlScripts = []*unicode.RangeTable{
	unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
	unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya,
	unicode.Mende_Kikakui, unicode.Imperial_Aramaic, unicode.Phoenician,
	unicode.Kharoshthi, unicode.Avestan, unicode.Old_South_Arabian, unicode.Nabataean,
}

// HasRTL reports whether s holds a right-to-left letter (Hebrew, Arabic,
// ...). Such a line needs no bidi control to be drawn out of logical order
// by a terminal that implements bidi, so the viewer flags it
// (SECURITY-NOTES §3.1, "RTL"); sightline itself never reorders.
func HasRTL(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) && unicode.IsOneOf(rtlScripts, r) {
			return true
		}
		i += size
	}
	return false
}

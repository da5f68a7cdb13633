package textsafe

import "strings"

// Span is a piece of a line ready to draw: Text is what to draw (it never
// holds a control byte other than TAB, a C1 control, a bidi or invisible
// character, or invalid UTF-8); Kind != Plain means "draw in the marker
// style". Adjacent characters of the same kind share one span.
type Span struct {
	Text string
	Kind Kind
}

// opts tune walk for the different callers.
type opts uint8

const (
	keepTab        opts = 1 << iota // TAB stays "\t" (the caller expands it)
	keepLF                          // LF stays "\n" (multi-line text)
	bomAtStart                      // U+FEFF at offset 0 is a BOM, not an invisible character
	markHomoglyphs                  // mark look-alike letters in identifiers
)

// Spans splits one line of content (without its LF) into spans. A TAB
// stays a Plain "\t" for the caller to expand to the next tab stop; an LF,
// if there is one, becomes a Newline marker "^J".
func Spans(s string) []Span { return spans(s, keepTab|markHomoglyphs) }

// LineSpans is Spans for line lineNo (1-based) of a file: on line 1, a
// U+FEFF at the very start is a byte order mark (Kind BOM) rather than an
// invisible character in the middle of the text.
func LineSpans(line string, lineNo int) []Span {
	o := keepTab | markHomoglyphs
	if lineNo == 1 {
		o |= bomAtStart
	}
	return spans(line, o)
}

// Sanitize returns s made safe for a single-line field (a path, an author
// name, the status bar, command output to a terminal): every span of
// Spans concatenated, with TAB shown as ^I and LF as ^J, so the result is
// one line and holds no byte below 0x20.
func Sanitize(s string) string {
	if isSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	var scratch [16]byte
	walk(s, 0, nil, func(plain string, r rune, k Kind) {
		if k == Plain {
			b.WriteString(plain)
		} else {
			b.Write(appendMarker(scratch[:0], r, k))
		}
	})
	return b.String()
}

// SanitizeMultiline is Sanitize for text that may span lines, such as a
// commit message body: LF and TAB are kept, everything else is marked.
func SanitizeMultiline(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	var scratch [16]byte
	walk(s, keepLF|keepTab, nil, func(plain string, r rune, k Kind) {
		if k == Plain {
			b.WriteString(plain)
		} else {
			b.Write(appendMarker(scratch[:0], r, k))
		}
	})
	return b.String()
}

func spans(s string, o opts) []Span {
	var hg []int
	if o&markHomoglyphs != 0 {
		hg = Homoglyphs(s)
	}
	var out []Span
	var buf []byte
	cur := Plain
	walk(s, o, hg, func(plain string, r rune, k Kind) {
		if k != cur && len(buf) > 0 {
			out = append(out, Span{Text: string(buf), Kind: cur})
			buf = buf[:0]
		}
		cur = k
		if k == Plain {
			buf = append(buf, plain...)
		} else {
			buf = appendMarker(buf, r, k)
		}
	})
	if len(buf) > 0 {
		out = append(out, Span{Text: string(buf), Kind: cur})
	}
	return out
}

// walk calls emit for each run of plain text (k == Plain) and each
// character to mark (r, k), in order. hg holds the sorted offsets of
// homoglyphs to mark.
func walk(s string, o opts, hg []int, emit func(plain string, r rune, k Kind)) {
	plain := 0 // start of the pending plain run
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++ // printable ASCII: the common case
			continue
		}
		r, size, k := classify(s, i)
		for len(hg) > 0 && hg[0] < i {
			hg = hg[1:]
		}
		switch {
		case k == Control && r == '\t' && o&keepTab != 0, k == Newline && o&keepLF != 0:
			k = Plain
		case k == Invisible && r == 0xfeff && i == 0 && o&bomAtStart != 0:
			k = BOM
		case k == Plain && len(hg) > 0 && hg[0] == i:
			k = Homoglyph
		}
		if k == Plain {
			i += size
			continue
		}
		if plain < i {
			emit(s[plain:i], 0, Plain)
		}
		emit("", r, k)
		i += size
		plain = i
	}
	if plain < len(s) {
		emit(s[plain:], 0, Plain)
	}
}

// isSafe reports whether s is printable ASCII only, which Sanitize returns
// unchanged without copying.
func isSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

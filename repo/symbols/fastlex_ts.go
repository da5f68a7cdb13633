package symbols

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The TypeScript scanner, after chroma's TypeScript lexer, whose rules
// differ from the JavaScript one's enough to need chroma's state stack:
// a "<" directly before a word opens a JSX tag (so does a generic's
// "<T>" or "i<n"), inside which numbers and regular expressions are
// plain code up to the ">" that closes it; "name: value" is code whole,
// a number in it too; a template literal keeps only "\\" and "\`" as
// escapes, another backslash being code; a bad regular expression makes
// the rest of its line code and a regular expression may still start
// the next. Words are matched as chroma's regexp engine does (\w is a
// Unicode letter, digit, mark or connector).

type tsState uint8

const (
	tsRoot         tsState = iota
	tsRegexOK              // chroma's slashstartsregex
	tsBadRegex             // code to the line's end
	tsInterp               // a template literal
	tsInterpInside         // its ${}
	tsTag                  // a JSX tag, or what chroma takes for one
	tsAttr                 // after "name=" in a tag
	tsExpr                 // a "{...}" attribute value
	tsComment              // after "<!--"
)

// Keywords by what chroma does after them: tsKwRegex ones push
// slashstartsregex, tsKwBound ones need a word boundary before them.
const (
	tsKwRegex = 1 + iota
	tsKwPlain
	tsKwBound
)

var tsKeywords = map[string]uint8{}

func init() {
	for kind, words := range map[uint8]string{
		tsKwRegex: "for in of while do break return yield continue switch case default if else throw try catch finally new delete typeof instanceof keyof asserts is infer await void this var let with function",
		tsKwPlain: "abstract async boolean class const debugger enum export extends from get global goto implements import interface namespace package private protected public readonly require set static super type using " +
			"true false null NaN Infinity undefined " +
			"Array Boolean Date Error Function Math Number Object Packages RegExp String decodeURI decodeURIComponent encodeURI encodeURIComponent eval isFinite isNaN parseFloat parseInt document window",
		tsKwBound: "string bool number any never object symbol unique unknown bigint constructor declare as",
	} {
		for _, w := range strings.Fields(words) {
			tsKeywords[w] = kind
		}
	}
}

type tsLexer struct {
	*scanner
	stack []tsState
	// Where the last run of [\w?.$] ended, and from where no "*/"
	// follows: so that "a.a.a..." or "/* /* /*" unclosed are read once,
	// not once per position (hostile files).
	runEnd, noClose int
}

func (sc *scanner) runTS() error {
	t := tsLexer{scanner: sc, stack: make([]tsState, 1, 16), noClose: len(sc.s) + 1}
	for sc.i < sc.end {
		if err := sc.dl.check(); err != nil {
			return err
		}
		st := t.stack[len(t.stack)-1]
		if t.step(st) {
			continue
		}
		// No rule matched: chroma's error token, one rune of code; at a
		// line break outside root it starts again from root.
		if sc.s[sc.i] == '\n' && st != tsRoot {
			t.stack = t.stack[:1]
			continue
		}
		_, n := utf8.DecodeRuneInString(sc.s[sc.i:])
		t.emit(n)
	}
	return nil
}

func (t *tsLexer) push(st tsState) { t.stack = append(t.stack, st) }
func (t *tsLexer) pop()            { t.stack = t.stack[:len(t.stack)-1] }

// emit takes n bytes of code.
func (t *tsLexer) emit(n int) {
	t.a.code(t.s[t.i:t.i+n], false)
	t.i += n
}

func (t *tsLexer) emitAs(where Where, n int) {
	t.a.other(where, t.s[t.i:t.i+n])
	t.i += n
}

func (t *tsLexer) step(st tsState) bool {
	s, i := t.s, t.i
	switch st {
	case tsRoot:
		return t.root()
	case tsRegexOK:
		return t.regexOK()
	case tsBadRegex:
		if s[i] == '\n' {
			t.emit(1)
			t.pop()
			return true
		}
		return false
	case tsInterp:
		return t.interp()
	case tsInterpInside:
		if s[i] == '}' {
			t.emitAs(String, 1)
			t.pop()
			return true
		}
		return t.root()
	case tsTag:
		return t.tag()
	case tsAttr:
		return t.attr()
	case tsExpr:
		switch s[i] {
		case '{':
			t.emit(1)
			t.push(tsExpr)
			return true
		case '}':
			t.emit(1)
			t.pop()
			return true
		}
		return t.root()
	case tsComment:
		switch {
		case strings.HasPrefix(s[i:], "-->"):
			t.emitAs(Comment, 3)
			t.pop()
		case s[i] == '-':
			t.emitAs(Comment, 1)
		default:
			k := strings.IndexByte(s[i:], '-')
			if k < 0 {
				k = len(s) - i
			}
			t.emitAs(Comment, k)
		}
		return true
	}
	return false
}

func (t *tsLexer) root() bool {
	s, i := t.s, t.i
	c := s[i]
	if c == '<' && t.jsx() {
		return true
	}
	if t.lineStart(i) && (tsSpaceLen(s[i:]) > 0 || c == '/' || strings.HasPrefix(s[i:], "<!--")) {
		t.a.code("", false) // chroma's empty Text token
		t.push(tsRegexOK)
		return true
	}
	if t.commentsWS() {
		return true
	}
	n := jsOperatorLen(s[i:])
	if c == '\\' && t.at(1) == '\n' {
		n = 1
	}
	switch {
	case n > 0:
		t.emit(n)
		t.push(tsRegexOK)
		return true
	case strings.IndexByte("{([;,", c) >= 0:
		t.emit(1)
		t.push(tsRegexOK)
		return true
	case strings.IndexByte("})].", c) >= 0:
		t.emit(1)
		return true
	case c == '$' || tsWordAt(s, i):
		return t.word()
	case c == '"' || c == '\'':
		if n := tsQuotedLen(s[i:]); n > 0 {
			t.emitAs(String, n)
			return true
		}
	case c == '`':
		t.emitAs(String, 1)
		t.push(tsInterp)
		return true
	case c == '@':
		if n := tsWordLen(s[i+1:]); n > 0 {
			t.emit(1 + n)
			return true
		}
	}
	return false
}

// word applies root's rules for a word (or "$"): keywords, "name() {",
// "name: value", a name, a number.
func (t *tsLexer) word() bool {
	s, i := t.s, t.i
	w := tsWordLen(s[i:])
	if w > 0 {
		kind := tsKeywords[s[i:i+w]]
		switch {
		case kind == tsKwRegex:
			t.emit(w)
			t.push(tsRegexOK)
			return true
		case kind == tsKwPlain:
			t.emit(w)
			return true
		case t.wordBefore(i):
		case s[i:i+w] == "module" && tsModuleLen(s[i+w:]) > 0:
			t.emit(w + tsModuleLen(s[i+w:]))
			t.push(tsRegexOK)
			return true
		case kind == tsKwBound:
			t.emit(w)
			return true
		}
	}
	c := s[i]
	ascii := c == '$' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	if i >= t.runEnd {
		t.runEnd = i + tsNameLen(s[i:])
	}
	j := t.runEnd
	if ascii && strings.HasPrefix(s[j:], "() {") { // "([a-zA-Z_?.$][\w?.$]*)\(\) \{"
		t.emit(j + 4 - i)
		t.push(tsRegexOK)
		return true
	}
	// "([\w?.$][\w?.$]*)(\s*:\s*)([\w?.$][\w?.$]*)"
	k := j + tsSpaceLen(s[j:])
	if k < len(s) && s[k] == ':' {
		k++
		k += tsSpaceLen(s[k:])
		if m := tsNameLen(s[k:]); m > 0 {
			t.emit(k + m - i)
			return true
		}
	}
	switch {
	case ascii:
		t.emit(1 + tsWordLen(s[i+1:]))
		return true
	case isDigit(c):
		t.a.number(s[i : i+tsNumberLen(s[i:])])
		t.i += tsNumberLen(s[i:])
		return true
	}
	return false
}

// tsNumberLen is the length of the number s starts with (a digit).
func tsNumberLen(s string) int {
	j := 0
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		for j++; j < len(s) && isDigit(s[j]); j++ {
		}
		if j+1 < len(s) && (s[j] == 'e' || s[j] == 'E') && isDigit(s[j+1]) {
			for j++; j < len(s) && isDigit(s[j]); j++ {
			}
		}
		if j < len(s) && (s[j] == 'f' || s[j] == 'd') {
			j++
		}
		return j
	}
	if s[0] == '0' && len(s) > 2 && s[1] == 'x' && isHex(s[2]) {
		for j = 2; j < len(s) && isHex(s[j]); j++ {
		}
	}
	return j
}

// tsModuleLen matches `(\s+)("[\w\./@]+")(\s+)` after "module".
func tsModuleLen(s string) int {
	j := tsSpaceLen(s)
	if j == 0 || j >= len(s) || s[j] != '"' {
		return 0
	}
	k := j + 1
	for k < len(s) {
		if s[k] == '.' || s[k] == '/' || s[k] == '@' {
			k++
		} else if n := tsWordLen(s[k:]); n > 0 {
			k += n
		} else {
			break
		}
	}
	if k == j+1 || k >= len(s) || s[k] != '"' {
		return 0
	}
	k++
	n := tsSpaceLen(s[k:])
	if n == 0 {
		return 0
	}
	return k + n
}

// commentsWS is chroma's commentsandwhitespace state.
func (t *tsLexer) commentsWS() bool {
	s, i := t.s, t.i
	if n := tsSpaceLen(s[i:]); n > 0 {
		t.emit(n)
		return true
	}
	switch {
	case strings.HasPrefix(s[i:], "<!--"):
		t.emitAs(Comment, 4)
		t.push(tsComment)
		return true
	case strings.HasPrefix(s[i:], "//"):
		if k := strings.IndexByte(s[i+2:], '\n'); k >= 0 {
			t.emitAs(Comment, k+3)
			return true
		}
	case strings.HasPrefix(s[i:], "/*") && i < t.noClose:
		if k := strings.Index(s[i+2:], "*/"); k >= 0 {
			t.emitAs(Comment, k+4)
			return true
		}
		t.noClose = i
	}
	return false
}

func (t *tsLexer) regexOK() bool {
	if t.commentsWS() {
		return true
	}
	if t.s[t.i] == '/' {
		if n := tsRegexLen(t.s[t.i:]); n > 0 {
			t.emitAs(String, n)
			t.pop()
			return true
		}
		t.a.code("", false)
		t.push(tsBadRegex)
		return true
	}
	t.pop()
	return true
}

func (t *tsLexer) interp() bool {
	s, i := t.s, t.i
	switch s[i] {
	case '`':
		t.emitAs(String, 1)
		t.pop()
	case '\\':
		if i+1 >= len(s) || s[i+1] != '\\' && s[i+1] != '`' {
			return false // chroma's error token: the backslash is code
		}
		t.emitAs(String, 2)
	case '$':
		if t.at(1) == '{' {
			t.emitAs(String, 2)
			t.push(tsInterpInside)
		} else {
			t.emitAs(String, 1)
		}
	default:
		j := i
		for j < len(s) && s[j] != '`' && s[j] != '\\' && s[j] != '$' {
			j++
		}
		t.emitAs(String, j-i)
	}
	return true
}

// jsx is chroma's jsx state at a "<".
func (t *tsLexer) jsx() bool {
	s, i := t.s, t.i
	switch {
	case t.at(1) == '>':
		t.emit(2)
	case t.at(1) == '/' && t.at(2) == '>':
		t.emit(3)
	case tsTagNameLen(s[i+1:]) > 0:
		t.emit(1 + tsTagNameLen(s[i+1:]))
		t.push(tsTag)
	case t.at(1) == '/':
		n := 2 + tsTagNameLen(s[i+2:])
		if n >= len(s)-i || s[i+n] != '>' {
			return false
		}
		t.emit(n + 1)
	default:
		return false
	}
	return true
}

func (t *tsLexer) tag() bool {
	s, i := t.s, t.i
	c := s[i]
	switch {
	case c == '<' && t.jsx():
		return true
	case c == ',':
		t.emit(1)
		return true
	case c == '"' || c == '\'':
		if n := tsQuotedLen(s[i:]); n > 0 {
			t.emitAs(String, n)
			return true
		}
	case c == '`':
		t.emitAs(String, 1)
		t.push(tsInterp)
		return true
	}
	if t.commentsWS() {
		return true
	}
	// "([\w-]+\s*)(=)(\s*)" opens an attribute's value.
	j := i
	for j < len(s) {
		if s[j] == '-' {
			j++
		} else if n := tsWordLen(s[j:]); n > 0 {
			j += n
		} else {
			break
		}
	}
	if j > i {
		k := j + tsSpaceLen(s[j:])
		if k < len(s) && s[k] == '=' {
			k++
			t.emit(k + tsSpaceLen(s[k:]) - i)
			t.push(tsAttr)
			return true
		}
	}
	if c == '{' || c == '}' {
		j := i
		for j < len(s) && (s[j] == '{' || s[j] == '}') {
			j++
		}
		t.emit(j - i)
		return true
	}
	if n := tsTagNameLen(s[i:]); n > 0 {
		t.emit(n)
		return true
	}
	j = i
	if c == '/' {
		j++
	}
	j += tsSpaceLen(s[j:])
	if j < len(s) && s[j] == '>' {
		t.emit(j + 1 - i)
		t.pop()
		return true
	}
	return false
}

func (t *tsLexer) attr() bool {
	s, i := t.s, t.i
	switch c := s[i]; c {
	case '{':
		t.emit(1)
		t.push(tsExpr)
		return true
	case '"', '\'':
		if k := strings.IndexByte(s[i+1:], c); k >= 0 {
			t.emitAs(String, k+2)
			t.pop()
			return true
		}
	}
	t.pop()
	return true
}

// wordBefore says whether the rune before i is a word character, for \b.
func (t *tsLexer) wordBefore(i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t.s[:i])
	return tsWordRune(r)
}

// tsWordRune is \w of chroma's regexp engine.
func tsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWord(byte(r))
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Nd, r) ||
		unicode.Is(unicode.Pc, r) || r == '\u200c' || r == '\u200d'
}

func tsWordAt(s string, i int) bool {
	if s[i] < utf8.RuneSelf {
		return isWord(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return tsWordRune(r)
}

// tsWordLen is the length of the run of \w that s starts with.
func tsWordLen(s string) int {
	j := 0
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !isWord(c) {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if !tsWordRune(r) {
			break
		}
		j += n
	}
	return j
}

// tsNameLen is the length of the run of [\w?.$] that s starts with.
func tsNameLen(s string) int {
	j := 0
	for j < len(s) {
		if c := s[j]; c == '?' || c == '.' || c == '$' {
			j++
		} else if n := tsWordLen(s[j:]); n > 0 {
			j += n
		} else {
			break
		}
	}
	return j
}

// tsTagNameLen is the length of the run of [\w.] that s starts with.
func tsTagNameLen(s string) int {
	j := 0
	for j < len(s) {
		if s[j] == '.' {
			j++
		} else if n := tsWordLen(s[j:]); n > 0 {
			j += n
		} else {
			break
		}
	}
	return j
}

// tsSpaceLen is the length of the run of \s that s starts with.
func tsSpaceLen(s string) int {
	j := 0
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !isSpace(c) {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += n
	}
	return j
}

// tsQuotedLen matches `"(\\\\|\\"|[^"])*"` (or with '): when no quote
// closes it, chroma's engine backtracks to the last escaped quote.
func tsQuotedLen(s string) int {
	q, lastEsc := s[0], -1
	for j := 1; j < len(s); j++ {
		switch s[j] {
		case q:
			return j + 1
		case '\\':
			if j+1 < len(s) && s[j+1] == q {
				lastEsc = j
			}
			if j+1 < len(s) && (s[j+1] == q || s[j+1] == '\\') {
				j++
			}
		}
	}
	if lastEsc >= 0 {
		return lastEsc + 2
	}
	return 0
}

// tsRegexLen matches
// `/(\\.|[^[/\\\n]|\[(\\.|[^\]\\\n])*])+/([gim]+\b|\B)` (. matching a
// line break too) and returns the length, or 0.
func tsRegexLen(s string) int {
	j := 1
	for j < len(s) {
		switch s[j] {
		case '\\':
			if j+1 >= len(s) {
				return 0
			}
			_, n := utf8.DecodeRuneInString(s[j+1:])
			j += 1 + n
		case '\n':
			return 0
		case '[':
			k := j + 1
			for k < len(s) && s[k] != ']' {
				switch s[k] {
				case '\n':
					return 0
				case '\\':
					if k+1 >= len(s) {
						return 0
					}
					_, n := utf8.DecodeRuneInString(s[k+1:])
					k += n
				}
				k++
			}
			if k >= len(s) {
				return 0
			}
			j = k + 1
		case '/':
			if j == 1 {
				return 0
			}
			j++
			f := j
			for f < len(s) && (s[f] == 'g' || s[f] == 'i' || s[f] == 'm') {
				f++
			}
			if f > j && (f >= len(s) || !tsWordAt(s, f)) {
				return f
			}
			if j >= len(s) || !tsWordAt(s, j) {
				return j
			}
			return 0
		default:
			j++
		}
	}
	return 0
}

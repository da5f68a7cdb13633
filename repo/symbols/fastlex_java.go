package symbols

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// The Java scanner, after chroma's Java lexer. What the taggers read of
// it is where comments, strings and character literals are; everything
// else is code, however chroma names it. So it follows chroma's rules
// where they decide those: a "//" comment needs a line break after it, a
// quote that opens no well-formed character literal is code, and the
// states chroma enters after class, interface, module, var, package and
// import take the next name and lex anything before it as code, a
// comment or string included. chroma's name pattern, ([^\W\d]|\$)[\w$]*,
// takes digits too (the regexp engine reads [^\W\d] as \w), and comes
// before its number patterns: "12e5", "0L" and the 5 of ".5" are names,
// and no number token is ever made.
//
// Where chroma's rules turn on Unicode classes (a non-ASCII letter in
// code, text that is not UTF-8), it gives up with errNotFast and chroma
// lexes the file.

// errNotFast says a fast scanner met text it does not model; the file is
// lexed with chroma.
var errNotFast = errors.New("text the fast scanner does not model")

type javaState uint8

const (
	jRoot   javaState = iota
	jClass            // after class, interface, module or a record: the next name
	jVar              // after var: the next name, or back to root at a line break
	jImport           // after package or import: the dotted name
)

func (sc *scanner) runJava() error {
	s := sc.s
	if !utf8.ValidString(s) {
		return errNotFast
	}
	sc.funcFailEnd, sc.recordFailEnd = -1, -1
	sc.noLineBreakFrom, sc.noCommentEndFrom = -1, -1
	state := jRoot
	for sc.i < len(s) {
		if err := sc.dl.check(); err != nil {
			return err
		}
		var err error
		if state != jRoot {
			state, err = sc.javaInState(state)
		} else {
			state, err = sc.javaRoot()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// take passes s[sc.i:end] to the assembler as code.
func (sc *scanner) take(end int) {
	sc.a.code(sc.s[sc.i:end], false)
	sc.i = end
}

func (sc *scanner) javaRoot() (javaState, error) {
	s, i := sc.s, sc.i
	if sc.lineStart(i) {
		if n := sc.javaRecordLen(i); n > 0 {
			sc.take(i + n)
			return jClass, nil
		}
		if isSpace(s[i]) {
			// Blanks and line breaks from a line start: chroma's rules
			// that look past them (a record, a label) are tried once for
			// the whole run, which is then code, so that a run of blank
			// lines is not scanned again from each of them. chroma tries
			// the label rule at a line start holding a line break (at a
			// blank one, its blank-eating rule comes first).
			e := skipSpace(s, i)
			if s[i] == '\n' || strings.Contains(s[i:e], "\n\n") {
				n, err := javaLabelLen(s, e)
				if err != nil {
					return jRoot, err
				}
				if n > 0 {
					sc.take(n)
					return jRoot, nil
				}
			}
			if e < len(s) && s[e] >= utf8.RuneSelf {
				return jRoot, errNotFast
			}
			sc.take(e)
			return jRoot, nil
		}
	}
	c := s[i]
	switch {
	case c == '\n':
		sc.take(i + 1)
	case isSpace(c):
		j := i + 1
		for j < len(s) && isSpace(s[j]) && s[j] != '\n' {
			j++
		}
		sc.take(j)
	case c == '/' && sc.at(1) == '/':
		k := -1
		if sc.noLineBreakFrom < 0 || i < sc.noLineBreakFrom {
			k = strings.IndexByte(s[i+2:], '\n')
		}
		if k < 0 {
			sc.noLineBreakFrom = i // and every "//" after it: not searched again
			sc.take(i + 1)         // no line break follows: chroma's "//" rule fails
			break
		}
		sc.a.other(Comment, s[i:i+2+k]) // the line break is code
		sc.i = i + 2 + k
	case c == '/' && sc.at(1) == '*':
		k := -1
		if sc.noCommentEndFrom < 0 || i < sc.noCommentEndFrom {
			k = strings.Index(s[i+2:], "*/")
		}
		if k < 0 {
			sc.noCommentEndFrom = i
			sc.take(i + 1)
			break
		}
		sc.a.other(Comment, s[i:i+2+k+2])
		sc.i = i + 2 + k + 2
	case c == '"':
		n := javaStringLen(s[i:])
		sc.a.other(String, s[i:i+n])
		sc.i = i + n
	case c == '\'':
		if n := javaCharLen(s[i:]); n > 0 {
			sc.a.other(String, s[i:i+n])
			sc.i = i + n
		} else {
			sc.take(i + 1)
		}
	case c == '@':
		// A decorator is code; taking it whole keeps "@interface" from
		// entering the class state.
		if i+1 < len(s) && s[i+1] >= utf8.RuneSelf {
			return jRoot, errNotFast
		}
		j := i + 1
		if j < len(s) && isWord(s[j]) {
			for j < len(s) && (isWord(s[j]) || s[j] == '.') {
				j++
			}
			if j < len(s) && s[j] >= utf8.RuneSelf {
				return jRoot, errNotFast
			}
		}
		sc.take(j)
	case c == '.' && i+1 < len(s) && isJavaName(s[i+1]):
		j, err := javaNameEnd(s, i+1)
		if err != nil {
			return jRoot, err
		}
		sc.take(j) // a member name after a dot is code
	case isJavaName(c):
		return sc.javaWord()
	case c >= utf8.RuneSelf:
		return jRoot, errNotFast
	default:
		sc.take(i + 1)
	}
	return jRoot, nil
}

// javaInState lexes one token in a state a keyword entered.
func (sc *scanner) javaInState(state javaState) (javaState, error) {
	s, i := sc.s, sc.i
	c := s[i]
	switch {
	case c >= utf8.RuneSelf:
		return state, errNotFast
	case c == '\n' && state != jClass:
		return jRoot, nil // no rule takes a line break there: chroma starts over in root
	case isSpace(c) && state == jClass:
		j := i + 1
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		sc.take(j)
		return state, nil
	case state == jImport && (isWord(c) || c == '.'):
		j := i + 1
		for j < len(s) && (isWord(s[j]) || s[j] == '.') {
			j++
		}
		if j < len(s) && s[j] >= utf8.RuneSelf {
			return state, errNotFast
		}
		if j < len(s) && s[j] == '*' {
			j++
		}
		sc.take(j)
		return jRoot, nil
	case state != jImport && isJavaName(c):
		j, err := javaNameEnd(s, i)
		if err != nil {
			return state, err
		}
		sc.take(j)
		return jRoot, nil
	}
	sc.take(i + 1) // no rule matches: chroma's error token, code
	return state, nil
}

// javaWord lexes a name or keyword at the position.
func (sc *scanner) javaWord() (javaState, error) {
	s, i := sc.s, sc.i
	wb := i // the end of the \w run, where a keyword's \b falls
	for wb < len(s) && isWord(s[wb]) {
		wb++
	}
	if wb < len(s) && s[wb] >= utf8.RuneSelf {
		return jRoot, errNotFast
	}
	word := s[i:wb]
	spaceAfter := wb < len(s) && isSpace(s[wb])
	if javaKeywords[word] {
		sc.take(wb)
		return jRoot, nil
	}
	n, err := sc.javaFuncLen(i)
	if err != nil {
		return jRoot, err
	}
	if n > 0 {
		sc.take(i + n)
		return jRoot, nil
	}
	switch {
	case word == "package" && spaceAfter:
		sc.take(skipSpace(s, wb))
		return jImport, nil
	case word == "class" || word == "interface" || word == "module":
		sc.take(wb)
		return jClass, nil
	case word == "var" && spaceAfter:
		sc.take(skipSpace(s, wb))
		return jVar, nil
	case word == "import" && spaceAfter:
		end := skipSpace(s, wb)
		for _, m := range []string{"static", "module"} {
			if k := end + len(m); strings.HasPrefix(s[end:], m) && k < len(s) && isSpace(s[k]) {
				end = skipSpace(s, k)
				break
			}
		}
		sc.take(end)
		return jImport, nil
	}
	j, err := javaNameEnd(s, i)
	if err != nil {
		return jRoot, err
	}
	sc.take(j)
	return jRoot, nil
}

// javaKeywords are the words of chroma's first keyword rule: matched
// before its method-declaration rule, and code like every other name.
var javaKeywords = map[string]bool{
	"assert": true, "break": true, "case": true, "catch": true, "continue": true,
	"default": true, "do": true, "else": true, "finally": true, "for": true, "if": true,
	"goto": true, "instanceof": true, "new": true, "return": true, "switch": true,
	"this": true, "throw": true, "try": true, "while": true,
}

// isJavaName says whether c starts a name for chroma: a \w byte or "$".
func isJavaName(c byte) bool { return isWord(c) || c == '$' }

// javaNameEnd is the end of the name ([\w$]*) that starts at i.
func javaNameEnd(s string, i int) (int, error) {
	for i < len(s) && (isWord(s[i]) || s[i] == '$') {
		i++
	}
	if i < len(s) && s[i] >= utf8.RuneSelf {
		return i, errNotFast
	}
	return i, nil
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// javaFuncLen matches chroma's method-declaration rule at i, names
// separated by blanks, then a name, blanks and "(" (all code), returning
// its length or 0. It fails at every name start up to where a failed
// attempt stopped, so that a long run of words is not scanned again
// from each of its words.
func (sc *scanner) javaFuncLen(i int) (int, error) {
	s := sc.s
	if i < sc.funcFailEnd {
		return 0, nil
	}
	q := i // the start of the next "word blanks" repetition
	for {
		if q >= len(s) || !isJavaName(s[q]) {
			sc.funcFailEnd = q
			return 0, nil
		}
		r := q + 1
		for r < len(s) && (isWord(s[r]) || strings.IndexByte(".[]$<>?", s[r]) >= 0) {
			r++
		}
		if r < len(s) && s[r] >= utf8.RuneSelf {
			return 0, errNotFast
		}
		if r >= len(s) || !isSpace(s[r]) {
			sc.funcFailEnd = r
			return 0, nil
		}
		q = skipSpace(s, r)
		if q < len(s) && s[q] >= utf8.RuneSelf {
			return 0, errNotFast
		}
		// The declared name, blanks, "(".
		if q < len(s) && isJavaName(s[q]) {
			e, err := javaNameEnd(s, q)
			if err != nil {
				return 0, err
			}
			f := skipSpace(s, e)
			if f < len(s) && s[f] == '(' {
				return f + 1 - i, nil
			}
		}
	}
}

// javaRecordLen matches chroma's record rule at line start i: blanks,
// modifiers, "record" (a class state follows), returning its length or
// 0. A line start before where a failed attempt stopped fails too: it
// is in the same run of blanks and modifiers.
func (sc *scanner) javaRecordLen(i int) int {
	if i < sc.recordFailEnd {
		return 0
	}
	s := sc.s
	j := skipSpace(s, i)
	for {
		k := j
		for _, m := range []string{"public", "private", "protected", "static", "strictfp"} {
			if strings.HasPrefix(s[j:], m) && j+len(m) < len(s) && isSpace(s[j+len(m)]) {
				k = skipSpace(s, j+len(m))
				break
			}
		}
		if k == j {
			break
		}
		j = k
	}
	end := j + len("record")
	if !strings.HasPrefix(s[j:], "record") || end < len(s) && (isWord(s[end]) || s[end] >= utf8.RuneSelf) {
		sc.recordFailEnd = j
		return 0
	}
	return end - i
}

// javaLabelLen matches chroma's label rules at a line start that holds a
// line break, whose blanks (line breaks too) end at j: a name, then ":".
// It returns where the match ends, or 0.
func javaLabelLen(s string, j int) (int, error) {
	if j >= len(s) || !isJavaName(s[j]) {
		return 0, nil
	}
	e, err := javaNameEnd(s, j)
	if err != nil || e >= len(s) || s[e] != ':' {
		return 0, err
	}
	return e + 1, nil
}

// javaStringLen is the length of the string at the start of s: a text
// block when the quotes are followed by a line break, to the first
// unescaped closing quote(s) or the end of the file.
func javaStringLen(s string) int {
	block := strings.HasPrefix(s, "\"\"\"\n")
	j := 1
	if block {
		j = 4
	}
	for j < len(s) {
		switch {
		case block && strings.HasPrefix(s[j:], "\"\"\""):
			return j + 3
		case s[j] == '"':
			j++
			if !block {
				return j
			}
		case s[j] == '\\':
			if j+1 < len(s) && (s[j+1] == '\\' || s[j+1] == '"') {
				j += 2
			} else {
				j++
			}
		default:
			k := strings.IndexAny(s[j:], "\\\"")
			if k < 0 {
				return len(s)
			}
			j += k
		}
	}
	return len(s)
}

// javaCharLen is the length of the character literal at the start of s
// ('x', '\x' or '\uXXXX', any character between the quotes), or 0.
func javaCharLen(s string) int {
	if len(s) < 3 {
		return 0
	}
	if s[1] == '\\' {
		_, n := utf8.DecodeRuneInString(s[2:])
		if 2+n < len(s) && s[2+n] == '\'' {
			return 3 + n
		}
		if len(s) >= 8 && s[2] == 'u' && isHex(s[3]) && isHex(s[4]) && isHex(s[5]) && isHex(s[6]) && s[7] == '\'' {
			return 8
		}
		return 0
	}
	_, n := utf8.DecodeRuneInString(s[1:])
	if 1+n < len(s) && s[1+n] == '\'' {
		return 2 + n
	}
	return 0
}

package symbols

import (
	"strings"
	"unicode/utf8"
)

// The JavaScript scanner, after chroma's JavaScript lexer: a "/" is a
// regular expression literal (a string) only where chroma expects one,
// after an operator, an opening bracket, ";" or ",", some keywords, or at
// the start of a line; where one is expected but does not parse, the
// rest of the line is code. Template literals' ${} are code.

// jsRegexKeywords are the keywords after which chroma looks for a
// regular expression.
var jsRegexKeywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields("for in while do break return continue switch case default if else throw try catch finally new delete typeof instanceof void yield this of var let with function") {
		jsRegexKeywords[k] = true
	}
}

func (sc *scanner) runJS() error {
	if strings.HasPrefix(sc.s, "#!") {
		rest := strings.TrimPrefix(sc.s[2:], " ")
		if k := strings.IndexByte(rest, '\n'); strings.HasPrefix(rest, "/") && k >= 0 {
			n := len(sc.s) - len(rest) + k + 1
			sc.a.other(Comment, sc.s[:n])
			sc.i = n
		}
	}
	_, err := sc.jsRoot(false)
	return err
}

// jsRoot reads code; inside a template's ${} (interp) it stops after
// the "}" that closes it.
func (sc *scanner) jsRoot(interp bool) (bool, error) {
	s := sc.s
	regexOK := false
	for sc.i < sc.end {
		if err := sc.dl.check(); err != nil {
			return false, err
		}
		i := sc.i
		c := s[i]
		if sc.lineStart(i) && (isSpace(c) || c == '/' || strings.HasPrefix(s[i:], "<!--")) {
			regexOK = true
		}
		switch {
		case isSpace(c):
			j := i
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			sc.a.code(s[i:j], false)
			sc.i = j
		case strings.HasPrefix(s[i:], "<!--"):
			sc.a.other(Comment, "<!--")
			sc.i += 4
		case c == '/' && sc.at(1) == '/': // chroma ends the file with a line break
			sc.lineComment(false)
		case c == '/' && sc.at(1) == '*' && strings.Contains(s[i+2:], "*/"):
			sc.blockComment()
		case regexOK && c == '/':
			regexOK = false
			if n := jsRegexLen(s[i:]); n > 0 {
				sc.a.other(String, s[i:i+n])
				sc.i += n
				continue
			}
			j := strings.IndexByte(s[i:], '\n') // chroma's "badregex": code to the line's end
			if j < 0 {
				j = len(s)
			} else {
				j += i + 1
			}
			sc.a.code(s[i:j], false)
			sc.i = j
		case interp && c == '}':
			sc.a.other(String, "}")
			sc.i++
			return true, nil
		default:
			regexOK = sc.jsToken()
		}
	}
	return false, nil
}

// jsToken takes one token of code that is not blank, a comment or a
// regular expression, and says whether a regular expression may follow.
func (sc *scanner) jsToken() bool {
	s, i := sc.s, sc.i
	c := s[i]
	switch {
	case isDigit(c):
		sc.i += jsNumberLen(s[i:])
		sc.a.number(s[i:sc.i])
		return false
	case c == '"' || c == '\'':
		j := i + 1
		for j < len(s) && s[j] != c {
			if s[j] == '\\' && j+1 < len(s) && (s[j+1] == '\\' || s[j+1] == c) {
				j++
			}
			j++
		}
		if j >= len(s) { // no closing quote: chroma's error token
			sc.a.code(s[i:i+1], false)
			sc.i++
			return false
		}
		sc.a.other(String, s[i:j+1])
		sc.i = j + 1
		return false
	case c == '`':
		sc.jsTemplate()
		return false
	case strings.HasPrefix(s[i:], "..."), strings.HasPrefix(s[i:], "=>"):
		n := 2
		if c == '.' {
			n = 3
		}
		sc.a.code(s[i:i+n], false)
		sc.i += n
		return false
	case strings.IndexByte("{([;,", c) >= 0:
		sc.a.code(s[i:i+1], false)
		sc.i++
		return true
	case strings.IndexByte("})].", c) >= 0:
		sc.a.code(s[i:i+1], false)
		sc.i++
		return false
	case strings.IndexByte("+-~&?:|<>=!*%^/", c) >= 0:
		n := jsOperatorLen(s[i:])
		if n > 0 {
			sc.a.code(s[i:i+n], false)
			sc.i += n
			return true
		}
	case c == '\\' && sc.at(1) == '\n':
		sc.a.code("\\", false)
		sc.i++
		return true
	case isIdentStart(s, i):
		w := i
		for w < len(s) && isWord(s[w]) {
			w++
		}
		j := identEnd(s, i)
		sc.a.code(s[i:j], false)
		sc.i = j
		return jsRegexKeywords[s[i:w]]
	case c >= utf8.RuneSelf:
		_, n := utf8.DecodeRuneInString(s[i:])
		sc.a.code(s[i:i+n], false)
		sc.i += n
		return false
	}
	sc.a.code(s[i:i+1], false)
	sc.i++
	return false
}

// jsOperatorLen is the length of the operator s starts with, as chroma's
// rule reads one, or 0.
func jsOperatorLen(s string) int {
	if s == "" || !jsOperatorStart[s[0]] {
		return 0 // most calls: tried before the prefixes below, one by one
	}
	for _, op := range []string{"++", "--", "~", "&&", "?", ":", "||"} {
		if strings.HasPrefix(s, op) {
			return len(op)
		}
	}
	n := 0
	switch {
	case strings.HasPrefix(s, ">>>"):
		n = 3
	case strings.HasPrefix(s, "<<"), strings.HasPrefix(s, ">>"), strings.HasPrefix(s, "=="), strings.HasPrefix(s, "!="):
		n = 2
	case strings.IndexByte("=!-<>+*%&|^/", s[0]) >= 0:
		n = 1
	default:
		return 0
	}
	if n < len(s) && s[n] == '=' {
		n++
	}
	return n
}

// jsOperatorStart marks the bytes an operator jsOperatorLen knows
// starts with.
var jsOperatorStart = func() (t [256]bool) {
	for _, c := range []byte("+-~&?:|<>=!*%^/") {
		t[c] = true
	}
	return t
}()

// jsNumberLen is the length of the number s starts with.
func jsNumberLen(s string) int {
	j := 0
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '.' {
		for j++; j < len(s) && isDigit(s[j]); j++ {
		}
		return j
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			for j = k; j < len(s) && isDigit(s[j]); j++ {
			}
			return j
		}
	}
	if s[0] == '0' && len(s) > 2 {
		set := map[byte]func(byte) bool{
			'b': func(b byte) bool { return b == '0' || b == '1' }, 'B': func(b byte) bool { return b == '0' || b == '1' },
			'o': func(b byte) bool { return b >= '0' && b <= '7' }, 'O': func(b byte) bool { return b >= '0' && b <= '7' },
			'x': isHex, 'X': isHex,
		}[s[1]]
		if set != nil && set(s[2]) {
			k := 2
			for k < len(s) && set(s[k]) {
				k++
			}
			return k
		}
	}
	for j < len(s) && (isDigit(s[j]) || s[j] == '_') {
		j++
	}
	return j
}

// jsRegexLen is the length of the regular expression literal s starts
// with, flags included, or 0.
func jsRegexLen(s string) int {
	j := 1
	for j < len(s) {
		switch s[j] {
		case '\\':
			if j+1 >= len(s) || s[j+1] == '\n' {
				return 0
			}
			j += 2
			continue
		case '\n':
			return 0
		case '[':
			k := j + 1
			for k < len(s) && s[k] != ']' {
				if s[k] == '\n' || s[k] == '\\' && (k+1 >= len(s) || s[k+1] == '\n') {
					return 0
				}
				if s[k] == '\\' {
					k++
				}
				k++
			}
			if k >= len(s) {
				return 0
			}
			j = k + 1
			continue
		case '/':
			if j == 1 {
				return 0
			}
			j++
			f := j
			for f < len(s) && strings.IndexByte("gimuy", s[f]) >= 0 {
				f++
			}
			wordAt := func(k int) bool { return k < len(s) && (isWord(s[k]) || s[k] >= 0x80) }
			if f > j && !wordAt(f) {
				return f
			}
			if !wordAt(j) {
				return j
			}
			return 0
		}
		j++
	}
	return 0
}

// jsTemplate takes a template literal, its ${} expressions code.
func (sc *scanner) jsTemplate() {
	s := sc.s
	sc.a.other(String, "`")
	sc.i++
	for sc.i < sc.end {
		i := sc.i
		switch {
		case s[i] == '`':
			sc.a.other(String, "`")
			sc.i++
			return
		case s[i] == '\\' && i+1 < len(s):
			sc.a.other(String, s[i:i+2])
			sc.i += 2
		case strings.HasPrefix(s[i:], "${"):
			sc.a.other(String, "${")
			sc.i += 2
			sc.jsRoot(true)
		case s[i] == '$':
			sc.a.other(String, "$")
			sc.i++
		default:
			j := i
			for j < len(s) && s[j] != '`' && s[j] != '\\' && s[j] != '$' {
				j++
			}
			if j == i {
				j++
			}
			sc.a.other(String, s[i:j])
			sc.i = j
		}
	}
}

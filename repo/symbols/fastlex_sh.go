package symbols

import (
	"strings"
	"unicode/utf8"
)

// The shell scanner, after chroma's Bash lexer. What it decides, and
// this follows: "#" opens a comment only where a token starts; a
// backslash and the character after it are a string (an escape), in
// code too; a here-document runs from "<<WORD" to the next WORD
// anywhere, a shorter prefix of WORD when WORD does not come again; a
// double-quoted string without "$" is one string, one with "$" holds
// code ("$x", "$(...)", "$((...))") and "${" starts text in which only
// quotes, backquotes, "$" and backslashes are lexed; a backquote is a
// string whose inside is code; digits are a number only before a blank
// or a line's end. On a non-ASCII character in code it gives up with
// errNotFast and chroma lexes the file.

type shState uint8

const (
	shRoot     shState = iota
	shParen            // inside "$(": ")" closes it
	shMath             // inside "$((": "))" closes it
	shBacktick         // inside backquotes
	shCurly            // inside "${"
	shString           // inside a double-quoted string holding "$"
)

func (sc *scanner) runShell() error {
	s := sc.s
	if !utf8.ValidString(s) {
		return errNotFast
	}
	if strings.HasPrefix(s, "#!") {
		if k := strings.IndexByte(s, '\n'); k > 2 {
			sc.a.code(s[:k+1], true) // the interpreter line
			sc.i = k + 1
		}
	}
	stack := []shState{shRoot}
	for sc.i < len(s) {
		if err := sc.dl.check(); err != nil {
			return err
		}
		top := stack[len(stack)-1]
		push, pop, err := sc.shStep(top)
		if err != nil {
			return err
		}
		if pop && len(stack) > 1 {
			stack = stack[:len(stack)-1]
		}
		if push != shRoot {
			stack = append(stack, push)
		}
	}
	return nil
}

// shStep lexes one token in state st; it says which state to enter
// (shRoot: none) or whether st ends.
func (sc *scanner) shStep(st shState) (push shState, pop bool, err error) {
	s, i := sc.s, sc.i
	c := s[i]
	switch st {
	case shString:
		switch {
		case c == '"':
			sc.a.other(String, s[i:i+1])
			sc.i++
			return shRoot, true, nil
		case c == '$':
			return sc.shInterp()
		}
		j := shStringRun(s, i)
		if j == i { // a backslash at the end: no rule takes it
			sc.take(i + 1)
			return shRoot, false, nil
		}
		sc.a.other(String, s[i:j])
		sc.i = j
		return shRoot, false, nil
	case shParen:
		if c == ')' {
			sc.take(i + 1)
			return shRoot, true, nil
		}
	case shMath:
		switch {
		case c == ')' && sc.at(1) == ')':
			sc.take(i + 2)
			return shRoot, true, nil
		case strings.IndexByte("-+*/%^|&", c) >= 0:
			sc.take(i + 1)
			return shRoot, false, nil
		case isDigit(c):
			j := runOf(s, i, isDigit)
			if j < len(s) && s[j] == '#' {
				if j+1 < len(s) && isDigit(s[j+1]) {
					j = runOf(s, j+1, isDigit)
				} else if j+1 >= len(s) || s[j+1] != ' ' {
					j++
				}
			}
			sc.a.number(s[i:j])
			sc.i = j
			return shRoot, false, nil
		}
	case shBacktick:
		if c == '`' {
			sc.a.other(String, "`")
			sc.i++
			return shRoot, true, nil
		}
	case shCurly:
		switch {
		case c == '}':
			sc.a.other(String, "}")
			sc.i++
			return shRoot, true, nil
		case c == ':':
			if sc.at(1) == '-' {
				sc.take(i + 2)
			} else {
				sc.take(i + 1)
			}
			return shRoot, false, nil
		case isWord(c):
			e := wordEnd(s, i)
			if e < len(s) && s[e] >= utf8.RuneSelf {
				return shRoot, false, errNotFast
			}
			sc.take(e)
			return shRoot, false, nil
		case strings.IndexByte("}:\"'`$\\", c) < 0:
			j := i + 1
			for j < len(s) && strings.IndexByte("}:\"'`$\\", s[j]) < 0 {
				j++
			}
			sc.take(j)
			return shRoot, false, nil
		}
	}
	return sc.shRoot()
}

// shRoot lexes one token by the rules every state but the string's ends
// with: chroma's "basic", backquotes, "data" and "interp".
func (sc *scanner) shRoot() (push shState, pop bool, err error) {
	s, i := sc.s, sc.i
	c := s[i]
	if c >= utf8.RuneSelf {
		return shRoot, false, errNotFast
	}
	wordStart := isWord(c) && (i == 0 || !isWord(s[i-1]))
	if wordStart && (i > 0 && s[i-1] >= utf8.RuneSelf || wordEnd(s, i) < len(s) && s[wordEnd(s, i)] >= utf8.RuneSelf) {
		return shRoot, false, errNotFast // \b or \s next to a character that may be one
	}
	if wordStart {
		if n := shKeywordLen(s, i); n > 0 {
			sc.take(i + n)
			return shRoot, false, nil
		}
	}
	switch {
	case c == '#':
		k := strings.IndexByte(s[i:], '\n')
		if k < 0 {
			k = len(s) - i
		}
		sc.a.other(Comment, s[i:i+k])
		sc.i = i + k
		return shRoot, false, nil
	case c == '\\' && i+1 < len(s):
		_, n := utf8.DecodeRuneInString(s[i+1:])
		sc.a.other(String, s[i:i+1+n]) // an escape
		sc.i = i + 1 + n
		return shRoot, false, nil
	}
	if wordStart {
		// name, blanks, "=" or "+=": an assignment, code whole (before
		// the number rule could take the name's digits).
		e := wordEnd(s, i)
		k := skipSpace(s, e)
		if k < len(s) && (s[k] == '=' || s[k] == '+' && k+1 < len(s) && s[k+1] == '=') {
			if s[k] == '+' {
				k++
			}
			sc.take(k + 1)
			return shRoot, false, nil
		}
	}
	switch {
	case strings.IndexByte("[]{}()=", c) >= 0:
		sc.take(i + 1)
	case strings.HasPrefix(s[i:], "<<<"):
		sc.take(i + 3)
	case c == '<' && sc.at(1) == '<' && sc.heredoc(&err):
	case strings.HasPrefix(s[i:], "&&"), strings.HasPrefix(s[i:], "||"):
		sc.take(i + 2)
	case c == '`':
		sc.a.other(String, "`")
		sc.i++
		return shBacktick, false, nil
	case c == '"' || c == '$' && sc.at(1) == '"':
		if n := shPlainStringLen(s[i:]); n > 0 {
			sc.a.other(String, s[i:i+n])
			sc.i = i + n
			break
		}
		if c == '$' {
			return sc.shInterp()
		}
		sc.a.other(String, "\"")
		sc.i++
		return shString, false, nil
	case c == '$' && sc.at(1) == '\'':
		if n := shANSIStringLen(s[i:]); n > 0 {
			sc.a.other(String, s[i:i+n])
			sc.i = i + n
			break
		}
		return sc.shInterp()
	case c == '\'':
		if k := strings.IndexByte(s[i+1:], '\''); k >= 0 {
			sc.a.other(String, s[i:i+1+k+1])
			sc.i = i + 1 + k + 1
			break
		}
		sc.take(i + 1) // no rule takes an unclosed quote
	case c == ';' || c == '&' || c == '|' || c == '<':
		sc.take(i + 1)
	case isSpace(c):
		sc.take(skipSpace(s, i))
	case isDigit(c) && shNumberLen(s, i) > 0:
		n := shNumberLen(s, i)
		sc.a.number(s[i : i+n])
		sc.i = i + n
	case strings.IndexByte("=[]{}()$\"'`\\<&|;", c) < 0:
		j := i + 1
		for j < len(s) && !isSpace(s[j]) && strings.IndexByte("=[]{}()$\"'`\\<&|;", s[j]) < 0 {
			if s[j] >= utf8.RuneSelf {
				return shRoot, false, errNotFast
			}
			j++
		}
		sc.take(j)
	case c == '$':
		return sc.shInterp()
	default:
		sc.take(i + 1) // a backslash at the end: no rule takes it
	}
	return shRoot, false, err
}

// shInterp lexes "$" and what it takes: "$((", "$(", "${", a name, a
// special parameter, or itself.
func (sc *scanner) shInterp() (push shState, pop bool, err error) {
	s, i := sc.s, sc.i
	switch {
	case strings.HasPrefix(s[i:], "$(("):
		sc.take(i + 3)
		return shMath, false, nil
	case strings.HasPrefix(s[i:], "$("):
		sc.take(i + 2)
		return shParen, false, nil
	case strings.HasPrefix(s[i:], "${"):
		n := 2
		if sc.at(2) == '#' {
			n = 3
		}
		sc.a.other(String, s[i:i+n])
		sc.i = i + n
		return shCurly, false, nil
	case i+1 < len(s) && isRustLetter(s[i+1]):
		e := wordEnd(s, i+1)
		if e < len(s) && s[e] >= utf8.RuneSelf {
			return shRoot, false, errNotFast // the name may go on
		}
		sc.take(e)
	case i+1 < len(s) && isDigit(s[i+1]):
		sc.take(runOf(s, i+1, isDigit))
	case i+1 < len(s) && s[i+1] >= utf8.RuneSelf:
		return shRoot, false, errNotFast
	case i+1 < len(s) && strings.IndexByte("#$?!_*@-", s[i+1]) >= 0:
		sc.take(i + 2)
	default:
		sc.take(i + 1)
	}
	return shRoot, false, nil
}

// shKeywords are chroma's keyword and builtin words (the builtins only
// before a blank, ")" or a backquote).
var shKeywords = strings.Fields("if fi else while do done for then return function case select continue until esac elif")

var shBuiltins = strings.Fields("alias bg bind break builtin caller cd command compgen complete declare dirs disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout popd printf pushd pwd read readonly set shift shopt source suspend test time times trap true type typeset ulimit umask unalias unset wait")

// shKeywordLen matches the keyword and builtin rules at the word start
// i, returning the length they take, or 0.
func shKeywordLen(s string, i int) int {
	for _, k := range shKeywords {
		if !strings.HasPrefix(s[i:], k) {
			continue
		}
		// (\s*)\b: the blanks, given back to a word boundary.
		e := i + len(k)
		for j := skipSpace(s, e); j >= e; j-- {
			if shBoundary(s, j) {
				return j - i
			}
		}
	}
	for _, k := range shBuiltins {
		e := i + len(k)
		if strings.HasPrefix(s[i:], k) && e < len(s) && (isSpace(s[e]) || s[e] == ')' || s[e] == '`') {
			return len(k)
		}
	}
	return 0
}

// shBoundary is \b at j.
func shBoundary(s string, j int) bool {
	before := j > 0 && isWord(s[j-1])
	after := j < len(s) && isWord(s[j])
	return before != after
}

// shNumberLen matches \d+(?= |$) at i: digits before a blank or a line's
// end; 0 when they are not.
func shNumberLen(s string, i int) int {
	j := runOf(s, i, isDigit)
	if j == len(s) || s[j] == ' ' || s[j] == '\n' {
		return j - i
	}
	return 0
}

// shStringRun is the end of a run of a "$"-holding string's text:
// escapes and anything but a quote, "$" or a lone last backslash.
func shStringRun(s string, i int) int {
	j := i
	for j < len(s) {
		switch s[j] {
		case '"', '$':
			return j
		case '\\':
			if j+1 >= len(s) {
				return j
			}
			_, n := utf8.DecodeRuneInString(s[j+1:])
			j += 1 + n
		default:
			j++
		}
	}
	return j
}

// shPlainStringLen matches a double-quoted string (after an optional
// "$") that holds no unescaped "$": one string token. 0 otherwise.
func shPlainStringLen(s string) int {
	if s[0] == '$' {
		return shQuotedLen(s, 2, '"', true)
	}
	return shQuotedLen(s, 1, '"', true)
}

// shANSIStringLen matches $'...' with its escapes, or 0.
func shANSIStringLen(s string) int { return shQuotedLen(s, 2, '\'', false) }

// shQuotedLen is the length of s up to and including the quote that
// closes the text starting at from, a backslash escaping any character;
// 0 when none closes it, or, with dollarEnds, when a "$" comes first.
func shQuotedLen(s string, from int, quote byte, dollarEnds bool) int {
	for j := from; j < len(s); {
		switch c := s[j]; {
		case c == quote:
			return j + 1
		case c == '$' && dollarEnds:
			return 0
		case c == '\\':
			if j+1 >= len(s) {
				return 0
			}
			_, n := utf8.DecodeRuneInString(s[j+1:])
			j += 1 + n
		default:
			j++
		}
	}
	return 0
}

// heredoc matches chroma's here-document rule at "<<": "-", blanks, an
// optional quote and backslash, a word, then everything up to the next
// occurrence of the word (or of a shorter prefix of it, when the whole
// word does not come again), one string. false when nothing closes it,
// or when a non-ASCII character may be part of the word (*err says so).
func (sc *scanner) heredoc(err *error) bool {
	s, i := sc.s, sc.i
	j := i + 2
	if j < len(s) && s[j] == '-' {
		j++
	}
	j = skipSpace(s, j)
	if j < len(s) && s[j] == '\'' {
		j++
	}
	if j < len(s) && s[j] == '\\' {
		j++
	}
	w := wordEnd(s, j)
	if w < len(s) && s[w] >= utf8.RuneSelf {
		*err = errNotFast
		return true
	}
	if w == j {
		return false
	}
	for l := w - j; l >= 1; l-- {
		// A long word that never comes again is tried at every length:
		// the tagger's time limit must be able to stop that.
		if e := sc.dl.check(); e != nil {
			*err = e
			return true
		}
		word := s[j : j+l]
		from := j + l + 1 // the body takes at least one character
		if from > len(s) {
			continue
		}
		k := strings.Index(s[from:], word)
		if k < 0 {
			continue
		}
		end := from + k + l
		sc.a.other(String, s[i:end])
		sc.i = end
		return true
	}
	return false
}

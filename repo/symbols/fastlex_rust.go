package symbols

import (
	"strings"
	"unicode/utf8"
)

// The Rust scanner, after chroma's Rust lexer, which decides between
// code, comment and string in ways Rust's grammar does not: doc comments
// ("///", "//!", "/**", "/*!") are strings; block comments nest;
// attributes ("#[...]") and macro variables ("$x") are preprocessor
// text; in the arguments of println!, format! and the like, "{" takes
// everything up to the next "}" as part of the string, quotes included,
// and a "}" without its pair is code; after ":" or "->" (a type), a quote
// starts a lifetime, not a character literal, so the x of "c: 'x'" is
// code; numbers are cut by its ordered patterns ("1.2.3" is "1." and
// "2.3"). Like chroma (ensure_nl) it reads a line break after a last
// line that has none, which tokens may take but which is not lexed on
// its own. On a non-ASCII character in code, or text that is not UTF-8,
// it gives up with errNotFast and chroma lexes the file.

type rustMode uint8

const (
	rBase     rustMode = iota
	rName              // after mod or fn: blanks, then a name
	rType              // after struct, enum, type, union, ":" or "->"
	rLifetime          // after a quote that is no character literal
	rAttr              // inside "#[...]"
)

func (sc *scanner) runRust() error {
	s := sc.s
	if !utf8.ValidString(s) {
		return errNotFast
	}
	sc.noCloseBraceFrom, sc.rawNoEndFrom, sc.rawNoEndHashes = -1, -1, -1
	if strings.HasPrefix(s, "#!") && len(s) > 2 && s[2] != '[' && s[2] != '\r' && s[2] != '\n' {
		end := strings.IndexByte(s, '\n')
		sc.a.code(s[:end], true) // a shebang line
		sc.i = end
	}
	mode, back := rBase, rBase // back: where a lifetime returns
	depth := 0                 // of brackets inside an attribute
	for sc.i < sc.end {
		if err := sc.dl.check(); err != nil {
			return err
		}
		i, c := sc.i, s[sc.i]
		if c >= utf8.RuneSelf && mode != rAttr && !(mode == rBase && c == '\'') {
			return errNotFast
		}
		switch mode {
		case rBase:
			var err error
			if mode, err = sc.rustBase(); err != nil {
				return err
			}
			if mode == rLifetime {
				back = rBase
			} else if mode == rAttr {
				depth = 1
			}
		case rName:
			mode = rBase
			if isSpace(c) {
				sc.take(skipSpace(s, i))
				mode = rName
			} else if isRustLetter(c) {
				sc.take(wordEnd(s, i))
			}
		case rType:
			mode = sc.rustType()
			if mode == rLifetime {
				back = rType
			}
		case rLifetime:
			mode = back
			if isRustLetter(c) {
				sc.take(wordEnd(s, i))
				mode = rLifetime
			}
		case rAttr:
			switch c {
			case '"':
				sc.rustString(false)
			case '[':
				depth++
				sc.a.code("[", true)
				sc.i++
			case ']':
				depth--
				sc.a.code("]", true)
				sc.i++
				if depth == 0 {
					mode = rBase
				}
			default:
				k := strings.IndexAny(s[i:], "\"[]")
				if k < 0 {
					k = len(s) - i
				}
				sc.a.code(s[i:i+k], true)
				sc.i = i + k
			}
		}
	}
	return nil
}

func isRustLetter(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// wordEnd is the end of the \w run at i.
func wordEnd(s string, i int) int {
	for i < len(s) && isWord(s[i]) {
		i++
	}
	return i
}

// rustKeywords are the words chroma's rules take as code before those
// that enter a state or start a literal: keywords, reserved words,
// constants, primitive types and the prelude's names.
var rustKeywords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{
		"unsafe static extern return const crate where while await trait super async match impl else move loop pub ref mut for dyn use box in if as",
		"abstract override unsized virtual become typeof final macro yield priv try do",
		"true false self let",
		"isize usize bool char u128 i128 i64 i32 i16 str u64 u32 f32 f64 u16 i8 u8 Self",
		"DoubleEndedIterator ExactSizeIterator IntoIterator PartialOrd PartialEq ToString Iterator ToOwned Default Result String FnOnce Extend Option FnMut Unpin Sized AsRef AsMut Clone None From Into Sync drop Send Drop Copy Some Ord Err Box Vec Eq Ok Fn",
	} {
		for _, w := range strings.Fields(list) {
			m[w] = true
		}
	}
	return m
}()

// rustTypeWords are what the type state takes and stays in: the
// prelude's names and the primitive types.
var rustTypeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("DoubleEndedIterator ExactSizeIterator IntoIterator PartialOrd PartialEq ToString Iterator ToOwned Default Result String FnOnce Extend Option FnMut Unpin Sized AsRef AsMut Clone None From Into Sync drop Send Drop Copy Some Ord Err Box Vec Eq Ok Fn isize usize bool char u128 i128 i64 i32 i16 str u64 u32 f32 f64 u16 i8 u8") {
		m[w] = true
	}
	return m
}()

// rustFormatMacros take a format string whose "{...}" is part of it.
var rustFormatMacros = map[string]bool{
	"print": true, "println": true, "eprint": true, "eprintln": true, "format": true,
	"format_args": true, "panic": true, "todo": true, "unreachable": true, "unimplemented": true,
}

func (sc *scanner) rustBase() (rustMode, error) {
	s, i := sc.s, sc.i
	c := s[i]
	switch {
	case isSpace(c):
		if c == '\n' {
			sc.take(i + 1)
		} else {
			sc.take(skipSpace(s, i))
		}
	case c == '/' && sc.at(1) == '/':
		end := i + 2 + strings.IndexByte(s[i+2:], '\n') + 1 // the text ends in a line break
		rest := s[i+2 : end]
		switch {
		case strings.HasPrefix(rest, "!"), strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "//"):
			sc.a.other(String, s[i:end]) // a doc comment
		default:
			sc.a.other(Comment, s[i:end])
		}
		sc.i = end
	case c == '/' && sc.at(1) == '*':
		doc := sc.at(2) == '!' || sc.at(2) == '*' && i+3 < len(s) && s[i+3] != '/' && s[i+3] != '*'
		from := i + 2
		if doc {
			from = i + 3
			if sc.at(2) == '*' {
				_, n := utf8.DecodeRuneInString(s[i+3:])
				from = i + 3 + n // "/**" and the character after it
			}
		}
		end := nestedCommentEnd(s, from)
		if end == len(s) && sc.end < len(s) {
			// Not closed, and the text's line break is chroma's: the
			// comment's last token takes it only if it is a run of text
			// begun before it.
			if from >= sc.end {
				end = from
			} else if c := s[sc.end-1]; c == '*' || c == '/' {
				end = sc.end
			}
		}
		if doc {
			// "/**" and the character after it are one token: a word
			// that goes on past it is cut there.
			sc.a.other(String, s[i:from])
			if end > from {
				sc.a.other(String, s[from:end])
			}
		} else {
			sc.a.other(Comment, s[i:end])
		}
		sc.i = end
	case c == '"':
		sc.rustString(false)
	case c == '$':
		j := i + 1
		switch {
		case j < len(s) && isRustLetter(s[j]):
			j = wordEnd(s, j)
		case j < len(s) && (s[j] == '(' || s[j] == ')'):
			j++
			if j < len(s) && s[j] == ',' {
				j++
			}
		case j < len(s) && s[j] == ',':
			j++
		}
		sc.a.code(s[i:j], true)
		sc.i = j
	case c == ':':
		if sc.at(1) == ':' && isWord(sc.at(2)) {
			sc.take(i + 2)
			break
		}
		sc.take(i + 1)
		return rType, nil
	case c == '-' && sc.at(1) == '>':
		sc.take(i + 2)
		return rType, nil
	case c == '\'':
		if n := rustCharLen(s[i:], false); n > 0 {
			sc.a.other(String, s[i:i+n])
			sc.i = i + n
			break
		}
		switch {
		case strings.HasPrefix(s[i+1:], "static"):
			sc.take(i + 1 + len("static")) // what follows is lexed anew
		case s[i+1] == '_':
			sc.take(i + 2)
		case s[i+1] >= utf8.RuneSelf:
			return rBase, errNotFast
		default:
			sc.take(i + 1)
			return rLifetime, nil
		}
	case isDigit(c):
		sc.rustNumber()
	case c == '#' && (sc.at(1) == '[' || sc.at(1) == '!' && sc.at(2) == '['):
		n := 2
		if sc.at(1) == '!' {
			n = 3
		}
		sc.a.code(s[i:i+n], true)
		sc.i = i + n
		return rAttr, nil
	case isRustLetter(c):
		return sc.rustWord()
	default:
		sc.take(i + 1) // operators, punctuation, and what no rule takes
	}
	return rBase, nil
}

// rustWord lexes a name or keyword in the base state.
func (sc *scanner) rustWord() (rustMode, error) {
	s, i := sc.s, sc.i
	wb := wordEnd(s, i)
	if wb < len(s) && s[wb] >= utf8.RuneSelf {
		return rBase, errNotFast
	}
	word := s[i:wb]
	switch {
	case rustKeywords[word]:
		sc.take(wb)
	case word == "mod" || word == "fn":
		sc.take(wb)
		return rName, nil
	case word == "struct" || word == "enum" || word == "type" || word == "union":
		sc.take(wb)
		return rType, nil
	case word == "default" && wb < len(s) && isSpace(s[wb]):
		k := skipSpace(s, wb)
		for _, w := range []string{"type", "fn"} {
			if e := k + len(w); strings.HasPrefix(s[k:], w) && (e >= len(s) || !isWord(s[e])) {
				sc.take(e)
				return rBase, nil
			}
		}
		sc.take(wb)
	case word == "break" || word == "continue":
		end := skipSpace(s, wb) // and a label after the blanks
		if end+1 < len(s) && s[end] == '\'' && isRustLetter(s[end+1]) {
			end = wordEnd(s, end+1)
		}
		sc.take(end)
	case word == "b" && wb < len(s) && s[wb] == '\'' && rustCharLen(s[wb:], true) > 0:
		// chroma's string affix is a literal, not a name.
		sc.a.number("b")
		n := rustCharLen(s[wb:], true)
		sc.a.other(String, s[wb:wb+n])
		sc.i = wb + n
	case word == "b" && wb < len(s) && s[wb] == '"':
		sc.a.number("b")
		sc.i = wb
		sc.rustString(true)
	case (word == "r" || word == "br") && sc.rustRawString(wb):
	case word == "r" && wb+1 < len(s) && s[wb] == '#' && isRustLetter(s[wb+1]):
		sc.take(wordEnd(s, wb+1)) // a raw identifier
	case rustFormatMacros[word] && wb < len(s) && s[wb] == '!' && sc.rustFormatString(wb+1):
	default:
		sc.take(wb)
	}
	return rBase, nil
}

// rustType lexes one token of the type state: blanks, "&", lifetimes and
// the prelude's and primitive names stay in it; another name, or
// anything else, leaves it.
func (sc *scanner) rustType() rustMode {
	s, i := sc.s, sc.i
	c := s[i]
	switch {
	case isSpace(c):
		sc.take(skipSpace(s, i))
	case c == '&':
		sc.take(i + 1)
	case c == '\'' && strings.HasPrefix(s[i+1:], "static"):
		sc.take(i + 1 + len("static"))
	case c == '\'' && sc.at(1) == '_':
		sc.take(i + 2)
	case c == '\'':
		sc.take(i + 1)
		return rLifetime
	case isRustLetter(c):
		wb := wordEnd(s, i)
		sc.take(wb)
		if !rustTypeWords[s[i:wb]] {
			return rBase
		}
	default:
		return rBase
	}
	return rType
}

// rustNumber lexes a number and its type suffix.
func (sc *scanner) rustNumber() {
	s, i := sc.s, sc.i
	j := rustNumberLen(s[i:])
	sc.a.number(s[i : i+j])
	sc.i = i + j
	for _, suf := range []string{"u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32", "f64"} {
		if strings.HasPrefix(s[i+j:], suf) {
			sc.take(i + j + len(suf))
			return
		}
	}
}

// rustNumberLen cuts a number as chroma's ordered patterns do.
func rustNumberLen(s string) int {
	if len(s) > 2 && s[0] == '0' {
		var in func(byte) bool
		switch s[1] {
		case 'b':
			in = func(c byte) bool { return c == '0' || c == '1' || c == '_' }
		case 'o':
			in = func(c byte) bool { return c >= '0' && c <= '7' || c == '_' }
		case 'x', 'X':
			in = func(c byte) bool { return isHex(c) || c == '_' }
		}
		if in != nil && in(s[2]) {
			return runOf(s, 3, in)
		}
	}
	digits := func(c byte) bool { return isDigit(c) || c == '_' }
	j := runOf(s, 1, digits)
	if j < len(s) && s[j] == '.' {
		// \.[0-9_]+[eE][+\-]?[0-9_]+
		k := runOf(s, j+1, digits)
		if k > j+1 {
			if e := rustExponentLen(s, k); e > 0 {
				return k + e
			}
		}
		// \.[0-9_]*(?!\.): the run given back a byte when a dot follows.
		if k < len(s) && s[k] == '.' {
			if k > j+1 {
				return k - 1
			}
		} else {
			return k
		}
	}
	if e := rustExponentLen(s, j); e > 0 {
		return j + e
	}
	return j
}

// rustExponentLen is the length of [eE][+\-]?[0-9_]+ at s[j:], or 0.
func rustExponentLen(s string, j int) int {
	if j >= len(s) || s[j] != 'e' && s[j] != 'E' {
		return 0
	}
	k := j + 1
	if k < len(s) && (s[k] == '+' || s[k] == '-') {
		k++
	}
	if k >= len(s) || !(isDigit(s[k]) || s[k] == '_') {
		return 0
	}
	return runOf(s, k, func(c byte) bool { return isDigit(c) || c == '_' }) - j
}

func runOf(s string, j int, in func(byte) bool) int {
	for j < len(s) && in(s[j]) {
		j++
	}
	return j
}

// nestedCommentEnd is where a block comment whose text starts at from
// ends, its nested comments closed, or the end of the text.
func nestedCommentEnd(s string, from int) int {
	depth := 1
	for k := from; k < len(s); {
		m := strings.IndexAny(s[k:], "*/")
		if m < 0 {
			break
		}
		k += m
		switch {
		case s[k] == '/' && k+1 < len(s) && s[k+1] == '*':
			depth++
			k += 2
		case s[k] == '*' && k+1 < len(s) && s[k+1] == '/':
			depth--
			k += 2
			if depth == 0 {
				return k
			}
		default:
			k++
		}
	}
	return len(s)
}

// rustString lexes the string whose quote is at the position, to its
// unescaped closing quote or the end of the text. chroma makes each
// escape a token of its own, so a word right after one ("\\nfoo",
// "\\x41bar") starts anew: the escapes are pieces of their own too. A
// byte string's "\\x" takes any two hex digits.
func (sc *scanner) rustString(byteStr bool) {
	s := sc.s
	from := sc.i // the string pieces not yet given
	k := sc.i + 1
	for k < len(s) {
		m := strings.IndexAny(s[k:], "\\\"")
		if m < 0 {
			k = len(s)
			break
		}
		k += m
		if s[k] == '"' {
			k++
			break
		}
		n := rustEscapeLen(s[k:], byteStr)
		if n == 0 {
			k++ // a backslash that starts no escape: part of the text
			continue
		}
		sc.a.other(String, s[from:k])
		sc.a.other(String, s[k:k+n])
		k += n
		from = k
	}
	if k > from && from < sc.end { // chroma's added line break only in a run begun before it
		sc.a.other(String, s[from:k])
	}
	sc.i = max(k, from)
}

// rustEscapeLen is the length of the escape at the start of s (a
// backslash), as chroma's string rules take it, or 0.
func rustEscapeLen(s string, byteStr bool) int {
	if len(s) < 2 {
		return 0
	}
	switch c := s[1]; {
	case strings.IndexByte("'\"\\nrt0\n", c) >= 0:
		if c == '\n' {
			return 1 // a backslash before a line break
		}
		return 2
	case c == 'x' && len(s) > 3 && (s[2] >= '0' && s[2] <= '7' || byteStr && isHex(s[2])) && isHex(s[3]):
		return 4
	case c == 'u' && len(s) > 2 && s[2] == '{':
		k := 3
		for k < len(s) && k < 9 && isHex(s[k]) {
			k++
		}
		if k > 3 && k < len(s) && s[k] == '}' {
			return k + 1
		}
	}
	return 0
}

// rustCharLen is the length of the character literal at the start of s
// (with byte, of a b'...' literal's quoted part), or 0.
func rustCharLen(s string, byteLit bool) int {
	if len(s) < 3 {
		return 0
	}
	if s[1] == '\\' {
		var n int // the escape's length after the backslash
		switch c := s[2]; {
		case strings.IndexByte("'\"\\nrt0", c) >= 0:
			n = 1
		case c == 'x' && len(s) > 4 && (byteLit && isHex(s[3]) || !byteLit && s[3] >= '0' && s[3] <= '7') && isHex(s[4]):
			n = 3
		case c == 'u' && !byteLit && len(s) > 3 && s[3] == '{':
			k := 4
			for k < len(s) && k < 10 && isHex(s[k]) {
				k++
			}
			if k > 4 && k < len(s) && s[k] == '}' {
				n = k + 1 - 2
			}
		}
		if n > 0 && 2+n < len(s) && s[2+n] == '\'' {
			return 3 + n
		}
		// Or the backslash is the "." of the last alternative.
		if len(s) > 2 && s[2] == '\'' {
			return 3
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[1:])
	if r == '\n' || 1+n >= len(s) || s[1+n] != '\'' {
		return 0
	}
	return 2 + n
}

// rustRawString lexes r"...", r#"..."#, br"..." (the prefix ends at wb)
// when it is closed; false leaves the position as it was.
func (sc *scanner) rustRawString(wb int) bool {
	s := sc.s
	k := wb
	for k < len(s) && s[k] == '#' {
		k++
	}
	hashes := k - wb
	if k >= len(s) || s[k] != '"' {
		return false
	}
	if sc.rawNoEndFrom >= 0 && sc.i >= sc.rawNoEndFrom && hashes >= sc.rawNoEndHashes {
		return false // no closing quote with that many hashes follows
	}
	m := strings.Index(s[k+1:], "\""+strings.Repeat("#", hashes))
	if m < 0 {
		if sc.rawNoEndFrom < 0 || hashes < sc.rawNoEndHashes {
			sc.rawNoEndFrom, sc.rawNoEndHashes = sc.i, hashes
		}
		return false
	}
	end := k + 1 + m + 1 + hashes
	sc.a.number(s[sc.i:wb]) // the affix
	sc.a.other(String, s[wb:end])
	sc.i = end
	return true
}

// rustFormatString lexes "(", blanks and the format string after a
// formatting macro's "!" at j, when they are there: in it, "{" takes
// all up to the next "}" (a line break, a quote), "{{" and "}}" are
// escapes, and a "}" or "{" without its pair is code.
func (sc *scanner) rustFormatString(j int) bool {
	s := sc.s
	k := skipSpace(s, j)
	if k >= len(s) || s[k] != '(' {
		return false
	}
	k = skipSpace(s, k+1)
	if k >= len(s) || s[k] != '"' {
		return false
	}
	sc.take(k)
	from := k // the string pieces gathered since from
	k++
	flush := func(to int) {
		if to > from {
			sc.a.other(String, s[from:to])
		}
		from = to
	}
	for k < len(s) {
		switch c := s[k]; {
		case c == '"':
			flush(k + 1)
			sc.i = k + 1
			return true
		case c == '\\':
			n := rustEscapeLen(s[k:], false)
			if n == 0 {
				k++
				break
			}
			flush(k)
			flush(k + n) // an escape is a piece of its own
			k += n
		case c == '{' && k+1 < len(s) && s[k+1] == '{', c == '}' && k+1 < len(s) && s[k+1] == '}':
			k += 2
		case c == '{':
			m := -1
			if sc.noCloseBraceFrom < 0 || k < sc.noCloseBraceFrom {
				m = strings.IndexByte(s[k+1:], '}')
			}
			if m >= 0 {
				k += 1 + m + 1
				break
			}
			sc.noCloseBraceFrom = k
			fallthrough
		case c == '}':
			flush(k)
			sc.i = k
			sc.take(k + 1) // no rule takes it: chroma's error token, code
			from = k + 1
			k++
		default:
			m := strings.IndexAny(s[k:], "\\\"{}")
			if m < 0 {
				k = len(s)
			} else {
				k += m
			}
		}
	}
	if from < sc.end { // chroma's added line break only in a run begun before it
		flush(len(s))
	}
	sc.i = len(s)
	return true
}

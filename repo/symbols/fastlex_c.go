package symbols

import "strings"

// The C and C++ scanner, after chroma's C lexer: preprocessor lines
// start with "#" as the first thing on a line (after blanks and one
// same-line block comment), "#if 0" blocks are comments, and a quote
// that does not open a well-formed character literal is code.

func (sc *scanner) runC() error {
	s := sc.s
	for sc.i < len(s) {
		if err := sc.dl.check(); err != nil {
			return err
		}
		if sc.lineStart(sc.i) && sc.hashLine() {
			continue
		}
		c := s[sc.i]
		switch {
		case isSpace(c):
			sc.whitespace()
		case c == '/' && sc.at(1) == '/':
			sc.lineComment(true)
		case c == '/' && sc.at(1) == '*':
			sc.blockComment()
		case c == '"':
			sc.cString()
		case c == '\'' && sc.cChar():
		case isDigit(c) || c == '.' && isDigit(sc.at(1)):
			sc.cNumber()
		case isWord(c):
			j := sc.i
			for j < len(s) && isWord(s[j]) {
				j++
			}
			if s[sc.i:j] == "L" && j < len(s) && (s[j] == '"' || s[j] == '\'' && sc.cCharAt(j) > 0) {
				sc.a.number("L") // chroma's string affix is a literal, not a name
				sc.i = j
				continue
			}
			sc.a.code(s[sc.i:j], false)
			sc.i = j
		default:
			sc.codeRun(func(b byte) bool {
				return isSpace(b) || isWord(b) || b == '/' || b == '"' || b == '\'' || b == '.'
			})
		}
	}
	return nil
}

// at is the byte n past the position, or 0.
func (sc *scanner) at(n int) byte {
	if sc.i+n < len(sc.s) {
		return sc.s[sc.i+n]
	}
	return 0
}

// hashLine takes a preprocessor line (or an "#if 0" block) that starts at
// the position, with the blanks and same-line comment before its "#".
func (sc *scanner) hashLine() bool {
	s, p := sc.s, sc.i
	for p < len(s) && isSpace(s[p]) {
		p++
	}
	var cmt0, cmt1 int
	if strings.HasPrefix(s[p:], "/*") {
		k := strings.Index(s[p+2:], "*/")
		if k < 0 || strings.IndexByte(s[p:p+2+k], '\n') >= 0 {
			return false
		}
		cmt0, cmt1 = p, p+2+k+2
		for p = cmt1; p < len(s) && isSpace(s[p]); p++ {
		}
	}
	if p >= len(s) || s[p] != '#' {
		return false
	}
	if cmt1 > 0 {
		sc.a.code(s[sc.i:cmt0], false)
		sc.a.other(Comment, s[cmt0:cmt1])
		sc.a.code(s[cmt1:p], false)
	} else {
		sc.a.code(s[sc.i:p], false)
	}
	sc.i = p
	if n := if0Len(s[p:]); n > 0 {
		sc.a.code(s[p:p+n], true)
		sc.i = p + n
		sc.if0()
		return true
	}
	sc.a.code("#", true)
	sc.i++
	sc.macro()
	return true
}

// if0Len is the length of "#if" blanks "0" at the start of s, or 0.
func if0Len(s string) int {
	if !strings.HasPrefix(s, "#if") {
		return 0
	}
	j := 3
	for j < len(s) && isSpace(s[j]) {
		j++
	}
	if j == 3 || j >= len(s) || s[j] != '0' {
		return 0
	}
	return j + 1
}

// if0 reads the lines of an "#if 0" block, comments but for the nested
// "#if", "#else", "#elif" and "#endif" lines, up to the line that closes it.
func (sc *scanner) if0() {
	s, depth := sc.s, 1
	for sc.i < len(s) && depth > 0 {
		end := strings.IndexByte(s[sc.i:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += sc.i + 1
		}
		line := s[sc.i:end]
		if !sc.lineStart(sc.i) {
			sc.a.other(Comment, line)
			sc.i = end
			continue
		}
		t := strings.TrimLeft(line, " \t\r\f\v")
		continued := strings.HasSuffix(line, "\\\n")
		switch {
		case strings.HasPrefix(t, "#if") && !continued:
			depth++
		case strings.HasPrefix(t, "#else") || strings.HasPrefix(t, "#elif"):
			depth--
		case strings.HasPrefix(t, "#endif") && !continued:
			depth--
		default:
			sc.a.other(Comment, line)
			sc.i = end
			continue
		}
		sc.a.code(line, true)
		sc.i = end
	}
}

// macro reads the rest of a preprocessor line after its "#": preprocessor
// text up to a line break no backslash continues, with the comments in it
// and the file name of an include.
func (sc *scanner) macro() {
	s := sc.s
	for sc.i < len(s) {
		i := sc.i
		switch {
		case strings.HasPrefix(s[i:], "include"):
			sc.include()
		case s[i] == '/' && sc.at(1) == '*' && strings.Contains(s[i+2:], "*/"):
			sc.blockComment()
		case s[i] == '/' && sc.at(1) == '/' && strings.IndexByte(s[i:], '\n') >= 0:
			j := i + strings.IndexByte(s[i:], '\n') + 1
			sc.a.other(Comment, s[i:j])
			sc.i = j
			return
		case s[i] == '/':
			sc.a.code("/", true)
			sc.i++
		case s[i] == '\n':
			sc.a.code("\n", true)
			sc.i++
			if i == 0 || s[i-1] != '\\' {
				return
			}
		default:
			j := i
			for j < len(s) && s[j] != '/' && s[j] != '\n' {
				j++
			}
			sc.a.code(s[i:j], true)
			sc.i = j
		}
	}
}

// include takes "include", the blanks (and same-line comment) after it,
// and the rest of the line, a file name.
func (sc *scanner) include() {
	s := sc.s
	sc.a.code("include", true)
	p := sc.i + len("include")
	q := p
	for q < len(s) && isSpace(s[q]) {
		q++
	}
	if strings.HasPrefix(s[q:], "/*") {
		if k := strings.Index(s[q+2:], "*/"); k >= 0 && strings.IndexByte(s[q:q+2+k], '\n') < 0 {
			for q += 2 + k + 2; q < len(s) && isSpace(s[q]); q++ {
			}
		}
	}
	end := strings.IndexByte(s[q:], '\n')
	if end < 0 {
		end = len(s)
	} else {
		end += q
	}
	if end == q { // chroma needs a file name; without one the line is macro text
		sc.i = p
		return
	}
	sc.a.code(s[p:q], false)
	sc.a.other(String, s[q:end])
	sc.i = end
}

// cString takes a string literal up to the closing quote, in the pieces
// chroma cuts it into (an escape is one piece: words next to it are
// words apart); a line break no backslash continues ends it, as code.
func (sc *scanner) cString() {
	s := sc.s
	sc.a.other(String, "\"")
	sc.i++
	for sc.i < len(s) {
		i := sc.i
		switch s[i] {
		case '"':
			sc.a.other(String, "\"")
			sc.i++
			return
		case '\n':
			// No rule reads it: chroma resets to its root state there.
			sc.a.code("\n", false)
			sc.i++
			return
		case '\\':
			sc.i += cEscapeLen(s[i:])
			sc.a.other(String, s[i:sc.i])
		default:
			j := i
			for j < len(s) && s[j] != '"' && s[j] != '\n' && s[j] != '\\' {
				j++
			}
			sc.a.other(String, s[i:j])
			sc.i = j
		}
	}
}

// cEscapeLen is the length of the backslash escape s starts with, as
// chroma's C string rules cut it.
func cEscapeLen(s string) int {
	run := func(from, lo, hi int, ok func(byte) bool) int {
		n := 0
		for from+n < len(s) && n < hi && ok(s[from+n]) {
			n++
		}
		if n < lo {
			return 0
		}
		return from + n
	}
	if len(s) < 2 {
		return len(s)
	}
	switch c := s[1]; {
	case strings.IndexByte("\\abfnrtv\"'", c) >= 0, c == '\n':
		return 2
	case c == 'x':
		if n := run(2, 2, 4, isHex); n > 0 {
			return n
		}
	case c == 'u':
		if n := run(2, 4, 4, isHex); n > 0 {
			return n
		}
	case c == 'U':
		if n := run(2, 8, 8, isHex); n > 0 {
			return n
		}
	case c >= '0' && c <= '7':
		return run(1, 1, 3, func(b byte) bool { return b >= '0' && b <= '7' })
	}
	return 1
}

// cChar takes a character literal when one is at the position: one
// character or escape (octal of up to three digits, hex of up to two)
// between quotes.
func (sc *scanner) cChar() bool {
	end := sc.cCharAt(sc.i)
	if end < 0 {
		return false
	}
	sc.a.other(String, sc.s[sc.i:end+1])
	sc.i = end + 1
	return true
}

// cCharAt is where the character literal that starts at i closes, or -1.
func (sc *scanner) cCharAt(i int) int {
	s := sc.s
	j := i + 1
	closes := func(k int) bool { return k < len(s) && s[k] == '\'' }
	end := -1
	switch {
	case j >= len(s) || s[j] == '\n' || s[j] == '\'':
	case s[j] != '\\':
		k := j + 1
		for k < len(s) && s[k]&0xC0 == 0x80 { // the rest of one rune
			k++
		}
		if closes(k) {
			end = k
		}
	case j+1 < len(s) && s[j+1] != '\n' && closes(j+2):
		end = j + 2
	default:
		for n := 1; n <= 3 && j+n < len(s) && s[j+n] >= '0' && s[j+n] <= '7'; n++ {
			if closes(j + 1 + n) {
				end = j + 1 + n
			}
		}
		if end < 0 && j+1 < len(s) && s[j+1] == 'x' {
			for n := 1; n <= 2 && j+1+n < len(s) && isHex(s[j+1+n]); n++ {
				if closes(j + 2 + n) {
					end = j + 2 + n
				}
			}
		}
	}
	return end
}

// cNumber takes a number as chroma's C rules read one; what follows it
// (a suffix they do not know) is code.
func (sc *scanner) cNumber() {
	s, i := sc.s, sc.i
	j := i
	digits := func() {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	suffix := func(set string) {
		for j < len(s) && strings.IndexByte(set, s[j]) >= 0 {
			j++
		}
	}
	if s[j] == '0' && j+2 < len(s) && s[j+1] == 'x' && isHex(s[j+2]) {
		for j += 2; j < len(s) && isHex(s[j]); j++ {
		}
		suffix("LlUu")
	} else {
		digits()
		frac := j < len(s) && s[j] == '.'
		if frac {
			j++
			digits()
		}
		if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
			k := j + 1
			if k < len(s) && (s[k] == '+' || s[k] == '-') {
				k++
			}
			if k < len(s) && isDigit(s[k]) {
				j = k
				digits()
				suffix("LlUu")
			} else if frac {
				suffix("fF")
			} else {
				suffix("LlUu")
			}
		} else if frac {
			suffix("fF")
		} else if j < len(s) && (s[j] == 'f' || s[j] == 'F') {
			j++
			suffix("fF")
		} else {
			suffix("LlUu")
		}
	}
	sc.a.number(s[i:j])
	sc.i = j
}

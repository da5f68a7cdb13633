package symbols

import "strings"

// The Python scanner, after chroma's Python lexer: "#" comments, string
// literals with their prefixes (code), cut into the pieces chroma cuts
// them into ("%" and "{}" format fields, escapes), the expressions of
// f-strings as code, and a triple-quoted string that starts a line (a
// docstring) as one piece.

func (sc *scanner) runPython() error {
	s := sc.s
	for sc.i < len(s) {
		if err := sc.dl.check(); err != nil {
			return err
		}
		c := s[sc.i]
		switch {
		case c == '\n':
			sc.a.code("\n", false)
			sc.i++
		case c == '#':
			j := strings.IndexByte(s[sc.i:], '\n')
			if j < 0 {
				j = len(s)
			} else {
				j += sc.i
			}
			sc.a.other(Comment, s[sc.i:j])
			sc.i = j
		default:
			sc.pyExpr(0)
		}
	}
	return nil
}

// pyExpr takes one token of an expression. In an f-string's expression
// (depth > 0) it reports the "}" or ":" that ends it by returning true.
func (sc *scanner) pyExpr(depth int) bool {
	s := sc.s
	c := s[sc.i]
	switch {
	case isSpace(c):
		j := sc.i
		for j < len(s) && isSpace(s[j]) && (depth > 0 || s[j] != '\n') {
			j++
		}
		if j == sc.i {
			j++
		}
		sc.a.code(s[sc.i:j], false)
		sc.i = j
	case c == '"' || c == '\'':
		sc.pyString(false, false)
	case isIdentStart(s, sc.i):
		j := identEnd(s, sc.i)
		w := s[sc.i:j]
		if j < len(s) && (s[j] == '"' || s[j] == '\'') && pyPrefix(w) {
			sc.a.number(w) // chroma's string affix is a literal, not a name
			sc.i = j
			sc.pyString(strings.ContainsAny(w, "fF"), strings.ContainsAny(w, "rR"))
			return false
		}
		sc.a.code(w, false)
		sc.i = j
	case isDigit(c) || c == '.' && isDigit(sc.at(1)):
		sc.pyNumber()
	default:
		sc.a.code(s[sc.i:sc.i+1], false)
		sc.i++
	}
	return false
}

// pyPrefix says whether w is a string prefix chroma's rules know.
func pyPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "rf", "fr", "f", "rb", "br", "r", "u", "b":
		return true
	}
	return false
}

// pyString takes a string literal at the position, its prefix taken.
func (sc *scanner) pyString(fstr, raw bool) {
	s := sc.s
	q := s[sc.i : sc.i+1]
	if strings.HasPrefix(s[sc.i:], q+q+q) {
		q = q + q + q
	}
	sc.a.other(String, q)
	sc.i += len(q)
	for sc.i < len(s) {
		i := sc.i
		c := s[i]
		switch {
		case fstr && (strings.HasPrefix(s[i:], "{{") || strings.HasPrefix(s[i:], "}}")):
			sc.a.other(String, s[i:i+2])
			sc.i += 2
		case !raw && c == '\\' && pyEscapeLen(s[i:]) > 0:
			sc.i += pyEscapeLen(s[i:])
			sc.a.other(String, s[i:sc.i])
		case strings.HasPrefix(s[i:], q):
			sc.a.other(String, q)
			sc.i += len(q)
			return
		case c == '\n' && len(q) == 1:
			// No rule reads it: chroma resets to its root state there.
			sc.a.code("\n", false)
			sc.i++
			return
		case c == '\n':
			sc.a.other(String, "\n")
			sc.i++
		case c == '\\' && len(q) == 1 && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == q[0] || s[i+1] == '\n'):
			sc.a.other(String, s[i:i+2])
			sc.i += 2
		case fstr && c == '{':
			sc.a.other(String, "{")
			sc.i++
			sc.pyFExpr()
		case fstr && c == '}':
			sc.a.other(String, "}")
			sc.i++
		case !fstr && c == '%':
			sc.i += pyPercentLen(s[i:])
			sc.a.other(String, s[i:sc.i])
		case !fstr && c == '{':
			sc.i += pyBraceLen(s[i:])
			sc.a.other(String, s[i:sc.i])
		case c == '\\' || c == '"' || c == '\'':
			sc.a.other(String, s[i:i+1])
			sc.i++
		default:
			stop := "\\'\"\n{%"
			if fstr {
				stop = "\\'\"\n{}"
			}
			j := i
			for j < len(s) && strings.IndexByte(stop, s[j]) < 0 {
				j++
			}
			sc.a.other(String, s[i:j])
			sc.i = j
		}
	}
}

// pyEscapeLen is the length of the escape s starts with, as chroma's
// rule reads one ("\\" then one of \\abfnrtv"' or a line break, N{name},
// u and four hex digits, U and eight, x and two, or one to three octal
// digits), or 0.
func pyEscapeLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	hex := func(n int) int {
		if len(s) < 2+n {
			return 0
		}
		for k := 2; k < 2+n; k++ {
			if !isHex(s[k]) {
				return 0
			}
		}
		return 2 + n
	}
	switch c := s[1]; {
	case strings.IndexByte("\\abfnrtv\"'\n", c) >= 0:
		return 2
	case c == 'N' && len(s) > 2 && s[2] == '{':
		if k := strings.IndexAny(s[3:], "}\n"); k >= 0 && s[3+k] == '}' {
			return 3 + k + 1
		}
	case c == 'u':
		return hex(4)
	case c == 'U':
		return hex(8)
	case c == 'x':
		return hex(2)
	case c >= '0' && c <= '7':
		n := 2
		for n < 4 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		return n
	}
	return 0
}

// pyFExpr takes an f-string's expression after its "{": code up to the
// "}" (or the ":" of a format spec) at its own bracket depth.
func (sc *scanner) pyFExpr() {
	s := sc.s
	depth := 0
	for sc.i < len(s) {
		c := s[sc.i]
		switch {
		case c == '{' || c == '(' || c == '[':
			depth++
			sc.a.code(s[sc.i:sc.i+1], false)
			sc.i++
		case depth > 0 && (c == '}' || c == ')' || c == ']'):
			depth--
			sc.a.code(s[sc.i:sc.i+1], false)
			sc.i++
		case depth == 0:
			if n := fexprEnd(s[sc.i:]); n > 0 {
				sc.a.other(String, s[sc.i:sc.i+n])
				sc.i += n
				return
			}
			sc.pyExpr(1)
		default:
			sc.pyExpr(1)
		}
	}
}

// fexprEnd is the length of "(=\s*)?(![sraf])?" then "}" or ":" at the
// start of s, or 0.
func fexprEnd(s string) int {
	j := 0
	if j < len(s) && s[j] == '=' {
		for j++; j < len(s) && isSpace(s[j]); j++ {
		}
	}
	if j+1 < len(s) && s[j] == '!' && strings.IndexByte("sraf", s[j+1]) >= 0 {
		j += 2
	}
	if j < len(s) && (s[j] == '}' || s[j] == ':') {
		return j + 1
	}
	return 0
}

// pyPercentLen is the length of the %-format field s starts with, or 1.
func pyPercentLen(s string) int {
	j := 1
	if j < len(s) && s[j] == '(' {
		k := j + 1
		for k < len(s) && isWord(s[k]) {
			k++
		}
		if k > j+1 && k < len(s) && s[k] == ')' {
			j = k + 1
		}
	}
	for j < len(s) && strings.IndexByte("-#0 +", s[j]) >= 0 {
		j++
	}
	if j < len(s) && s[j] == '*' {
		j++
	} else {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	if j+1 < len(s) && s[j] == '.' && (isDigit(s[j+1]) || s[j+1] == '*') {
		j++
		if s[j] == '*' {
			j++
		} else {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
		}
	}
	if j < len(s) && strings.IndexByte("hlL", s[j]) >= 0 {
		j++
	}
	if j < len(s) && (s[j] >= 'E' && s[j] <= 'G' || s[j] == 'X' || s[j] >= 'c' && s[j] <= 'g' || strings.IndexByte("iorsaux%", s[j]) >= 0) {
		return j + 1
	}
	return 1
}

// pyBraceLen is the length of the str.format field s starts with ("{"
// word ("."word | "["...]")* ("!"[sra])? (":" spec)? "}"), else of "{" or "{{".
func pyBraceLen(s string) int {
	j := 1
	if j < len(s) && isWord(s[j]) {
		for j < len(s) && isWord(s[j]) {
			j++
		}
		for j < len(s) {
			if s[j] == '.' && j+1 < len(s) && isWord(s[j+1]) {
				for j++; j < len(s) && isWord(s[j]); j++ {
				}
			} else if s[j] == '[' {
				k := strings.IndexAny(s[j+1:], "]")
				if k <= 0 {
					break
				}
				j += k + 2
			} else {
				break
			}
		}
	}
	if j+1 < len(s) && s[j] == '!' && strings.IndexByte("sra", s[j+1]) >= 0 {
		j += 2
	}
	if j < len(s) && s[j] == ':' {
		j = pyFormatSpec(s, j+1)
	}
	if j < len(s) && s[j] == '}' {
		return j + 1
	}
	if len(s) > 1 && s[1] == '{' {
		return 2
	}
	return 1
}

// pyFormatSpec reads (.?[<>=^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?
// from j; it is lenient where the regexp would backtrack.
func pyFormatSpec(s string, j int) int {
	if j+1 < len(s) && strings.IndexByte("<>=^", s[j+1]) >= 0 && s[j] != '}' {
		j += 2
	} else if j < len(s) && strings.IndexByte("<>=^", s[j]) >= 0 {
		j++
	}
	for _, set := range []string{"-+ ", "#", "0"} {
		if j < len(s) && strings.IndexByte(set, s[j]) >= 0 {
			j++
		}
	}
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j < len(s) && s[j] == ',' {
		j++
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		for j++; j < len(s) && isDigit(s[j]); j++ {
		}
	}
	if j < len(s) && (s[j] >= 'E' && s[j] <= 'G' || s[j] == 'X' || s[j] >= 'b' && s[j] <= 'g' || strings.IndexByte("nosx%", s[j]) >= 0) {
		j++
	}
	return j
}

// pyNumber takes a number as chroma's Python rules read one.
func (sc *scanner) pyNumber() {
	s, i := sc.s, sc.i
	j := i
	digits := func() {
		for j < len(s) && (isDigit(s[j]) || s[j] == '_' && j+1 < len(s) && isDigit(s[j+1])) {
			j++
		}
	}
	if s[j] == '0' && j+2 < len(s) && strings.IndexByte("xXoObB", s[j+1]) >= 0 {
		for j += 2; j < len(s) && (isHex(s[j]) || s[j] == '_'); j++ {
		}
	} else {
		digits()
		if j < len(s) && s[j] == '.' {
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
				if j < len(s) && s[j] == 'j' {
					j++
				}
			}
		}
	}
	sc.a.number(s[i:j])
	sc.i = j
}

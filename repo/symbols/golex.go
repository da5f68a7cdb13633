package symbols

import (
	"go/token"
	"strings"
	"unicode/utf8"
)

// goLexer cuts Go source into the tokens go/scanner gives (with
// ScanComments, semicolons inserted as the language says), at offsets
// into the source, for files whose code is ASCII and that hold no
// carriage return. It is what scanGo reads for nearly every file it
// sees: a generated file the parser refuses is scanned whole, and
// go/scanner's per-token bookkeeping (a line table, a keyword map, a
// copy of each literal) was most of that. A file it cannot take as
// go/scanner would (an identifier with a non-ASCII letter, a byte order
// mark, carriage returns, which go/scanner strips from comments and raw
// strings) gives errNotFast, and scanGo uses go/scanner.
// golex_test.go holds its token stream to go/scanner's.
type goLexer struct {
	s          string
	i          int
	insertSemi bool
	semiAt     int // ≥ 0: a semicolon is owed at this newline, after a /*...*/ comment
	// line and lineStart follow the newlines passed; tokLine and tokCol
	// are where the last token scanned starts (1-based, the column in
	// bytes, as go/scanner counts).
	line, lineStart int
	tokLine, tokCol int
}

func newGoLexer(src string) (*goLexer, bool) {
	if strings.IndexByte(src, '\r') >= 0 {
		return nil, false
	}
	return &goLexer{s: src, semiAt: -1, line: 1}, true
}

// at is the byte at i, 0 past the end.
func (l *goLexer) at(i int) byte {
	if i < len(l.s) {
		return l.s[i]
	}
	return 0
}

// scan returns the next token, its offset and its literal (as go/scanner
// gives them), or errNotFast.
func (l *goLexer) scan() (int, token.Token, string, error) {
	if l.semiAt >= 0 {
		at := l.semiAt
		l.semiAt = -1
		return at, token.SEMICOLON, "\n", nil
	}
	s := l.s
	for l.i < len(s) {
		c := s[l.i]
		if c != ' ' && c != '\t' && (c != '\n' || l.insertSemi) {
			break
		}
		l.i++
		if c == '\n' {
			l.line, l.lineStart = l.line+1, l.i
		}
	}
	start := l.i
	l.tokLine, l.tokCol = l.line, start-l.lineStart+1
	if l.i >= len(s) {
		if l.insertSemi {
			l.insertSemi = false
			return start, token.SEMICOLON, "\n", nil
		}
		return start, token.EOF, "", nil
	}
	c := s[l.i]
	insertSemi := false
	tok, lit := token.ILLEGAL, ""
	switch {
	case goLetter(c):
		j := l.i + 1
		for j < len(s) && (goLetter(s[j]) || isDigit(s[j])) {
			j++
		}
		if j < len(s) && s[j] >= utf8.RuneSelf {
			return 0, 0, "", errNotFast // a letter go/scanner would take in
		}
		lit, l.i = s[start:j], j
		tok = token.IDENT
		if len(lit) > 1 {
			tok = goKeyword(lit)
		}
		switch tok {
		case token.IDENT, token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN:
			insertSemi = true
		}
	case isDigit(c) || c == '.' && isDigit(l.at(l.i+1)):
		insertSemi = true
		tok, lit = l.number()
	case c >= utf8.RuneSelf:
		return 0, 0, "", errNotFast
	default:
		l.i++
		switch c {
		case '\n':
			l.insertSemi = false
			l.line, l.lineStart = l.line+1, l.i
			return start, token.SEMICOLON, "\n", nil
		case '"', '\'':
			insertSemi = true
			tok, lit = token.STRING, l.quoted(start, c)
			if c == '\'' {
				tok = token.CHAR
			}
		case '`':
			insertSemi = true
			if end := strings.IndexByte(s[l.i:], '`'); end >= 0 {
				l.i += end + 1
			} else {
				l.i = len(s)
			}
			tok, lit = token.STRING, s[start:l.i]
			l.passed(lit)
		case ':':
			tok = l.switch2(token.COLON, token.DEFINE)
		case '.':
			tok = token.PERIOD
			if l.at(l.i) == '.' && l.at(l.i+1) == '.' {
				l.i += 2
				tok = token.ELLIPSIS
			}
		case ',':
			tok = token.COMMA
		case ';':
			tok, lit = token.SEMICOLON, ";"
		case '(':
			tok = token.LPAREN
		case ')':
			insertSemi, tok = true, token.RPAREN
		case '[':
			tok = token.LBRACK
		case ']':
			insertSemi, tok = true, token.RBRACK
		case '{':
			tok = token.LBRACE
		case '}':
			insertSemi, tok = true, token.RBRACE
		case '+':
			tok = l.switch3(token.ADD, token.ADD_ASSIGN, '+', token.INC)
			insertSemi = tok == token.INC
		case '-':
			tok = l.switch3(token.SUB, token.SUB_ASSIGN, '-', token.DEC)
			insertSemi = tok == token.DEC
		case '*':
			tok = l.switch2(token.MUL, token.MUL_ASSIGN)
		case '/':
			if n := l.at(l.i); n == '/' || n == '*' {
				tok = token.COMMENT
				var nl int
				lit, nl = l.comment(start)
				l.passed(lit)
				if l.insertSemi && nl >= 0 {
					// The newline inside ends the statement: the
					// semicolon comes after the comment, at the newline.
					l.semiAt, l.insertSemi = nl, false
				} else {
					insertSemi = l.insertSemi // a comment is not a token
				}
			} else {
				tok = l.switch2(token.QUO, token.QUO_ASSIGN)
			}
		case '%':
			tok = l.switch2(token.REM, token.REM_ASSIGN)
		case '^':
			tok = l.switch2(token.XOR, token.XOR_ASSIGN)
		case '<':
			if l.at(l.i) == '-' {
				l.i++
				tok = token.ARROW
			} else {
				tok = l.switch4(token.LSS, token.LEQ, '<', token.SHL, token.SHL_ASSIGN)
			}
		case '>':
			tok = l.switch4(token.GTR, token.GEQ, '>', token.SHR, token.SHR_ASSIGN)
		case '=':
			tok = l.switch2(token.ASSIGN, token.EQL)
		case '!':
			tok = l.switch2(token.NOT, token.NEQ)
		case '&':
			if l.at(l.i) == '^' {
				l.i++
				tok = l.switch2(token.AND_NOT, token.AND_NOT_ASSIGN)
			} else {
				tok = l.switch3(token.AND, token.AND_ASSIGN, '&', token.LAND)
			}
		case '|':
			tok = l.switch3(token.OR, token.OR_ASSIGN, '|', token.LOR)
		case '~':
			tok = token.TILDE
		default: // a byte no token starts with: go/scanner's ILLEGAL
			insertSemi = l.insertSemi
			lit = s[start:l.i]
		}
	}
	l.insertSemi = insertSemi
	return start, tok, lit, nil
}

// passed counts the newlines in text, which ends at l.i.
func (l *goLexer) passed(text string) {
	if j := strings.LastIndexByte(text, '\n'); j >= 0 {
		l.line += strings.Count(text, "\n")
		l.lineStart = l.i - len(text) + j + 1
	}
}

// quoted reads an interpreted string or a rune literal, opened at start:
// it ends at its closing quote, or before a newline or the end. Of an
// escape only "\\" and an escaped quote matter to where it ends.
func (l *goLexer) quoted(start int, q byte) string {
	s := l.s
	for l.i < len(s) {
		c := s[l.i]
		if c == '\n' {
			break
		}
		l.i++
		if c == q {
			break
		}
		if c == '\\' && l.i < len(s) && (s[l.i] == '\\' || s[l.i] == q) {
			l.i++
		}
	}
	return s[start:l.i]
}

// comment reads a comment opened at start ("//" or "/*"); nl is the
// offset of the first newline inside a /*...*/ comment, else -1. A line
// comment's newline is not part of it.
func (l *goLexer) comment(start int) (string, int) {
	s := l.s
	if s[l.i] == '/' {
		if end := strings.IndexByte(s[l.i:], '\n'); end >= 0 {
			l.i += end
		} else {
			l.i = len(s)
		}
		return s[start:l.i], -1
	}
	body := l.i + 1 // after "/*": "/*/" does not close
	stop := len(s)
	if end := strings.Index(s[body:], "*/"); end >= 0 {
		stop = body + end + 2
	}
	nl := strings.IndexByte(s[body:stop], '\n')
	if nl >= 0 {
		nl += body
	}
	l.i = stop
	return s[start:stop], nl
}

// number reads a number literal as go/scanner delimits one, malformed
// ones included (their errors are not ours to report).
func (l *goLexer) number() (token.Token, string) {
	start := l.i
	tok := token.ILLEGAL
	base := 10
	if l.s[l.i] != '.' {
		tok = token.INT
		if l.s[l.i] == '0' {
			l.i++
			switch l.at(l.i) | 0x20 {
			case 'x':
				l.i++
				base = 16
			case 'o':
				l.i++
				base = 8
			case 'b':
				l.i++
				base = 2
			default:
				base = 8
			}
		}
		l.digits(base)
	}
	if l.at(l.i) == '.' {
		tok = token.FLOAT
		l.i++
		l.digits(base)
	}
	if e := l.at(l.i) | 0x20; e == 'e' || e == 'p' {
		l.i++
		tok = token.FLOAT
		if c := l.at(l.i); c == '+' || c == '-' {
			l.i++
		}
		l.digits(10)
	}
	if l.at(l.i) == 'i' {
		tok = token.IMAG
		l.i++
	}
	return tok, l.s[start:l.i]
}

// digits skips digits and underscores: any decimal digit up to base 10
// (a wrong one is an error, not an end), hexadecimal ones above.
func (l *goLexer) digits(base int) {
	for l.i < len(l.s) {
		c := l.s[l.i]
		if !(isDigit(c) || c == '_' || base > 10 && isHex(c)) {
			return
		}
		l.i++
	}
}

func (l *goLexer) switch2(tok0, tok1 token.Token) token.Token {
	if l.at(l.i) == '=' {
		l.i++
		return tok1
	}
	return tok0
}

func (l *goLexer) switch3(tok0, tok1 token.Token, ch2 byte, tok2 token.Token) token.Token {
	switch l.at(l.i) {
	case '=':
		l.i++
		return tok1
	case ch2:
		l.i++
		return tok2
	}
	return tok0
}

func (l *goLexer) switch4(tok0, tok1 token.Token, ch2 byte, tok2, tok3 token.Token) token.Token {
	switch l.at(l.i) {
	case '=':
		l.i++
		return tok1
	case ch2:
		l.i++
		if l.at(l.i) == '=' {
			l.i++
			return tok3
		}
		return tok2
	}
	return tok0
}

func goLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' || c == '_' }

// goKeyword is token.Lookup without its map (a quarter of go/scanner's
// time went to that lookup): the keyword's token, else IDENT.
func goKeyword(w string) token.Token {
	switch w {
	case "break":
		return token.BREAK
	case "case":
		return token.CASE
	case "chan":
		return token.CHAN
	case "const":
		return token.CONST
	case "continue":
		return token.CONTINUE
	case "default":
		return token.DEFAULT
	case "defer":
		return token.DEFER
	case "else":
		return token.ELSE
	case "fallthrough":
		return token.FALLTHROUGH
	case "for":
		return token.FOR
	case "func":
		return token.FUNC
	case "go":
		return token.GO
	case "goto":
		return token.GOTO
	case "if":
		return token.IF
	case "import":
		return token.IMPORT
	case "interface":
		return token.INTERFACE
	case "map":
		return token.MAP
	case "package":
		return token.PACKAGE
	case "range":
		return token.RANGE
	case "return":
		return token.RETURN
	case "select":
		return token.SELECT
	case "struct":
		return token.STRUCT
	case "switch":
		return token.SWITCH
	case "type":
		return token.TYPE
	case "var":
		return token.VAR
	}
	return token.IDENT
}

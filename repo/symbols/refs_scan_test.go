package symbols

// scanPlaces is the reference the refs check measures against: a plain
// byte scanner for C and Go that knows comments, string and character
// literals (Go's raw strings, C's #include <...> and #if 0 blocks) and
// nothing else, so that it cannot share a mistake with chroma's lexers or
// go/parser. It returns the place of every word, keyed by line and byte
// column from 1.
func scanPlaces(src []byte, lang string) map[[2]int]Where {
	s := &placeScanner{src: src, line: 1, col: 1, out: map[[2]int]Where{}, c: lang == "c"}
	s.run()
	return s.out
}

type placeScanner struct {
	src       []byte
	i         int
	line, col int
	out       map[[2]int]Where
	c         bool
}

func (s *placeScanner) peek(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

// adv moves one byte, keeping line and column.
func (s *placeScanner) adv() {
	if s.src[s.i] == '\n' {
		s.line, s.col = s.line+1, 1
	} else {
		s.col++
	}
	s.i++
}

// word records the word at the cursor (or skips a number) and moves past it.
func (s *placeScanner) word(in Where) {
	start := s.i
	if s.src[s.i] >= '0' && s.src[s.i] <= '9' {
		for s.i < len(s.src) && isWordByte(s.src[s.i]) {
			s.adv()
		}
		return
	}
	if start == 0 || !isWordByte(s.src[start-1]) {
		s.out[[2]int{s.line, s.col}] = in
	}
	for s.i < len(s.src) && isWordByte(s.src[s.i]) {
		s.adv()
	}
}

func (s *placeScanner) run() {
	bol := true
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n':
			bol = true
			s.adv()
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			s.adv()
			continue
		case s.c && bol && c == '#':
			s.directive()
		case c == '/' && s.peek(1) == '/':
			s.until(Comment, "\n", false)
		case c == '/' && s.peek(1) == '*':
			s.adv()
			s.adv()
			s.until(Comment, "*/", false)
		case c == '"':
			s.adv()
			s.until(String, `"`, true)
		case c == '\'':
			s.adv()
			s.until(String, "'", true)
		case c == '`' && !s.c:
			s.adv()
			s.until(String, "`", false)
		case isWordByte(c):
			s.word(Code)
		default:
			s.adv()
		}
		bol = false
	}
}

// until records words as in up to and past end; escapes says a backslash
// escapes the next byte (a backslash-newline continues a C line comment).
func (s *placeScanner) until(in Where, end string, escapes bool) {
	for s.i < len(s.src) {
		if string(s.src[s.i:min(s.i+len(end), len(s.src))]) == end {
			if end == "\n" {
				return // the newline ends the line comment; run sees it
			}
			for range end {
				s.adv()
			}
			return
		}
		c := s.src[s.i]
		switch {
		case c == '\\' && s.i+1 < len(s.src) && (escapes || s.c && s.src[s.i+1] == '\n'):
			// The escaped byte is skipped unless it starts a word: git
			// grep -w sees "x1b" in "\x1b" as a word.
			s.adv()
			if !isWordByte(s.src[s.i]) {
				s.adv()
			}
		case isWordByte(c):
			s.word(in)
		default:
			s.adv()
		}
	}
}

// directive reads a C preprocessor line: #include <...> is a file name
// (a string); #if 0 starts a block that is not compiled (a comment, as
// chroma's C lexer says) up to its #else, #elif or #endif; the rest is
// code, with comments in it.
func (s *placeScanner) directive() {
	rest := s.src[s.i:]
	eol := len(rest)
	for k, c := range rest {
		if c == '\n' {
			eol = k
			break
		}
	}
	line := string(rest[:eol])
	switch {
	case hasDirective(line, "include") && includeAngle(line):
		for s.src[s.i] != '<' {
			s.word0()
		}
		s.until(String, ">", false)
	case isIfZero(line):
		s.ifZero()
	}
}

// word0 moves one step through code, recording a word whole.
func (s *placeScanner) word0() {
	if isWordByte(s.src[s.i]) {
		s.word(Code)
	} else {
		s.adv()
	}
}

func hasDirective(line, name string) bool {
	t := trimLeft(line[1:])
	return len(t) >= len(name) && t[:len(name)] == name
}

func includeAngle(line string) bool {
	t := trimLeft(trimLeft(line[1:])[len("include"):])
	return t != "" && t[0] == '<'
}

func trimLeft(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}

func isIfZero(line string) bool {
	if !hasDirective(line, "if") {
		return false
	}
	t := trimLeft(line[1:])[2:]
	if t == "" || t[0] != ' ' && t[0] != '\t' {
		return false
	}
	t = trimLeft(t)
	return t != "" && t[0] == '0' && (len(t) == 1 || !isWordByte(t[1]))
}

// ifZero records every word up to the #else, #elif or #endif that closes
// the block (nested #if blocks counted) as in a comment, and stops at the
// start of that line.
func (s *placeScanner) ifZero() {
	depth := 0
	first := true
	for s.i < len(s.src) {
		start := s.i
		end := start
		for end < len(s.src) && s.src[end] != '\n' {
			end++
		}
		line := trimLeft(string(s.src[start:end]))
		if !first && line != "" && line[0] == '#' {
			switch {
			case hasDirective(line, "if"):
				depth++
			case hasDirective(line, "endif") || hasDirective(line, "el"):
				if depth == 0 {
					return
				}
				if hasDirective(line, "endif") {
					depth--
				}
			}
		}
		in := Comment
		if first {
			in = Code // the #if 0 line itself is a directive
		}
		first = false
		for s.i < end {
			if isWordByte(s.src[s.i]) {
				s.word(in)
			} else {
				s.adv()
			}
		}
		if s.i < len(s.src) {
			s.adv()
		}
	}
}

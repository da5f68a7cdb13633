package symbols

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// errTimeout is why a file that took too long was skipped.
var errTimeout = errors.New("tagging took longer than the limit")

// deadline is the per-file time limit, checked between tokens.
type deadline struct {
	at time.Time
	n  int
}

// check is called for every token: small enough to be inlined, it
// reads the clock one call in 1024. Reading it one call in 64 was 4% of
// an index build's CPU (the clock of a virtual machine is dear), and
// 1024 tokens take microseconds, nothing against a limit of seconds.
func (d *deadline) check() error {
	if d == nil {
		return nil
	}
	if d.n++; d.n&1023 != 0 {
		return nil
	}
	return d.late()
}

func (d *deadline) late() error {
	if !d.at.IsZero() && time.Now().After(d.at) {
		return errTimeout
	}
	return nil
}

// tkind is what a token of the structural taggers is.
type tkind uint8

const (
	tIdent tkind = iota // a name or a keyword
	tPunct              // one punctuation or operator byte ("::" and "->" are kept whole)
	tNL                 // a line break outside strings
	tLit                // a string or number literal, standing for its value
)

// tok is one token the structural taggers read.
type tok struct {
	kind      tkind
	text      string
	line, col int
	bol       bool // the first code token on its line
}

// lexed is a file run through chroma: the code tokens, and every
// identifier occurrence with where it is.
type lexed struct {
	toks []tok
	occs []Occ
	// noOccs leaves occs empty: the tokens alone give the definitions.
	noOccs bool
}

// lexWith runs chroma's lexer for lang over src. Comments and strings
// give occurrences marked as such; code (preprocessor lines included) is
// split into identifiers and punctuation by this package, so that the
// taggers do not depend on how each chroma lexer names its tokens.
// Tagging uses fastLex where it has a scanner; chroma stays the
// reference that fastLex is tested against.
func lexWith(lang string, src string, dl *deadline) (lexed, error) {
	lx := lexers.Get(lang)
	if lx == nil {
		return lexed{}, errors.New("no lexer for " + lang)
	}
	it, err := lx.Tokenise(&chroma.TokeniseOptions{State: "root", EnsureLF: false}, src)
	if err != nil {
		return lexed{}, err
	}
	var a assembler
	a.init()
	for t := it(); t != chroma.EOF; t = it() {
		if err := dl.check(); err != nil {
			return lexed{}, err
		}
		where := classifyToken(t.Type)
		switch {
		case where == Code && t.Type.InCategory(chroma.LiteralNumber):
			a.number(t.Value)
		case where == Code:
			a.code(t.Value, t.Type == chroma.CommentPreproc)
		default:
			a.other(where, t.Value)
		}
	}
	a.flush()
	return a.out, nil
}

// assembler turns a file's pieces, each code, preprocessor text, a
// number, a comment or a string, into a lexed, whoever cut them.
type assembler struct {
	out         lexed
	line, col   int
	bol         bool
	buf         []byte
	cline, ccol int
	cpre        bool
	inString    bool // the last piece was a string: a literal's pieces are one tLit
	// src, when set, is the text the pieces are cut from in order (the
	// fast scanners'): code is then gathered as src[from:at], not copied
	// into buf. A piece that is not the next text of src turns it off.
	src      string
	from, at int
}

// next advances over s in src; false when s is not next.
func (a *assembler) next(s string) bool {
	if a.src != "" && a.at+len(s) <= len(a.src) && a.src[a.at:a.at+len(s)] == s {
		a.at += len(s)
		return true
	}
	return false
}

// skip advances over a comment, string or number piece s.
func (a *assembler) skip(s string) {
	if !a.next(s) {
		a.src = ""
	}
	a.from = a.at
}

func (a *assembler) init() { a.line, a.col, a.bol = 1, 1, true }

// code gathers code text: pieces are scanned together because a lexer
// may cut an identifier ("API" "_URL") or "::" across them. Preprocessor
// text is kept apart: chroma gives a macro's body whole, string literals
// included.
func (a *assembler) code(s string, pre bool) {
	a.inString = false
	if (len(a.buf) > 0 || a.at > a.from) && pre != a.cpre {
		a.flush()
	}
	if len(a.buf) == 0 && a.at == a.from {
		a.cline, a.ccol, a.cpre = a.line, a.col, pre
	}
	if len(a.buf) == 0 && a.next(s) {
		return
	}
	if a.at > a.from { // s is not next: what was gathered moves to buf
		a.buf = append(a.buf, a.src[a.from:a.at]...)
	}
	a.src, a.from, a.at = "", 0, 0
	a.buf = append(a.buf, s...)
}

func (a *assembler) flush() {
	text := ""
	if a.at > a.from {
		text = a.src[a.from:a.at]
	} else if len(a.buf) > 0 {
		text = string(a.buf)
	}
	switch {
	case text == "":
	case a.cpre:
		a.line, a.col, a.bol = scanPreproc(&a.out, text, a.cline, a.ccol, a.bol)
	default:
		a.line, a.col, a.bol = scanCode(&a.out, text, a.cline, a.ccol, a.bol, false)
	}
	a.buf, a.from = a.buf[:0], a.at
}

func (a *assembler) number(s string) {
	a.flush()
	a.skip(s)
	a.inString = false
	a.line, a.col, a.bol = scanCode(&a.out, s, a.line, a.col, a.bol, true)
}

// other takes a comment or a string.
func (a *assembler) other(where Where, s string) {
	a.flush()
	a.skip(s)
	out := &a.out
	if !out.noOccs {
		out.occs = wordsIn(out.occs, s, a.line, a.col, where, "")
	}
	if where == String && !a.inString {
		out.toks = append(out.toks, tok{kind: tLit, line: a.line, col: a.col, bol: a.bol})
		a.bol = false
	}
	a.inString = where == String
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			if where == Comment {
				out.toks = append(out.toks, tok{kind: tNL, line: a.line, col: a.col})
				a.bol = true
			}
			a.line, a.col = a.line+1, 1
		} else {
			a.col++
		}
	}
}

// classifyToken says whether chroma's token is a comment, a string, or
// code. Preprocessor lines are code: the taggers read #define there.
func classifyToken(tt chroma.TokenType) Where {
	switch {
	case tt == chroma.CommentPreproc:
		return Code
	case tt == chroma.CommentPreprocFile:
		return String
	case tt.InCategory(chroma.Comment):
		return Comment
	case tt == chroma.LiteralStringAffix:
		return Code
	case tt.InSubCategory(chroma.LiteralString):
		return String
	}
	return Code
}

// scanCode splits code text into tokens, recording identifiers as code
// occurrences. A number literal becomes one tLit.
func scanCode(out *lexed, s string, line, col int, bol, number bool) (int, int, bool) {
	if number && s != "" {
		out.toks = append(out.toks, tok{kind: tLit, text: s, line: line, col: col, bol: bol})
		return line, col + len(s), false
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			out.toks = append(out.toks, tok{kind: tNL, line: line, col: col})
			line, col, bol = line+1, 1, true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i, col = i+1, col+1
		case isIdentStart(s, i):
			j := identEnd(s, i)
			out.toks = append(out.toks, tok{kind: tIdent, text: s[i:j], line: line, col: col, bol: bol})
			if !out.noOccs {
				out.occs = append(out.occs, Occ{Name: s[i:j], Line: line, Col: col, In: Code, Call: callFollows(s, j)})
			}
			col += j - i
			i, bol = j, false
		case c >= '0' && c <= '9':
			j := identEnd(s, i)
			out.toks = append(out.toks, tok{kind: tLit, text: s[i:j], line: line, col: col, bol: bol})
			col += j - i
			i, bol = j, false
		default:
			n := 1
			if i+1 < len(s) && (s[i:i+2] == "::" || s[i:i+2] == "->") {
				n = 2
			} else if c >= utf8.RuneSelf {
				_, n = utf8.DecodeRuneInString(s[i:])
			}
			out.toks = append(out.toks, tok{kind: tPunct, text: s[i : i+n], line: line, col: col, bol: bol})
			i, col, bol = i+n, col+n, false
		}
	}
	return line, col, bol
}

// callFollows says whether the code after an identifier (up to the end of
// the code text gathered) opens an argument list: blanks, then "(", or a
// Rust macro's "!(" or "!{" (no other language has a name before them).
func callFollows(s string, j int) bool {
	if j+1 < len(s) && s[j] == '!' && (s[j+1] == '(' || s[j+1] == '{') {
		return true
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j < len(s) && s[j] == '('
}

// scanPreproc is scanCode for preprocessor text, where chroma leaves
// string and character literals inside: their words are occurrences in
// a string, and each literal one tLit. A literal ends at its closing
// quote or at a line break that no backslash continues.
func scanPreproc(out *lexed, s string, line, col int, bol bool) (int, int, bool) {
	for s != "" {
		q := strings.IndexAny(s, "\"'")
		if q < 0 {
			return scanCode(out, s, line, col, bol, false)
		}
		line, col, bol = scanCode(out, s[:q], line, col, bol, false)
		end := q + 1
		for end < len(s) && s[end] != s[q] && s[end] != '\n' {
			if s[end] == '\\' && end+1 < len(s) {
				end++
			}
			end++
		}
		if end < len(s) && s[end] == s[q] {
			end++
		}
		lit := s[q:end]
		out.toks = append(out.toks, tok{kind: tLit, line: line, col: col, bol: bol})
		if !out.noOccs {
			out.occs = wordsIn(out.occs, lit, line, col, String, "")
		}
		for i := 0; i < len(lit); i++ {
			if lit[i] == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		s, bol = s[end:], false
	}
	return line, col, bol
}

func isIdentStart(s string, i int) bool {
	c := s[i]
	if c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return true
	}
	if c < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// identByte marks the ASCII bytes an identifier continues with.
var identByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func identEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if identByte[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += n
	}
	return i
}

// wordsIn appends the identifier-shaped words of a comment or string
// text that starts at line:col.
func wordsIn(occs []Occ, s string, line, col int, where Where, fn string) []Occ {
	return wordsKept(occs, s, line, col, where, fn, nil)
}

// wordsKept is wordsIn keeping only the words keep chooses (nil: all).
func wordsKept(occs []Occ, s string, line, col int, where Where, fn string, keep func(string) bool) []Occ {
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\n':
			line, col = line+1, 1
			i++
		case isIdentStart(s, i) && s[i] != '$':
			j := identEnd(s, i)
			if keep == nil || keep(s[i:j]) {
				occs = append(occs, Occ{Name: s[i:j], Line: line, Col: col, In: where, Func: fn})
			}
			col += j - i
			i = j
		case s[i] >= '0' && s[i] <= '9':
			j := identEnd(s, i)
			col += j - i
			i = j
		default:
			i, col = i+1, col+1
		}
	}
	return occs
}

func sortOccs(o []Occ) {
	cmp := func(a, b Occ) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	}
	if !slices.IsSortedFunc(o, cmp) { // a lexer's occurrences are in order
		slices.SortStableFunc(o, cmp)
	}
}

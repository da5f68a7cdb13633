package symbols

import (
	goscanner "go/scanner"
	"go/token"
	"sort"
)

// A Go file with a syntax error is tagged from go/scanner's tokens as well
// as from what the parser recovered: the parser drops whatever it cannot
// place (a file without its package clause yields nothing at all), and
// refs must still show every use of a name in such a file, which may be
// exactly the file a reviewer is looking at. Definitions found only this
// way are candidates, like the token-based tagger's.

// goScanned is what one pass of go/scanner over a Go file gives.
type goScanned struct {
	occs []Occ
	defs []Def
}

// goScanState follows brace depth and the function being read, so that
// occurrences name their enclosing function as the parser's do.
type goScanState struct {
	depth   int
	curFunc string // the function whose body is open, at depth ≥ 1
	pending string // a function named at depth 0 whose body has not opened
	want    token.Token
	recv    []string // identifiers inside a method's receiver parentheses
	parens  int
	// prev is the last token not a comment: "func" and "type" declare
	// only at the start of a statement (after a semicolon, which the
	// scanner inserts at line ends), not in "fn func(File) error".
	prev token.Token
}

// scanGo lists every identifier in code, and every word in comments and
// string literals, of src, that keep chooses (nil: all), and the
// functions, methods and types declared at the top level. The tokens
// come from goLexer, or from go/scanner for a file goLexer declines.
func scanGo(p string, src []byte, dl *deadline, how tagHow) (goScanned, error) {
	return scanGoWith(p, src, dl, how, true)
}

// scanGoWith is scanGo, with goLexer only when fast is set.
func scanGoWith(p string, src []byte, dl *deadline, how tagHow, fast bool) (goScanned, error) {
	keep := how.keep
	sk := goSink{p: p, keep: keep, lastIdent: -1}
	if keep == nil {
		// About one identifier in eight bytes of Go: sized once, not grown.
		sk.out.occs = make([]Occ, 0, len(src)/8+16)
	}
	if l, ok := newGoLexer(how.text(src)); ok && fast {
		for {
			if err := dl.check(); err != nil {
				return goScanned{}, err
			}
			off, tok, lit, err := l.scan()
			if err == errNotFast {
				break
			}
			if tok == token.EOF {
				return sk.out, nil
			}
			sk.take(tok, lit, token.Position{Line: l.tokLine, Column: l.tokCol})
			if how.pastKept(off) {
				return sk.out, nil
			}
		}
		sk = goSink{p: p, keep: keep, lastIdent: -1, out: goScanned{occs: sk.out.occs[:0]}}
	}
	fset := token.NewFileSet()
	file := fset.AddFile(p, -1, len(src))
	var s goscanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, goscanner.ScanComments)
	var lc lineCounter
	for {
		if err := dl.check(); err != nil {
			return goScanned{}, err
		}
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		at := lc.position(src, off)
		if at.Column < 1 { // an offset behind the last (never seen): ask the file
			at = file.Position(pos)
		}
		sk.take(tok, lit, at)
		if how.pastKept(off) {
			break
		}
	}
	return sk.out, nil
}

// goSink turns a Go file's tokens into occurrences and definitions.
type goSink struct {
	out       goScanned
	st        goScanState
	p         string
	keep      func(string) bool
	lastIdent int // index in out.occs of an identifier a "(" would make a call
}

// take reads one token; at is where it starts (needed for identifiers,
// literals and comments only).
func (sk *goSink) take(tok token.Token, lit string, at token.Position) {
	out, st := &sk.out, &sk.st
	if tok == token.LPAREN && sk.lastIdent >= 0 {
		out.occs[sk.lastIdent].Call = true
	}
	sk.lastIdent = -1
	switch tok {
	case token.IDENT:
		if sk.keep == nil || sk.keep(lit) {
			sk.lastIdent = len(out.occs)
			out.occs = append(out.occs, Occ{Name: lit, Line: at.Line, Col: at.Column, In: Code, Func: st.curFunc})
		}
		st.ident(out, sk.p, lit, at)
	case token.STRING, token.CHAR:
		out.occs = wordsKept(out.occs, lit, at.Line, at.Column, String, st.curFunc, sk.keep)
	case token.COMMENT:
		out.occs = wordsKept(out.occs, lit, at.Line, at.Column, Comment, st.curFunc, sk.keep)
	default:
		st.punct(tok)
	}
	if tok != token.COMMENT {
		st.prev = tok
	}
}

// lineCounter turns the scanner's offsets, which only grow, into lines
// and columns by counting newlines once (token.File's Position searches
// its line table for each token).
type lineCounter struct{ off, line, lineStart int }

func (lc *lineCounter) position(src []byte, off int) token.Position {
	if lc.line == 0 {
		lc.line = 1
	}
	if off < lc.lineStart {
		return token.Position{}
	}
	for ; lc.off < off && lc.off < len(src); lc.off++ {
		if src[lc.off] == '\n' {
			lc.line, lc.lineStart = lc.line+1, lc.off+1
		}
	}
	return token.Position{Line: lc.line, Column: off - lc.lineStart + 1}
}

// ident records a top-level declaration's name when one is expected.
func (st *goScanState) ident(out *goScanned, p, name string, at token.Position) {
	switch {
	case st.want == token.LPAREN && st.parens > 0: // inside a receiver
		st.recv = append(st.recv, name)
		return
	case st.want == token.FUNC && st.recv != nil && len(st.recv) == 0:
		// "func() T" at the top level: a function literal's result type
	case st.want == token.FUNC:
		k, scope := Func, ""
		if len(st.recv) > 0 {
			k, scope = Method, st.recv[len(st.recv)-1]
			if len(st.recv) > 1 {
				scope = st.recv[1] // "(s *T)": the type, not the receiver's name
			}
		}
		out.defs = append(out.defs, Def{Name: name, Kind: k, Path: p, Line: at.Line, Col: at.Column, Scope: scope, Lang: "go"})
		st.pending = name
	case st.want == token.TYPE:
		out.defs = append(out.defs, Def{Name: name, Kind: Type, Path: p, Line: at.Line, Col: at.Column, Lang: "go"})
	}
	st.want, st.recv = token.ILLEGAL, nil
}

// punct follows braces, and "func" and "type" at the top level.
func (st *goScanState) punct(tok token.Token) {
	switch tok {
	case token.FUNC, token.TYPE:
		if st.depth == 0 && (st.prev == token.SEMICOLON || st.prev == token.ILLEGAL) {
			st.want, st.recv, st.parens = tok, nil, 0
			return
		}
	case token.LPAREN:
		if st.want == token.FUNC && st.parens == 0 && st.recv == nil {
			st.want, st.parens = token.LPAREN, 1
			return
		}
		if st.want == token.LPAREN {
			st.parens++
			return
		}
	case token.RPAREN:
		if st.want == token.LPAREN {
			if st.parens--; st.parens == 0 {
				st.want = token.FUNC // the method's name comes next
				if st.recv == nil {
					st.recv = []string{}
				}
			}
			return
		}
	case token.MUL, token.LBRACK, token.RBRACK, token.COMMA:
		if st.want == token.LPAREN {
			return
		}
	case token.LBRACE:
		st.depth++
		if st.depth == 1 && st.pending != "" {
			st.curFunc, st.pending = st.pending, ""
		}
	case token.RBRACE:
		if st.depth > 0 {
			st.depth--
		}
		if st.depth == 0 {
			st.curFunc = ""
		}
	case token.SEMICOLON:
		if st.depth == 0 {
			st.pending = "" // a declaration without a body
		}
	}
	if st.want != token.LPAREN {
		st.want, st.recv = token.ILLEGAL, nil
	}
}

// withScanned merges a scan into what the parser recovered from a file
// with syntax errors: the scan's occurrences replace the parser's (they
// are a superset), and its definitions add those the parser lost.
func withScanned(out File, sc goScanned) File {
	seen := make(map[[2]int]bool, len(out.Defs))
	for _, d := range out.Defs {
		seen[[2]int{d.Line, d.Col}] = true
	}
	for _, d := range sc.defs {
		if !seen[[2]int{d.Line, d.Col}] {
			out.Defs = append(out.Defs, d)
		}
	}
	sort.SliceStable(out.Defs, func(i, j int) bool {
		a, b := out.Defs[i], out.Defs[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	out.Occs = sc.occs
	return out
}

package symbols

import (
	"errors"
	"strings"
)

// The fast scanners: hand-written lexers that cut a file into the same
// code, preprocessor, number, comment and string pieces as chroma's
// lexers do for the token classes the taggers read, at a small fraction
// of the cost (chroma's backtracking regular expressions took 30 ms a
// file, so a 80k-file tree took most of an hour) and with no wall-clock
// limit per regular expression, so that what is tagged does not depend
// on the machine's load. fastlex_test.go holds them to chroma's
// classification of every identifier occurrence.

// fastLex lexes src with the fast scanner for lang; ok is false when
// lang has none (chroma is used).
func fastLex(lang, src string, dl *deadline) (lx lexed, ok bool, err error) {
	return fastLexInto(lang, src, dl, &scratch{})
}

// scratch is a tagging goroutine's token, occurrence and definition
// buffers, reused from file to file so that once they have grown a file's
// tokens cost no allocation: growing and clearing fresh slices for each
// file was a third of the C tagger's time. A free list, not a sync.Pool,
// because the pool is emptied at every collection, which the tagger's
// output makes frequent.
type scratch struct {
	toks []tok
	occs []Occ
	defs []Def
	// noOccs: the caller wants definitions only, so no occurrence is
	// gathered.
	noOccs bool
}

var scratchFree = make(chan *scratch, 16)

func getScratch() *scratch {
	select {
	case b := <-scratchFree:
		return b
	default:
		return new(scratch)
	}
}

// putScratch keeps b for the next file unless a huge file grew it.
func putScratch(b *scratch) {
	if cap(b.toks) > 1<<17 || cap(b.occs) > 1<<16 || cap(b.defs) > 1<<14 {
		return
	}
	select {
	case scratchFree <- b:
	default:
	}
}

// fastLexInto is fastLex with its slices taken from buf: lx.toks and
// lx.occs share buf's arrays, so buf is reused only once lx is done with.
func fastLexInto(lang, src string, dl *deadline, buf *scratch) (lx lexed, ok bool, err error) {
	var sc scanner
	switch lang {
	case "c", "c++":
		sc.run = sc.runC
	case "python":
		sc.run = sc.runPython
	case "javascript":
		sc.run = sc.runJS
	case "typescript":
		sc.run = sc.runTS
	case "java":
		sc.run = sc.runJava
	case "rust":
		sc.run = sc.runRust
	case "bash":
		sc.run = sc.runShell
	default:
		return lexed{}, false, nil
	}
	// chroma's JavaScript and TypeScript lexers add a line break that
	// their patterns may read but that is not lexed on its own (ensure_nl).
	sc.end = len(src)
	if (lang == "javascript" || lang == "typescript" || lang == "rust") && !strings.HasSuffix(src, "\n") {
		src += "\n"
	}
	sc.s, sc.dl = src, dl
	sc.a.init()
	sc.a.src = src
	if buf.toks == nil { // enough for most files, so that the slices rarely grow
		buf.toks = make([]tok, 0, len(src)/3)
		buf.occs = make([]Occ, 0, len(src)/8)
	}
	sc.a.out.toks, sc.a.out.occs = buf.toks[:0], buf.occs[:0]
	sc.a.out.noOccs = buf.noOccs
	err = sc.run()
	sc.a.flush()
	buf.toks, buf.occs = sc.a.out.toks[:0], sc.a.out.occs[:0] // keep what they grew to
	if errors.Is(err, errNotFast) {
		return lexed{}, false, nil
	}
	if err != nil {
		return lexed{}, true, err
	}
	return sc.a.out, true, nil
}

type scanner struct {
	s   string
	i   int
	end int // where lexing stops: the length of the source
	a   assembler
	dl  *deadline
	run func() error
	// What the Java scanner learnt of the text ahead, so that hostile
	// text is lexed in linear time: the method-declaration and record
	// rules fail before funcFailEnd and recordFailEnd, and no line break
	// or "*/" follows noLineBreakFrom and noCommentEndFrom (-1: unknown).
	funcFailEnd, recordFailEnd        int
	noLineBreakFrom, noCommentEndFrom int
	// The Rust scanner's: no "}" follows noCloseBraceFrom, and no raw
	// string closes with rawNoEndHashes hashes or more after
	// rawNoEndFrom (-1: unknown).
	noCloseBraceFrom, rawNoEndFrom, rawNoEndHashes int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isWord(c byte) bool {
	return c == '_' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// lineStart says whether position p begins a line, as "^" does.
func (sc *scanner) lineStart(p int) bool { return p == 0 || sc.s[p-1] == '\n' }

// whitespace consumes one whitespace token the way chroma's rules do: a
// line break alone, else the whole run of blanks and line breaks.
func (sc *scanner) whitespace() {
	s, i := sc.s, sc.i
	if s[i] == '\n' {
		sc.i++
	} else {
		for sc.i < len(s) && isSpace(s[sc.i]) {
			sc.i++
		}
	}
	sc.a.code(s[i:sc.i], false)
}

// skipCodeRun consumes code bytes that cannot start a comment, string,
// number or preprocessor line.
func (sc *scanner) codeRun(stop func(byte) bool) {
	s, i := sc.s, sc.i
	sc.i++
	for sc.i < len(s) && !stop(s[sc.i]) {
		sc.i++
	}
	sc.a.code(s[i:sc.i], false)
}

// lineComment consumes "//" up to and including the line break; C's
// continues over a backslash-newline.
func (sc *scanner) lineComment(continued bool) {
	s, i := sc.s, sc.i
	j := i + 2
	for {
		k := strings.IndexByte(s[j:], '\n')
		if k < 0 {
			j = len(s)
			break
		}
		j += k + 1
		if !continued || j-2 < i+2 || s[j-2] != '\\' {
			break
		}
	}
	sc.i = j
	sc.a.other(Comment, s[i:j])
}

// blockComment consumes "/* ... */", or to the end when it is not closed.
func (sc *scanner) blockComment() {
	s, i := sc.s, sc.i
	k := strings.Index(s[i+2:], "*/")
	if k < 0 {
		sc.i = len(s)
	} else {
		sc.i = i + 2 + k + 2
	}
	sc.a.other(Comment, s[i:sc.i])
}

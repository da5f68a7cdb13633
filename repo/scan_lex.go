package repo

import (
	"path"
	"strings"
	"unicode/utf8"

	"sightline/repo/textsafe"
)

// The hostile scan looks for look-alike letters in identifiers only, so it
// needs to know what is code and what is a comment, a string or prose.
// This is a small tokenizer for the comment and string syntax of C-like
// languages, Go, JavaScript, Python and shell, not a parser: it errs
// towards treating text as code, which can only add reports.

// lexFamily is the comment and string syntax of a file.
type lexFamily uint8

const (
	famGeneric lexFamily = iota // unknown: //, /* */ and # comments, ' and " strings
	famProse                    // translation catalogues, documentation, data: no identifiers
	famC                        // C, C++, Go, Java, Rust...: //, /* */, "..", short '..' literals, `..` raw strings
	famJS                       // JavaScript, TypeScript, PHP: as C, but '..' is a string
	famHash                     // Python, Ruby, Perl, YAML...: # comments, '..' and ".." strings
	famShell                    // shell: as famHash, and strings run over lines
)

var famByExt = map[string]lexFamily{}

func init() {
	for fam, exts := range map[lexFamily]string{
		famProse: "po pot mo md markdown txt text rst adoc asciidoc tex html htm xml xlf xliff json " +
			"properties strings stringsdict resx csv tsv svg 1 2 3 5 7 8 man texi info rtf srt vtt",
		famC:     "c h cc cpp cxx hpp hh hxx c++ go java rs cs swift kt kts scala m mm dart zig v d groovy proto",
		famJS:    "js jsx mjs cjs ts tsx php vue svelte",
		famHash:  "py pyw pyi rb pl pm r tcl yaml yml toml mk cmake nix ps1 cfg conf ini",
		famShell: "sh bash zsh ksh fish",
	} {
		for _, e := range strings.Fields(exts) {
			famByExt[e] = fam
		}
	}
}

// familyOf is the syntax of the file at p, by its extension or name.
func familyOf(p string) lexFamily {
	base := path.Base(p)
	switch base {
	case "Makefile", "GNUmakefile", "Dockerfile", "CMakeLists.txt", "Rakefile", "Gemfile":
		return famHash
	case "LICENSE", "COPYING", "AUTHORS", "NEWS", "ChangeLog", "README", "THANKS":
		return famProse
	}
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(base), "."))
	if fam, ok := famByExt[ext]; ok {
		return fam
	}
	return famGeneric
}

// lexState is what the tokenizer is inside of between bytes.
type lexState uint8

const (
	inCode lexState = iota
	inLineComment
	inBlockComment
	inString // closed by quote; ends at the line's end unless multiline
)

// identLexer is fed a file's bytes and calls emit for every identifier
// in code (not in comments or strings), with its 1-based line and byte
// column. It holds back only an unfinished line.
type identLexer struct {
	fam       lexFamily
	emit      func(line, col int, ident string)
	buf       []byte
	line, col int // position of buf[0]
	state     lexState
	quote     string // the closing quote of inString
	multiline bool   // the string runs over line ends
}

func newIdentLexer(fam lexFamily, emit func(line, col int, ident string)) *identLexer {
	return &identLexer{fam: fam, emit: emit, line: 1, col: 1}
}

// maxLexHold bounds what the lexer holds of one line: a longer line is
// tokenized in pieces (an identifier across a cut is seen as two).
const maxLexHold = 1 << 20

// Write takes the next bytes of the file; it never fails.
func (lx *identLexer) Write(p []byte) (int, error) {
	if lx.fam == famProse {
		return len(p), nil
	}
	lx.buf = append(lx.buf, p...)
	if nl := strings.LastIndexByte(string(lx.buf), '\n'); nl >= 0 {
		lx.run(nl + 1)
	} else if len(lx.buf) > maxLexHold {
		lx.run(len(lx.buf) - utf8.UTFMax)
	}
	return len(p), nil
}

// Close tokenizes what is left (a last line without LF).
func (lx *identLexer) Close() {
	if lx.fam != famProse && len(lx.buf) > 0 {
		lx.run(len(lx.buf))
	}
}

// run tokenizes buf[:n] and keeps the rest.
func (lx *identLexer) run(n int) {
	s := string(lx.buf[:n])
	i := 0
	for i < len(s) {
		i = lx.step(s, i)
	}
	lx.buf = append(lx.buf[:0], lx.buf[n:]...)
}

// advance moves the position over s[from:to].
func (lx *identLexer) advance(s string, from, to int) {
	for j := from; j < to; j++ {
		if s[j] == '\n' {
			lx.line, lx.col = lx.line+1, 1
		} else {
			lx.col++
		}
	}
}

// step consumes one token or character of s at i and returns where the
// next starts.
func (lx *identLexer) step(s string, i int) int {
	next := lx.stepState(s, i)
	lx.advance(s, i, next)
	return next
}

func (lx *identLexer) stepState(s string, i int) int {
	c := s[i]
	switch lx.state {
	case inLineComment:
		if c == '\n' {
			lx.state = inCode
		}
		return i + 1
	case inBlockComment:
		if strings.HasPrefix(s[i:], "*/") {
			lx.state = inCode
			return i + 2
		}
		return i + 1
	case inString:
		switch {
		case c == '\\' && lx.quote != "`" && i+1 < len(s):
			return i + 2
		case strings.HasPrefix(s[i:], lx.quote):
			lx.state = inCode
			return i + len(lx.quote)
		case c == '\n' && !lx.multiline:
			lx.state = inCode
		}
		return i + 1
	}
	return lx.stepCode(s, i)
}

// stepCode handles a byte of code: the start of a comment or string, an
// identifier, or anything else.
func (lx *identLexer) stepCode(s string, i int) int {
	c := s[i]
	rest := s[i:]
	cLike := lx.fam == famC || lx.fam == famJS || lx.fam == famGeneric
	hash := lx.fam == famHash || lx.fam == famShell || lx.fam == famGeneric
	switch {
	case cLike && strings.HasPrefix(rest, "//"):
		lx.state = inLineComment
		return i + 2
	case cLike && strings.HasPrefix(rest, "/*"):
		lx.state = inBlockComment
		return i + 2
	case hash && c == '#' && (lx.fam != famShell || i == 0 || !isWordByte(s[i-1])):
		lx.state = inLineComment
		return i + 1
	case c == '"' || c == '\'' || c == '`':
		return lx.openString(s, i)
	}
	r, size := utf8.DecodeRuneInString(rest)
	if !textsafe.IsIdentRune(r) || r >= '0' && r <= '9' {
		return i + size
	}
	end := i
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !textsafe.IsIdentRune(r) {
			break
		}
		end += size
	}
	lx.emit(lx.line, lx.col, s[i:end])
	return end
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// openString starts a string literal at s[i], a quote.
func (lx *identLexer) openString(s string, i int) int {
	c := s[i]
	if (lx.fam == famHash || lx.fam == famGeneric) && (strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], `'''`)) {
		lx.state, lx.quote, lx.multiline = inString, s[i:i+3], true
		return i + 3
	}
	if c == '`' {
		if lx.fam != famC && lx.fam != famJS && lx.fam != famShell {
			return i + 1
		}
		lx.state, lx.quote, lx.multiline = inString, "`", true
		return i + 1
	}
	if c == '\'' && lx.fam == famC && !shortLiteral(s[i+1:]) {
		return i + 1 // a Rust lifetime or an apostrophe: not a string
	}
	lx.state, lx.quote, lx.multiline = inString, string(c), lx.fam == famShell
	return i + 1
}

// shortLiteral reports whether s (after a ') closes like a character
// literal: 'x', '\n', '\u{1F600}', '\x41'.
func shortLiteral(s string) bool {
	for j := 0; j < len(s) && j < 12; j++ {
		switch s[j] {
		case '\\':
			j++
		case '\'':
			return j > 0
		case '\n':
			return false
		}
	}
	return false
}

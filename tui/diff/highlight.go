package diff

import (
	"path"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Highlighting limits: past them a side of a hunk is shown without syntax
// colours (SECURITY-NOTES §3.2: chroma has no cancellation, and 1.4 MB of
// minified JavaScript takes it about two seconds).
const (
	maxLexBytes     = 256 << 10 // per side of one hunk
	maxLexLineBytes = 4 << 10   // per line
)

// tok is a run of n bytes of one token type within a line.
type tok struct {
	n int
	t chroma.TokenType
}

// lexerFor picks the lexer by file name; content sniffing (lexers.Analyse)
// is left out because a hunk is only a fragment of the file.
func lexerFor(name string) chroma.Lexer {
	l := lexers.Match(path.Base(name))
	if l == nil {
		return nil
	}
	return chroma.Coalesce(l)
}

// lexLines lexes lines (without their LF) as one piece of text and returns
// each line's token runs. Chroma sees the raw text; sanitizing happens per
// token afterwards, so hostile bytes cannot change the highlighting of
// their neighbours. A nil result for a line means "plain".
func lexLines(lexer chroma.Lexer, lines [][]byte) [][]tok {
	out := make([][]tok, len(lines))
	if lexer == nil {
		return out
	}
	total := 0
	for _, l := range lines {
		if len(l) > maxLexLineBytes {
			return out
		}
		total += len(l) + 1
	}
	if total > maxLexBytes {
		return out
	}
	var b strings.Builder
	b.Grow(total)
	for _, l := range lines {
		b.Write(l)
		b.WriteByte('\n')
	}
	it, err := lexer.Tokenise(nil, b.String())
	if err != nil {
		return out
	}
	i := 0
	for t := it(); t != chroma.EOF && i < len(lines); t = it() {
		v := t.Value
		for v != "" && i < len(lines) {
			nl := strings.IndexByte(v, '\n')
			if nl < 0 {
				out[i] = append(out[i], tok{len(v), t.Type})
				break
			}
			if nl > 0 {
				out[i] = append(out[i], tok{nl, t.Type})
			}
			v = v[nl+1:]
			i++
		}
	}
	return out
}

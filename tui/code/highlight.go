package code

import (
	"context"
	"path"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// token is one highlighted piece of a line: it ends at byte end of the
// line (LF excluded) and starts where the previous one ended.
type token struct {
	end int32
	tt  chroma.TokenType
}

// HighlightedMsg carries tokens for lines From.. of the blob Hash. Seq is
// the load it belongs to; tokens for another file are dropped.
type HighlightedMsg struct {
	Seq   int
	Hash  repo.Hash
	Start int64 // the window of a large file the lines belong to
	From  int
	Toks  [][]token // nil entries: the line stays plain
	Lexer string
}

// lexerCache remembers the lexer per file extension (or base name when
// there is none): lexers.Match tries every glob of every lexer, 1.5–3.6 ms
// a call (PERF-NOTES). It is shared by the Cmds of one code view.
type lexerCache struct {
	mu sync.Mutex
	m  map[string]chroma.Lexer
}

func newLexerCache() *lexerCache { return &lexerCache{m: map[string]chroma.Lexer{}} }

func nameKey(p string) string {
	base := path.Base(p)
	if ext := path.Ext(base); ext != "" && ext != base {
		return strings.ToLower(ext)
	}
	return base
}

// lexerForName is the lexer chosen by file name alone, or nil.
func lexerForName(p string) chroma.Lexer { return lexers.Match(path.Base(p)) }

// forDoc picks the lexer by name (cached), then by content.
func (c *lexerCache) forDoc(d *Doc) chroma.Lexer {
	k := nameKey(d.Path)
	c.mu.Lock()
	l, ok := c.m[k]
	c.mu.Unlock()
	if !ok {
		l = lexerForName(d.Path)
		c.mu.Lock()
		c.m[k] = l
		c.mu.Unlock()
	}
	if l == nil {
		l = lexers.Analyse(string(d.Blob.Data[:min(len(d.Blob.Data), 4096)]))
	}
	if l == nil {
		return nil
	}
	return chroma.Coalesce(l)
}

// highlight lexes lines [from, to) of d in the background and returns
// their tokens. Lines longer than LongLine stay plain. Lexing a window
// that starts mid-file may be imprecise inside a block comment; files small
// enough are lexed whole (from = 0, to = len).
func highlight(ctx context.Context, lc *lexerCache, d *Doc, from, to, seq int) tea.Cmd {
	return func() tea.Msg {
		msg := HighlightedMsg{Seq: seq, Hash: d.Blob.Hash, Start: d.Start, From: from}
		l := lc.forDoc(d)
		if l == nil || from >= to {
			return msg
		}
		msg.Lexer = l.Config().Name
		var b strings.Builder
		for _, line := range d.Lines[from:to] {
			if len(line) > LongLine {
				b.WriteString("\n") // lexed as an empty line, drawn plain
				continue
			}
			b.Write(line)
		}
		src := b.String()
		it, err := l.Tokenise(&chroma.TokeniseOptions{State: "root"}, src)
		if err != nil {
			return msg
		}
		msg.Toks = splitTokens(ctx, it, src, to-from)
		for i, line := range d.Lines[from:to] {
			if len(line) > LongLine && i < len(msg.Toks) {
				msg.Toks[i] = nil
			}
		}
		return msg
	}
}

// splitTokens cuts the token stream into lines. It checks that the tokens
// spell the source exactly; a lexer that rewrote the text gets no
// highlighting rather than misplaced colours.
func splitTokens(ctx context.Context, it chroma.Iterator, src string, n int) [][]token {
	out := make([][]token, 0, n)
	var cur []token
	pos, lineStart := 0, 0
	count := 0
	for t := it(); t != chroma.EOF; t = it() {
		if count++; count%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		v := t.Value
		if pos+len(v) > len(src) {
			v = v[:max(0, len(src)-pos)] // EnsureNL added a final LF
		}
		if src[pos:pos+len(v)] != v {
			return nil
		}
		for v != "" {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				pos += len(v)
				cur = append(cur, token{end: int32(pos - lineStart), tt: t.Type})
				break
			}
			pos += i
			if i > 0 {
				cur = append(cur, token{end: int32(pos - lineStart), tt: t.Type})
			}
			pos++ // the LF
			out = append(out, cur)
			cur, lineStart = nil, pos
			v = v[i+1:]
		}
	}
	if pos > lineStart {
		out = append(out, cur)
	}
	return out
}

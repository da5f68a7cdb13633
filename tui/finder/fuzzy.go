package finder

import (
	"strings"
	"unicode"
)

// Scoring, after fzf's v1 algorithm: every matched character scores, a
// match at the start of a path segment or word and a run of consecutive
// matches score extra, and gaps cost. So "tuiapp" ranks tui/app.go above
// tui/keys/appendix.go, and a contiguous "app.go" beats a scattered one.
const (
	scoreMatch        = 16
	scoreGapStart     = -3
	scoreGapExtension = -1
	bonusSlash        = 10 // right after '/': the start of a segment
	bonusBoundary     = 8  // after '_', '-', '.', ' ' or at the start
	bonusCamel        = 7  // a lower-to-upper or letter-to-digit step
	bonusConsecutive  = 4  // continuing a run
	firstCharFactor   = 2
)

// Result is one ranked path with the byte offsets it matched at, for
// highlighting.
type Result struct {
	Path  string
	Score int
	Pos   []int
	// Index is the path's place in the list ranked, so that a list of
	// names (the symbol finder's) can be mapped back to what they name.
	Index int
}

// Score matches query against path as a subsequence. Matching ignores
// case unless the query has an upper-case letter (smart case). ok is false
// when path does not contain the query's characters in order.
func Score(path, query string) (score int, pos []int, ok bool) {
	if query == "" {
		return 0, nil, true
	}
	m := newMatcher(query)
	if score, ok = m.score(path); !ok {
		return 0, nil, false
	}
	return score, m.positions(), true
}

// Byte tables for comparing a path byte with a query byte: foldTable
// lowers ASCII letters (smart case with a lower-case query), identTable
// keeps them. Read-only after init.
var foldTable, identTable = func() (f, id [256]byte) {
	for i := range f {
		f[i], id[i] = byte(i), byte(i)
	}
	for c := 'A'; c <= 'Z'; c++ {
		f[c] = byte(c) + 'a' - 'A'
	}
	return f, id
}()

// matcher scores paths against one query without allocating: a table
// lookup replaces the per-byte comparison closure and the position
// buffers are reused from path to path. One per goroutine.
type matcher struct {
	query     string
	tab       *[256]byte
	pos, best []int // scratch: the window being scored, the best so far
}

func newMatcher(query string) *matcher {
	m := &matcher{query: query, tab: &identTable,
		pos: make([]int, 0, len(query)), best: make([]int, 0, len(query))}
	if strings.IndexFunc(query, unicode.IsUpper) < 0 {
		m.tab = &foldTable
	}
	return m
}

// end is the index in path where the earliest match of the query ends,
// or -1 when path does not contain it: the cheap filter run on every path.
func (m *matcher) end(path string) int {
	q, t := m.query, m.tab
	qi, c := 0, q[0]
	for i := 0; i < len(path); i++ {
		if t[path[i]] == c {
			if qi++; qi == len(q) {
				return i
			}
			c = q[qi]
		}
	}
	return -1
}

// score is Score without the allocation: the best window's positions are
// left in m.best (see positions).
func (m *matcher) score(path string) (int, bool) {
	end := m.end(path)
	if end < 0 {
		return 0, false
	}
	q, t := m.query, m.tab
	// Backward from the earliest end: the latest start, giving the
	// shortest window.
	qi, start := len(q)-1, 0
	for i := end; i >= 0; i-- {
		if t[path[i]] == q[qi] {
			if qi--; qi < 0 {
				start = i
				break
			}
		}
	}
	// A later window may score better (a match at a segment start, or a
	// contiguous run further right); try each window start and keep the
	// best, as fzf's v2 would, within a bound so long paths stay cheap.
	best, _ := m.scoreAt(path, start)
	m.pos, m.best = m.best, m.pos
	for tries := 0; tries < 16; tries++ {
		next := -1
		for i := start + 1; i < len(path); i++ {
			if t[path[i]] == q[0] {
				next = i
				break
			}
		}
		if next < 0 {
			break
		}
		start = next
		if s, ok := m.scoreAt(path, start); ok && s > best {
			best = s
			m.pos, m.best = m.best, m.pos
		}
	}
	return best, true
}

// positions copies out the best window of the last score.
func (m *matcher) positions() []int { return append([]int(nil), m.best...) }

// scoreAt matches the query greedily from start into m.pos and scores the
// match; ok is false when the rest of path does not contain it.
func (m *matcher) scoreAt(path string, start int) (int, bool) {
	q, t := m.query, m.tab
	pos := m.pos[:0]
	qi := 0
	for i := start; i < len(path) && qi < len(q); i++ {
		if t[path[i]] == q[qi] {
			pos = append(pos, i)
			qi++
		}
	}
	m.pos = pos
	if qi < len(q) {
		return 0, false
	}
	score, runBonus := 0, 0
	for k, p := range pos {
		b := bonusAt(path, p)
		if k > 0 && p == pos[k-1]+1 {
			b = max(b, runBonus, bonusConsecutive)
		} else {
			runBonus = b
			if k > 0 {
				score += scoreGapStart + scoreGapExtension*(p-pos[k-1]-2)
			}
		}
		if k == 0 {
			b *= firstCharFactor
		}
		score += scoreMatch + b
	}
	return score, true
}

// bonusAt is the bonus for matching the character at i of path.
func bonusAt(path string, i int) int {
	if i == 0 {
		return bonusBoundary
	}
	prev, c := path[i-1], path[i]
	switch {
	case prev == '/':
		return bonusSlash
	case prev == '_' || prev == '-' || prev == '.' || prev == ' ':
		return bonusBoundary
	case prev >= 'a' && prev <= 'z' && c >= 'A' && c <= 'Z',
		!(prev >= '0' && prev <= '9') && c >= '0' && c <= '9':
		return bonusCamel
	}
	return 0
}

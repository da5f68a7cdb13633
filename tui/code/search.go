package code

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
)

// maxMatches bounds the matches kept for one search, so a pattern that
// matches everywhere in a huge file cannot exhaust memory.
const maxMatches = 100000

// match is one search hit: bytes [start, end) of line (0-based).
type match struct {
	line, start, end int
}

type searchState struct {
	query   string
	regexp  bool // the query is used as a regular expression
	seq     int
	matches []match
	current int // index into matches, -1 when none
	capped  bool
	err     error
}

// SearchedMsg carries the matches of query in the file with blob Hash.
type SearchedMsg struct {
	Seq     int
	Hash    repo.Hash
	Query   string
	Matches []match
	Capped  bool
}

// CompileQuery turns what the reviewer typed into a pattern: a regular
// expression when it is one that compiles, else the literal text. An
// all-lower-case query ignores case (smart case, as in vim and less).
func CompileQuery(q string) (re *regexp.Regexp, isRegexp bool) {
	// regexp refuses invalid UTF-8 even quoted; it reads bad bytes in the
	// text as U+FFFD, so that is what a bad byte in the query matches.
	q = strings.ToValidUTF8(q, "\uFFFD")
	flags := ""
	if strings.IndexFunc(q, unicode.IsUpper) < 0 {
		flags = "(?i)"
	}
	if re, err := regexp.Compile(flags + q); err == nil {
		return re, regexp.QuoteMeta(q) != q
	}
	return regexp.MustCompile(flags + regexp.QuoteMeta(q)), false
}

// SetSearch searches the open file for query in the background; "" clears
// the search. The cursor moves to the first match at or after it when the
// results arrive.
func (m *Model) SetSearch(query string) tea.Cmd {
	m.search.query = query
	m.search.seq++
	m.search.matches, m.search.current, m.search.capped = nil, -1, false
	if query == "" || m.doc == nil {
		return nil
	}
	return m.runSearch()
}

// ClearSearch forgets the query and its highlights.
func (m *Model) ClearSearch() { _ = m.SetSearch("") }

func (m *Model) runSearch() tea.Cmd {
	re, isRe := CompileQuery(m.search.query)
	m.search.regexp = isRe
	d, seq, q := m.doc, m.search.seq, m.search.query
	return func() tea.Msg {
		msg := SearchedMsg{Seq: seq, Hash: d.Blob.Hash, Query: q}
		for i, l := range d.Lines {
			for _, loc := range re.FindAllIndex(repo.TrimEOL(l), -1) {
				if loc[1] == loc[0] {
					continue // an empty match highlights nothing
				}
				if len(msg.Matches) == maxMatches {
					msg.Capped = true
					return msg
				}
				msg.Matches = append(msg.Matches, match{line: i, start: loc[0], end: loc[1]})
			}
		}
		return msg
	}
}

func (m *Model) searched(msg SearchedMsg) {
	if m.doc == nil || msg.Seq != m.search.seq || msg.Hash != m.doc.Blob.Hash {
		return
	}
	m.search.matches, m.search.capped = msg.Matches, msg.Capped
	m.search.current = -1
	i := sort.Search(len(msg.Matches), func(i int) bool { return msg.Matches[i].line >= m.cursor })
	if len(msg.Matches) > 0 {
		m.search.current = i % len(msg.Matches)
		m.cursor = msg.Matches[m.search.current].line
		m.clamp()
		m.showMatch()
	}
}

// stepMatch moves to the next (dir 1) or previous (-1) match, wrapping.
func (m *Model) stepMatch(dir int) {
	n := len(m.search.matches)
	if n == 0 {
		return
	}
	if m.search.current < 0 {
		m.search.current = 0
	} else {
		m.search.current = (m.search.current + dir + n) % n
	}
	m.cursor = m.search.matches[m.search.current].line
	m.clamp()
	m.showMatch()
}

// showMatch scrolls sideways so the current match is on screen.
func (m *Model) showMatch() {
	if m.wrap || m.search.current < 0 {
		return
	}
	mt := m.search.matches[m.search.current]
	col := m.columnOf(mt.line, mt.start)
	if col < m.xoff || col >= m.xoff+m.textWidth()-4 {
		m.xoff = max(0, col-m.textWidth()/3)
	}
}

// SearchStatus describes the search for the status bar: "3/12 matches",
// "no match", or "" when there is no search.
func (m Model) SearchStatus() string {
	s := m.search
	switch {
	case s.query == "":
		return ""
	case len(s.matches) == 0:
		return fmt.Sprintf("/%s: no match", s.query)
	}
	kind := ""
	if s.regexp {
		kind = " (regexp)"
	}
	more := ""
	if s.capped {
		more = "+"
	}
	return fmt.Sprintf("/%s%s: %d/%d%s matches", s.query, kind, s.current+1, len(s.matches), more)
}

// MatchCount is the number of matches of the current search.
func (m Model) MatchCount() int { return len(m.search.matches) }

// lineMatches returns the matches on line i.
func (m Model) lineMatches(i int) []match {
	ms := m.search.matches
	lo := sort.Search(len(ms), func(k int) bool { return ms[k].line >= i })
	hi := lo
	for hi < len(ms) && ms[hi].line == i {
		hi++
	}
	return ms[lo:hi]
}

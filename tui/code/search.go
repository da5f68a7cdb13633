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
	current int  // index into matches, -1 when none
	found   bool // matches hold the answer for seq (not still searching)
	capped  bool
	err     error

	note     string // "no more matches below line N"
	jump     bool   // the next answer moves the cursor to the nearest match
	after    *match // with jump: land on the first match after this one (*)
	landReq  int    // the window request a search past the window found; its search jumps
	landLast bool   // ... to the last match of the cursor line (N)
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
	if m.doc != nil && m.hex {
		return m.hexSearch(query)
	}
	m.search.query = query
	m.search.seq++
	m.search.matches, m.search.current, m.search.capped = nil, -1, false
	m.search.found, m.search.note, m.search.landLast = false, "", false
	m.search.jump, m.search.after = true, nil
	if m.hunt.kind == huntSearch {
		m.stopHunt() // a ! past the window goes on
	}
	if query == "" || m.doc == nil {
		return nil
	}
	return m.runSearch()
}

// searchWord is vim's *: it searches the cursor line's word at or right
// of the view's left edge as a whole word (smart case, as /) and goes to
// its next occurrence; n and N go on.
func (m *Model) searchWord() tea.Cmd {
	if m.hex || m.cursor >= len(m.doc.Lines) {
		m.hunt.note = "* takes a word of a text line: none here"
		return nil
	}
	w, start, _ := m.wordAtCursor()
	if w == "" {
		m.hunt.note = "* found no word under the cursor or right of it on this line (W/B/e/0/$ move the cursor)"
		return nil
	}
	q := regexp.QuoteMeta(w)
	if isASCIIWord(w) {
		q = `\b` + q + `\b` // regexp's \b knows only ASCII words
	}
	cmd := m.SetSearch(q)
	m.search.after = &match{line: m.cursor, start: start}
	return cmd
}

func isASCIIWord(w string) bool {
	for _, r := range w {
		if r >= 0x80 {
			return false
		}
	}
	return true
}

// ClearSearch forgets the query and its highlights.
func (m *Model) ClearSearch() { _ = m.SetSearch("") }

func (m *Model) runSearch() tea.Cmd {
	re, isRe := CompileQuery(m.search.query)
	m.search.regexp = isRe
	d, seq, q := m.doc, m.search.seq, m.search.query
	var extra []string
	if m.GutterShown() {
		extra = m.gutter.Search
	}
	return func() tea.Msg {
		msg := SearchedMsg{Seq: seq, Hash: d.Blob.Hash, Query: q}
		for i, l := range d.Lines {
			if j := d.Base + i; j < len(extra) && hasMatch(re, []byte(extra[j])) && len(msg.Matches) < maxMatches {
				// A match in the gutter's text: the line, nothing to highlight.
				msg.Matches = append(msg.Matches, match{line: i})
			}
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

// searched takes a search's matches. A new query, a new file or the
// window a search past the old one found puts the cursor on the nearest
// match; a window loaded by moving keeps the cursor where the move put it.
func (m *Model) searched(msg SearchedMsg) {
	if m.doc == nil || msg.Seq != m.search.seq || msg.Hash != m.doc.Blob.Hash {
		return
	}
	s := &m.search
	s.matches, s.capped, s.found = msg.Matches, msg.Capped, true
	s.current = -1
	jump, last, after := s.jump, s.landLast, s.after
	s.jump, s.landLast, s.after = false, false, nil
	if len(msg.Matches) == 0 || !jump {
		return
	}
	i := sort.Search(len(msg.Matches), func(i int) bool { return msg.Matches[i].line >= m.cursor })
	if after != nil { // *: the next occurrence, not the word itself
		i = sort.Search(len(msg.Matches), func(i int) bool {
			mt := msg.Matches[i]
			return mt.line > after.line || mt.line == after.line && mt.start > after.start
		})
	}
	if last {
		// N found this line: land on its last match, the one nearest to
		// where N was pressed.
		i = max(0, sort.Search(len(msg.Matches), func(i int) bool { return msg.Matches[i].line > m.cursor })-1)
	}
	s.current = i % len(msg.Matches)
	m.cursor = msg.Matches[s.current].line
	m.clamp()
	m.showMatch()
}

// stepMatch moves to the next (dir 1) or previous (-1) match, wrapping.
// In a file shown a window at a time it never wraps (that would skip the
// rest of the file): past the window's last (first) match it searches on
// beyond the window in a Cmd.
func (m *Model) stepMatch(dir int) tea.Cmd {
	s := &m.search
	n := len(s.matches)
	s.note = ""
	if !s.found || m.hunt.kind == huntSearch && m.hunt.status != "" {
		return nil // still searching
	}
	j := m.nearMatch(dir)
	switch d := m.doc; {
	case j >= 0:
	case d.Paged && (dir > 0 && !d.AtEnd || dir < 0 && d.Base > 0):
		return m.startHunt(huntSearch, dir)
	case d.Paged && dir > 0:
		s.note = "no more matches below: this is the end of the file"
		return nil
	case d.Paged:
		s.note = "no more matches above: this is the start of the file"
		return nil
	case n == 0:
		return nil
	case dir > 0:
		j = 0
	default:
		j = n - 1
	}
	s.current = j
	m.cursor = s.matches[j].line
	m.clamp()
	m.showMatch()
	return nil
}

// nearMatch is the index of the match n (dir 1) or N (-1) goes to without
// wrapping, or -1: the one after (before) the current match, else the
// first at or below (last at or above) the cursor line.
func (m Model) nearMatch(dir int) int {
	ms, cur := m.search.matches, m.search.current
	switch {
	case cur >= 0 && cur+dir >= 0 && cur+dir < len(ms):
		return cur + dir
	case cur >= 0:
		return -1
	case dir > 0:
		if i := sort.Search(len(ms), func(i int) bool { return ms[i].line >= m.cursor }); i < len(ms) {
			return i
		}
		return -1
	}
	return sort.Search(len(ms), func(i int) bool { return ms[i].line > m.cursor }) - 1
}

// showMatch puts the column cursor on the current match (as vim's n
// does) and scrolls sideways so the match is on screen.
func (m *Model) showMatch() {
	if m.search.current < 0 {
		return
	}
	mt := m.search.matches[m.search.current]
	m.want = m.colOfByte(mt.line, mt.start)
	if m.wrap {
		return
	}
	col := m.columnOf(mt.line, mt.start)
	if col < m.xoff || col >= m.xoff+m.textWidth()-4 {
		m.xoff = max(0, col-m.textWidth()/3)
	}
}

// SearchStatus describes the search for the status bar: "3/12 matches",
// "no match", or "" when there is no search. In a file shown a window at
// a time the count is the window's, and says so; a search past the window
// and its outcome are told too.
func (m Model) SearchStatus() string {
	if m.HexShown() {
		return m.hexSearchStatus()
	}
	s := m.search
	if s.query == "" {
		return ""
	}
	kind := ""
	if s.regexp {
		kind = " (regexp)"
	}
	head := "/" + s.query + kind + ": "
	switch {
	case m.hunt.kind == huntSearch && m.hunt.status != "":
		return head + m.hunt.status
	case s.note != "":
		return head + s.note
	}
	in := ""
	if d := m.doc; d != nil && d.Paged {
		in = fmt.Sprintf(" in lines %s–%s (the part loaded; n/N search on)", commas(d.Base+1), commas(d.Base+len(d.Lines)))
	}
	if len(s.matches) == 0 {
		return head + "no match" + in
	}
	more := ""
	if s.capped {
		more = "+"
	}
	if s.current < 0 { // none chosen yet: a window loaded by moving
		noun := "matches"
		if len(s.matches) == 1 && !s.capped {
			noun = "match"
		}
		return fmt.Sprintf("%s%d%s %s%s", head, len(s.matches), more, noun, in)
	}
	return fmt.Sprintf("%s%d/%d%s matches%s", head, s.current+1, len(s.matches), more, in)
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

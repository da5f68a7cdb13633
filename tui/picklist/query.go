package picklist

// The ctrl+t list: every symbol at the pin, ranked as you type by the
// finder's matcher over the names alone (not the kind or path), in a Cmd
// keyed by a sequence number so that typing never waits for the ranking.
// tab moves between the query and the list, where A adds a step rather
// than being typed.

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/finder"
)

// maxRanked bounds the rows a query keeps, as the finder's.
const maxRanked = 500

// RankedMsg carries the ranking of one query.
type RankedMsg struct {
	q   *query
	seq int
	r   finder.Ranking
}

type query struct {
	input     textinput.Model
	all       []Item   // every row
	names     []string // what is matched, one per row of all
	seq       int      // the last query sent to rank
	shown     int      // the seq of the rows shown
	matched   int
	prev      *finder.Ranking // the last ranking, to narrow the next from
	pending   bool            // enter came before the ranking of the query
	listFocus bool
}

// ShowQuery fills the list with items, ranked by names (one per item) as
// the reviewer types; the query starts empty, focused.
func (m *Model) ShowQuery(title string, items []Item, names []string) tea.Cmd {
	in := textinput.New()
	in.Prompt = "symbol: "
	in.PromptStyle = m.styles.Key
	in.Placeholder = "part of a name"
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 256
	m.title, m.items, m.cursor = title, nil, 0
	m.q = &query{input: in, all: items, names: names, shown: -1}
	return tea.Batch(m.q.input.Focus(), m.q.rank())
}

// Query is the text typed in a query list ("" without one).
func (m Model) Query() string {
	if m.q == nil {
		return ""
	}
	return m.q.input.Value()
}

func (q *query) rank() tea.Cmd {
	q.seq++
	names, text, seq, prev := q.names, q.input.Value(), q.seq, q.prev
	return func() tea.Msg {
		return RankedMsg{q: q, seq: seq, r: rankNames(names, text, prev)}
	}
}

// Ranking is a ranking of the names, kept to narrow the next query.
type Ranking = finder.Ranking

// rankNames is what the Cmd runs for one keystroke.
func rankNames(names []string, query string, prev *Ranking) Ranking {
	return finder.RankFrom(names, query, maxRanked, prev)
}

func (q *query) stale() bool { return q.shown != q.seq }

func (q *query) count() string {
	if q.stale() && q.shown < 0 {
		return fmt.Sprintf("ranking %d symbols…", len(q.all))
	}
	return fmt.Sprintf("%d/%d symbols", q.matched, len(q.all))
}

// typing says whether k goes to the input: not the list's keys, and not
// A while the list has the focus; another letter there takes the focus
// back to the input.
func (q *query) typing(k tea.KeyMsg, keys KeyMap) bool {
	if key.Matches(k, keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Choose, keys.Focus) {
		return false
	}
	if q.listFocus {
		if key.Matches(k, keys.AddStep) || k.Type != tea.KeyRunes {
			return false
		}
		q.listFocus = false
		q.input.Focus()
	}
	return true
}

func (q *query) toggle() tea.Cmd {
	q.listFocus = !q.listFocus
	if q.listFocus {
		q.input.Blur()
		return nil
	}
	return q.input.Focus()
}

// typed gives a key to the input and ranks when the query changed.
func (m Model) typed(k tea.KeyMsg) (Model, tea.Cmd) {
	before := m.q.input.Value()
	var cmd tea.Cmd
	m.q.input, cmd = m.q.input.Update(k)
	if m.q.input.Value() == before {
		return m, cmd
	}
	m.q.pending = false
	return m, tea.Batch(cmd, m.q.rank())
}

// ranked shows a ranking when it is of the query typed, and keeps any
// ranking of a prefix of it to narrow the next one from.
func (m Model) ranked(msg RankedMsg) (Model, tea.Cmd) {
	q := m.q
	if q == nil || msg.q != q {
		return m, nil // of a list since replaced
	}
	if strings.HasPrefix(q.input.Value(), msg.r.Query) && (q.prev == nil || len(msg.r.Query) >= len(q.prev.Query)) {
		r := msg.r
		q.prev = &r
	}
	if msg.seq != q.seq {
		return m, nil
	}
	m.items = make([]Item, len(msg.r.Results))
	for i, res := range msg.r.Results {
		m.items[i] = q.all[res.Index]
	}
	q.matched, q.shown, m.cursor = msg.r.Matched, msg.seq, 0
	if q.pending {
		q.pending = false
		if it, ok := m.Cursor(); ok {
			return m, func() tea.Msg { return ChosenMsg{Path: it.Path, Line: it.Line, Col: it.Col, Name: it.Name} }
		}
	}
	return m, nil
}

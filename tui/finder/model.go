// Package finder is the ctrl+p fuzzy file finder: an input and a list of
// every path at the pin, ranked as you type (contiguous and
// start-of-segment matches first, as fzf ranks). Ranking runs in a Cmd,
// keyed by a sequence number, so typing never waits for 100,000 paths.
package finder

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/help"
	"sightline/tui/theme"
)

// maxResults bounds the ranked list kept and drawn.
const maxResults = 500

// ChosenMsg reports the path the reviewer picked with enter.
type ChosenMsg struct{ Path string }

// ClosedMsg reports that the finder was dismissed with esc.
type ClosedMsg struct{}

// RankedMsg carries the ranking for query number Seq.
type RankedMsg struct {
	Seq     int
	Results []Result
	Matched int // how many paths matched, before the limit
	// ranking is the whole answer, kept to narrow the next query; gen is
	// the path list it indexes.
	ranking *Ranking
	gen     int
}

// KeyMap holds the finder's bindings.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Choose, Close key.Binding
	// Focus moves between the query and the list in the symbol finder
	// (ctrl+t), where A adds a step; the file finder has no use for it.
	Focus key.Binding
}

// DefaultKeyMap returns the finder's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+k", "ctrl+p"), key.WithHelp("↑/ctrl+p", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+j", "ctrl+n"), key.WithHelp("↓/ctrl+n", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Focus:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "query / list")),
	}
}

// ShortHelp lists the finder's keys, most needed first (the overlay's
// one-line hint is cut at the right).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Choose, k.Close, k.Up, k.Down, k.PageUp, k.PageDown}
}

// FullHelp lists the finder's keys.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is the finder. Build it with New.
type Model struct {
	styles  theme.Styles
	keys    KeyMap
	input   textinput.Model
	paths   []string // every path at the pin; never changed once set
	loaded  bool
	loadErr error
	results []Result
	matched int
	cursor  int
	seq     int
	ranked  int      // the seq of the results shown
	pending bool     // enter was pressed before the ranking for the query arrived
	gen     int      // counts path lists set, so a ranking of an old one is never narrowed
	narrow  *Ranking // the latest ranking of the current paths, for narrowing
	width   int
	height  int
}

// New returns an empty finder.
func New(s theme.Styles, k KeyMap) Model {
	in := textinput.New()
	in.Prompt = "find: "
	in.PromptStyle = s.Key
	in.Placeholder = "part of a path"
	// A static cursor: a blinking one redraws the screen twice a second
	// for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 512
	return Model{styles: s, keys: k, input: in}
}

// SetPaths gives the finder the path list (loaded in the background) and
// re-ranks. err reports a listing that failed part-way.
func (m *Model) SetPaths(paths []string, err error) tea.Cmd {
	m.paths, m.loaded, m.loadErr = paths, true, err
	m.gen++
	m.narrow = nil
	return m.rank()
}

// Open focuses the input with an empty query.
func (m *Model) Open() tea.Cmd {
	m.input.SetValue("")
	m.cursor = 0
	return tea.Batch(m.input.Focus(), m.rank())
}

// SetSize sets the overlay's inner size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// KeyMap returns the finder's bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Query is the text typed so far.
func (m Model) Query() string { return m.input.Value() }

// Results is the current ranking.
func (m Model) Results() []Result { return m.results }

func (m *Model) rank() tea.Cmd {
	m.seq++
	paths, q, seq, gen, prev := m.paths, m.input.Value(), m.seq, m.gen, m.narrow
	return func() tea.Msg {
		r := RankFrom(paths, q, maxResults, prev)
		return RankedMsg{Seq: seq, Results: r.Results, Matched: r.Matched, ranking: &r, gen: gen}
	}
}

// keepNarrow keeps a ranking to narrow later queries from, even one for
// an outdated query (its results are not shown), when it is of the
// current paths and narrows more than the one kept: typing "abc" fast
// still searches only the matches of "ab" once they are known.
func (m *Model) keepNarrow(msg RankedMsg) {
	r := msg.ranking
	if r == nil || msg.gen != m.gen || !strings.HasPrefix(m.input.Value(), r.Query) {
		return
	}
	if m.narrow == nil || !strings.HasPrefix(m.narrow.Query, r.Query) ||
		!strings.HasPrefix(m.input.Value(), m.narrow.Query) {
		m.narrow = r
	}
}

// Update handles rankings and keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case RankedMsg:
		m.keepNarrow(msg)
		if msg.Seq == m.seq {
			m.results, m.matched, m.ranked = msg.Results, msg.Matched, msg.Seq
			m.cursor = min(m.cursor, max(len(m.results)-1, 0))
			if m.pending {
				m.pending = false
				return m, m.choose()
			}
		}
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Close):
			return m, func() tea.Msg { return ClosedMsg{} }
		case key.Matches(msg, m.keys.Choose):
			if m.ranked != m.seq || !m.loaded {
				// Typed faster than the ranking: choose once it arrives,
				// never from the list for an older query.
				m.pending = true
				return m, nil
			}
			return m, m.choose()
		case key.Matches(msg, m.keys.Up):
			m.cursor = max(m.cursor-1, 0)
			return m, nil
		case key.Matches(msg, m.keys.Down):
			m.cursor = min(m.cursor+1, max(len(m.results)-1, 0))
			return m, nil
		case key.Matches(msg, m.keys.PageUp):
			m.cursor = max(m.cursor-m.rows(), 0)
			return m, nil
		case key.Matches(msg, m.keys.PageDown):
			m.cursor = min(m.cursor+m.rows(), max(len(m.results)-1, 0))
			return m, nil
		}
		before := m.input.Value()
		var cmd tea.Cmd
		m.pending = false
		m.input, cmd = m.input.Update(msg)
		if m.input.Value() != before {
			m.cursor = 0
			return m, tea.Batch(cmd, m.rank())
		}
		return m, cmd
	}
	return m, nil
}

// choose reports the path under the cursor.
func (m Model) choose() tea.Cmd {
	if m.cursor >= len(m.results) {
		return nil
	}
	p := m.results[m.cursor].Path
	return func() tea.Msg { return ChosenMsg{Path: p} }
}

// rows is how many results View shows: its height less the input, the
// count and the key hint.
func (m Model) rows() int { return max(m.height-3, 1) }

// View draws the input, a count, the visible results and a one-line key
// hint ("?" is typed into the query, so the help overlay cannot show).
func (m Model) View() string {
	s := m.styles
	lines := []string{m.input.View()}
	switch {
	case !m.loaded:
		lines = append(lines, s.Muted.Render("listing files…"))
	default:
		note := fmt.Sprintf("%d/%d files", m.matched, len(m.paths))
		if m.loadErr != nil {
			note += " (listing incomplete: " + m.loadErr.Error() + ")"
		}
		lines = append(lines, s.UntrustedLine(note, s.Muted, m.width))
	}
	rows := m.rows()
	top := max(0, m.cursor-rows+1)
	for i := top; i < len(m.results) && i < top+rows; i++ {
		lines = append(lines, m.renderResult(m.results[i], i == m.cursor))
	}
	lines = append(lines, help.Hint(m.keys.ShortHelp(), m.width, s))
	return strings.Join(lines, "\n")
}

// renderResult draws a path with its matched characters highlighted; the
// path is sanitized piece by piece.
func (m Model) renderResult(r Result, selected bool) string {
	s := m.styles
	base := s.Text
	var segs []theme.Seg
	prev := 0
	for _, p := range r.Pos {
		if p < prev || p >= len(r.Path) {
			continue
		}
		segs = append(segs, s.Untrusted(r.Path[prev:p], base)...)
		segs = append(segs, s.Untrusted(r.Path[p:p+1], s.ListMatch)...)
		prev = p + 1
	}
	segs = append(segs, s.Untrusted(r.Path[prev:], base)...)
	// A long path loses its start, not its file name, as in the Changes
	// list; the cut keeps each character's style, so highlights stay put.
	segs = append([]theme.Seg{{Text: "  ", Style: base}}, theme.CutStart(segs, m.width-2, s.Muted)...)
	segs = theme.Clip(segs, m.width)
	if selected && len(segs) > 0 { // none before the first SetSize
		segs[0].Text = "> "
		for i := range segs {
			segs[i].Style = segs[i].Style.Inherit(s.ListSelected).Reverse(true)
		}
	}
	return theme.Render(segs)
}

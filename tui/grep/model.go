// Package grep is the ctrl+f repository-wide search: a Go regular
// expression (or, with alt+r, the text as typed) searched in every file at
// the pin, smart case like the file search / (alt+c changes it), results
// listed as "path:line: text" while they stream in, with a progress count.
// esc cancels a running search (and closes the overlay when none runs);
// enter runs the query, or opens the selected result once it has run;
// alt+n (or F3), with the overlay closed, opens the next result (ctrl+n
// is the jump list's forward key).
package grep

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/tui/help"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// OpenMsg asks the root to open a result's file at its line, the column
// cursor on the match: Col is its first byte in the line (1-based; 0 when
// it cannot be found again, the line's first non-blank then).
type OpenMsg struct {
	Path string
	Line int
	Col  int
}

// ClosedMsg reports that the overlay was dismissed.
type ClosedMsg struct{}

// KeyMap holds the search overlay's bindings. NextHit is not the
// overlay's: the root matches it when no overlay is open and calls
// NextHit.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Run, Close key.Binding
	Fixed, Case, NextHit                   key.Binding
}

// DefaultKeyMap returns the default bindings. The list keys are the
// finder's (ctrl+p), so both overlays move alike.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:   key.NewBinding(key.WithKeys("up", "ctrl+k", "ctrl+p"), key.WithHelp("↑/ctrl+p", "up")),
		Down: key.NewBinding(key.WithKeys("down", "ctrl+j", "ctrl+n"), key.WithHelp("↓/ctrl+n", "down")),
		// Thousands of results are common: a page at a time.
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Run:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search / open")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel / close")),
		// Alt keys: every printable key is part of the query, and the
		// input's ctrl keys edit it.
		Fixed:   key.NewBinding(key.WithKeys("alt+r"), key.WithHelp("alt+r", "regexp/text")),
		Case:    key.NewBinding(key.WithKeys("alt+c"), key.WithHelp("alt+c", "case")),
		NextHit: key.NewBinding(key.WithKeys("alt+n", "f3"), key.WithHelp("alt+n", "next search hit")),
	}
}

// ShortHelp lists the keys, most needed first (the overlay's one-line
// hint is cut at the right).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Run, k.Close, k.Up, k.Down, k.PageUp, k.PageDown, k.Fixed, k.Case}
}

// FullHelp lists the keys.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is the search overlay. Build it with New.
type Model struct {
	src     Searcher
	root    repo.Hash
	styles  theme.Styles
	keys    KeyMap
	input   textinput.Model
	query   Query // the mode of the next search (its Text is the input's)
	ran     Query // the query of the results shown
	hasRun  bool  // ran holds a query
	badRE   bool  // ran is not a regular expression: err says why, and nothing else
	opened  int   // the result last opened, -1 for none
	seq     int
	running bool
	cancel  context.CancelFunc
	results []search.Match
	done    int
	all     int
	matched int // files with at least one result
	capped  bool
	err     error
	cursor  int
	width   int
	height  int
}

// New returns a search overlay over the pinned root tree.
func New(src Searcher, root repo.Hash, s theme.Styles, k KeyMap) Model {
	in := textinput.New()
	in.Prompt = Query{}.prompt()
	in.PromptStyle = s.Key
	// A static cursor: a blinking one redraws the screen twice a second
	// for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 512
	return Model{src: src, root: root, styles: s, keys: k, input: in, opened: -1}
}

// Open focuses the input, keeping the last query and its results.
func (m *Model) Open() tea.Cmd { return m.input.Focus() }

// SetSize sets the overlay's inner size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// KeyMap returns the bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Running reports whether a search is in progress.
func (m Model) Running() bool { return m.running }

// Results returns the matches so far.
func (m Model) Results() []search.Match { return m.results }

// Query is the mode of the next search, with the input's text.
func (m Model) Query() Query {
	q := m.query
	q.Text = m.input.Value()
	return q
}

// Run starts searching for text in the current mode, cancelling any
// search in progress.
func (m *Model) Run(text string) tea.Cmd {
	m.stop()
	m.input.SetValue(text)
	m.seq++
	m.results, m.cursor, m.done, m.all, m.capped, m.err = nil, 0, 0, 0, false, nil
	m.ran, m.hasRun, m.badRE, m.matched, m.opened = m.Query(), true, false, 0, -1
	re, err := m.ran.Compile()
	if err != nil {
		m.err, m.badRE = err, true
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.running = cancel, true
	return start(ctx, m.src, m.root, re, m.seq)
}

// stop cancels a running search.
func (m *Model) stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.running = false
}

// Update handles result batches and keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ResultsMsg:
		if msg.Seq != m.seq {
			return m, nil
		}
		for _, r := range msg.Matches {
			if len(m.results) == 0 || m.results[len(m.results)-1].Path != r.Path {
				m.matched++ // results come in path order
			}
			m.results = append(m.results, r)
		}
		m.done, m.all = max(m.done, msg.FilesDone), max(m.all, msg.FilesAll)
		if msg.Done {
			m.running, m.capped, m.err = false, msg.Capped, msg.Err
			if m.cancel != nil {
				m.cancel()
				m.cancel = nil
			}
		}
		return m, msg.next
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Close):
		if m.running {
			m.stop()
			m.seq++ // drop batches still in flight
			m.err = fmt.Errorf("search cancelled")
			return m, nil
		}
		return m, func() tea.Msg { return ClosedMsg{} }
	case key.Matches(msg, m.keys.Run):
		if q := m.Query(); !m.hasRun || q != m.ran || (len(m.results) == 0 && !m.running) {
			return m, m.Run(q.Text)
		}
		return m, m.openAt(m.cursor)
	case key.Matches(msg, m.keys.Fixed), key.Matches(msg, m.keys.Case):
		if key.Matches(msg, m.keys.Fixed) {
			m.query.Fixed = !m.query.Fixed
		} else {
			m.query.Case = (m.query.Case + 1) % numCaseModes
		}
		m.input.Prompt = m.query.prompt()
		if m.hasRun && m.input.Value() != "" {
			return m, m.Run(m.input.Value()) // the results follow the mode
		}
		return m, nil
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
		return m, nil
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, max(len(m.results)-1, 0))
		return m, nil
	case key.Matches(msg, m.keys.PageUp):
		m.cursor = max(m.cursor-m.pageRows(), 0)
		return m, nil
	case key.Matches(msg, m.keys.PageDown):
		m.cursor = min(m.cursor+m.pageRows(), max(len(m.results)-1, 0))
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// openAt opens result i, remembering it for NextHit.
func (m *Model) openAt(i int) tea.Cmd {
	if i < 0 || i >= len(m.results) {
		return nil
	}
	m.opened = i
	r := m.results[i]
	msg := OpenMsg{Path: r.Path, Line: r.Line, Col: m.matchCol(r)}
	return func() tea.Msg { return msg }
}

// IsLastOpened reports whether msg opens the result last opened. Two
// quick alt+n's send two OpenMsgs through Cmds, which arrive in no set
// order: the earlier one must not win, or the code view would show hit
// k while the message line says k+1.
func (m Model) IsLastOpened(msg OpenMsg) bool {
	if m.opened < 0 || m.opened >= len(m.results) {
		return false
	}
	r := m.results[m.opened]
	return r.Path == msg.Path && r.Line == msg.Line
}

// matchCol is the 1-based byte column where the search's first match in
// r's line starts, or 0. A line too long for grep to hold (Cut) is
// opened at its start, as before: the code view holds only the start of
// such a line, and its own search (n) goes on from there to the match.
func (m Model) matchCol(r search.Match) int {
	if r.Line == 0 || r.Cut || m.badRE {
		return 0
	}
	re, err := m.ran.Compile()
	if err != nil {
		return 0
	}
	loc := re.FindIndex(r.Text)
	if loc == nil {
		return 0
	}
	return loc[0] + 1
}

// NextHit opens the result after the one last opened (the selected one
// when none was), with the overlay closed; at the end, or with no
// results, it says so on the message line.
func (m *Model) NextHit() tea.Cmd {
	next := m.cursor
	if m.opened >= 0 {
		next = m.opened + 1
	}
	switch {
	case len(m.results) == 0:
		return info("no search results: ctrl+f searches every file")
	case next >= len(m.results):
		return info(fmt.Sprintf("last search hit (%d of %d)", len(m.results), len(m.results)))
	}
	m.cursor = next
	return tea.Batch(m.openAt(next), info(fmt.Sprintf("search hit %d of %d", next+1, len(m.results))))
}

func info(text string) tea.Cmd {
	return func() tea.Msg { return nav.InfoMsg{Text: text} }
}

// pageRows is how many results one page holds (View's rows, less the
// input, progress and key-hint lines).
func (m Model) pageRows() int { return max(m.height-3, 1) }

// View draws the input, the progress line, the visible results and a
// one-line key hint ("?" is a regexp character typed into the query, so
// the help overlay cannot show).
func (m Model) View() string {
	s := m.styles
	lines := []string{m.input.View()}
	if !m.badRE {
		lines = append(lines, s.UntrustedLine(m.progress(), s.Muted, m.width))
	}
	if m.err != nil {
		lines = append(lines, s.UntrustedLine("⚠ "+m.err.Error(), s.Error, m.width))
	}
	rows := max(m.height-len(lines)-1, 1)
	top := max(0, m.cursor-rows+1)
	for i := top; i < len(m.results) && i < top+rows; i++ {
		lines = append(lines, m.renderResult(m.results[i], i == m.cursor))
	}
	lines = append(lines, help.Hint(m.keys.ShortHelp(), m.width, s))
	return strings.Join(lines, "\n")
}

// progress is "searching… 120/900 files, 14 matches" or the final count.
func (m Model) progress() string {
	switch {
	case !m.hasRun && !m.running:
		if m.query.Fixed {
			return "type the text to find and press enter"
		}
		return "type a Go regular expression and press enter"
	case m.running:
		return fmt.Sprintf("searching… %d/%d files, %d matches (esc cancels)", m.done, m.all, len(m.results))
	}
	note := ""
	if m.capped {
		note = fmt.Sprintf(" (stopped at %d)", MaxResults)
	}
	// The files that matched, not the files read: with the search index
	// only the candidates are read, and the count must not depend on it.
	return fmt.Sprintf("%d matches in %d files%s", len(m.results), m.matched, note)
}

// renderResult draws "path:line: text", sanitized, cut to the width. A
// long path loses its start, not its file name (as in the Changes list),
// and takes at most half the row when the text would not fit beside it.
func (m Model) renderResult(r search.Match, selected bool) string {
	s := m.styles
	var path, before, after []theme.Seg
	switch {
	case r.Err != nil:
		before = []theme.Seg{{Text: "⚠ ", Style: s.Error}}
		path = s.Untrusted(r.Path, s.Error)
		after = s.Untrusted(": "+r.Err.Error(), s.Error)
	case r.Binary:
		before = []theme.Seg{{Text: "Binary file ", Style: s.Muted}}
		path = s.Untrusted(r.Path, s.TreeFile)
		after = []theme.Seg{{Text: " matches", Style: s.Muted}}
	default:
		path = s.Untrusted(r.Path, s.TreeDir)
		where := ":" + strconv.Itoa(r.Line) + ": "
		if r.Cut { // an excerpt of a line too long to hold
			where = ":" + strconv.Itoa(r.Line) + ": [long line, from byte " + strconv.FormatInt(r.Col, 10) + "] "
		}
		after = append([]theme.Seg{{Text: where, Style: s.Muted}},
			s.Untrusted(strings.TrimLeft(string(r.Text), " \t"), s.Text)...)
	}
	room := m.width - 2 - theme.SegsWidth(before)
	path = theme.CutStart(path, max(room/2, room-theme.SegsWidth(after)), s.Muted)
	segs := append([]theme.Seg{{Text: "  ", Style: s.Text}}, before...)
	segs = theme.Clip(append(append(segs, path...), after...), m.width)
	if selected && len(segs) > 0 { // none before the first SetSize
		segs[0].Text = "> "
		for i := range segs {
			segs[i].Style = segs[i].Style.Reverse(true)
		}
	}
	return theme.Render(segs)
}

// Package grep is the ctrl+f repository-wide search: a Go regular
// expression searched in every file at the pin, results listed as
// "path:line: text" while they stream in, with a progress count. esc
// cancels a running search (and closes the overlay when none runs); enter
// runs the query, or opens the selected result once it has run.
package grep

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/tui/help"
	"sightline/tui/theme"
)

// OpenMsg asks the root to open a result's file at its line.
type OpenMsg struct {
	Path string
	Line int
}

// ClosedMsg reports that the overlay was dismissed.
type ClosedMsg struct{}

// KeyMap holds the search overlay's bindings.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Run, Close key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:   key.NewBinding(key.WithKeys("up", "ctrl+k"), key.WithHelp("↑/ctrl+k", "up")),
		Down: key.NewBinding(key.WithKeys("down", "ctrl+j"), key.WithHelp("↓/ctrl+j", "down")),
		// Thousands of results are common: a page at a time.
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Run:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search / open")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel / close")),
	}
}

// ShortHelp lists the keys, most needed first (the overlay's one-line
// hint is cut at the right).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Run, k.Close, k.Up, k.Down, k.PageUp, k.PageDown}
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
	ran     string // the query of the results shown
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
	in.Prompt = "search (Go regexp): "
	in.PromptStyle = s.Key
	// A static cursor: a blinking one redraws the screen twice a second
	// for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 512
	return Model{src: src, root: root, styles: s, keys: k, input: in}
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

// Run starts searching for query, cancelling any search in progress.
func (m *Model) Run(query string) tea.Cmd {
	m.stop()
	m.input.SetValue(query)
	m.seq++
	m.ran, m.results, m.cursor, m.done, m.all, m.capped, m.err = query, nil, 0, 0, 0, false, nil
	m.matched = 0
	re, err := regexp.Compile(query)
	if err != nil {
		m.err = fmt.Errorf("not a Go regular expression: %v", err)
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
		q := m.input.Value()
		if q != m.ran || (len(m.results) == 0 && !m.running) {
			return m, m.Run(q)
		}
		if m.cursor < len(m.results) {
			r := m.results[m.cursor]
			return m, func() tea.Msg { return OpenMsg{Path: r.Path, Line: r.Line} }
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

// pageRows is how many results one page holds (View's rows, less the
// input, progress and key-hint lines).
func (m Model) pageRows() int { return max(m.height-3, 1) }

// View draws the input, the progress line, the visible results and a
// one-line key hint ("?" is a regexp character typed into the query, so
// the help overlay cannot show).
func (m Model) View() string {
	s := m.styles
	lines := []string{m.input.View(), s.UntrustedLine(m.progress(), s.Muted, m.width)}
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
	case m.ran == "" && !m.running:
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

// Package files is the Files tab: the pinned tree on the left, the code
// view of the chosen file on the right, with its blame gutter. It turns
// tree choices into code loads and reports to the root what the review
// keys need (the selected lines, the path to mark reviewed).
package files

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo"
	"sightline/tui/blame"
	"sightline/tui/code"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
	"sightline/tui/tree"
)

// Source is what the Files tab reads. *repo.Repo satisfies it.
type Source interface {
	tree.Lister
	code.Source
	blame.Source
}

// Deps is what New needs, passed by value.
type Deps struct {
	Repo   Source
	Pin    repo.Pin
	Styles theme.Styles
	Keys   keys.Global // focus next/previous pane
	// KeyMap is the tab's bindings; the zero KeyMap means the defaults.
	KeyMap KeyMap
}

// Focus targets inside the tab.
const (
	focusTree = iota
	focusCode
)

// GotoLineMsg moves the code view's cursor to Line (the : prompt); a
// binary file shown as hex takes Text, what was typed, as a byte offset.
type GotoLineMsg struct {
	Line int
	Text string
}

// SearchMsg searches the open file for Query as it is typed (the /
// prompt); Clear ends the search (esc).
type SearchMsg struct {
	Query string
	Clear bool
}

// Model is the Files tab.
type Model struct {
	tree    tree.Model
	code    code.Model
	blame   blame.Model // the code view's blame gutter (b)
	focus   int
	focused bool
	pin     repo.Pin
	styles  theme.Styles
	global  keys.Global
	keys    KeyMap
	width   int
	height  int
	treeW   int // outer width of the tree pane, borders included
	// marksKey and treeKey name the review snapshot drawn (review.go).
	marksKey, treeKey string
	src               Source
	base              baseFile // a file at a diff's base, when baseOn (base.go)
	baseOn            bool
}

// New returns the tab with the tree focused.
func New(d Deps) Model {
	if len(d.KeyMap.PathHistory.Keys()) == 0 {
		d.KeyMap = DefaultKeyMap()
	}
	m := Model{
		tree:    tree.New(d.Repo, d.Pin.Tree, d.Styles, d.KeyMap.Tree),
		code:    code.New(d.Repo, d.Pin.Tree, d.Styles, d.KeyMap.Code),
		blame:   blame.New(d.Repo, d.Pin.Commit),
		pin:     d.Pin,
		styles:  d.Styles,
		global:  d.Keys,
		keys:    d.KeyMap,
		treeKey: nav.ReviewKey(-1),
		src:     d.Repo,
		focused: true,
	}
	m.tree.Focus()
	return m
}

// Init lists the tree's top level.
func (m Model) Init() tea.Cmd { return m.tree.Init() }

// Update handles keys and mouse events (sent only while the tab is
// active), the root's requests and every pane's results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		return m, m.mouse(msg)
	case baseMsg:
		if !m.baseOn {
			return m, nil // a late result of a closed base view
		}
		var cmd tea.Cmd
		m.base.code, cmd = m.base.code.Update(msg.msg)
		return m, tagBase(cmd)
	case nav.OpenBaseMsg:
		return m, m.openBase(msg)
	case GotoLineMsg, SearchMsg:
		if m.baseOn && m.focus == focusCode {
			return m, m.basePrompt(msg)
		}
	}
	switch msg := msg.(type) {
	case tree.FileChosenMsg:
		if msg.Seq != m.tree.Chosen() {
			return m, nil // a later choice's message came first
		}
		// Focus moved to the code view with the key (handleKey).
		m.CloseBase()
		return m, m.code.Open(msg.Entry.Path, 0)
	case nav.OpenFileMsg:
		m.CloseBase()
		return m, m.open(msg.Path, msg.Line, msg.Col)
	case GotoLineMsg:
		return m, m.gotoLine(msg)
	case SearchMsg:
		if msg.Clear {
			m.code.ClearSearch()
			return m, nil
		}
		return m, m.code.SetSearch(msg.Query)
	case nav.ClearSelectionMsg:
		m.code.ClearSelection()
		return m, nil
	}
	return m, m.updatePanes(msg)
}

// updatePanes gives a result to every pane and keeps the tree's hostile
// flags and the blame gutter in step with the code view.
func (m *Model) updatePanes(msg tea.Msg) tea.Cmd {
	var c1, c2, c3 tea.Cmd
	m.tree, c1 = m.tree.Update(msg)
	m.code, c2 = m.code.Update(msg)
	if lm, ok := msg.(code.LoadedMsg); ok {
		// The tree flags a file with hostile content once it has been
		// opened, from the code view's own scan: nothing more is read.
		if d := m.code.Doc(); d != nil && d == lm.Doc {
			m.tree.SetContentHostile(d.Path, m.code.HostileCount())
		}
	}
	if _, ok := msg.(code.HostileCountedMsg); ok && m.code.HostileCountIsWhole() {
		// A file shown a window at a time: the whole file's count is in.
		m.tree.SetContentHostile(m.code.Path(), m.code.HostileCount())
	}
	m.blame, c3 = m.blame.Update(msg)
	m.syncBlame()
	return tea.Batch(c1, c2, c3)
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.global.FocusNext, m.global.FocusPrev) {
		m.setFocus(1 - m.focus)
		return nil
	}
	if m.baseOn && m.focus == focusCode {
		return m.baseKey(msg)
	}
	if cmd, ok := m.historyKey(msg); ok {
		return cmd
	}
	var cmd tea.Cmd
	if m.focus == focusTree {
		chosen := m.tree.Chosen()
		m.tree, cmd = m.tree.Update(msg)
		if m.tree.Chosen() != chosen {
			// Focus the code view now, not when FileChosenMsg comes
			// back: keys typed right after enter are meant for it, and
			// would otherwise move the tree and choose another file.
			m.CloseBase()
			m.setFocus(focusCode)
		}
	} else {
		m.code, cmd = m.code.Update(msg)
	}
	return cmd
}

func (m *Model) setFocus(f int) {
	m.focus = f
	m.base.code.Blur()
	if f == focusTree {
		m.code.Blur()
		m.tree.Focus()
	} else {
		m.tree.Blur()
		m.code.Focus()
		if m.baseOn {
			m.code.Blur()
			m.base.code.Focus()
		}
	}
}

// Focus makes the tab take keys again (the pane it had focused).
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	m.setFocus(m.focus)
	return nil
}

// Blur stops the tab taking keys.
func (m *Model) Blur() {
	m.focused = false
	m.tree.Blur()
	m.code.Blur()
}

// open shows path at line (the column cursor on byte column col) in the
// code view, reveals it in the tree and focuses the code.
func (m *Model) open(path string, line, col int) tea.Cmd {
	c1 := m.code.OpenAt(path, line, col)
	c2 := m.tree.Reveal(path)
	m.setFocus(focusCode)
	return tea.Batch(c1, c2)
}

// SetSize gives the tab its area in cells: the tree a third of it.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.treeW = min(max(w/3, 24), 48)
	if w < 60 {
		m.treeW = w / 2
	}
	m.tree.SetSize(max(m.treeW-2, 1), max(h-2, 1))
	m.code.SetSize(max(w-m.treeW-2, 1), max(h-2, 1))
	m.base.code.SetSize(max(w-m.treeW-2, 1), max(h-3, 1)) // under its banner
}

// View draws the tree and the code side by side, the focused one's
// border highlighted.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	ts, cs := m.styles.Pane, m.styles.PaneFocused
	if m.focus == focusTree {
		ts, cs = cs, ts
	}
	left := ts.Render(m.tree.View())
	right := cs.Render(m.code.View())
	if m.baseOn {
		right = cs.Render(m.banner(max(m.width-m.treeW-2, 1)) + "\n" + m.base.code.View())
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, left, right)
}

// mouse handles the wheel (scrolls the pane under the pointer) and a left
// click (focuses the pane, and selects the row clicked in the tree).
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	inTree := msg.X < m.treeW
	switch {
	case msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown:
		n := 3
		if msg.Button == tea.MouseButtonWheelUp {
			n = -3
		}
		if inTree {
			m.tree.Scroll(n)
			return nil
		}
		return m.code.Scroll(n)
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
		if inTree {
			m.setFocus(focusTree)
			if msg.Y >= 1 && msg.Y <= m.height-2 {
				m.tree.SelectRow(msg.Y - 1) // inside the border
			}
		} else {
			m.setFocus(focusCode)
		}
	}
	return nil
}

// gotoLine goes to the line, or in the hex view the offset, typed after
// :, and says what was wrong with one it cannot go to.
func (m *Model) gotoLine(msg GotoLineMsg) tea.Cmd {
	if m.code.HexShown() {
		cmd, err := m.code.GotoOffset(msg.Text)
		if err != nil {
			return func() tea.Msg { return nav.ErrorMsg{Err: err} }
		}
		return cmd
	}
	if msg.Line < 1 {
		err := fmt.Errorf("not a line number: %q (type : then a number, then enter)", msg.Text)
		return func() tea.Msg { return nav.ErrorMsg{Err: err} }
	}
	return m.code.GotoLine(msg.Line)
}

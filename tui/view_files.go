package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/blame"
	"sightline/tui/code"
	helpview "sightline/tui/help"
	"sightline/tui/keys"
	"sightline/tui/statusbar"
	"sightline/tui/theme"
	"sightline/tui/tree"
)

// Focus targets inside the Files view.
const (
	focusTree = iota
	focusCode
)

// filesView is the Files tab: the tree on the left, the code view on the
// right. It translates tree choices into code loads.
type filesView struct {
	tree   tree.Model
	code   code.Model
	blame  blame.Model // the code view's blame gutter (b)
	focus  int
	styles theme.Styles
	global keys.Global
	width  int
	height int
	treeW  int // outer width of the tree pane, borders included
}

func newFilesView(d Deps) filesView {
	v := filesView{
		tree:   tree.New(d.Repo, d.Pin.Tree, d.Styles, tree.DefaultKeyMap()),
		code:   code.New(d.Repo, d.Pin.Tree, d.Styles, code.DefaultKeyMap()),
		blame:  blame.New(d.Repo, d.Pin.Commit),
		styles: d.Styles,
		global: d.Keys,
	}
	v.tree.Focus()
	return v
}

func (v filesView) init() tea.Cmd { return v.tree.Init() }

func (v filesView) update(msg tea.Msg) (view, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return v, v.handleKey(msg)
	case tea.MouseMsg:
		return v, v.mouse(msg)
	case tree.FileChosenMsg:
		cmd := v.code.Open(msg.Entry.Path, 0)
		v.setFocus(focusCode)
		return v, cmd
	}
	var c1, c2, c3 tea.Cmd
	v.tree, c1 = v.tree.Update(msg)
	v.code, c2 = v.code.Update(msg)
	if lm, ok := msg.(code.LoadedMsg); ok {
		// The tree flags a file with hostile content once it has been
		// opened, from the code view's own scan: nothing more is read.
		if d := v.code.Doc(); d != nil && d == lm.Doc {
			v.tree.SetContentHostile(d.Path, v.code.HostileCount())
		}
	}
	if _, ok := msg.(code.HostileCountedMsg); ok && v.code.HostileCountIsWhole() {
		// A file shown a window at a time: the whole file's count is in.
		v.tree.SetContentHostile(v.code.Path(), v.code.HostileCount())
	}
	v.blame, c3 = v.blame.Update(msg)
	v.syncBlame()
	return v, tea.Batch(c1, c2, c3)
}

func (v *filesView) handleKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, v.global.FocusNext), key.Matches(msg, v.global.FocusPrev):
		v.setFocus(1 - v.focus)
		return nil
	}
	if cmd, ok := v.historyKey(msg); ok {
		return cmd
	}
	var cmd tea.Cmd
	if v.focus == focusTree {
		v.tree, cmd = v.tree.Update(msg)
	} else {
		v.code, cmd = v.code.Update(msg)
	}
	return cmd
}

func (v *filesView) setFocus(f int) {
	v.focus = f
	if f == focusTree {
		v.code.Blur()
		v.tree.Focus()
	} else {
		v.tree.Blur()
		v.code.Focus()
	}
}

// open shows path at line in the code view, reveals it in the tree and
// focuses the code.
func (v *filesView) open(path string, line int) tea.Cmd {
	c1 := v.code.Open(path, line)
	c2 := v.tree.Reveal(path)
	v.setFocus(focusCode)
	return tea.Batch(c1, c2)
}

func (v filesView) setSize(w, h int) view {
	v.width, v.height = w, h
	v.treeW = min(max(w/3, 24), 48)
	if w < 60 {
		v.treeW = w / 2
	}
	v.tree.SetSize(max(v.treeW-2, 1), max(h-2, 1))
	v.code.SetSize(max(w-v.treeW-2, 1), max(h-2, 1))
	return v
}

func (v filesView) render() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	ts, cs := v.styles.Pane, v.styles.PaneFocused
	if v.focus == focusTree {
		ts, cs = cs, ts
	}
	left := ts.Render(v.tree.View())
	right := cs.Render(v.code.View())
	return lipgloss.JoinHorizontal(lipgloss.Top, left, right)
}

func (v filesView) keyMap() help.KeyMap {
	t, c := v.tree.KeyMap(), v.code.KeyMap()
	return helpview.Group{
		{t.Open, t.Expand, t.Collapse},
		c.Nav.Bindings(),
		{c.Left, c.Right, c.LineStart, c.ScrollToEnd, c.Wrap},
		{c.Search, c.Next, c.Prev, c.Select, c.Drop, c.NextHostile, c.EscapeNonASCII, c.TextOrHex},
		historyKeys(),
	}
}

func (v filesView) capturesKeys() bool { return false }

func (v filesView) status(st statusbar.Status) statusbar.Status {
	if p := v.code.Path(); p != "" {
		st.Path = p
		st.Line, st.Total = v.code.Line(), v.code.Total()
		st.Hostile = v.code.HostileCount()
	} else if e, ok := v.tree.Selected(); ok {
		st.Path = e.Path
	}
	var extra []string
	if v.code.Path() != "" && !v.code.HostileCountIsWhole() {
		extra = append(extra, "hostile count: loaded lines only, counting the rest")
	}
	if from, to, ok := v.code.Selection(); ok {
		extra = append(extra, fmt.Sprintf("V lines %d-%d", from, to))
	}
	if s := v.code.SearchStatus(); s != "" {
		extra = append(extra, s)
	}
	if mk := v.code.MarksAt(v.code.Line()); len(mk) > 0 {
		extra = append(extra, textsafe.Sanitize(mk[0].Title))
	}
	if p := v.blame.Progress(); p != "" {
		extra = append(extra, p)
	}
	if v.code.Wrapped() {
		extra = append(extra, "wrap")
	}
	if v.code.EscapeNonASCII() {
		extra = append(extra, `non-ASCII escaped \u{…} (u)`)
	}
	if d := v.code.Doc(); d != nil && d.Entry.Kind != repo.KindSubmodule && d.Path == v.code.Path() {
		// The blob id of text files too, not only binary ones: the reviewer
		// cites and cross-checks the exact object shown (HOST-16).
		if l := v.code.Lexer(); l != "" {
			extra = append(extra, l)
		}
		extra = append(extra, "blob "+d.Entry.Hash.Short())
	}
	st.Extra = strings.Join(extra, " · ")
	return st
}

// mouse handles the wheel (scrolls the pane under the pointer) and a left
// click (focuses the pane, and selects the row clicked in the tree).
func (v *filesView) mouse(msg tea.MouseMsg) tea.Cmd {
	inTree := msg.X < v.treeW
	switch {
	case msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown:
		n := 3
		if msg.Button == tea.MouseButtonWheelUp {
			n = -3
		}
		if inTree {
			v.tree.Scroll(n)
			return nil
		}
		return v.code.Scroll(n)
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
		if inTree {
			v.setFocus(focusTree)
			if msg.Y >= 1 && msg.Y <= v.height-2 {
				v.tree.SelectRow(msg.Y - 1) // inside the border
			}
		} else {
			v.setFocus(focusCode)
		}
	}
	return nil
}

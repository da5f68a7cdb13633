package tui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/blame"
	helpview "sightline/tui/help"
	"sightline/tui/history"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
)

// historyView is the History tab: the commits reachable from the pin,
// and a commit's diff when one is opened.
type historyView struct {
	noReview
	hist history.Model
}

func newHistoryView(d Deps) historyView {
	v := historyView{hist: history.New(d.Repo, d.Pin.Commit, d.KeyMaps.History, d.Styles).WithDiffKeys(d.KeyMaps.Changes)}
	v.hist.SetBase(d.Base.Commit, d.Base.Ref) // with a base, History lists base..pin
	v.hist.Focus()
	return v
}

// init starts listing: the walk pauses after its first page until the
// reviewer scrolls, so a long history costs little at start-up.
func (v historyView) init() tea.Cmd { return v.hist.Init() }

func (v historyView) update(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case blame.ShowCommitMsg: // enter on a blamed line
		return v, v.hist.ShowCommit(msg.Commit, msg.Path, msg.Line)
	case nav.ShowPathMsg: // L in the Files view
		return v, v.hist.ShowPath(msg.Path)
	}
	v.hist, cmd = v.hist.Update(msg)
	return v, cmd
}

func (v historyView) setReview(nav.Review) view { return v }

func (v historyView) render() string { return v.hist.View() }

func (v historyView) setSize(w, h int) view {
	v.hist.SetSize(w, h)
	return v
}

// keyMap is the commit list's keys, or while a commit's diff is open the
// diff's (as the Changes tab lists them) and the way back to the list.
func (v historyView) keyMap() help.KeyMap {
	k := v.hist.KeyMap()
	if _, open := v.hist.ShowingDiff(); open {
		g := diffHelp(v.hist.Compare().Diff().KeyMap())
		g[0] = append(g[0], k.CloseDiff)
		return g
	}
	return helpview.Group{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.SetBase, k.Range, k.Back, k.DetailDown, k.DetailUp},
		findHelp(":hash", "go to a commit (hash prefix, or position N)")}
}

func (v historyView) capturesKeys() bool { return v.hist.Editing() }

func (v historyView) status(st statusbar.Status) statusbar.Status {
	if h, open := v.hist.ShowingDiff(); open {
		d := v.hist.Compare().Diff()
		st.Extra = withEscaped(h.Short(), d.EscapeNonASCII()) // the commit shown, which blame may have chosen
		st.Hostile = d.HostileCount()                         // as in Changes: each such line has ! in the gutter
	} else if c, ok := v.hist.Selected(); ok {
		st.Extra = c.Hash.Short()
	}
	if p := v.hist.Path(); p != "" {
		st.Path = p
	}
	return st
}

// handleHistoryMsg acts on the requests of the Changes, History and blame
// parts; handled is false for any other message.
func (m *Model) handleHistoryMsg(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case history.SetBaseMsg:
		m.jumped()
		return m.setBase(repo.Pin{Commit: msg.Commit, Ref: msg.Label}), true
	case blame.ShowCommitMsg, nav.ShowPathMsg:
		m.jumped()
		m.switchTo(nav.ViewHistory)
		return m.updateTab(nav.ViewHistory, msg), true
	case history.BackMsg:
		// esc on a commit opened from a blamed line, or on the history of
		// one path: back where L or enter was pressed, as the jump list
		// says; without a jump, History stays.
		if _, ok := m.jumps.last(); ok {
			return m.jumpBack(), true
		}
		return nil, true
	}
	return nil, false
}

// setBase makes base the Changes tab's base, adding the tab if the
// session started without one, and shows it.
func (m *Model) setBase(base repo.Pin) tea.Cmd {
	cmd := m.changeBase(base)
	m.switchTo(nav.ViewChanges)
	return cmd
}

// changeBase makes base the Changes tab's base, adding the tab if the
// session started without one, and leaves the reviewer where they are.
func (m *Model) changeBase(base repo.Pin) tea.Cmd {
	cur := m.tabs[m.active].id // a tab added before it moves its index
	m.deps.Base = base
	v := newChangesView(m.deps)
	t := tab{id: nav.ViewChanges, title: "Changes", view: v}
	if i := m.tabIndex(nav.ViewChanges); i >= 0 {
		m.tabs[i] = t
	} else {
		at := len(m.tabs)
		for i, x := range m.tabs {
			if x.id > nav.ViewChanges {
				at = i
				break
			}
		}
		m.tabs = append(m.tabs[:at], append([]tab{t}, m.tabs[at:]...)...)
	}
	m.switchTo(cur) // and sizes the new view
	return tea.Batch(m.tabs[m.tabIndex(nav.ViewChanges)].view.init(),
		m.updateTab(nav.ViewHistory, history.BaseMsg{Commit: base.Commit, Label: base.Ref}))
}

func (v historyView) where() (string, int) { return "", 0 }

// closeInner closes the commit diff or the per-path list; from a blamed
// line or L, back to the file.
func (v historyView) closeInner() (view, tea.Cmd, bool, bool) {
	cmd, back, ok := v.hist.CloseDiff()
	return v, cmd, back, ok
}

package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/tui/finder"
	"sightline/tui/grep"
	helpview "sightline/tui/help"
	"sightline/tui/keys"
	"sightline/tui/picklist"
)

// overlayKind names the box drawn over the active view.
type overlayKind int

const (
	overlayNone overlayKind = iota
	overlayHelp
	overlayFinder
	overlayGrep
	overlayPick // gd's candidates, gr's references (symbols.go)
)

// overlay holds the overlays' state; finder and search keep theirs while
// closed, so reopening shows the last query.
type overlay struct {
	kind    overlayKind
	finder  finder.Model
	grep    grep.Model
	pick    picklist.Model
	helpTop int // the help's scroll offset, when it does not fit
}

func newOverlays(d Deps) overlay {
	return overlay{
		finder: finder.New(d.Styles, d.KeyMaps.Finder),
		grep:   grep.New(d.Search, d.Pin.Tree, d.Styles, d.KeyMaps.Search),
		pick:   picklist.New(d.Styles, pickKeys(d.KeyMaps.Finder, d.KeyMaps.Review.AddStep, d.KeyMaps.History.Nav)),
	}
}

// pickKeys are the finder's keys, for the symbol lists, with the
// review's A to add a step and, in a list without a query, the up and
// down of the other lists (History's: j and k unless rebound).
func pickKeys(f finder.KeyMap, step key.Binding, nav keys.Nav) picklist.KeyMap {
	return picklist.KeyMap{Up: f.Up, Down: f.Down, PageUp: f.PageUp, PageDown: f.PageDown, Choose: f.Choose, Close: f.Close,
		AddStep: key.NewBinding(key.WithKeys(step.Keys()...), key.WithHelp(step.Help().Key, "add as step")), Focus: f.Focus,
		ListUp: nav.Up, ListDown: nav.Down}
}

func (m *Model) openFinder() tea.Cmd {
	m.dropLookup()
	m.overlay.kind = overlayFinder
	m.layout()
	return m.overlay.finder.Open()
}

func (m *Model) openGrep() tea.Cmd {
	m.dropLookup()
	m.overlay.kind = overlayGrep
	m.layout()
	return m.overlay.grep.Open()
}

// handleOverlayKey gives a key to the open overlay.
func (m *Model) handleOverlayKey(msg tea.KeyMsg) tea.Cmd {
	var cmd tea.Cmd
	switch m.overlay.kind {
	case overlayHelp:
		g := m.deps.Keys
		switch {
		case key.Matches(msg, g.QuitAll):
			return m.quit()
		case msg.String() == "esc" || key.Matches(msg, g.Help, g.Quit):
			m.overlay.kind = overlayNone // q closes it, as every view

		case msg.String() == "j" || msg.String() == "down":
			w, h := m.helpSize()
			m.overlay.helpTop = min(m.overlay.helpTop+1, helpview.MaxTop(m.helpSections(), w, h, m.deps.Styles))
		case msg.String() == "k" || msg.String() == "up":
			m.overlay.helpTop = max(m.overlay.helpTop-1, 0)
		}
	case overlayFinder:
		m.overlay.finder, cmd = m.overlay.finder.Update(msg)
	case overlayGrep:
		m.overlay.grep, cmd = m.overlay.grep.Update(msg)
	case overlayPick:
		m.overlay.pick, cmd = m.overlay.pick.Update(msg)
	}
	return cmd
}

// handleResult acts on messages the root itself owns: the path list,
// overlay results and overlay outcomes. handled is false for messages to
// broadcast to the views.
func (m *Model) handleResult(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case PathsListedMsg:
		if msg.Root != m.deps.Pin.Tree {
			return nil, true
		}
		m.paths.loaded = true
		m.rv.SetTotalFiles(len(msg.Paths))
		if m.unreadable = msg.Unreadable; m.unreadable > 0 && m.err == "" {
			// Path raw here: the message line sanitizes what it shows.
			m.err = fmt.Sprintf("unreadable subtrees (first: %s): the listing is incomplete; ask for a complete repository", msg.FirstUnreadable)
		}
		return m.overlay.finder.SetPaths(msg.Paths, msg.Err), true
	case finder.RankedMsg:
		var cmd tea.Cmd
		m.overlay.finder, cmd = m.overlay.finder.Update(msg)
		return cmd, true
	case finder.ChosenMsg:
		return m.jumpOpen(msg.Path, 0, 0), true
	case picklist.ChosenMsg:
		if msg.Name != "" && m.wordPick != nil {
			return m.wordChosen(msg.Name), true
		}
		if msg.Name != "" {
			return m.chooseName(msg.Name), true
		}
		return m.jumpOpen(msg.Path, msg.Line, msg.Col), true
	case picklist.StepMsg:
		return m.addStepAt(msg), true
	case picklist.RankedMsg:
		var cmd tea.Cmd
		m.overlay.pick, cmd = m.overlay.pick.Update(msg)
		return cmd, true
	case allSymbolsMsg:
		return m.symbolsLoaded(msg), true
	case outlineMsg:
		m.outlineFound(msg)
		return nil, true
	case finder.ClosedMsg, grep.ClosedMsg, picklist.ClosedMsg:
		m.overlay.kind, m.symWaiting, m.wordPick = overlayNone, false, nil
		return nil, true
	case grep.ResultsMsg:
		var cmd tea.Cmd
		m.overlay.grep, cmd = m.overlay.grep.Update(msg)
		return cmd, true
	case grep.OpenMsg:
		if !m.overlay.grep.IsLastOpened(msg) {
			return nil, true // overtaken by a later alt+n, or a new search
		}
		return m.jumpOpen(msg.Path, msg.Line, msg.Col), true
	}
	return nil, false
}

// overlayView draws the open overlay in a box of at most w × h.
func (m Model) overlayView(w, h int) string {
	s := m.deps.Styles
	switch m.overlay.kind {
	case overlayHelp:
		return helpview.ViewClosedBy(m.helpSections(), m.overlay.helpTop, w, h, m.deps.Keys.Help.Help().Key, s)
	case overlayFinder:
		return s.Overlay.Render(m.overlay.finder.View())
	case overlayGrep:
		return s.Overlay.Render(m.overlay.grep.View())
	case overlayPick:
		return s.Overlay.Render(m.overlay.pick.View())
	}
	return ""
}

// helpSections are the help overlay's key groups for the active view.
func (m Model) helpSections() []helpview.Section {
	sections := []helpview.Section{
		{Title: "Global", Keys: m.deps.Keys},
		{Title: m.tabs[m.active].title, Keys: m.tabs[m.active].view.keyMap()},
	}
	if m.rv.Active() {
		sections = append(sections, helpview.Section{Title: "Review (workspace " + m.sanitizedDir() + ")", Keys: m.rv.KeyMap()})
	}
	return sections
}

// helpSize is the box the help overlay is drawn in.
func (m Model) helpSize() (w, h int) { return m.width, m.bodyHeight() }

package tui

// o (the open file's outline), ctrl+t (every symbol at the pin, ranked
// as you type) and A in any symbol list (gd, gr, o, ctrl+t): the place
// under the cursor becomes the next step of the current finding. The
// lists load in Cmds through Deps.Symbols; ctrl+t's list is kept once
// loaded, since the pin never changes. On a large tree ctrl+t lists each
// name once (SymbolList.ByName): a name with several definitions opens
// gd's pick list of them.

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/tui/nav"
	"sightline/tui/picklist"
)

// outlineMsg is the answer to outline lookup number seq.
type outlineMsg struct {
	seq  int
	req  nav.OutlineMsg
	hits []SymbolHit
	err  error
}

// allSymbolsMsg carries ctrl+t's list.
type allSymbolsMsg struct {
	list SymbolList
	err  error
}

// symbolList is ctrl+t's state: the list once loaded.
type symbolList struct {
	list    SymbolList
	loaded  bool
	loading bool
}

// lookupOutline starts o's lookup; a later gd, gr or o makes it stale.
func (m *Model) lookupOutline(req nav.OutlineMsg) tea.Cmd {
	if m.deps.Symbols == nil {
		m.info = "the outline needs the symbol index, which this session does not read"
		return nil
	}
	m.symSeq++
	m.wordPick = nil
	seq, src, ctx := m.symSeq, m.deps.Symbols, m.lookupContext()
	m.info = "listing the definitions in " + textsafe.Sanitize(req.Path) + "…"
	m.symWait = m.info
	return func() tea.Msg {
		hits, err := src.Outline(ctx, req.Path)
		return outlineMsg{seq: seq, req: req, hits: hits, err: err}
	}
}

// outlineFound opens the outline, the cursor on the definition the
// cursor line is in (the last one at or above it).
func (m *Model) outlineFound(msg outlineMsg) {
	if msg.seq != m.symSeq {
		return
	}
	m.info, m.symWait = "", ""
	m.endLookup()
	path := textsafe.Sanitize(msg.req.Path)
	switch {
	case msg.err != nil:
		m.err = "outline of " + path + ": " + msg.err.Error()
		return
	case len(msg.hits) == 0:
		m.info = "no definitions in " + path + " in the symbol index at the pin"
		return
	}
	items := make([]picklist.Item, len(msg.hits))
	at := 0
	for i, h := range msg.hits {
		items[i] = picklist.Item{Label: fmt.Sprintf("%d  %s %s", h.Line, h.Kind, h.Name), Path: h.Path, Line: h.Line, Col: h.Col}
		if h.Line <= msg.req.Line {
			at = i
		}
	}
	m.overlay.pick.Show(fmt.Sprintf("outline of %s: %d definitions", msg.req.Path, len(items)), items)
	m.overlay.pick.SetCursor(at)
	m.overlay.kind = overlayPick
	m.layout()
}

// openSymbols opens ctrl+t: at once when the list is loaded, else once
// its Cmd brings it.
func (m *Model) openSymbols() tea.Cmd {
	if m.deps.Symbols == nil {
		m.info = "ctrl+t needs the symbol index, which this session does not read"
		return nil
	}
	m.wordPick = nil
	m.dropLookup()
	m.overlay.kind = overlayPick
	m.layout()
	if m.symList.loaded {
		return m.showSymbols()
	}
	m.overlay.pick.Show("every symbol at the pin: loading the symbol index…", nil)
	m.symWaiting = true
	if m.symList.loading {
		return nil
	}
	m.symList.loading = true
	src := m.deps.Symbols
	return func() tea.Msg {
		list, err := src.All(context.Background())
		return allSymbolsMsg{list: list, err: err}
	}
}

// symbolsLoaded keeps ctrl+t's list (not a failure: the next ctrl+t asks
// again) and shows it if ctrl+t is still waiting for it.
func (m *Model) symbolsLoaded(msg allSymbolsMsg) tea.Cmd {
	m.symList.loading = false
	waiting := m.symWaiting && m.overlay.kind == overlayPick
	m.symWaiting = false
	if msg.err != nil {
		m.err = "ctrl+t: " + msg.err.Error()
		if waiting {
			m.overlay.kind = overlayNone
		}
		return nil
	}
	m.symList.list, m.symList.loaded = msg.list, true
	if !waiting {
		return nil
	}
	return m.showSymbols()
}

func (m *Model) showSymbols() tea.Cmd {
	if m.symList.list.ByName {
		return m.showSymbolNames()
	}
	hits := m.symList.list.Defs
	items := make([]picklist.Item, len(hits))
	names := make([]string, len(hits))
	for i, h := range hits {
		items[i] = picklist.Item{Label: fmt.Sprintf("%s  %s  %s:%d", h.Name, h.Kind, h.Path, h.Line), Path: h.Path, Line: h.Line, Col: h.Col}
		names[i] = h.Name
	}
	return m.overlay.pick.ShowQuery("every symbol at the pin (ctrl+t)", items, names)
}

// showSymbolNames is ctrl+t on a large tree: a row per name, its kind
// and place when it has one definition (enter jumps there), its count
// when it has several (enter lists them as gd does).
func (m *Model) showSymbolNames() tea.Cmd {
	l := m.symList.list
	items := make([]picklist.Item, len(l.Names))
	names := make([]string, len(l.Names))
	for i, n := range l.Names {
		if n.Count == 1 {
			items[i] = picklist.Item{Label: fmt.Sprintf("%s  %s  %s:%d", n.Name, n.Kind, n.Path, n.Line), Path: n.Path, Line: n.Line, Col: n.Col}
		} else {
			items[i] = picklist.Item{Label: fmt.Sprintf("%s  %d definitions", n.Name, n.Count), Name: n.Name}
		}
		names[i] = n.Name
	}
	title := fmt.Sprintf("every symbol at the pin (ctrl+t): %d definitions under %d names; enter on a name with several lists them", l.Total, len(l.Names))
	return m.overlay.pick.ShowQuery(title, items, names)
}

// chooseName is enter on a ctrl+t row standing for a name with several
// definitions: gd's lookup of it, ranked for the file open now.
func (m *Model) chooseName(name string) tea.Cmd {
	return m.lookupSymbol(nav.SymbolMsg{Name: name, Path: m.here().Path})
}

// addStepAt opens the step form for a place picked from a symbol list;
// the list closes so that the form is seen.
func (m *Model) addStepAt(msg picklist.StepMsg) tea.Cmd {
	if msg.Name != "" && m.wordPick != nil && m.wordPick.search != 0 {
		m.info = "these are the words of the diff line: enter searches one in the diff"
		return nil
	}
	if msg.Name != "" && m.wordPick != nil {
		m.info = "these are the words of the diff line: enter looks one up, and A in the list it opens adds a place as a step"
		return nil
	}
	if msg.Name != "" {
		m.info = "A on " + quoteName(msg.Name) + ": it has several definitions; enter lists them, and A there adds one as a step"
		return nil
	}
	m.overlay.kind = overlayNone
	l := nav.Lines{Path: msg.Path, Start: max(msg.Line, 1), End: max(msg.Line, 1), Commit: m.deps.Pin.Commit}
	var cmd tea.Cmd
	m.rv, cmd = m.rv.AddStepAt(l)
	m.takeNotes()
	return cmd
}

package tui

// gd, ctrl+] and gr: the code view asks (nav.SymbolMsg) for the word *
// takes; the lookup runs in a Cmd through Deps.Symbols, and its answer
// jumps (one definition), opens the pick list (several, or references) or
// says on the message line why there is nothing.

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/tui/nav"
	"sightline/tui/picklist"
)

// Symbols answers gd, gr, o and ctrl+t. cmd passes one that reads the
// symbol index the background child built and runs "sightline refs" as a
// child: vendor code is never parsed in the workbench process.
type Symbols interface {
	// Definitions returns the definitions of name ranked for a use in
	// the file from: the same file, directory, language, then the rest.
	Definitions(ctx context.Context, name, from string) ([]SymbolHit, error)
	// References returns the occurrences of name, those in code first.
	References(ctx context.Context, name string) ([]SymbolHit, error)
	// Outline returns the definitions in the file at path, in line order.
	Outline(ctx context.Context, path string) ([]SymbolHit, error)
	// All returns what ctrl+t lists: every definition at the pin, in
	// path and line order (SymbolList.Defs), or, on a tree with more
	// definitions than the source lists one by one, each name once
	// (SymbolList.Names).
	All(ctx context.Context) (SymbolList, error)
}

// SymbolList is ctrl+t's list: Defs, or Names when ByName.
type SymbolList struct {
	Defs   []SymbolHit
	ByName bool
	Names  []SymbolName // in name order
	Total  int          // the definitions Names stand for
}

// SymbolName is one name of a large tree's ctrl+t list: how many
// definitions it has and, when only one, its kind and place (raw: drawn
// sanitized).
type SymbolName struct {
	Name, Kind, Path string
	Line, Col, Count int // Col: the name's byte column from 1
}

// SymbolHit is one definition or reference: where it is, and what the
// lists draw of it (raw: drawn sanitized).
type SymbolHit struct {
	Path  string
	Line  int
	Col   int
	Label string // a definition's row in gd's list
	Code  bool   // a reference in code (definitions are always true)
	// A definition's name and kind ("function", "macro"…), for o and
	// ctrl+t.
	Name, Kind string
	// A reference's place (in: code, comment or string, or InUnread for
	// a file the lookup could not read, whose reason is Text), the
	// function it is in, whether it is a call there (then Func is a
	// caller), and its line's text.
	In   string
	Func string
	Call bool
	Text string
}

// InUnread is the In of a references answer's row for a file that was
// not read (too large, or its parser gave up): it may hold references
// the list cannot show, and gr says so.
const InUnread = "unread"

// symbolsMsg is the answer to lookup number seq.
type symbolsMsg struct {
	seq  int
	req  nav.SymbolMsg
	hits []SymbolHit
	err  error
}

// lookupSymbol starts a gd or gr lookup; a later one makes it stale.
func (m *Model) lookupSymbol(req nav.SymbolMsg) tea.Cmd {
	what := symbolWhat(req)
	m.wordPick = nil
	if m.deps.Symbols == nil {
		m.info = what + " needs the symbol index, which this session does not read"
		return nil
	}
	m.symSeq++
	if req.Name == "" {
		m.pickWord(req)
		return nil
	}
	seq, src, ctx := m.symSeq, m.deps.Symbols, m.lookupContext()
	m.info = fmt.Sprintf("looking up %s %s…", what, quoteName(req.Name))
	m.symWait = m.info
	return func() tea.Msg {
		var hits []SymbolHit
		var err error
		if req.Refs {
			hits, err = src.References(ctx, req.Name)
		} else {
			hits, err = src.Definitions(ctx, req.Name, req.Path)
		}
		return symbolsMsg{seq: seq, req: req, hits: hits, err: err}
	}
}

// symbolsFound acts on a lookup's answer.
func (m *Model) symbolsFound(msg symbolsMsg) tea.Cmd {
	if msg.seq != m.symSeq {
		return nil
	}
	what, name := symbolWhat(msg.req), quoteName(msg.req.Name)
	m.info, m.symWait = "", ""
	m.endLookup()
	switch {
	case msg.err != nil:
		m.err = fmt.Sprintf("%s %s: %s", what, name, msg.err.Error())
		return nil
	case len(msg.hits) == 0 && msg.req.Refs:
		m.info = "no reference to " + name + " in the files at the pin"
		return nil
	case len(msg.hits) == 0:
		m.info = "no definition of " + name + " in the symbol index at the pin (gr lists where it is used)"
		return nil
	case len(msg.hits) == 1 && !msg.req.Refs:
		h := msg.hits[0]
		cmd := m.jumpOpen(h.Path, h.Line, h.Col)
		m.info = "definition: " + textsafe.Sanitize(h.Label) + " (ctrl+o goes back)"
		return cmd
	}
	if msg.req.Refs {
		m.showRefs(msg.req.Name, msg.hits)
		return nil
	}
	items := make([]picklist.Item, len(msg.hits))
	for i, h := range msg.hits {
		items[i] = picklist.Item{Label: h.Label, Path: h.Path, Line: h.Line, Col: h.Col, Muted: !h.Code}
	}
	title := fmt.Sprintf("%d definitions of %s (same file, directory, language first)", len(items), msg.req.Name)
	m.overlay.pick.Show(title, items)
	m.overlay.kind = overlayPick
	m.layout()
	return nil
}

// wordPick is what a diff line's word list is for: gd or gr (sym), or
// * (search, the tab whose diff asked).
type wordPick struct {
	sym    nav.SymbolMsg
	search nav.ViewID // 0: gd or gr
}

// pickWord lists the words of a diff line for gd or gr (a diff has no
// column cursor); enter on one looks it up (wordChosen). symSeq has
// moved on, so an earlier lookup's late answer cannot replace the list.
func (m *Model) pickWord(req nav.SymbolMsg) {
	m.endLookup()
	words, suggest := req.Words, req.Suggest
	req.Words = nil
	key := "gd"
	if req.Refs {
		key = "gr"
	}
	m.showWords(&wordPick{sym: req}, fmt.Sprintf("%s: which word of line %d? enter looks it up", key, req.Line), words, suggest, "look up")
}

// pickSearchWord lists the words of a diff line for * (nav.WordSearchMsg),
// as pickWord does for gd; enter on one has the diff search it.
func (m *Model) pickSearchWord(req nav.WordSearchMsg) {
	m.dropLookup() // as for any list opened: a lookup's answer must not cover it
	m.showWords(&wordPick{search: m.tabs[m.active].id}, fmt.Sprintf("*: which word of line %d? enter searches it", req.Line), req.Words, req.Suggest, "search")
}

// showWords opens the word list for pick, its cursor on words[suggest];
// choice is what enter does with the word, for the key hint.
func (m *Model) showWords(pick *wordPick, title string, words []string, suggest int, choice string) {
	items := make([]picklist.Item, len(words))
	for i, w := range words {
		items[i] = picklist.Item{Label: w, Name: w}
	}
	m.wordPick = pick
	m.overlay.pick.ShowWords(title, items, choice)
	m.overlay.pick.SetCursor(suggest)
	m.overlay.kind = overlayPick
	m.layout()
}

// wordChosen is enter on a word pickWord or pickSearchWord listed: the
// list closes, and the lookup it was for runs on that word, or the tab
// that asked for * searches it (at once: the diff searched is the one
// the list was opened over).
func (m *Model) wordChosen(word string) tea.Cmd {
	pick := *m.wordPick
	m.overlay.kind = overlayNone
	m.layout()
	if pick.search != 0 {
		m.wordPick = nil
		return m.updateTab(pick.search, nav.SearchWordMsg{Word: word})
	}
	req := pick.sym
	req.Name = word
	return m.lookupSymbol(req)
}

// dropLookup forgets the gd, gr or o lookup still running, if any, when
// the reviewer moves on: its answer would otherwise jump them back or
// cover what they went to with its list.
func (m *Model) dropLookup() {
	m.moved++     // a view's request still on its way is late now
	m.endLookup() // a child still running for it is stopped
	if m.symWait == "" {
		return
	}
	m.symSeq++
	if m.info == m.symWait {
		m.info = ""
	}
	m.symWait = ""
}

// viewRequest is a gd, gr, o or * request (nav.SymbolMsg,
// nav.OutlineMsg, nav.WordSearchMsg) of the active view, stamped with
// m.moved when its key was handled. The view sends it from a Cmd, so it
// reaches the root later: after a move (another tab, an overlay, a jump)
// its lookup would start anyway and its answer jump the reviewer away
// from where they went.
type viewRequest struct {
	moved int
	req   tea.Msg
}

// stampRequests wraps cmd, the active view's answer to the reviewer's
// input, so that the requests it returns (batched too) arrive as
// viewRequest. Its other messages pass unchanged, and so does a
// tea.Sequence (its type is bubbletea's own): no view sends a request
// through one.
func stampRequests(cmd tea.Cmd, moved int) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case nav.SymbolMsg, nav.OutlineMsg, nav.WordSearchMsg:
			return viewRequest{moved: moved, req: msg}
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = stampRequests(c, moved)
			}
			return out
		default:
			return msg
		}
	}
}

// fromView acts on a view's request unless it is late: the reviewer
// moved since its key, or something (help, a prompt, a review dialog)
// now covers the view that sent it.
func (m *Model) fromView(msg viewRequest) tea.Cmd {
	if msg.moved != m.moved || m.overlay.kind != overlayNone || m.prompt.active() || m.rv.Modal() {
		return nil
	}
	cmd, _ := m.handleNav(msg.req)
	return cmd
}

// lookupContext is the context of a lookup starting now: the one before
// it, whose answer would be dropped, is stopped; all end when the
// workbench quits (Deps.Context).
func (m *Model) lookupContext() context.Context {
	m.endLookup()
	base := m.deps.Context
	if base == nil {
		base = context.Background()
	}
	ctx, cancel := context.WithCancel(base)
	m.symCancel = cancel
	return ctx
}

// endLookup stops the lookup running, if any.
func (m *Model) endLookup() {
	if m.symCancel != nil {
		m.symCancel()
		m.symCancel = nil
	}
}

func symbolWhat(req nav.SymbolMsg) string {
	if req.Refs {
		return "references to"
	}
	return "definition of"
}

// quoteName is an identifier from the file, quoted and sanitized for the
// message line.
func quoteName(n string) string { return "«" + textsafe.Sanitize(n) + "»" }

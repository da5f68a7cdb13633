// Package tui is sightline's terminal workbench: the root model that owns
// the tabs, focus, layout, overlays and the status bar, and routes
// messages to the views in its subpackages and to the review controller
// (package annotate). The root routes; it does not do the views' or the
// review's work.
//
// # How the root routes
//
// Keys go to the open review dialog, prompt or overlay (help, finder,
// repo search) if there is one, else to the global bindings (quit, help,
// ctrl+p, ctrl+f, ctrl+o, ctrl+n, 1–4), else to the review controller's annotation keys
// (a, A, m, ]s, [s, E), else to the active view only (handleKey). The
// views' requests (package nav: nav.OpenFileMsg, nav.SwitchViewMsg,
// nav.CompareAtBaseMsg, nav.ErrorMsg…) are acted on by the root
// (handleNav), which forwards a request meant for one view to that view
// only (updateTab); a gd, gr or o request is stamped with where the
// reviewer was when its key was pressed and dropped if they have moved
// on since (stampRequests); the review's messages go to the controller;
// the overlays' results to the overlays (handleResult). Every other message
// (load results, window size) is broadcast to all views: each view's
// panes keep the request key they are waiting for and drop stale or
// foreign results.
//
// Every jump (the finder, a search hit, :N, ]s/[s, enter on a diff or
// blamed line, L, B) pushes the place it leaves on the jump list
// (jumplist.go): ctrl+o and backspace go back, ctrl+n forward. esc never
// moves the reviewer: it closes or clears. q closes the innermost thing
// (view.closeInner, or a file opened from a diff) and quits only at the
// top; quitting asks the controller first (annotate.Model.Quit), which
// asks the reviewer when work is unsaved.
//
// Views and the controller meet only through package nav: the controller
// asks the active view for its selected lines (nav.Lines) and what m
// marks, and after every message but keys the root hands every view the
// review snapshot (nav.Review) to draw its own marks from. No view is
// type-asserted.
//
// # Adding a view (a tab)
//
//  1. Write the view as its own package, tui/<name>, with the bubbles
//     contract: New(deps) Model, Update(tea.Msg) (Model, tea.Cmd), View()
//     string, SetSize, Focus/Blur, and a KeyMap implementing help.KeyMap.
//     It may import tui/theme, tui/keys, tui/nav and repo/review value
//     types, never this package or a sibling view. If it draws review
//     marks, give it SetReview(nav.Review).
//  2. Add tui/view_<name>.go here with a small adapter type implementing
//     the view interface below (see view_files.go for the Files tab);
//     embed noReview when the view has nothing to annotate.
//  3. Add one line to the tab table in newTabs (tabs.go) with the view's
//     nav.ViewID, title and constructor. The tab line, the 1–4 keys, the
//     help overlay and message broadcasting then work without other
//     changes.
package tui

import (
	"context"
	"io"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/tui/annotate"
	"sightline/tui/blame"
	"sightline/tui/grep"
	"sightline/tui/history"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
	"sightline/tui/theme"
)

// view is one tab of the workbench. Implementations are small adapters
// over a pane package's concrete Model (see view_files.go).
type view interface {
	// init returns the view's start-up work (first listings, loads).
	init() tea.Cmd
	// update handles a message: keys only while the view is active, every
	// other message always. It returns the updated view.
	update(msg tea.Msg) (view, tea.Cmd)
	// render draws the view in exactly the size given to setSize.
	render() string
	// setSize gives the view its area in cells.
	setSize(w, h int) view
	// keyMap lists the view's keys for the help overlay.
	keyMap() help.KeyMap
	// status fills the view's part of the status line.
	status(st statusbar.Status) statusbar.Status
	// capturesKeys reports whether the view is editing text (a form, a
	// filter), so that global single-letter keys must go to it instead.
	capturesKeys() bool

	// The review contract (package nav): the controller asks the active
	// view for its lines and what m marks (annotate.Pane), and every view
	// is handed the snapshot it draws its own marks from.
	annotate.Pane
	setReview(r nav.Review) view
	// markInfo is the finding marked under the cursor, raw, or "".
	markInfo() string
	// reviewedCount is how many changed files are reviewed, of how many.
	reviewedCount() (reviewed, total int)

	// where is the file shown and its line, for the jump list ("" when
	// the view shows no one file at a line).
	where() (path string, line int)
	// closeInner closes the innermost thing the view has open (q); ok is
	// false when there is none. back asks the root to go back to where
	// it was opened from.
	closeInner() (v view, cmd tea.Cmd, back, ok bool)
}

// Repo is what the workbench reads from the repository under review.
// *repo.Repo satisfies it; tests may pass the real thing built with
// repotest.
type Repo interface {
	Files
	history.Source // Changes and History: DiffTrees, DiffBlobs, Log, PathLog, ReadCommit
	blame.Source   // the blame gutter of the Files view
	Name() string
}

// Deps is everything the root needs, built once by the command line and
// passed down by value: no package state.
type Deps struct {
	Repo Repo
	// Context ends when the workbench quits: lookups still running (gr's
	// child) stop with it. nil: context.Background().
	Context context.Context
	// Search answers the repo-wide search (ctrl+f); cmd passes a
	// *search.Searcher, which uses the tree's index when there is one.
	Search grep.Searcher
	Pin    repo.Pin
	Base   repo.Pin // the Changes tab compares Base with Pin; zero Commit: no Changes tab
	Styles theme.Styles
	Keys   keys.Global
	// KeyMaps, when set, are the views' bindings as the config rebound
	// them (ApplyBinds); its Global replaces Keys. nil: the defaults.
	KeyMaps *KeyMaps
	// Clipboard is the terminal y and Y write their OSC 52 sequence to;
	// nil: copying is off (the config says so, or the terminal cannot).
	Clipboard io.Writer
	Mouse     bool // the program captures the mouse (--mouse)
	// Review is the workspace findings and coverage go to; the zero
	// Review browses only (see review.go).
	Review Review
	// Notice, when set, is shown on the message line at start: what the
	// reviewer must know about this repository (already sanitized).
	Notice string
	// Release, when it names an archive, adds the Release tab (5).
	Release ReleaseDeps
	// Symbols answers gd and gr (symbols.go); nil: they say they cannot.
	Symbols Symbols
	// Start is where the workbench opens: a file and line given on the
	// command line, or where the workspace was left (start.go).
	Start Position
}

// Model is the root model.
type Model struct {
	deps    Deps
	tabs    []tab
	active  int // index into tabs
	width   int
	height  int
	overlay overlay
	prompt  prompt
	err     string // message-line error, cleared by the next key
	info    string // message-line notice
	// unreadable counts the pinned tree's unreadable subtrees, found by
	// the start-up path listing; the status line keeps saying so.
	unreadable int
	paths      pathIndex
	// jumps is the back-stack: ctrl+o and ctrl+n walk it; esc never
	// moves the reviewer (issue 12.1).
	jumps jumpList
	// symSeq numbers gd and gr lookups, so a late answer is dropped.
	// symWait is the note shown while one runs ("" when none does): the
	// reviewer moving on (a jump, another tab, another overlay) drops it,
	// so that its answer cannot pull them back (dropLookup).
	symSeq    int
	symWait   string
	symCancel context.CancelFunc // stops the lookup running, if any
	// moved counts the reviewer's moves (dropLookup): a view's gd, gr or
	// o request stamped with an older count is late and dropped
	// (viewRequest).
	moved int
	// symList is ctrl+t's definitions (symlists.go); symWaiting says
	// ctrl+t is open waiting for them.
	symList    symbolList
	symWaiting bool
	// wordPick is the gd, gr or * of a diff line waiting for the
	// reviewer to pick its word from the list shown (symbols.go); nil
	// otherwise.
	wordPick *wordPick
	// clip writes y's and Y's copies in order (clipboard.go); nil:
	// copying is off. copySeq numbers the copies asked for.
	clip    *clipboard
	copySeq int
	rv      annotate.Model // findings, coverage and the review dialogs
}

// New builds the workbench for the pinned repository.
func New(d Deps) Model {
	if d.KeyMaps == nil {
		km := DefaultKeyMaps()
		km.Global = d.Keys
		d.KeyMaps = &km
	}
	d.Keys = d.KeyMaps.Global
	m := Model{deps: d, rv: newReview(d)}
	if d.Clipboard != nil {
		m.clip = &clipboard{w: d.Clipboard}
	}
	m.tabs = newTabs(d)
	// Number keys of absent tabs are disabled, so help lists only the
	// tabs there are.
	for i := range m.deps.Keys.Views {
		m.deps.Keys.Views[i].SetEnabled(m.tabIndex(nav.ViewID(i+1)) >= 0)
	}
	m.overlay = newOverlays(d)
	m.prompt = newPrompt(d.Styles)
	m.info = d.Notice
	return m
}

// Init starts every view's first work, the path index for the finder and
// the review's first snapshot.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.paths.start(m.deps.Repo, m.deps.Pin.Tree), startCmd(m.deps.Start)}
	for _, t := range m.tabs {
		cmds = append(cmds, t.view.init())
	}
	return tea.Batch(append(cmds, m.rv.Init())...)
}

// Update routes msg (see the package comment), then hands the views the
// review snapshot to draw their marks from.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.route(msg)
	if c := m.syncReview(msg); c != nil {
		cmd = tea.Batch(cmd, c)
	}
	return m, cmd
}

// route is Update without the review sync: input, then the requests the
// root acts on, then the overlays' and the controller's messages;
// anything else is broadcast to the views.
func (m *Model) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	}
	if cmd, handled := m.handleNav(msg); handled {
		return cmd
	}
	if annotate.Handles(msg) {
		if s, ok := msg.(annotate.SavedMsg); ok && s.Base != nil && s.Err == nil && s.Base.Commit != m.deps.Base.Commit {
			// A carry from the workbench: Changes lists what changed
			// since the last review now, not from the next start.
			return tea.Batch(m.changeBase(*s.Base), m.updateReview(msg))
		}
		return m.updateReview(msg)
	}
	if cmd, handled := m.handleHistoryMsg(msg); handled {
		return cmd
	}
	if cmd, handled := m.handleResult(msg); handled {
		return cmd
	}
	return m.broadcast(msg)
}

// handleNav acts on the views' requests to move the reviewer (package
// nav); handled is false for other messages.
func (m *Model) handleNav(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case nav.OpenFileMsg:
		return m.openFile(msg), true
	case nav.SwitchViewMsg:
		m.switchTo(msg.View)
		return nil, true
	case nav.CompareAtBaseMsg:
		return m.compareAtBase(msg), true
	case nav.ErrorMsg:
		m.err = msg.Error()
		return nil, true
	case nav.InfoMsg:
		m.info = msg.Text
		return nil, true
	case viewRequest:
		return m.fromView(msg), true
	case nav.SymbolMsg:
		return m.lookupSymbol(msg), true
	case nav.OutlineMsg:
		return m.lookupOutline(msg), true
	case nav.WordSearchMsg:
		m.pickSearchWord(msg)
		return nil, true
	case symbolsMsg:
		return m.symbolsFound(msg), true
	case nav.CopyMsg:
		return m.copy(msg), true
	case copiedMsg:
		m.copied(msg)
		return nil, true
	case startMsg:
		return m.start(msg.at), true
	case nav.OpenBaseMsg: // o in a diff: the file at the base, in Files
		return m.openFile(msg), true
	case nav.BackMsg:
		if _, ok := m.jumps.last(); ok {
			return m.jumpBack(), true
		}
		return nil, true
	}
	return nil, false
}

// broadcast gives a non-key message to every view.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.tabs))
	for i := range m.tabs {
		v, cmd := m.tabs[i].view.update(msg)
		m.tabs[i].view = v
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// updateActive gives a message to the active view only: the reviewer's
// input. The gd, gr and o requests its Cmd returns are stamped with
// where the reviewer is now (stampRequests).
func (m *Model) updateActive(msg tea.Msg) tea.Cmd {
	v, cmd := m.tabs[m.active].view.update(msg)
	m.tabs[m.active].view = v
	return stampRequests(cmd, m.moved)
}

// updateTab gives a message to the view with id only, if it exists: a
// request meant for it (open a file, go to a line).
func (m *Model) updateTab(id nav.ViewID, msg tea.Msg) tea.Cmd {
	i := m.tabIndex(id)
	if i < 0 {
		return nil
	}
	v, cmd := m.tabs[i].view.update(msg)
	m.tabs[i].view = v
	return cmd
}

// Package release is the Release tab: a release archive compared with the
// tree at the pin (package repo/artifact), its members listed by class,
// riskiest first, with counts. enter opens a member in the diff pane
// (tui/diff) against the tree's blob, or for a modified upstream file
// against the closest catalogued version; a member only in the archive
// (nothing to compare it with) opens read-only in a code view of the
// tab's own, with hostile-character markers or as hex (codeview.go). m
// marks members reviewed: a coverage scope of their own ("release: 2/3
// reviewed"), kept in the review workspace. Findings on a member's lines
// (a, A through the review controller) are archive locations.
package release

import (
	"errors"
	"fmt"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/artifact"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/code"
	"sightline/tui/diff"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

// Deps is what the tab needs, passed by value.
type Deps struct {
	Repo    *repo.Repo
	Pin     repo.Pin
	Archive string   // the release archive (a file; a directory cannot be named by a hash)
	Known   []string // --known directories or catalogues
	WS      *review.Workspace
	Styles  theme.Styles
	Keys    keys.Global // the global keys, for messages that name one
}

// ids numbers comparisons, so a stale answer is dropped.
var ids atomic.Int64

// state is what the tab shows.
type state int

const (
	stateLoading state = iota
	stateReady
	stateFailed
)

// Model is the Release tab.
type Model struct {
	d          Deps
	keys       KeyMap
	diffStyles diff.Styles
	diff       diff.Model

	id       int64
	state    state
	progress int
	err      string // the comparison's failure, or the last action's
	info     string

	rep   *artifact.Report
	ref   review.ArchiveRef
	marks map[string]string // member -> blob marked reviewed, as last written
	rows  []row
	cur   int // index into rows
	top   int

	// marking is the mark being written and queued the ones asked for
	// meanwhile (mark.go): one write at a time, in key order.
	marking *markReq
	queued  []markReq

	open    bool // a member is shown: in the diff pane, or (inCode) the code view
	inCode  bool // the member shown is only in the archive: in the code view
	code    code.Model
	gen     int      // the code view shown; its messages carry it (codeMsg)
	hx      hexState // the hex diff of a binary member (shown.hex)
	seq     int
	shown   *loadedMsg // the member open in the diff pane
	showRes artifact.Result
	width   int
	height  int
}

// row is a class heading or a member of it.
type row struct {
	heading bool
	class   artifact.Class
	count   int
	res     artifact.Result
}

// New builds the tab; Start begins the comparison.
func New(d Deps) Model {
	st := diff.NewStyles(d.Styles)
	km := diff.DefaultKeyMap()
	km.Open.SetEnabled(false) // enter opens members here, never a file at the pin
	// The id is fixed here: Start is called on copies (a view's init).
	return Model{d: d, keys: DefaultKeyMap(), diffStyles: st, diff: diff.New(km, st), marks: map[string]string{}, id: ids.Add(1)}
}

// Start runs the comparison in a Cmd, with progress. It changes nothing
// in m, so it may be called on a copy.
func (m Model) Start() tea.Cmd {
	ch := make(chan int, 1)
	return tea.Batch(compareCmd(m.d, m.id, ch), waitProgress(m.id, ch))
}

// KeyMap is the tab's list keys.
func (m Model) KeyMap() KeyMap { return m.keys }

// Diff is the diff pane, for its keys and status.
func (m Model) Diff() diff.Model { return m.diff }

// DiffOpen reports whether a member is open in the diff pane.
func (m Model) DiffOpen() bool { return m.open }

// SetSize gives the tab its area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.diff.SetSize(w, max(1, h-1))
	if m.inCode {
		m.code.SetSize(w, max(1, h-1))
	}
	m.clamp()
}

// Update handles keys (when the tab is active) and the tab's results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case progressMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.progress = msg.members
		return m, waitProgress(msg.id, msg.ch)
	case comparedMsg:
		return m.compared(msg), nil
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		return m.loaded(msg)
	case codeMsg:
		return m.codeUpdate(msg)
	case markedMsg:
		return m.marked(msg)
	case diff.ContextMsg:
		if !m.open || m.inCode || m.shown == nil || m.shown.hex != nil {
			return m, nil
		}
		// Cmds answer in no set order: after "e ]f" the context request
		// can come once another member is on its way (showRes) or shown.
		// Redone, it would show the old member's lines under the new one's
		// name and drop the new one's load; the later request wins.
		if msg.Change != m.shown.file.Change || m.showRes.Path != m.shown.path {
			return m, nil
		}
		m.seq++
		shown := *m.shown
		shown.seq = m.seq
		res, st := m.shown.res, m.diffStyles
		return m, func() tea.Msg { return prepare(shown, res, msg.Context, st) }
	case diff.NavigateMsg:
		if !m.open || m.inCode {
			return m, nil
		}
		return m.step(msg.Delta)
	case nav.ClearSelectionMsg:
		m.diff.ClearSelection()
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

// compared shows the comparison's result.
func (m Model) compared(msg comparedMsg) Model {
	if msg.id != m.id {
		return m
	}
	if msg.err != nil && msg.rep == nil {
		m.state, m.err = stateFailed, msg.err.Error()
		return m
	}
	m.state, m.rep, m.ref = stateReady, msg.rep, msg.ref
	if msg.marks.Reviewed != nil {
		m.marks = msg.marks.Reviewed
	}
	if msg.err != nil {
		m.err = msg.err.Error()
	}
	m.rebuild()
	return m
}

// loaded shows a member in the diff pane, or in the code view when it
// has nothing to be compared with.
func (m Model) loaded(msg loadedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.err = msg.err.Error()
		return m, nil
	}
	if onlyInArchive(msg, msg.res) {
		return m.openCode(msg)
	}
	if msg.hex != nil {
		m.shown, m.open, m.inCode, m.info = &msg, true, false, msg.note
		m.code, m.hx = code.Model{}, hexState{cur: -1}
		m.diff.Blur()
		return m, nil
	}
	keep := m.open && !m.inCode && m.shown != nil && m.shown.path == msg.path
	line := 0
	if keep {
		_, line, _, _ = m.diff.Lines()
	}
	m.shown, m.open, m.inCode, m.info = &msg, true, false, msg.note
	m.code = code.Model{}
	if keep && line > 0 {
		m.diff.SetFileAtLine(msg.file, line)
	} else {
		m.diff.SetFile(msg.file, diff.AnchorFirstHunk)
	}
	m.diff.Focus()
	return m, nil
}

// key handles a key: the diff pane's while it is open, else the list's.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	m.err, m.info = "", ""
	if m.state != stateReady {
		return m, nil
	}
	if m.open {
		switch {
		case matches(msg, m.keys.Mark):
			// The member shown, not one still loading after ]f: m marks
			// what the reviewer has read.
			if m.shown != nil {
				return m.toggleMark(m.shown.res)
			}
			return m.toggleMark(m.showRes)
		case matches(msg, m.keys.Back) && msg.String() == "q":
			m.Close()
			return m, nil
		case m.inCode:
			return m.codeKey(msg)
		case m.shown != nil && m.shown.hex != nil:
			return m.hexKey(msg)
		}
		var cmd tea.Cmd
		m.diff, cmd = m.diff.Update(msg)
		return m, cmd
	}
	switch {
	case matches(msg, m.keys.Down):
		m.move(1)
	case matches(msg, m.keys.Up):
		m.move(-1)
	case matches(msg, m.keys.Open):
		return m.openRow()
	case matches(msg, m.keys.Mark):
		if r, ok := m.member(); ok {
			return m.toggleMark(r.res)
		}
		m.err = "put the cursor on a member to mark it reviewed"
	}
	return m, nil
}

// Close closes the diff pane, back to the list; it reports whether one
// was open.
func (m *Model) Close() bool {
	if !m.open {
		return false
	}
	m.open, m.shown, m.inCode = false, nil, false
	m.seq++ // a load still on its way (]f, e) would open the pane again
	m.code = code.Model{}
	m.diff.Blur()
	return true
}

// openRow opens the member under the cursor.
func (m Model) openRow() (Model, tea.Cmd) {
	r, ok := m.member()
	if !ok {
		return m, nil
	}
	switch {
	case r.res.Member == nil:
		m.err = textsafe.Sanitize(r.res.Path) + " is not in the archive (not shipped): read it in Files"
		return m, nil
	case !r.res.Member.HasContent():
		m.err = textsafe.Sanitize(r.res.Path) + " is a " + r.res.Member.Type.String() + ": it has no lines to show"
		return m, nil
	}
	m.seq++
	m.showRes = r.res
	m.info = "reading " + textsafe.Sanitize(r.res.Path) + " from the archive…"
	return m, loadCmd(m.d, m.seq, r.res, diff.DefaultContext, m.diffStyles)
}

// step opens the next (delta 1) or previous member with content (]f, [f).
func (m Model) step(delta int) (Model, tea.Cmd) {
	for i := m.cur + delta; i >= 0 && i < len(m.rows); i += delta {
		r := m.rows[i]
		if !r.heading && r.res.Member != nil && r.res.Member.HasContent() && r.res.Class != artifact.ClassIdentical {
			m.cur = i
			m.clamp()
			return m.openRow()
		}
	}
	m.info = "no further member to open"
	return m, nil
}

// SelectedLines is the lines selected (V) or under the cursor in the open
// diff: the member's, as an archive location, on the + side; the tree's
// file at the pin on the - side of a member that differs from it.
func (m Model) SelectedLines() (nav.Lines, error) {
	if m.open && m.inCode && m.shown != nil {
		return m.codeLines()
	}
	if m.open && m.shown != nil && m.shown.hex != nil {
		return nav.Lines{}, errors.New("a binary member's hex diff has no lines for a finding")
	}
	side, from, to, ok := m.diff.Lines()
	if !m.open || m.shown == nil || !ok {
		return nav.Lines{}, errors.New("open a member (enter) and put the cursor on one of its lines (V selects several) first")
	}
	if side == diff.SidePin {
		ref := m.ref
		return nav.Lines{Path: m.shown.path, Start: from, End: to, Commit: m.d.Pin.Commit, Archive: &ref, Content: m.shown.new}, nil
	}
	if res := m.shown.res; res.Tree != nil { // the shown member's, not one still loading
		return nav.Lines{Path: res.Path, Start: from, End: to, Commit: m.d.Pin.Commit}, nil
	}
	return nav.Lines{}, errors.New("these lines are the upstream file's, not the archive's nor the tree's: select lines on the + side")
}

// Annotating reports whether a member's lines are shown.
func (m Model) Annotating() bool { return m.open }

// Status is the tab's part of the status line: progress while comparing,
// then the release coverage and the action's message.
func (m Model) Status() (extra, err string) {
	switch m.state {
	case stateLoading:
		return fmt.Sprintf("release: comparing %s with the pin… %d members read", textsafe.Sanitize(m.d.Archive), m.progress), ""
	case stateFailed:
		return "", m.err
	}
	done, total := m.Coverage()
	extra = fmt.Sprintf("release: %d/%d reviewed", done, total)
	if m.info != "" {
		extra += " · " + textsafe.Sanitize(m.info)
	}
	return extra, m.err
}

func (m Model) member() (row, bool) {
	if m.cur < 0 || m.cur >= len(m.rows) || m.rows[m.cur].heading {
		return row{}, false
	}
	return m.rows[m.cur], true
}

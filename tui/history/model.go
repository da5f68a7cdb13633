// Package history is the History view: the commits reachable from the pin
// (or only those that touched one path), newest first, with the selected
// commit's whole message in a detail pane. enter shows a commit's diff
// against its first parent in a comparison page; B asks to make a commit
// the base of the Changes view.
package history

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/compare"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// BackMsg says the reviewer left what the owner opened from elsewhere (a
// file's history from ShowPath, a commit from ShowCommit): the owner goes
// back to where that came from.
type BackMsg struct{}

// SetBaseMsg asks the application to compare the pin against Commit in
// the Changes view.
type SetBaseMsg struct {
	Commit repo.Hash
	Label  string // how to name it: its short hash
}

// Model is the History view.
type Model struct {
	src    Source
	keys   KeyMap
	styles theme.Styles
	pin    repo.Hash

	path    string      // "" for every commit, else the path whose history this is
	rng     reviewRange // base..pin, when there is a base (range.go)
	refs    map[repo.Hash][]repo.Ref
	commits []repo.Commit
	cursor  int
	mover   keys.Mover // the shared movement keys' state (a pending g)
	top     int
	msgTop  int  // the detail pane's first line (J/K scroll it)
	parents bool // the detail pane lists the selected commit's parents (p)
	done    bool // the walk finished (or stopped at maxCommits)
	err     error
	note    string

	seq       int
	cancel    context.CancelFunc
	paused    *feed     // the paused walk, until more is asked
	commitSeq int       // numbers ShowCommit's reads
	pageSize  int       // commits listed before the walk waits for scrolling
	started   bool      // a walk was started once
	toEnd     bool      // G was pressed: list every page and follow the end
	find      keys.Find // the list's / search and : prompt (find.go)

	diff     compare.Model
	showDiff bool
	diffOf   repo.Hash
	diffBack bool // closing the diff sends BackMsg: ShowCommit opened it

	width, height int
	focused       bool
}

// New returns a History view of the commits reachable from pin; call Load
// (or ShowPath) to start listing them.
func New(src Source, pin repo.Hash, keys KeyMap, styles theme.Styles) Model {
	return Model{src: src, pin: pin, keys: keys, styles: styles, diff: compare.New(src, styles), pageSize: defaultPageSize, find: newFind()}
}

// loadMsg makes the view of pin start listing (see Init).
type loadMsg struct{ pin repo.Hash }

// Init returns the Cmd that makes the view start listing in its next
// Update, for a caller holding the view by value.
func (m Model) Init() tea.Cmd {
	msg := loadMsg{pin: m.pin}
	return func() tea.Msg { return msg }
}

// Load lists every commit reachable from the pin, unless that listing is
// already shown or running.
func (m *Model) Load() tea.Cmd {
	if m.started {
		return nil
	}
	return tea.Batch(m.walk(""), readDecorations(m.src))
}

// ShowPath lists only the commits that touched path (a file or directory).
// esc on that list sends BackMsg, for the owner to go back to the file,
// and lists every commit again.
func (m *Model) ShowPath(path string) tea.Cmd {
	m.showDiff = false
	return m.walk(path)
}

// Path returns the path the list is filtered by ("" for none).
func (m Model) Path() string { return m.path }

// Commits returns the commits listed so far.
func (m Model) Commits() []repo.Commit { return m.commits }

// Loading reports whether a walk is running.
func (m Model) Loading() bool { return m.cancel != nil }

// ShowingDiff reports whether a commit's diff is open, and which.
func (m Model) ShowingDiff() (repo.Hash, bool) { return m.diffOf, m.showDiff }

// Compare returns the page showing a commit's diff.
func (m Model) Compare() compare.Model { return m.diff }

func (m *Model) walk(path string) tea.Cmd {
	m.stop()
	m.seq++
	m.commitSeq++
	m.started = true
	m.path, m.commits, m.cursor, m.top, m.done, m.err, m.note = path, nil, 0, 0, false, nil, ""
	m.msgTop, m.parents = 0, false
	m.paused, m.toEnd = nil, false
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	hide := repo.ZeroHash
	if path == "" && m.rng.on() {
		hide = m.rng.base
	}
	return startWalk(ctx, m.src, m.pin, hide, path, m.seq, m.pageSize)
}

// stop cancels a running walk; its late batches no longer match seq.
func (m *Model) stop() {
	m.toEnd = false
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
		m.seq++
	}
}

// ShowCommit opens commit h's diff against its first parent at path's
// change, on new-side line (blame's enter: path and line as they were in
// h): the commit is read first, in a Cmd.
func (m *Model) ShowCommit(h repo.Hash, path string, line int) tea.Cmd {
	m.commitSeq++
	return readCommit(m.src, h, path, line, m.commitSeq)
}

// openDiff shows c's diff against its first parent (an empty tree for a
// root commit), at path's change and new-side line when path is set.
func (m *Model) openDiff(c repo.Commit, path string, line int) tea.Cmd {
	m.commitSeq++ // a blame enter's commit still being read is not wanted now
	base, baseLabel := repo.ZeroHash, "empty tree"
	if len(c.Parents) > 0 {
		base, baseLabel = c.Parents[0], "first parent"
	}
	m.showDiff, m.diffOf = true, c.Hash
	m.diff.SetSize(m.width, m.height)
	cmd := m.diff.CompareAt(base, c.Hash, baseLabel, c.Subject(), path, line)
	if m.focused {
		return tea.Batch(cmd, m.diff.Focus())
	}
	return cmd
}

// SetSize sets the view's outer size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.diff.SetSize(w, h)
	m.scroll()
}

// Focus gives the view the keyboard.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	if m.showDiff {
		return m.diff.Focus()
	}
	return nil
}

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false; m.mover.Reset(); m.diff.Blur() }

// WithDiffKeys returns the view with its commit diff bound as k (a
// config's bindings for the Changes panes, which the diff shares).
func (m Model) WithDiffKeys(k compare.KeyMap) Model {
	m.diff = compare.NewWithKeys(m.src, m.styles, k)
	return m
}

// KeyMap returns the view's bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// HelpKeys returns the bindings in force, for the help line.
func (m Model) HelpKeys() []key.Binding {
	if m.showDiff {
		return m.diff.HelpKeys()
	}
	return m.keys.ShortHelp()
}

// Selected returns the commit under the cursor.
func (m Model) Selected() (repo.Commit, bool) {
	if m.cursor < len(m.commits) {
		return m.commits[m.cursor], true
	}
	return repo.Commit{}, false
}

// title is what the list shows above itself.
func (m Model) title() string {
	what, soFar := m.rng.title(len(m.commits), m.pin), " so far"
	if m.path != "" {
		what = fmt.Sprintf("%s touching %s (from %s; renames not followed)", commits(len(m.commits)), textsafe.Sanitize(m.path), m.pin.Short())
		if m.cancel != nil && !m.toEnd && m.paused == nil && m.err == nil {
			// The progress first: a long path would push it off the line.
			return fmt.Sprintf("%s touching %s so far, walking history… esc cancels (from %s)", commits(len(m.commits)), textsafe.Sanitize(m.path), m.pin.Short())
		}
		soFar = ""
	}
	switch {
	case m.err != nil:
		return what + " · stopped: " + errorText(m.err)
	case m.cancel != nil && m.toEnd:
		return what + soFar + " · going to the oldest… esc cancels"
	case m.cancel != nil && len(m.commits) > 0 && len(m.commits)%m.pageSize == 0:
		return what + soFar + " · scroll down for more"
	case m.cancel != nil:
		return what + soFar + " · walking history… esc cancels"
	case !m.done:
		return what + " · cancelled"
	case len(m.commits) >= maxCommits:
		return what + fmt.Sprintf(" · stopped at %d", maxCommits)
	}
	return what
}

func errorText(err error) string {
	if err == context.Canceled {
		return "cancelled"
	}
	return textsafe.Sanitize(err.Error())
}

// CloseDiff closes the open commit diff, or the per-path list, for q
// closing the innermost view. back is true when it had been opened from
// the Files view (a blamed line's enter, L): the owner then goes back
// there. ok is false when the plain commit list is shown.
func (m *Model) CloseDiff() (cmd tea.Cmd, back, ok bool) {
	m.commitSeq++
	switch {
	case m.showDiff:
		m.showDiff = false
		back, m.diffBack = m.diffBack, false
		return nil, back, true
	case m.path != "":
		return m.walk(""), true, true
	}
	return nil, false, false
}

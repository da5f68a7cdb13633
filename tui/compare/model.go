// Package compare is the comparison page: the Changes list of two commits
// beside the diff of the selected file. It runs the slow work (the tree
// diff, each file's line diff and highlighting) in tea.Cmds, shows a
// progress line meanwhile, cancels it on esc, and drops late results.
// The Changes tab shows one; the History tab opens one for a commit.
package compare

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/changes"
	"sightline/tui/diff"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// maxCached bounds the prepared file diffs kept for quick return.
const maxCached = 64

// Model is the comparison page.
type Model struct {
	id         int64 // tags this page's results; see ownMsg
	src        Source
	styles     theme.Styles
	diffStyles diff.Styles
	keys       keyMap

	base, head repo.Hash
	title      string
	baseName   string // the base as the title names it (openbase.go)
	list       changes.Model
	diff       diff.Model
	focusDiff  bool
	zoomed     bool // the focused pane alone at full width (z)
	focused    bool
	width      int
	height     int

	seq          int                // numbers changes loads
	fileSeq      int                // numbers file loads
	current      int                // the change whose diff was last requested
	hasCurrent   bool               // ... if any since the last comparison
	cancel       context.CancelFunc // cancels the running names or counts load
	fileCancel   context.CancelFunc // cancels the running file load
	progress     string             // the changes load's progress line
	fileProgress string             // the file load's progress line
	note         string             // the last outcome (error, "cancelled")
	loaded       bool               // the changes of base..head are listed
	counted      bool               // ... with their line counts
	cache        map[FileKey]diff.File
	wantPath     string      // CompareAt's file, shown first once listed
	wantLine     int         // ... at this new-side line (0: its top)
	wantOld      bool        // ... or at this old-side line
	rv           reviewMarks // what it last drew of the review (review.go)
	find         keys.Find   // the / search and : prompt of either pane (find.go)
	hd           hexDiff     // a binary file's hex diff, in the diff's place (hexdiff.go)
}

// KeyMap is the bindings of the page's two panes: the changed-file list
// and the diff (a config may rebind them).
type KeyMap struct {
	List changes.KeyMap
	Diff diff.KeyMap
}

// DefaultKeyMap returns the panes' default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{List: changes.DefaultKeyMap(), Diff: diff.DefaultKeyMap()}
}

// New returns an empty page reading from src.
func New(src Source, styles theme.Styles) Model {
	return NewWithKeys(src, styles, DefaultKeyMap())
}

// NewWithKeys is New with the panes' bindings k.
func NewWithKeys(src Source, styles theme.Styles, k KeyMap) Model {
	return Model{
		id:         lastID.Add(1),
		src:        src,
		styles:     styles,
		diffStyles: diff.NewStyles(styles),
		keys:       defaultKeyMap(),
		list:       changes.New(k.List, styles),
		diff:       diff.New(k.Diff, diff.NewStyles(styles)),
		cache:      map[FileKey]diff.File{},
		find:       keys.NewFind(),
	}
}

// Compare starts listing the changes from base to head; the labels (the
// revisions as the user named them) are untrusted and sanitized here.
func (m *Model) Compare(base, head repo.Hash, baseLabel, headLabel string) tea.Cmd {
	m.stop()
	m.base, m.head, m.loaded, m.counted, m.note = base, head, false, false, ""
	m.wantPath, m.wantLine, m.wantOld = "", 0, false
	m.baseName = label(baseLabel, base)
	m.title = m.baseName + " → " + label(headLabel, head)
	m.list.SetChanges(m.title, nil, false)
	m.diff.Clear()
	m.hasCurrent = false
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.progress = "listing changed files…"
	return loadNames(ctx, m.src, m.id, base, head, m.seq)
}

// CompareAt is Compare that then shows path's diff first, with the
// keyboard in the diff and the cursor on new-side line (0: the file's
// top): a blamed line or a file's history leads to the change that made
// it, not to the commit's first file. path may name a directory: its
// first changed file is shown.
func (m *Model) CompareAt(base, head repo.Hash, baseLabel, headLabel, path string, line int) tea.Cmd {
	cmd := m.Compare(base, head, baseLabel, headLabel)
	m.wantPath, m.wantLine = path, line
	return cmd
}

// CompareAtBase is CompareAt with line on the base (old) side: a
// finding's step on a removed line opens on that line. When base..head
// is already listed it is not listed again.
func (m *Model) CompareAtBase(base, head repo.Hash, baseLabel, headLabel, path string, line int) tea.Cmd {
	if m.loaded && m.base == base && m.head == head {
		m.wantPath, m.wantLine, m.wantOld = path, line, true
		return m.openFirst()
	}
	cmd := m.Compare(base, head, baseLabel, headLabel)
	m.wantPath, m.wantLine, m.wantOld = path, line, true
	return cmd
}

// label names a compared commit: the name the user gave it, sanitized,
// with its short hash unless the name is already that hash (B names the
// base by its hash).
func label(name string, h repo.Hash) string {
	n := textsafe.Sanitize(name)
	if len(n) >= 4 && strings.HasPrefix(h.String(), strings.ToLower(n)) {
		return h.Short()
	}
	return fmt.Sprintf("%s (%s)", n, h.Short())
}

// ID returns the tag of the page's own messages (see BackMsg).
func (m Model) ID() int64 { return m.id }

// count starts counting the lines of the listed changes.
func (m *Model) count() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.progress = "counting changed lines…"
	prog := make(chan [2]int, 1)
	return tea.Batch(loadCounts(ctx, m.src, m.id, m.base, m.head, m.seq, prog), waitProgress(m.id, m.seq, prog))
}

// Start is Compare for a caller holding the page by value (an Init): it
// returns a Cmd whose message makes the page, in its next Update, start
// the comparison.
func (m Model) Start(base, head repo.Hash, baseLabel, headLabel string) tea.Cmd {
	msg := startMsg{id: m.id, base: base, head: head, baseLabel: baseLabel, headLabel: headLabel}
	return func() tea.Msg { return msg }
}

// Comparison returns the commits compared and whether their changes are
// listed.
func (m Model) Comparison() (base, head repo.Hash, loaded bool) { return m.base, m.head, m.loaded }

// Busy reports whether a load is running (esc then cancels it).
func (m Model) Busy() bool { return m.cancel != nil || m.fileCancel != nil }

// stop cancels the running loads and forgets them; their results, when
// they come, no longer match a sequence number and are dropped.
func (m *Model) stop() {
	m.stopFile()
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.progress = ""
	m.seq++
}

// stopFile cancels the running file load.
func (m *Model) stopFile() {
	if m.fileCancel != nil {
		m.fileCancel()
		m.fileCancel = nil
	}
	m.fileProgress = ""
	m.fileSeq++
	m.hasCurrent = false
}

// SetSize sets the page's outer size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	lw, dw := m.listWidth(), max(0, w-m.listWidth()-1)
	if m.zoomed {
		lw, dw = w, w
	}
	m.list.SetSize(lw, h-1)
	m.diff.SetSize(dw, h-1)
}

// Zoomed reports whether the focused pane is shown alone (z).
func (m Model) Zoomed() bool { return m.zoomed }

// listWidth gives the list a third of the width, within limits.
func (m Model) listWidth() int { return max(min(m.width/3, 60), min(24, m.width/2)) }

// Focus gives the page the keyboard (the list or the diff, whichever had it).
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	if m.focusDiff {
		m.list.Blur()
		return m.diff.Focus()
	}
	m.diff.Blur()
	return m.list.Focus()
}

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false; m.list.Blur(); m.diff.Blur() }

// FocusDiff moves the keyboard to the diff (true) or the list (false).
func (m *Model) FocusDiff(on bool) tea.Cmd {
	m.focusDiff = on
	if !m.focused {
		return nil
	}
	return m.Focus()
}

// DiffFocused reports whether the diff has the keyboard.
func (m Model) DiffFocused() bool { return m.focusDiff }

// Diff returns the diff pane, for tests and help.
func (m Model) Diff() diff.Model { return m.diff }

// List returns the Changes list, for tests and help.
func (m Model) List() changes.Model { return m.list }

// HelpKeys returns the bindings of the focused part, for the help line.
func (m Model) HelpKeys() []key.Binding {
	if m.focusDiff {
		return append(m.diff.KeyMap().ShortHelp(), m.keys.Back, m.keys.Zoom)
	}
	return append(m.list.KeyMap().ShortHelp(), m.keys.Back, m.keys.Zoom)
}

// ZoomKey returns the zoom binding, for help.
func ZoomKey() key.Binding { return defaultKeyMap().Zoom }

// errCancelled is shown when the user cancels a load.
var errCancelled = errors.New("cancelled")

// CloseInner closes what enter opened, innermost first: a binary file's
// hex diff, then the diff (the list gets the focus back). ok is false at
// the list, where q quits.
func (m Model) CloseInner() (Model, tea.Cmd, bool) {
	switch {
	case m.hd.open && m.focusDiff:
		m.closeHexDiff()
		return m, nil, true
	case m.focusDiff:
		cmd := m.FocusDiff(false)
		return m, cmd, true
	}
	return m, nil, false
}

package compare

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/changes"
	"sightline/tui/diff"
	"sightline/tui/nav"
)

// Update routes results to their part and keys to the focused part.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case startMsg:
		if msg.id != m.id {
			return m, nil
		}
		return m, m.Compare(msg.base, msg.head, msg.baseLabel, msg.headLabel)
	case ChangesMsg:
		if msg.ID != m.id {
			return m, nil
		}
		return m.changesLoaded(msg)
	case progressMsg:
		if msg.id != m.id || msg.seq != m.seq || m.cancel == nil {
			return m, nil
		}
		m.progress = fmt.Sprintf("counting changed lines: %d/%d files", msg.done, msg.total)
		return m, waitProgress(msg.id, msg.seq, msg.ch)
	case FileMsg:
		if msg.ID != m.id {
			return m, nil
		}
		return m, m.fileLoaded(msg)
	case sizesMsg:
		if msg.id == m.id && msg.seq == m.seq {
			m.list.SetSizes(msg.sizes)
		}
		return m, nil
	case hexDiffMsg:
		m.hexDiffLoaded(msg)
		return m, nil
	case ownMsg:
		if msg.id != m.id {
			return m, nil
		}
		return m.fromPane(msg.msg)
	case tea.KeyMsg:
		return m.handleKey(msg)
	case nav.SearchWordMsg: // the word picked for * (searchWord)
		if m.focusDiff {
			m.note = m.searchFor(msg.Word)
		}
		return m, nil
	}
	return m, nil
}

// fromPane acts on what the list or the diff asked for; anything else
// (opening a file) goes on up to the root.
func (m Model) fromPane(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case changes.SelectMsg:
		var cmd tea.Cmd
		// Cmds deliver their messages in no set order, so the SelectMsgs
		// of a burst of j's can come back shuffled: the list's cursor,
		// not the message, says which file the reviewer is on. Else the
		// diff shown could be another file than the one selected.
		i := m.list.Cursor()
		// The diff already shown (or on its way) stays where the reviewer
		// has moved in it; only another file is loaded.
		if !m.hasCurrent || i != m.current {
			cmd = m.loadIndex(i, diff.AnchorTop, 0, diff.DefaultContext)
		}
		// Open moved the keyboard to the diff when its key was pressed
		// (handleKey): doing it again here would take it back from a
		// reviewer who has pressed esc since.
		return m, cmd
	case diff.NavigateMsg:
		return m, m.navigate(msg)
	case diff.ContextMsg:
		// e or - asked for more or less context around a line of this
		// file: after a ]f that overtook it, another file is selected,
		// and that file is not to be reloaded at this one's line.
		if cs, i := m.list.Changes(), m.list.Cursor(); i < 0 || i >= len(cs) || !sameFile(cs[i], msg.Change) {
			return m, nil
		}
		return m, m.loadIndex(m.list.Cursor(), diff.AnchorTop, max(1, msg.Line), msg.Context)
	case diff.HexDiffMsg:
		return m, m.openHexDiff(msg.Change)
	}
	return m, func() tea.Msg { return msg }
}

func (m Model) handleKey(k tea.KeyMsg) (Model, tea.Cmd) {
	if m.hd.open && m.focusDiff {
		return m.hexDiffKey(k)
	}
	if m2, cmd, done := m.findKey(k); done {
		return m2, cmd
	}
	switch {
	case key.Matches(k, m.keys.Back):
		switch {
		case m.Busy():
			m.stop()
			m.note = errCancelled.Error()
			return m, nil
		case m.focusDiff && m.diff.Selecting():
			m.diff.ClearSelection() // esc drops a V selection first
			return m, nil
		case m.focusDiff:
			return m, m.FocusDiff(false)
		}
		back := BackMsg{ID: m.id}
		return m, func() tea.Msg { return back }
	case key.Matches(k, m.keys.SwitchPane):
		return m, m.FocusDiff(!m.focusDiff) // a zoom follows the focus
	case key.Matches(k, m.keys.Zoom):
		m.zoomed = !m.zoomed
		m.SetSize(m.width, m.height)
		return m, nil
	case key.Matches(k, m.keys.OpenBase):
		return m.openBase()
	}
	m.note = ""
	var cmd tea.Cmd
	if m.focusDiff {
		m.diff, cmd = m.diff.Update(k)
		return m, own(m.id, cmd)
	}
	m.list, cmd = m.list.Update(k)
	if key.Matches(k, m.list.KeyMap().Open) && cmd != nil {
		// Give the diff the keyboard now rather than when the list's
		// SelectMsg comes back: keys typed right after enter (]c) are
		// meant for the diff, and would otherwise reach the list.
		return m, tea.Batch(own(m.id, cmd), m.FocusDiff(true))
	}
	return m, own(m.id, cmd)
}

// changesLoaded lists the names of a finished load, then starts counting
// and shows the first file; or puts the counts in.
func (m Model) changesLoaded(msg ChangesMsg) (Model, tea.Cmd) {
	if msg.Seq != m.seq {
		return m, nil
	}
	m.cancel, m.progress = nil, ""
	switch {
	case msg.Err != nil && msg.Counted:
		m.note = "line counts: " + errorText(msg.Err)
		return m, nil
	case msg.Err != nil:
		m.note = errorText(msg.Err)
		return m, nil
	case msg.Counted:
		m.counted = true
		m.list.SetCounted(msg.Changes)
		return m, loadSizes(context.Background(), m.src, m.id, m.seq, msg.Changes)
	}
	m.loaded = true
	m.list.SetChanges(m.title, msg.Changes, false)
	if len(msg.Changes) == 0 {
		m.counted = true
		m.list.SetCounted(nil)
		return m, nil
	}
	return m, tea.Batch(m.count(), m.openFirst())
}

// openFirst shows the file CompareAt asked for, else the first change.
func (m *Model) openFirst() tea.Cmd {
	path, line, old := m.wantPath, m.wantLine, m.wantOld
	m.wantPath, m.wantLine, m.wantOld = "", 0, false
	if path == "" {
		return m.loadIndex(0, diff.AnchorTop, 0, diff.DefaultContext)
	}
	for i, c := range m.list.Changes() {
		if p := c.Path(); (!old && (p == path || strings.HasPrefix(p, path+"/"))) || c.OldPath == path {
			m.list.Select(i)
			return tea.Batch(m.loadIndexAt(i, line, old), m.FocusDiff(true))
		}
	}
	m.note = textsafe.Sanitize(path) + " is not among this commit's changes; showing its first file"
	return m.loadIndex(0, diff.AnchorTop, 0, diff.DefaultContext)
}

func (m *Model) fileLoaded(msg FileMsg) tea.Cmd {
	if !errors.Is(msg.File.Err, context.Canceled) {
		if len(m.cache) >= maxCached {
			clear(m.cache)
		}
		m.cache[msg.Key] = msg.File
	}
	if msg.Seq != m.fileSeq {
		return nil
	}
	m.fileCancel, m.fileProgress = nil, ""
	m.show(msg)
	return m.walkOn(msg)
}

// walkOn continues a ]c or [c walk past a file that turned out to have no
// hunks (before the counts are known, a binary file is only found out
// when read).
func (m *Model) walkOn(msg FileMsg) tea.Cmd {
	if len(msg.File.Hunks) > 0 || msg.File.Err != nil {
		return nil
	}
	switch msg.Anchor {
	case diff.AnchorFirstHunk:
		return m.navigate(diff.NavigateMsg{Delta: 1, Hunk: true})
	case diff.AnchorLastHunk:
		return m.navigate(diff.NavigateMsg{Delta: -1, Hunk: true})
	}
	return nil
}

func (m *Model) show(msg FileMsg) {
	m.closeHexDiff()
	if msg.Line > 0 && msg.Old {
		m.diff.SetFileAtOldLine(msg.File, msg.Line)
	} else if msg.Line > 0 {
		m.diff.SetFileAtLine(msg.File, msg.Line)
	} else {
		m.diff.SetFile(msg.File, msg.Anchor)
	}
	m.diff.SetPosition(msg.Index, len(m.list.Changes()))
}

// loadIndexAt shows change i at line, an old-side one when old.
func (m *Model) loadIndexAt(i, line int, old bool) tea.Cmd {
	return m.load(i, diff.AnchorTop, line, old, diff.DefaultContext)
}

// loadIndex shows change i: at once from the cache, else through a Cmd.
func (m *Model) loadIndex(i int, a diff.Anchor, line, ctxLines int) tea.Cmd {
	return m.load(i, a, line, false, ctxLines)
}

func (m *Model) load(i int, a diff.Anchor, line int, old bool, ctxLines int) tea.Cmd {
	cs := m.list.Changes()
	if i < 0 || i >= len(cs) {
		return nil
	}
	ch := cs[i]
	key := FileKey{Old: ch.OldHash, New: ch.NewHash, Path: ch.Path(), Context: ctxLines}
	msg := FileMsg{ID: m.id, Anchor: a, Line: line, Old: old, Index: i}
	m.stopFile() // an older file load's answer is no longer wanted
	m.current, m.hasCurrent = i, true
	msg.Seq = m.fileSeq
	if f, ok := m.cache[key]; ok {
		msg.File = f
		m.show(msg)
		return m.walkOn(msg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.fileCancel = cancel
	m.fileProgress = "diffing " + textsafe.Sanitize(ch.Path()) + "…"
	return loadFile(ctx, m.src, ch, m.counted, key, msg, m.diffStyles)
}

// navigate moves to the next or previous file; coming from ]c or [c it
// skips files without hunks and lands on the first or last hunk.
func (m *Model) navigate(n diff.NavigateMsg) tea.Cmd {
	cs := m.list.Changes()
	step := 1
	if n.Delta < 0 {
		step = -1
	}
	for j := m.list.Cursor() + step; j >= 0 && j < len(cs); j += step {
		if n.Hunk && (m.counted && !hasHunks(cs[j]) || cs[j].Binary) {
			continue
		}
		a := diff.AnchorTop
		switch {
		case n.Hunk && step > 0:
			a = diff.AnchorFirstHunk
		case n.Hunk:
			a = diff.AnchorLastHunk
		}
		m.list.Select(j)
		return m.loadIndex(j, a, 0, diff.DefaultContext)
	}
	switch {
	case n.Hunk && step > 0:
		m.note = "last hunk: no more hunks after this one"
	case n.Hunk:
		m.note = "first hunk: no earlier hunks before this one"
	case step > 0:
		m.note = "this is the last file"
	default:
		m.note = "this is the first file"
	}
	return nil
}

// errorText is an error as the page shows it: one sanitized line.
func errorText(err error) string {
	if errors.Is(err, context.Canceled) {
		return errCancelled.Error()
	}
	return "error: " + textsafe.Sanitize(err.Error())
}

// View draws the list, the diff and the page's status line.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var body string
	switch {
	case m.zoomed && m.focusDiff:
		body = m.diffView()
	case m.zoomed:
		body = m.list.View()
	default:
		sep := strings.TrimSuffix(strings.Repeat("│\n", max(0, m.height-1)), "\n")
		body = lipgloss.JoinHorizontal(lipgloss.Top, m.list.View(), m.styles.Muted.Render(sep), m.diffView())
	}
	return body + "\n" + m.statusLine()
}

// diffView is the diff pane, or a binary file's hex diff in its place.
func (m Model) diffView() string {
	if m.hd.open {
		return m.hexDiffView()
	}
	return m.diff.View()
}

// statusLine is the progress of a running load, or the last outcome.
func (m Model) statusLine() string {
	var s string
	switch {
	case m.progress != "" || m.fileProgress != "":
		p := strings.TrimPrefix(m.progress+" · "+m.fileProgress, " · ")
		return m.styles.Title.Render(fitLine(strings.TrimSuffix(p, " · ")+" · esc cancels", m.width))
	case m.find.Editing():
		return fitLine(m.find.View(), m.width)
	case m.note != "":
		return m.styles.Error.Render(fitLine(m.note, m.width))
	case m.hd.open:
		s = m.hexDiffStatus()
	case m.focusDiff:
		s = "]c/[c hunks · ]f/[f files · s side by side · e more context · / search · z zoom · enter open at pin · esc list"
	default:
		s = "j/k select · enter read diff · / search paths · z zoom · tab switch pane"
	}
	return m.styles.Muted.Render(fitLine(s, m.width))
}

// sameFile reports whether two changes are of the same file between the
// same blobs (the list's copy carries line counts the diff's may not).
func sameFile(a, b repo.FileChange) bool {
	return a.OldPath == b.OldPath && a.NewPath == b.NewPath && a.OldHash == b.OldHash && a.NewHash == b.NewHash
}

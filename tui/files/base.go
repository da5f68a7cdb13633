package files

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/code"
	"sightline/tui/nav"
	"sightline/tui/statusbar"
)

// baseFile is a changed file shown as it is at a diff's base (o in the
// diff): a code view of its own, read-only and labelled, in place of the
// pin's. Coverage is evidence of what was read at the pin, so nothing
// shown here is ever marked reviewed.
type baseFile struct {
	code   code.Model
	label  string // the base as the diff names it, sanitized
	commit repo.Hash
	path   string
}

// baseMsg carries a result of the base file's code view. Its loads are
// numbered as the pin's code view numbers its own, so untagged, one view
// could take the other's file; tagged, only the base view sees them.
type baseMsg struct{ msg tea.Msg }

// tagBase wraps the messages cmd produces (through batches) in baseMsg.
func tagBase(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = tagBase(c)
			}
			return out
		case nav.InfoMsg:
			return msg // the root's message line (gd, gr: noSymbols), not the view's
		default:
			return baseMsg{msg: msg}
		}
	}
}

// entrySource reads the base file by the entry the diff gave (path, mode,
// blob): the base tree is not walked, and no other path is found.
type entrySource struct {
	code.Source
	e repo.Entry
}

func (s entrySource) Lookup(_ context.Context, _ repo.Hash, path string) (repo.Entry, error) {
	if path != s.e.Path {
		return repo.Entry{}, fmt.Errorf("%q: %w", path, repo.ErrNotFound)
	}
	return s.e, nil
}

// blobStreamer is a source that can stream a blob whole, through the
// repository's reader that checks it against its id at the end.
type blobStreamer interface {
	OpenBlob(ctx context.Context, h repo.Hash) (io.ReadCloser, int64, error)
}

// streamingEntrySource is entrySource over a source that streams: the
// code view then pages a large base file and reads it whole in the
// background, so it is checked against its id as the pin's files are.
// (Embedding the Source interface alone would hide OpenBlob, and a base
// file over the window would be shown cut and never checked.)
type streamingEntrySource struct {
	entrySource
	op blobStreamer
}

func (s streamingEntrySource) OpenBlob(ctx context.Context, h repo.Hash) (io.ReadCloser, int64, error) {
	return s.op.OpenBlob(ctx, h)
}

// baseSource reads the base file by e, streaming when src can.
func baseSource(src code.Source, e repo.Entry) code.Source {
	es := entrySource{Source: src, e: e}
	if op, ok := src.(blobStreamer); ok {
		return streamingEntrySource{entrySource: es, op: op}
	}
	return es
}

// openBase shows msg's file at the base, focused, at its line.
func (m *Model) openBase(msg nav.OpenBaseMsg) tea.Cmd {
	m.base = baseFile{
		code:  code.New(baseSource(m.src, msg.Entry), repo.ZeroHash, m.styles, code.DefaultKeyMap()),
		label: msg.Label, commit: msg.Commit, path: msg.Entry.Path,
	}
	// gd, gr and o would look the base's words up in the pin's index and
	// land in the pin's lines: they say where they work instead.
	m.base.code.SetNoSymbols(fmt.Sprintf("does not look up here: the symbol index is of the pinned tree, not of the base (%s); %s goes back to the diff, where enter opens the file at the pin",
		msg.Label, m.keys.CloseBase.Help().Key))
	m.baseOn = true
	m.SetSize(m.width, m.height)
	cmd := m.base.code.Open(msg.Entry.Path, msg.Line)
	m.setFocus(focusCode)
	return tagBase(cmd)
}

// ShowingBase reports whether the code pane shows a file at the base.
func (m Model) ShowingBase() bool { return m.baseOn }

// CloseBase puts the pin's code view back; ok is false when the base
// view was not shown.
func (m *Model) CloseBase() bool {
	if !m.baseOn {
		return false
	}
	m.baseOn, m.base = false, baseFile{}
	m.setFocus(m.focus)
	return true
}

// baseKey handles a key while the base file is shown in the focused
// code pane: o closes it and goes back; the pin's blame and history do
// not apply; the rest move and search in it.
func (m *Model) baseKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.CloseBase):
		m.CloseBase()
		return func() tea.Msg { return nav.BackMsg{} }
	case key.Matches(msg, m.keys.Blame.Toggle, m.keys.Blame.Show, m.keys.PathHistory):
		info := nav.InfoMsg{Text: "this is the file at the base, read-only: blame and L are of the pin's files (o goes back)"}
		return func() tea.Msg { return info }
	}
	var cmd tea.Cmd
	m.base.code, cmd = m.base.code.Update(msg)
	return tagBase(cmd)
}

// banner labels the base view: what it is and that it is not the pin.
func (m Model) banner(w int) string {
	text := fmt.Sprintf("BASE %s · %s as it was before the change · read-only, not the pin: m marks nothing here · o or q back", m.base.label, textsafe.Sanitize(m.base.path))
	return m.styles.Title.Render(fit(text, w))
}

// errBaseMark is m's answer while the base view is shown.
func (m Model) errBaseMark() error {
	return errors.New("this is " + textsafe.Sanitize(m.base.path) + " at the base (" + m.base.label + "), not the pin: coverage marks only what was read at the pin; o goes back to the diff")
}

// baseStatus fills the status line for the base view.
func (m Model) baseStatus(st statusbar.Status) statusbar.Status {
	st.Path = m.base.path
	st.Line, st.Total = m.base.code.Line(), m.base.code.Total()
	st.Hostile = m.base.code.HostileCount()
	st.Extra = "BASE, read-only: " + m.base.label
	if s := m.base.code.SearchStatus(); s != "" {
		st.Extra += " · " + s
	}
	return st
}

// fit cuts or pads plain text to exactly w columns.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// basePrompt gives the root's : and / prompts to the base view.
func (m *Model) basePrompt(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case GotoLineMsg:
		return tagBase(m.base.code.GotoLine(msg.Line))
	case SearchMsg:
		if msg.Clear {
			m.base.code.ClearSearch()
			return nil
		}
		return tagBase(m.base.code.SetSearch(msg.Query))
	}
	return nil
}

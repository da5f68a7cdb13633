package release

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/artifact"
	"sightline/repo/textsafe"
	"sightline/tui/code"
	"sightline/tui/nav"
)

// A member only in the archive, with nothing to compare it with, opens in
// a code view of the tab's own (hostile-character markers, or the hex
// view for a binary): read-only, labelled with the archive and member.
// The view reads only the member's bytes, read from the archive, through
// memberSource: it cannot show a file of the tree, and m here marks the
// member in the release scope, never a file at the pin.

// memberSource serves one archive member's bytes as a code.Source (and a
// stream, for the hex view's windows). Any other path or blob is refused.
type memberSource struct {
	path string
	hash repo.Hash
	data []byte
}

func (s memberSource) Lookup(_ context.Context, _ repo.Hash, path string) (repo.Entry, error) {
	if path != s.path {
		return repo.Entry{}, fmt.Errorf("%q: %w", path, repo.ErrNotFound)
	}
	return repo.Entry{Name: path, Path: path, Kind: repo.KindFile, Mode: 0o100644, Hash: s.hash}, nil
}

func (s memberSource) ReadBlob(ctx context.Context, h repo.Hash, limit int64) (repo.Blob, error) {
	if h != s.hash {
		return repo.Blob{}, fmt.Errorf("blob %s is not the archive member shown", h.Short())
	}
	return repo.ReadOpenBlob(ctx, bytes.NewReader(s.data), h, int64(len(s.data)), limit)
}

// OpenBlob streams the member: the hex view reads its windows from it.
func (s memberSource) OpenBlob(_ context.Context, h repo.Hash) (io.ReadCloser, int64, error) {
	if h != s.hash {
		return nil, 0, fmt.Errorf("blob %s is not the archive member shown", h.Short())
	}
	return io.NopCloser(bytes.NewReader(s.data)), int64(len(s.data)), nil
}

// codeMsg carries a result of the member's code view. Every code view
// numbers its loads from 1, so untagged, the Files tab's view (which gets
// every broadcast message) could take an archive member for a tree file;
// gen drops the answers of a member shown before.
type codeMsg struct {
	gen int
	msg tea.Msg
}

// tagCode wraps the messages cmd produces (through batches) in codeMsg.
func tagCode(gen int, cmd tea.Cmd) tea.Cmd {
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
				out[i] = tagCode(gen, c)
			}
			return out
		case nav.InfoMsg:
			return msg // the root's message line (gd, gr, o: noSymbols), not the view's
		default:
			return codeMsg{gen: gen, msg: msg}
		}
	}
}

// onlyInArchive reports whether a loaded member has nothing to be
// compared with: not in the tree, no catalogued version on this machine.
func onlyInArchive(msg loadedMsg, res artifact.Result) bool {
	return msg.old == nil && res.Tree == nil
}

// openCode shows the loaded member in the tab's code view.
func (m Model) openCode(msg loadedMsg) (Model, tea.Cmd) {
	if got := artifact.BlobID(msg.new); msg.res.Member != nil && got != msg.res.Member.Blob {
		m.err = fmt.Sprintf("%s changed in the archive since it was compared (blob %s, was %s): reopen the tab",
			textsafe.Sanitize(msg.path), got.Short(), msg.res.Member.Blob.Short())
		return m, nil
	}
	m.gen++
	src := memberSource{path: msg.path, hash: artifact.BlobID(msg.new), data: msg.new}
	m.code = code.New(src, repo.ZeroHash, m.d.Styles, code.DefaultKeyMap())
	m.code.SetSize(m.width, max(1, m.height-1))
	m.code.SetNoSymbols(m.noSymbols(msg.path))
	m.shown, m.open, m.inCode, m.info = &msg, true, true, msg.note
	m.diff.Blur()
	open := m.code.Open(msg.path, 0)
	return m, tagCode(m.gen, tea.Batch(open, m.code.Focus()))
}

// noSymbols is what gd, gr and o say on a member shown here: the symbol
// index is of the pinned tree, where this member has no file (one that
// has opens in the diff pane, whose gd and gr look up at the pin).
func (m Model) noSymbols(path string) string {
	why := fmt.Sprintf("does not look up here: %s is only in %s, not in the pinned tree the symbol index is of; %s searches the member",
		textsafe.Sanitize(path), textsafe.Sanitize(m.ref.Name), m.code.KeyMap().Word.Help().Key)
	if k := m.d.Keys.Symbols; len(k.Keys()) > 0 && k.Enabled() {
		why += ", " + k.Help().Key + " finds definitions at the pin"
	}
	return why
}

// codeUpdate gives the member's code view a message tagged for it.
func (m Model) codeUpdate(msg codeMsg) (Model, tea.Cmd) {
	if !m.inCode || msg.gen != m.gen {
		return m, nil
	}
	var cmd tea.Cmd
	m.code, cmd = m.code.Update(msg.msg)
	return m, tagCode(m.gen, cmd)
}

// codeKey gives a key to the member's code view.
func (m Model) codeKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.code, cmd = m.code.Update(msg)
	return m, tagCode(m.gen, cmd)
}

// codeLines is SelectedLines in the code view: the member's lines, as an
// archive location.
func (m Model) codeLines() (nav.Lines, error) {
	if m.code.HexShown() {
		return nav.Lines{}, errors.New("a binary member shown as hex has no lines for a finding: x shows it as text")
	}
	from, to, ok := m.code.Selection()
	if !ok {
		from = m.code.Line()
		to = from
	}
	if from < 1 {
		return nav.Lines{}, errors.New("the member is still loading: try again")
	}
	ref := m.ref
	return nav.Lines{Path: m.shown.path, Start: from, End: to, Commit: m.d.Pin.Commit, Archive: &ref, Content: m.shown.new}, nil
}

// Code is the member's code view, for its keys and status; CodeOpen
// reports whether it is shown.
func (m Model) Code() code.Model { return m.code }

// CodeOpen reports whether a member only in the archive is shown in the
// code view.
func (m Model) CodeOpen() bool { return m.open && m.inCode }

// codeTitle labels the code view: the archive, the member, read-only.
func (m Model) codeTitle(done, total int) string {
	return fmt.Sprintf("%s: %s (only in the archive, read-only) · release: %d/%d reviewed",
		textsafe.Sanitize(m.ref.Name), textsafe.Sanitize(m.shown.path), done, total)
}

// ShownPath is the member shown (raw), or "" in the list.
func (m Model) ShownPath() string {
	if !m.open || m.shown == nil {
		return ""
	}
	return m.shown.path
}

package code

import (
	"context"
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// The hostile characters of a file larger than the window are counted
// over the whole blob in the background (HOST-16: characters hidden past
// the first 16 MiB must still be counted); until then, and if that fails,
// the count is the window's and the banner says so.

// HostileCountedMsg carries the hostile characters of the whole blob Hash,
// counted for the file load Seq.
type HostileCountedMsg struct {
	Seq     int
	Hash    repo.Hash
	Summary textsafe.Summary
	Err     error
}

// wholeCount is the whole-file count of the open large file.
type wholeCount struct {
	hash repo.Hash
	sum  textsafe.Summary
	done bool
	err  error
	stop context.CancelFunc // cancels a count still running
}

// startWholeCount counts the hostile characters of the open paged file in
// the background; a count still running for another file is cancelled.
func (m *Model) startWholeCount() tea.Cmd {
	if m.whole.stop != nil {
		m.whole.stop()
	}
	m.whole = wholeCount{}
	op, ok := m.src.(opener)
	d := m.doc
	if !ok || d == nil || !d.Paged || !d.AsText {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.whole.stop = cancel
	h, seq := d.Blob.Hash, m.seq
	return func() tea.Msg {
		msg := HostileCountedMsg{Seq: seq, Hash: h}
		rd, _, err := op.OpenBlob(ctx, h)
		if err != nil {
			msg.Err = err
			return msg
		}
		defer func() { _ = rd.Close() }()
		msg.Err = textsafe.ScanReader(ctxReader{ctx, rd}, func(is textsafe.Issue) error {
			msg.Summary.Add(is)
			return nil
		})
		return msg
	}
}

// wholeCounted keeps a whole-file count that answers the open file.
func (m *Model) wholeCounted(msg HostileCountedMsg) {
	if m.doc == nil || msg.Seq != m.seq || msg.Hash != m.doc.Blob.Hash {
		return
	}
	m.whole.stop = nil
	m.whole.hash, m.whole.sum, m.whole.done, m.whole.err = msg.Hash, msg.Summary, true, msg.Err
	// A mismatch was put on the Doc by Update (mismatch.go).
}

// wholeKnown reports whether the whole-file count of the open paged file
// is in.
func (m Model) wholeKnown() bool {
	return m.doc != nil && m.doc.Paged && m.whole.done && m.whole.err == nil && m.whole.hash == m.doc.Blob.Hash
}

// HostileCountIsWhole reports whether HostileCount covers the whole file:
// false while the whole of a file larger than the window is being counted
// (or could not be), when the count is the loaded window's.
func (m Model) HostileCountIsWhole() bool {
	return m.doc == nil || !m.doc.Paged || m.wholeKnown()
}

// hostileBanner is the banner on hostile characters ("" for none): for a
// file shown a window at a time it gives the whole file's count when it is
// in and says which part a count covers.
func (m Model) hostileBanner() string {
	d := m.doc
	win := d.Summary.String()
	hasWin := win != "" && d.Summary.Total() > 0
	const marked = "marked ! in the gutter; ! jumps to the next"
	switch {
	case !d.Paged:
		if !hasWin {
			return ""
		}
		return fmt.Sprintf("⚠ %s (%s)", win, marked)
	case m.wholeKnown():
		if m.whole.sum.Total() == 0 {
			return ""
		}
		part := "none"
		if hasWin {
			part = win
		}
		return fmt.Sprintf("⚠ whole file: %s; in lines %s–%s: %s (%s)", m.whole.sum.String(), commas(d.Base+1), commas(d.Base+len(d.Lines)), part, marked)
	}
	after := "counting the whole file …"
	if m.whole.err != nil {
		after = "the whole file could not be counted: " + m.whole.err.Error()
	}
	if !hasWin {
		win = "no hostile characters"
	}
	return fmt.Sprintf("⚠ in lines %s–%s: %s; %s", commas(d.Base+1), commas(d.Base+len(d.Lines)), win, after)
}

// ctxReader stops a read once ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

package code

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// The hostile characters of a file larger than the window are counted
// over the whole blob in the background (HOST-16: characters hidden past
// the first 16 MiB must still be counted); until then, and if that fails,
// the count is the window's and the banner says so. The same read checks
// the blob against its id (HOST-28, mismatch.go): the repository's stream
// fails at the end on a substitute. A binary file shown as hex is read
// whole too, for that check only: its bytes are not scanned, so its count
// stays the window's, as for any binary file.

// HostileCountedMsg carries the hostile characters of the whole blob Hash,
// counted for the file load Seq; Scanned is false for a binary blob, read
// whole only to check it against its id, whose Summary counts nothing.
type HostileCountedMsg struct {
	Seq     int
	Hash    repo.Hash
	Summary textsafe.Summary
	Scanned bool
	Err     error
}

// wholeCount is the whole-file read of the open large file: its hostile
// count (text files) and its id check.
type wholeCount struct {
	hash    repo.Hash
	sum     textsafe.Summary
	scanned bool // sum counts the whole blob (a text file)
	done    bool
	err     error
	stop    context.CancelFunc // cancels a read still running
}

// startWholeCount reads the open paged file whole in the background: a
// text file's hostile characters are counted, a binary file's bytes only
// drained; either way the stream checks the blob against its id. A read
// still running for another file is cancelled.
func (m *Model) startWholeCount() tea.Cmd {
	if m.whole.stop != nil {
		m.whole.stop()
	}
	m.whole = wholeCount{}
	op, ok := m.src.(opener)
	d := m.doc
	if !ok || d == nil || !d.Paged {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.whole.stop = cancel
	h, seq, text := d.Blob.Hash, m.seq, d.AsText
	return func() tea.Msg {
		msg := HostileCountedMsg{Seq: seq, Hash: h, Scanned: text}
		rd, _, err := op.OpenBlob(ctx, h)
		if err != nil {
			msg.Err = err
			return msg
		}
		defer func() { _ = rd.Close() }()
		if !text {
			_, msg.Err = io.Copy(io.Discard, ctxReader{ctx, rd})
			return msg
		}
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
	m.whole.hash, m.whole.sum, m.whole.scanned, m.whole.done, m.whole.err = msg.Hash, msg.Summary, msg.Scanned, true, msg.Err
	// A mismatch was put on the Doc by Update (mismatch.go).
}

// wholeKnown reports whether the whole-file count of the open paged file
// is in (never for a binary file, whose bytes are not scanned).
func (m Model) wholeKnown() bool {
	return m.doc != nil && m.doc.Paged && m.whole.done && m.whole.scanned && m.whole.err == nil && m.whole.hash == m.doc.Blob.Hash
}

// HostileCountIsWhole reports whether HostileCount covers the whole file:
// false while the whole of a file larger than the window is being counted
// (or could not be), when the count is the loaded window's.
func (m Model) HostileCountIsWhole() bool {
	return m.doc == nil || !m.doc.Paged || m.wholeKnown()
}

// HostileCountNote says, for the status line, what the hostile count of
// a file shown a window at a time covers ("" when it covers the whole
// file): the loaded lines while the rest is being counted, or only them
// when the rest is not (a binary file's bytes are not scanned; a count
// that failed has its reason in the banner).
func (m Model) HostileCountNote() string {
	switch {
	case m.HostileCountIsWhole():
		return ""
	case m.doc.AsText && !m.whole.done:
		return "hostile count: loaded lines only, counting the rest"
	}
	return "hostile count: loaded lines only"
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
	case !d.AsText:
		// A binary file's bytes are not scanned, large or small: there is
		// no count to give, nor one under way.
		return ""
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
	switch {
	case m.whole.err != nil && errors.Is(m.whole.err, repo.ErrHashMismatch):
		// The mismatch warning above says why, once.
		after = "the whole file could not be counted: its object does not match its ID"
	case m.whole.err != nil:
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

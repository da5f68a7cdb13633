package code

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/keys"
)

// A file larger than the window is shown one window of at most
// Model.window bytes at a time (HOST-16: code hidden past the first 16 MiB
// must still be reachable). Windows start and end on line boundaries; the
// LFs before a window are counted while streaming, in the load Cmd.

// checkpointEvery is the spacing of the cached LF counts, so a later jump
// resumes near its target instead of rescanning from the start.
const checkpointEvery = 1 << 20

// opener streams a blob. *repo.Repo satisfies it; a Source without it
// shows only the first window.
type opener interface {
	OpenBlob(ctx context.Context, h repo.Hash) (io.ReadCloser, int64, error)
}

// checkpoints caches, for one blob, how many LFs precede each multiple of
// checkpointEvery. It is shared by the Cmds of one view, hence the lock.
type checkpoints struct {
	mu   sync.Mutex
	blob repo.Hash
	lfs  []int // lfs[k]: LFs in bytes [0, k*checkpointEvery)
}

// from returns the furthest checkpoint at or before byte off that has
// fewer than below LFs before it (or the blob's start), so a scan for the
// below-th LF from there cannot have passed it already.
func (c *checkpoints) from(h repo.Hash, off int64, below int) (int64, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.blob != h {
		c.blob, c.lfs = h, []int{0}
	}
	k := min(int(off/checkpointEvery), len(c.lfs)-1)
	for k > 0 && c.lfs[k] >= below {
		k--
	}
	return int64(k) * checkpointEvery, c.lfs[k]
}

// record notes that n LFs precede checkpoint k; checkpoints are learnt in
// order, so only the next unknown one is kept.
func (c *checkpoints) record(h repo.Hash, k, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.blob == h && k == len(c.lfs) {
		c.lfs = append(c.lfs, n)
	}
}

// lineScan streams a blob, counting LFs as it goes.
type lineScan struct {
	ctx  context.Context
	rd   io.ReadCloser
	cp   *checkpoints
	h    repo.Hash
	buf  []byte
	i, n int   // unread bytes are buf[i:n]
	off  int64 // blob offset of buf[i]
	lfs  int   // LFs before off
}

// openScan opens h positioned at the checkpoint chosen by at and below.
func openScan(ctx context.Context, op opener, cp *checkpoints, h repo.Hash, at int64, below int) (*lineScan, error) {
	rd, _, err := op.OpenBlob(ctx, h)
	if err != nil {
		return nil, err
	}
	off, lfs := cp.from(h, at, below)
	if _, err := io.CopyN(io.Discard, rd, off); err != nil {
		_ = rd.Close()
		return nil, err
	}
	return &lineScan{ctx: ctx, rd: rd, cp: cp, h: h, buf: make([]byte, 64<<10), off: off, lfs: lfs}, nil
}

// until reads on until wantLFs LFs are behind it or it reaches byte
// limit, whichever comes first. It returns io.EOF at the blob's end.
func (s *lineScan) until(wantLFs int, limit int64) error {
	for s.lfs < wantLFs && s.off < limit {
		if s.i == s.n {
			if err := s.ctx.Err(); err != nil {
				return err
			}
			n, err := s.rd.Read(s.buf)
			s.i, s.n = 0, n
			if n == 0 {
				if err == nil {
					continue
				}
				return err
			}
		}
		next := (s.off/checkpointEvery + 1) * checkpointEvery
		end := s.i + int(min(int64(s.n-s.i), limit-s.off, next-s.off))
		chunk := s.buf[s.i:end]
		for j, b := range chunk {
			if b == '\n' {
				s.lfs++
				if s.lfs >= wantLFs {
					chunk = chunk[:j+1]
					break
				}
			}
		}
		s.i += len(chunk)
		s.off += int64(len(chunk))
		if s.off%checkpointEvery == 0 {
			s.cp.record(s.h, int(s.off/checkpointEvery), s.lfs)
		}
	}
	return nil
}

// read returns the next up to n bytes, in one allocation.
func (s *lineScan) read(n int64) ([]byte, error) {
	data := make([]byte, n)
	k := copy(data, s.buf[s.i:s.n])
	s.i += k
	m, err := io.ReadFull(s.rd, data[k:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return data[:k+m], nil
}

// WindowMsg carries a window of a large file. Seq is the file load it
// belongs to, Req the window request it answers; Hash and Start say which
// blob and which part. Line is the 1-based line in the file to put the
// cursor on.
type WindowMsg struct {
	Seq, Req int
	Hash     repo.Hash
	Start    int64
	Doc      *Doc
	Line     int
	Err      error
}

// loadWindow reads the window of prev's blob holding line target
// (1-based; 0 means the last line), in the background. at, when not 0, is
// a byte of the blob on that line the window must hold: a match deep in
// a line longer than the window.
func loadWindow(op opener, cp *checkpoints, prev *Doc, window int64, target int, at int64, seq, req int) tea.Cmd {
	return func() tea.Msg {
		d, line, err := readWindow(context.Background(), op, cp, prev, window, target, at)
		msg := WindowMsg{Seq: seq, Req: req, Hash: prev.Blob.Hash, Doc: d, Line: line, Err: err}
		if d != nil {
			msg.Start = d.Start
		}
		return msg
	}
}

func readWindow(ctx context.Context, op opener, cp *checkpoints, prev *Doc, window int64, target int, at int64) (*Doc, int, error) {
	h, size := prev.Blob.Hash, prev.Blob.Size
	desired, tOff := max(0, size-window), int64(0)
	if target > 0 {
		// Find where the target line starts; the window begins a quarter
		// window before it, for context above.
		s, err := openScan(ctx, op, cp, h, math.MaxInt64, target-1)
		if err != nil {
			return nil, 0, err
		}
		err = s.until(target-1, size)
		_ = s.rd.Close()
		switch {
		case errors.Is(err, io.EOF) || s.lfs < target-1:
			target = 0 // past the end: show the last line
		case err != nil:
			return nil, 0, err
		default:
			desired, tOff = max(0, s.off-window/4), s.off
		}
	}
	// A byte the window must hold that a window starting on the line
	// would not reach: start inside the line, a quarter window before it.
	midLine := target > 0 && at > tOff+window*3/4
	if midLine {
		desired = max(tOff, at-window/4)
	}
	s, err := openScan(ctx, op, cp, h, max(desired-1, 0), math.MaxInt)
	if err != nil {
		return nil, 0, err
	}
	defer func() { _ = s.rd.Close() }()
	if midLine {
		if err := s.until(math.MaxInt, desired); err != nil {
			return nil, 0, err
		}
	} else if desired > 0 {
		// The first line starting at or after desired.
		if err := s.until(math.MaxInt, desired-1); err != nil {
			return nil, 0, err
		}
		if err := s.until(s.lfs+1, size); err != nil && !errors.Is(err, io.EOF) {
			return nil, 0, err
		}
	}
	start, base := s.off, s.lfs
	data, err := s.read(window)
	if err != nil {
		return nil, 0, err
	}
	atEnd := start+int64(len(data)) >= size
	// End on a line boundary, unless that would drop the target line: a
	// line longer than the window is shown cut, never skipped.
	if cut := cutAtLastLF(data); !atEnd && start+int64(len(cut)) > tOff {
		data = cut
	}
	d := &Doc{Path: prev.Path, Entry: prev.Entry, Paged: true, Base: base, Start: start, AtEnd: atEnd}
	if midLine {
		d.LineFrom = start - tOff
	}
	d.CutLine = !atEnd && (len(data) == 0 || data[len(data)-1] != '\n')
	b := prev.Blob
	b.Data, b.Truncated = data, true
	prepare(d, b)
	d.NULSource, d.AsText = prev.NULSource, prev.AsText
	rescanFirst(d)
	if target == 0 {
		return d, base + len(d.Lines), nil
	}
	return d, target, nil
}

// rescanFirst scans a later window's first line again as the line it is
// in the file: a U+FEFF opening it is a byte order mark only on the file's
// line 1, and must not be excused (nor go uncounted) because a window
// happens to start there.
func rescanFirst(d *Doc) {
	if d.Base == 0 || len(d.Lines) == 0 || d.Hostile == nil {
		return
	}
	first := textsafe.ScanLine(d.Lines[0], d.Base+1)
	issues := make([]textsafe.Issue, 0, len(d.Issues)+len(first))
	for _, is := range first {
		is.Line = 1 // window lines count from 1, as Scan numbered the rest
		issues = append(issues, is)
	}
	for _, is := range d.Issues {
		if is.Line != 1 {
			issues = append(issues, is)
		}
	}
	d.Issues, d.Summary = issues, textsafe.Summarize(issues)
	delete(d.Hostile, 0)
	for _, is := range first {
		if is.Kind.Hostile() {
			d.Hostile[0]++
		}
	}
}

// cutAtLastLF ends a window on a line boundary, unless it holds no LF at
// all (one line longer than the window).
func cutAtLastLF(data []byte) []byte {
	for i := len(data) - 1; i >= 0; i-- {
		if data[i] == '\n' {
			return data[:i+1]
		}
	}
	return data
}

// outside reports whether line n (1-based) lies outside the window shown,
// in a part of the file that can be loaded.
func (m Model) outside(n int) bool {
	d := m.doc
	if d == nil || !d.Paged {
		return false
	}
	return (n <= d.Base && d.Base > 0) || (n > d.Base+len(d.Lines) && !d.AtEnd)
}

// requestWindow starts loading the window holding line n (0: the last
// line); a request still running is superseded.
func (m *Model) requestWindow(n int) tea.Cmd { return m.requestWindowAt(n, 0) }

// requestWindowAt is requestWindow for a window that must also hold byte
// at of the blob, on line n (0: any window holding line n).
func (m *Model) requestWindowAt(n int, at int64) tea.Cmd {
	op, ok := m.src.(opener)
	if !ok || m.doc == nil {
		return nil
	}
	m.pageReq++
	if n > 0 {
		m.paging = fmt.Sprintf("loading lines around %s …", commas(n))
	} else {
		m.paging = "loading lines at the end of the file …"
	}
	return loadWindow(op, m.cp, m.doc, m.winSize, n, at, m.seq, m.pageReq)
}

// windowLoaded shows a window that arrived, if it is still wanted.
func (m Model) windowLoaded(msg WindowMsg) (Model, tea.Cmd) {
	if m.doc == nil || msg.Seq != m.seq || msg.Req != m.pageReq || msg.Hash != m.doc.Blob.Hash {
		return m, nil
	}
	m.paging = ""
	if msg.Err != nil {
		m.paging = "⚠ could not load those lines: " + msg.Err.Error()
		return m, nil
	}
	m.flagKnown(msg.Doc)
	m.doc = msg.Doc
	m.toks = make([][]token, len(m.doc.Lines))
	m.blocks = map[int]bool{}
	m.sel = selection{}
	m.search.matches, m.search.current, m.search.found, m.search.note = nil, -1, false, ""
	m.stopHunt() // a hunt from the window left behind is stale
	m.placeCursor(msg.Line - m.doc.Base)
	if m.land.req == msg.Req && m.land.col > 0 {
		m.landOn(m.land.col)
	}
	var cmds []tea.Cmd
	if m.search.query != "" {
		m.search.seq++ // matches in the old window are stale
		// Only the window a search past the last one found moves the cursor
		// to a match: one loaded by moving keeps the cursor where it is.
		m.search.jump = msg.Req == m.search.landReq
		cmds = append(cmds, m.runSearch())
	}
	return m, tea.Batch(append(cmds, m.lexVisible())...)
}

// pastWindow reports the line a motion reaches when it leaves the window
// of a large file (0: the last line), so that window is loaded instead.
func (m Model) pastWindow(mo keys.Motion) (int, bool) {
	d := m.doc
	if d == nil || !d.Paged {
		return 0, false
	}
	switch {
	case mo.ToEnd:
		return 0, !d.AtEnd
	case mo.ToTop:
		return 1, d.Base > 0
	}
	to := m.Line() + mo.Lines
	return max(to, 1), m.outside(to)
}

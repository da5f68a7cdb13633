package code

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// Search past the window of a large file (HOST-16: a match or a hostile
// character hidden past the first 16 MiB must still be found). n after the
// window's last match, N before its first, or ! after its last hostile
// line, streams the rest of the blob in a Cmd for the nearest line wanted,
// then loads the window holding it through the ordinary paging path.

// huntWindow bounds the bytes of one line a hunt holds: a longer line is
// looked at in windows of huntWindow bytes, each sharing huntOverlap bytes
// with the one before, so a match anywhere in a line of any length is
// found (a match longer than huntOverlap may be split) and memory stays
// bounded.
const huntWindow, huntOverlap = 1 << 20, 64 << 10

// huntKind is what a search past the window looks for.
type huntKind int

const (
	huntSearch  huntKind = iota // a match of the search (n, N)
	huntHostile                 // a hostile character (!)
)

// huntState is the search past the window, at most one at a time.
type huntState struct {
	req    int                // the request waited for
	kind   huntKind           // what it looks for
	status string             // "searching below line N …" while one runs
	stop   context.CancelFunc // cancels the running one
	note   string             // the outcome of a ! that found nothing
}

// HuntedMsg answers a search past the window: Line is the 1-based number
// of the nearest line below (Dir 1) or above (Dir -1) the window holding
// what Kind looks for, 0 when there is none. Seq, Hunt, Hash and Start say
// which file, request and window it answers.
type HuntedMsg struct {
	Seq, Hunt int
	Kind      huntKind
	Hash      repo.Hash
	Start     int64
	Dir       int
	Line      int
	At        int64 // the blob offset of the hit, when it lies in a line longer than huntWindow; else 0
	Err       error
}

// startHunt looks for kind in the blob beyond the window in direction dir
// in the background; a hunt still running is cancelled.
func (m *Model) startHunt(kind huntKind, dir int) tea.Cmd {
	op, ok := m.src.(opener)
	if !ok || m.doc == nil {
		return nil
	}
	m.stopHunt()
	ctx, cancel := context.WithCancel(context.Background())
	m.hunt.stop, m.hunt.kind = cancel, kind
	d := m.doc
	where := fmt.Sprintf("below line %s", commas(d.Base+len(d.Lines)))
	if dir < 0 {
		where = fmt.Sprintf("above line %s", commas(d.Base+1))
	}
	var want func(n int, l []byte) int
	if kind == huntSearch {
		m.hunt.status = "searching " + where + " …"
		re, _ := CompileQuery(m.search.query)
		want = func(_ int, l []byte) int { return matchAt(re, repo.TrimEOL(l)) }
	} else {
		m.hunt.status = "looking for hostile characters " + where + " …"
		want = hostileLine
	}
	seq, req, cp := m.seq, m.hunt.req, m.cp
	return func() tea.Msg {
		line, at, err := huntLine(ctx, op, cp, d, want, dir)
		return HuntedMsg{Seq: seq, Hunt: req, Kind: kind, Hash: d.Blob.Hash, Start: d.Start, Dir: dir, Line: line, At: at, Err: err}
	}
}

// stopHunt cancels a running hunt and makes its answer stale.
func (m *Model) stopHunt() {
	if m.hunt.stop != nil {
		m.hunt.stop()
	}
	m.hunt = huntState{req: m.hunt.req + 1}
}

// hunted loads the window holding the line a hunt found, or says there is
// none further that way.
func (m Model) hunted(msg HuntedMsg) (Model, tea.Cmd) {
	d := m.doc
	if d == nil || msg.Seq != m.seq || msg.Hunt != m.hunt.req || msg.Hash != d.Blob.Hash || msg.Start != d.Start {
		return m, nil
	}
	m.hunt.stop, m.hunt.status = nil, ""
	note := ""
	switch {
	case msg.Err != nil:
		note = "search stopped: " + msg.Err.Error()
	case msg.Line == 0 && msg.Dir > 0:
		note = fmt.Sprintf("below line %s", commas(d.Base+len(d.Lines)))
	case msg.Line == 0:
		note = fmt.Sprintf("above line %s", commas(d.Base+1))
	}
	switch {
	case note != "" && msg.Kind == huntSearch:
		if msg.Err == nil {
			note = "no more matches " + note
		}
		m.search.note = note
		return m, nil
	case note != "":
		if msg.Err == nil {
			note = "no hostile characters " + note + ": this is the end of the file"
		}
		m.hunt.note = note
		return m, nil
	}
	cmd := m.requestWindowAt(msg.Line, msg.At) // the window opens with the cursor on it
	if msg.Kind == huntSearch {
		m.search.landReq, m.search.landLast = m.pageReq, msg.Dir < 0
	}
	return m, cmd
}

// hostileLine reports whether line n (with its LF, as Scan sees it) holds
// a hostile character: 0, or -1 when it does not.
func hostileLine(n int, l []byte) int {
	for _, is := range textsafe.ScanLine(l, n) {
		if is.Kind.Hostile() {
			return 0
		}
	}
	return -1
}

// huntLine finds the nearest line past window d (dir 1: after its end;
// -1: before its start) that want accepts (want gives the byte of l where
// it found what it looks for, or -1), 1-based, or 0. When that line is
// longer than huntWindow, at is the blob offset of the hit, so the window
// shown can open there.
func huntLine(ctx context.Context, op opener, cp *checkpoints, d *Doc, want func(n int, l []byte) int, dir int) (line int, at int64, err error) {
	if dir < 0 {
		rd, _, err := op.OpenBlob(ctx, d.Blob.Hash)
		if err != nil {
			return 0, 0, err
		}
		defer func() { _ = rd.Close() }()
		// The bytes before the window: whole lines, and the start of the
		// window's first line when the window opens inside it.
		err = eachLine(ctx, io.LimitReader(rd, d.Start), 0, 1, func(n int, off int64, l []byte, long bool) bool {
			if i := want(n, l); i >= 0 {
				line, at = n, 0
				if long {
					at = off + int64(i)
				}
			}
			return true
		})
		return line, at, err
	}
	end := d.Start + int64(len(d.Blob.Data))
	s, err := openScan(ctx, op, cp, d.Blob.Hash, end, math.MaxInt)
	if err != nil {
		return 0, 0, err
	}
	defer func() { _ = s.rd.Close() }()
	if err := s.until(math.MaxInt, end); errors.Is(err, io.EOF) {
		return 0, 0, nil
	} else if err != nil {
		return 0, 0, err
	}
	// s.lfs LFs lie before the window's end, so the byte there is on line
	// s.lfs+1 (the rest of a cut line, or the next line).
	rest := io.MultiReader(bytes.NewReader(s.buf[s.i:s.n]), s.rd)
	err = eachLine(ctx, rest, s.off, s.lfs+1, func(n int, off int64, l []byte, long bool) bool {
		if i := want(n, l); i >= 0 {
			line = n
			if long || n == s.lfs+1 && d.CutLine {
				at = off + int64(i)
			}
			return false
		}
		return true
	})
	return line, at, err
}

// eachLine calls fn with each line of r, with its LF, numbered from
// first, and the offset of its first byte (r starting at offset start),
// until fn returns false or r ends. A line longer than huntWindow is
// passed in windows sharing huntOverlap bytes, each with long set.
func eachLine(ctx context.Context, r io.Reader, start int64, first int, fn func(n int, off int64, l []byte, long bool) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte
	pos := start // the offset of the next byte br gives
	for n := first; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		l, err := br.ReadSlice('\n')
		off, isLong := pos, false
		pos += int64(len(l))
		if errors.Is(err, bufio.ErrBufferFull) {
			isLong = true
			long = append(long[:0], l...)
			for errors.Is(err, bufio.ErrBufferFull) {
				if err := ctx.Err(); err != nil {
					return err
				}
				l, err = br.ReadSlice('\n')
				pos += int64(len(l))
				if len(long)+len(l) > huntWindow {
					if !fn(n, off, long, true) {
						return nil
					}
					keep := min(huntOverlap, len(long))
					off += int64(len(long) - keep)
					long = long[:copy(long, long[len(long)-keep:])]
				}
				long = append(long, l...)
			}
			l = long
		}
		if len(l) > 0 && !fn(n, off, l, isLong) {
			return nil
		}
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		}
	}
}

// matchAt is the byte where re first matches l with at least one
// character, or -1 (an empty match highlights nothing, so the window's
// search skips it too).
func matchAt(re *regexp.Regexp, l []byte) int {
	loc := re.FindIndex(l)
	if loc == nil {
		return -1
	}
	if loc[1] > loc[0] {
		return loc[0]
	}
	for _, loc := range re.FindAllIndex(l, -1) {
		if loc[1] > loc[0] {
			return loc[0]
		}
	}
	return -1
}

// hasMatch reports whether re matches l with at least one character (an
// empty match highlights nothing, so the window's search skips it too).
func hasMatch(re *regexp.Regexp, l []byte) bool {
	loc := re.FindIndex(l)
	if loc == nil {
		return false
	}
	if loc[1] > loc[0] {
		return true
	}
	for _, loc := range re.FindAllIndex(l, -1) {
		if loc[1] > loc[0] {
			return true
		}
	}
	return false
}

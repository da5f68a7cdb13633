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
)

// Search past the window of a large file (HOST-16: a match hidden past the
// first 16 MiB must still be found). n after the window's last match, or N
// before its first, streams the rest of the blob in a Cmd for the nearest
// matching line, then loads the window holding it through the ordinary
// paging path; the window's own search then lands on the match.

// maxHuntLine bounds the bytes of one line a hunt holds: a longer line is
// searched in its first maxHuntLine bytes, as a window shows it cut.
const maxHuntLine = MaxRead

// HuntedMsg answers a search past the window: Line is the 1-based number
// of the nearest line below (Dir 1) or above (Dir -1) the window holding a
// match, 0 when there is none. Seq, Hunt, Hash and Start say which file,
// request and window it answers.
type HuntedMsg struct {
	Seq, Hunt int
	Hash      repo.Hash
	Start     int64
	Dir       int
	Line      int
	Err       error
}

// startHunt searches the blob beyond the window in direction dir in the
// background; a hunt still running is cancelled.
func (m *Model) startHunt(dir int) tea.Cmd {
	op, ok := m.src.(opener)
	if !ok || m.doc == nil {
		return nil
	}
	m.stopHunt()
	ctx, cancel := context.WithCancel(context.Background())
	m.search.stop = cancel
	d := m.doc
	if dir > 0 {
		m.search.hunting = fmt.Sprintf("searching below line %s …", commas(d.Base+len(d.Lines)))
	} else {
		m.search.hunting = fmt.Sprintf("searching above line %s …", commas(d.Base+1))
	}
	re, _ := CompileQuery(m.search.query)
	seq, hunt, cp := m.seq, m.search.hunt, m.cp
	return func() tea.Msg {
		line, err := huntLine(ctx, op, cp, d, re, dir)
		return HuntedMsg{Seq: seq, Hunt: hunt, Hash: d.Blob.Hash, Start: d.Start, Dir: dir, Line: line, Err: err}
	}
}

// stopHunt cancels a running hunt and makes its answer stale.
func (m *Model) stopHunt() {
	if m.search.stop != nil {
		m.search.stop()
		m.search.stop = nil
	}
	m.search.hunt++
	m.search.hunting = ""
}

// hunted loads the window holding the line a hunt found, or says there is
// no match further that way.
func (m Model) hunted(msg HuntedMsg) (Model, tea.Cmd) {
	d := m.doc
	if d == nil || msg.Seq != m.seq || msg.Hunt != m.search.hunt || msg.Hash != d.Blob.Hash || msg.Start != d.Start {
		return m, nil
	}
	m.search.stop, m.search.hunting = nil, ""
	switch {
	case msg.Err != nil:
		m.search.note = "search stopped: " + msg.Err.Error()
		return m, nil
	case msg.Line == 0 && msg.Dir > 0:
		m.search.note = fmt.Sprintf("no more matches below line %s", commas(d.Base+len(d.Lines)))
		return m, nil
	case msg.Line == 0:
		m.search.note = fmt.Sprintf("no more matches above line %s", commas(d.Base+1))
		return m, nil
	}
	cmd := m.requestWindow(msg.Line)
	m.search.landReq, m.search.landLast = m.pageReq, msg.Dir < 0
	return m, cmd
}

// huntLine finds the nearest line past window d (dir 1: after its end;
// -1: before its start) with a match of re, 1-based, or 0.
func huntLine(ctx context.Context, op opener, cp *checkpoints, d *Doc, re *regexp.Regexp, dir int) (int, error) {
	if dir < 0 {
		rd, _, err := op.OpenBlob(ctx, d.Blob.Hash)
		if err != nil {
			return 0, err
		}
		defer func() { _ = rd.Close() }()
		last := 0
		// A window starts on a line boundary, so the bytes before it are
		// whole lines.
		err = eachLine(ctx, io.LimitReader(rd, d.Start), 1, func(n int, l []byte) bool {
			if hasMatch(re, l) {
				last = n
			}
			return true
		})
		return last, err
	}
	end := d.Start + int64(len(d.Blob.Data))
	s, err := openScan(ctx, op, cp, d.Blob.Hash, end, math.MaxInt)
	if err != nil {
		return 0, err
	}
	defer func() { _ = s.rd.Close() }()
	if err := s.until(math.MaxInt, end); errors.Is(err, io.EOF) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	found := 0
	// s.lfs LFs lie before the window's end, so the byte there is on line
	// s.lfs+1 (the rest of a cut line, or the next line).
	rest := io.MultiReader(bytes.NewReader(s.buf[s.i:s.n]), s.rd)
	err = eachLine(ctx, rest, s.lfs+1, func(n int, l []byte) bool {
		if hasMatch(re, l) {
			found = n
			return false
		}
		return true
	})
	return found, err
}

// eachLine calls fn with each line of r, without its LF, numbered from
// first, until fn returns false or r ends. A line longer than maxHuntLine
// is passed cut to its first maxHuntLine bytes.
func eachLine(ctx context.Context, r io.Reader, first int, fn func(n int, l []byte) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte
	for n := first; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		l, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], l...)
			for errors.Is(err, bufio.ErrBufferFull) {
				l, err = br.ReadSlice('\n')
				long = append(long, l[:min(len(l), max(0, maxHuntLine-len(long)))]...)
			}
			l = long
		}
		if len(l) > 0 && !fn(n, repo.TrimEOL(l)) {
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

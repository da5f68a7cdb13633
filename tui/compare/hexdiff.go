package compare

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
)

// The hex diff of a binary file: both sizes and blob ids, and the byte
// ranges where base and pin differ with their hex rows side over side.
// It is computed in a Cmd that streams both blobs in chunks, so it holds
// a chunk of each and the rows it shows, whatever their size.

const (
	hexDiffChunk = 64 << 10 // bytes of each blob compared at a time
	hexDiffJoin  = 16       // ranges fewer bytes apart are one range
	hexDiffLimit = 1000     // ranges listed at most
	hexShown     = 100      // ranges shown with their bytes
	hexRangeRows = 8        // rows of each range shown
)

// hexMethod says how the ranges are found, in the view.
const hexMethod = "method: bytes compared at the same offsets; an inserted or deleted byte shifts the rest, so it shows as one range from the first difference to the end; ranges under 16 bytes apart are joined"

// hexDiffResult is the comparison of a binary change's two blobs.
type hexDiffResult struct {
	oldSize, newSize int64
	ranges           []repo.ByteRange
	more             bool             // past hexDiffLimit ranges
	windows          []repo.ByteRange // rows shown of the first hexShown ranges
	oldRows, newRows [][]byte         // ... their bytes on each side
}

// hexDiffMsg carries a hex diff for the page id, load seq.
type hexDiffMsg struct {
	id  int64
	seq int
	res hexDiffResult
	err error
}

// hexDiff is the hex diff shown in place of the diff pane.
type hexDiff struct {
	open    bool
	change  repo.FileChange
	seq     int
	loading bool
	err     error
	lines   []string // drawn once when the result arrives
	starts  []int    // line of each range's header
	top     int
	cur     int // the range ]c/[c last went to; -1: none
	pending string
	note    string
	cancel  context.CancelFunc
}

// openHexDiff starts comparing the blobs of the binary change ch.
func (m *Model) openHexDiff(ch repo.FileChange) tea.Cmd {
	if m.hd.cancel != nil {
		m.hd.cancel()
	}
	src, ok := m.src.(repo.BlobStreamer)
	if !ok {
		m.note = "binary file: this source cannot stream blobs for a hex diff"
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.hd = hexDiff{open: true, change: ch, seq: m.hd.seq + 1, loading: true, cur: -1, cancel: cancel}
	id, seq := m.id, m.hd.seq
	return func() tea.Msg {
		res, err := compareBlobs(ctx, src, ch.OldHash, ch.NewHash)
		return hexDiffMsg{id: id, seq: seq, res: res, err: err}
	}
}

// closeHexDiff goes back to the diff pane.
func (m *Model) closeHexDiff() {
	if m.hd.cancel != nil {
		m.hd.cancel()
	}
	m.hd = hexDiff{seq: m.hd.seq}
}

// hexDiffLoaded takes a hex diff, if it is still wanted.
func (m *Model) hexDiffLoaded(msg hexDiffMsg) {
	if msg.id != m.id || msg.seq != m.hd.seq || !m.hd.open {
		return
	}
	m.hd.loading, m.hd.cancel, m.hd.err = false, nil, msg.err
	if msg.err == nil {
		m.hd.lines, m.hd.starts = hexDiffLines(m.hd.change, msg.res, "base", "pin")
	}
}

// openSide streams one side of a change; the missing side of an added
// or deleted file is empty.
func openSide(ctx context.Context, src repo.BlobStreamer, h repo.Hash) (io.ReadCloser, int64, error) {
	if h == repo.ZeroHash {
		return io.NopCloser(bytes.NewReader(nil)), 0, nil
	}
	return src.OpenBlob(ctx, h)
}

// compareBlobs finds the ranges where blobs a and b differ, then reads
// the rows of the first ones shown, each side streamed once more.
func compareBlobs(ctx context.Context, src repo.BlobStreamer, a, b repo.Hash) (hexDiffResult, error) {
	var res hexDiffResult
	ra, sa, err := openSide(ctx, src, a)
	if err != nil {
		return res, err
	}
	defer ra.Close()
	rb, sb, err := openSide(ctx, src, b)
	if err != nil {
		return res, err
	}
	defer rb.Close()
	res.oldSize, res.newSize = sa, sb
	res.ranges, res.more, err = repo.DiffBytes(ctx, ra, rb, hexDiffChunk, hexDiffJoin, hexDiffLimit)
	if err != nil {
		return res, err
	}
	for _, r := range res.ranges[:min(len(res.ranges), hexShown)] {
		from := r.Off / textsafe.HexRowBytes * textsafe.HexRowBytes
		// Whole rows, so each byte is seen beside its neighbours.
		end := (r.End + textsafe.HexRowBytes - 1) / textsafe.HexRowBytes * textsafe.HexRowBytes
		to := min(end, from+hexRangeRows*textsafe.HexRowBytes)
		res.windows = append(res.windows, repo.ByteRange{Off: from, End: to})
	}
	if res.oldRows, err = readWindows(ctx, src, a, res.windows); err != nil {
		return res, err
	}
	res.newRows, err = readWindows(ctx, src, b, res.windows)
	return res, err
}

// readWindows streams blob h once and keeps the bytes of each window
// (sorted by offset, possibly overlapping), cut at the blob's end.
func readWindows(ctx context.Context, src repo.BlobStreamer, h repo.Hash, wins []repo.ByteRange) ([][]byte, error) {
	out := make([][]byte, len(wins))
	if len(wins) == 0 {
		return out, nil
	}
	rd, _, err := openSide(ctx, src, h)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	buf := make([]byte, hexDiffChunk)
	var off int64
	first := 0 // windows before it are complete
	for first < len(wins) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, rerr := io.ReadFull(rd, buf)
		chunk := buf[:n]
		for i := first; i < len(wins) && wins[i].Off < off+int64(n); i++ {
			lo, hi := max(wins[i].Off, off), min(wins[i].End, off+int64(n))
			if lo < hi {
				out[i] = append(out[i], chunk[lo-off:hi-off]...)
			}
		}
		off += int64(n)
		for first < len(wins) && wins[first].End <= off {
			first++
		}
		if rerr != nil {
			break // the end of the blob (or a read error, said by OpenBlob's check)
		}
	}
	return out, nil
}

// HexDiff compares the two blobs of the binary change ch, streamed from
// src, and draws the hex diff as lines, with the line where each changed
// range starts; oldName and newName name the sides ("tree", "archive").
// It is for another pane's Cmd (the Release tab): slow, never in Update.
func HexDiff(ctx context.Context, src repo.BlobStreamer, ch repo.FileChange, oldName, newName string) ([]string, []int, error) {
	res, err := compareBlobs(ctx, src, ch.OldHash, ch.NewHash)
	if err != nil {
		return nil, nil, err
	}
	lines, starts := hexDiffLines(ch, res, oldName, newName)
	return lines, starts, nil
}

// hexDiffLines draws the hex diff as lines, and where each range starts.
func hexDiffLines(ch repo.FileChange, res hexDiffResult, oldName, newName string) ([]string, []int) {
	nw := max(len(oldName), len(newName))
	pad := func(s string) string { return s + strings.Repeat(" ", nw-len(s)) }
	side := func(h repo.Hash, size int64) string {
		if h == repo.ZeroHash {
			return "(none: the file does not exist on this side)"
		}
		return fmt.Sprintf("blob %s  %s bytes", h, commas(size))
	}
	lines := []string{
		"hex diff of " + textsafe.Sanitize(ch.Path()) + " (binary), " + oldName + " → " + newName,
		pad(oldName) + "  " + side(ch.OldHash, res.oldSize),
		pad(newName) + "  " + side(ch.NewHash, res.newSize),
		hexMethod,
	}
	var differ int64
	for _, r := range res.ranges {
		differ += r.End - r.Off
	}
	switch {
	case len(res.ranges) == 0:
		lines = append(lines, "the two blobs hold the same bytes")
	case res.more:
		lines = append(lines, fmt.Sprintf("more than %d changed ranges: the first %d are listed (%s bytes in them); ]c/[c move between ranges", hexDiffLimit, len(res.ranges), commas(differ)))
	default:
		lines = append(lines, fmt.Sprintf("%d changed ranges, %s bytes; ]c/[c move between ranges", len(res.ranges), commas(differ)))
	}
	starts := make([]int, 0, len(res.ranges))
	for i, r := range res.ranges {
		lines = append(lines, "")
		starts = append(starts, len(lines))
		lines = append(lines, fmt.Sprintf("range %d/%d: 0x%x–0x%x (%s bytes)", i+1, len(res.ranges), r.Off, r.End-1, commas(r.End-r.Off)))
		if i >= len(res.windows) {
			continue
		}
		w := res.windows[i]
		for off := w.Off; off < w.End; off += textsafe.HexRowBytes {
			lines = append(lines, "  "+pad(oldName)+" "+hexRowAt(res.oldRows[i], w.Off, off), "  "+pad(newName)+" "+hexRowAt(res.newRows[i], w.Off, off))
		}
		if left := r.End - w.End; left > 0 {
			lines = append(lines, fmt.Sprintf("  … %s more bytes differ in this range", commas(left)))
		}
	}
	if len(res.ranges) > len(res.windows) {
		lines = append(lines, "", fmt.Sprintf("bytes are shown for the first %d ranges only", len(res.windows)))
	}
	return lines, starts
}

// hexRowAt draws the row at blob offset off from data, the bytes of a
// window starting at base; a row past the blob's end says so.
func hexRowAt(data []byte, base, off int64) string {
	i := off - base
	if i >= int64(len(data)) {
		return fmt.Sprintf("%08x  (past the end of this blob)", off)
	}
	return textsafe.HexRow(off, data[i:min(i+textsafe.HexRowBytes, int64(len(data)))])
}

// commas writes n with thousands separators: 1,234,567.
func commas(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

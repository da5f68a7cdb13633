package code

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// The hex view of a binary file: rows of 16 bytes over the whole blob.
// It holds one window of the blob (hexWindow bytes) and loads another in
// a Cmd when the rows on screen leave it, so a blob of any size costs the
// same memory.

const (
	// hexWindow is how much of the blob the hex view holds at once.
	hexWindow = 64 << 10
	// hexChunk is how much of the blob a search reads at a time.
	hexChunk = 64 << 10
	rowBytes = textsafe.HexRowBytes
)

// hexView is the state of the hex view of the open binary file.
type hexView struct {
	hash     repo.Hash
	size     int64
	start    int64  // blob offset of data[0], a multiple of rowBytes
	data     []byte // the window held
	row, top int64  // cursor row and first row on screen
	req      int    // the window request waited for
	loading  bool
	err      string // the last window load's failure

	find hexFind // the / search (hexsearch.go)
}

// HexWindowMsg carries a window of a binary blob for the hex view. Seq
// is the file load and Req the window request it answers.
type HexWindowMsg struct {
	Seq, Req int
	Hash     repo.Hash
	Start    int64
	Data     []byte
	Err      error
}

// hexReset starts the hex view of a newly loaded file on its first row,
// with the bytes already read as its first window.
func (m *Model) hexReset() {
	d := m.doc
	if m.hx.find.cancel != nil {
		m.hx.find.cancel()
	}
	// The search number goes on from the last file's: a search still
	// running there answers with its number, and the same blob at
	// another path has the same hash, so only the number tells it apart.
	m.hx = hexView{hash: d.Blob.Hash, size: d.Blob.Size, find: hexFind{match: -1, seq: m.hx.find.seq}}
	if d.Start == 0 {
		m.hx.data = d.Blob.Data[:min(int64(len(d.Blob.Data)), m.hexWin)]
	}
}

// hexRows is the number of rows in the hex view.
func (m Model) hexRows() int64 { return (m.hx.size + rowBytes - 1) / rowBytes }

// hexHeight is the number of rows for bytes (below the banners and the
// file's size line).
func (m Model) hexHeight() int { return max(m.textHeight()-1, 1) }

// hexKey handles a key in the hex view; ok is false for keys that act
// the same as in the text view (or not at all).
func (m Model) hexKey(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	mo, pg, isMove := m.keys.Move(msg.String(), m.hexHeight(), m.pendingG)
	switch {
	case isMove:
		m.pendingG = pg
		if pg {
			return m, nil, true
		}
		m.hexMove(mo)
		return m, m.hexEnsure(), true
	case key.Matches(msg, m.keys.Next):
		return m, m.hexStep(1), true
	case key.Matches(msg, m.keys.Prev):
		return m, m.hexStep(-1), true
	}
	return m, nil, false
}

// hexMove moves the cursor row by a motion; rows count in int64, past
// what a keys.Motion's int total can hold on 32-bit machines.
func (m *Model) hexMove(mo keys.Motion) {
	rows := m.hexRows()
	switch {
	case mo.ToTop:
		m.hx.row = 0
	case mo.ToEnd:
		m.hx.row = rows - 1
	default:
		m.hx.row += int64(mo.Lines)
	}
	m.hexClamp()
}

// hexClamp keeps the cursor row in the blob and on screen.
func (m *Model) hexClamp() {
	rows, h := m.hexRows(), int64(m.hexHeight())
	m.hx.row = min(max(m.hx.row, 0), max(rows-1, 0))
	if m.hx.row < m.hx.top {
		m.hx.top = m.hx.row
	}
	if m.hx.row >= m.hx.top+h {
		m.hx.top = m.hx.row - h + 1
	}
	m.hx.top = min(max(m.hx.top, 0), max(rows-h, 0))
}

// hexPlace puts the cursor on the row of byte off, a third of the way
// down the screen.
func (m *Model) hexPlace(off int64) {
	m.hx.row = off / rowBytes
	m.hx.top = max(0, m.hx.row-int64(m.hexHeight()/3))
	m.hexClamp()
}

// hexEnsure loads the window holding the rows on screen when the one
// held does not.
func (m *Model) hexEnsure() tea.Cmd {
	h := &m.hx
	from := h.top * rowBytes
	to := min(h.size, (h.top+int64(m.hexHeight()))*rowBytes)
	if from >= h.start && to <= h.start+int64(len(h.data)) {
		return nil
	}
	op, ok := m.src.(opener)
	if !ok {
		return nil // only the bytes read at load can be shown
	}
	start := max(0, from-m.hexWin/4) / rowBytes * rowBytes
	h.req++
	h.loading = true
	seq, req, hash, n := m.seq, h.req, h.hash, m.hexWin
	return func() tea.Msg {
		data, _, err := repo.ReadBlobAt(context.Background(), op, hash, start, n)
		return HexWindowMsg{Seq: seq, Req: req, Hash: hash, Start: start, Data: data, Err: err}
	}
}

// hexWindowLoaded takes a window that arrived, if it is still wanted.
func (m *Model) hexWindowLoaded(msg HexWindowMsg) tea.Cmd {
	h := &m.hx
	if m.doc == nil || msg.Seq != m.seq || msg.Req != h.req || msg.Hash != h.hash {
		return nil
	}
	h.loading = false
	if msg.Err != nil {
		h.err = "could not read those bytes: " + msg.Err.Error()
		return nil
	}
	h.err, h.start, h.data = "", msg.Start, msg.Data
	return m.hexEnsure() // the screen moved on while it loaded
}

// GotoOffset puts the hex view's cursor on the row of the byte at text:
// a decimal number or 0x and hex digits. It says what was wrong with an
// offset it cannot go to.
func (m *Model) GotoOffset(text string) (tea.Cmd, error) {
	if m.doc == nil || !m.hex {
		return nil, fmt.Errorf("no binary file shown in hex: : takes a line number here")
	}
	off, err := ParseOffset(text)
	if err != nil {
		return nil, err
	}
	if off >= m.hx.size {
		return nil, fmt.Errorf("offset %s is past the end: the file is %s bytes (last offset 0x%x)", text, commas(int(m.hx.size)), max(m.hx.size-1, 0))
	}
	m.hexPlace(off)
	return m.hexEnsure(), nil
}

// ParseOffset reads a byte offset: decimal, or hexadecimal after 0x.
func ParseOffset(text string) (int64, error) {
	var off int64
	var err error
	switch {
	case len(text) > 2 && (text[:2] == "0x" || text[:2] == "0X"):
		_, err = fmt.Sscanf(text[2:], "%x", &off)
		if err == nil && !isHexDigits(text[2:]) {
			err = fmt.Errorf("bad digit")
		}
	default:
		_, err = fmt.Sscanf(text, "%d", &off)
		if err == nil && fmt.Sprint(off) != text {
			err = fmt.Errorf("bad digit")
		}
	}
	if err != nil || off < 0 {
		return 0, fmt.Errorf("not an offset: %q (type : then a decimal offset or 0x and hex digits, then enter)", text)
	}
	return off, nil
}

func isHexDigits(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// HexShown reports whether the open file is shown as hex.
func (m Model) HexShown() bool { return m.doc != nil && m.hex && m.loading == "" }

// Position is the status line's place in a binary file shown as hex:
// "offset 0x1f0 / 4,096 B"; "" in the text view.
func (m Model) Position() string {
	if !m.HexShown() {
		return ""
	}
	return fmt.Sprintf("offset 0x%x / %s B", m.hx.row*rowBytes, commas(int(m.hx.size)))
}

// hexRowsView appends the size line and the rows on screen to rows.
func (m Model) hexRowsView(rows []string) []string {
	d, h := m.doc, &m.hx
	head := fmt.Sprintf("binary file, %s, blob %s", sizeWithBytes(d.Blob.Size), d.Blob.Hash)
	switch {
	case h.err != "":
		head += " · ⚠ " + h.err
	case h.loading:
		head += " · loading bytes …"
	}
	rows = append(rows, m.fit(m.styles.Untrusted(head, m.styles.Muted)))
	if h.size == 0 {
		return append(rows, m.fit(segs("(empty file)", m.styles.Muted)))
	}
	for r := h.top; r < h.top+int64(m.hexHeight()) && r < m.hexRows(); r++ {
		off := r * rowBytes
		lo, hi := off-h.start, min(off+rowBytes, h.size)-h.start
		if lo < 0 || hi > int64(len(h.data)) {
			rows = append(rows, m.fit(segs(fmt.Sprintf("%08x  …", off), m.styles.Muted)))
			continue
		}
		segs := m.hexMatchSegs(off, textsafe.HexRow(off, h.data[lo:hi]))
		if r == h.row && m.focused {
			segs = withBackground(segs, m.styles.CursorLine)
		}
		rows = append(rows, m.fit(segs))
	}
	return rows
}

// hexMatchSegs styles the row at offset off, marking the bytes of the
// current match in both columns.
func (m Model) hexMatchSegs(off int64, row string) []theme.Seg {
	f := m.hx.find
	if f.match < 0 || f.match >= off+rowBytes || f.match+int64(len(f.pat)) <= off {
		return segs(row, m.styles.Text)
	}
	mark := make([]bool, len(row))
	for b := max(f.match, off); b < min(f.match+int64(len(f.pat)), off+rowBytes); b++ {
		i := int(b - off)
		hx := 10 + i*3
		if i >= 8 {
			hx++
		}
		mark[hx], mark[hx+1] = true, true
		mark[10+rowBytes*3+2+i] = true
	}
	var out []theme.Seg
	for i := 0; i < len(row); {
		j := i
		for j < len(row) && mark[j] == mark[i] {
			j++
		}
		st := m.styles.Text
		if mark[i] {
			st = m.styles.CurrentMatch
		}
		out = append(out, theme.Seg{Text: row[i:j], Style: st})
		i = j
	}
	return out
}

// segs is one segment of text in style st.
func segs(text string, st lipgloss.Style) []theme.Seg { return []theme.Seg{{Text: text, Style: st}} }

// searchOpener opens the blob for a search from byte from: streamed when
// the source can, else over the bytes read at load.
func (m Model) searchOpener() func(ctx context.Context, from int64) (io.ReadCloser, error) {
	if op, ok := m.src.(opener); ok {
		h := m.hx.hash
		return func(ctx context.Context, from int64) (io.ReadCloser, error) {
			rd, _, err := op.OpenBlob(ctx, h)
			if err != nil {
				return nil, err
			}
			if _, err := io.CopyN(io.Discard, rd, from); err != nil {
				_ = rd.Close()
				return nil, err
			}
			return rd, nil
		}
	}
	data := m.doc.Blob.Data
	return func(_ context.Context, from int64) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data[min(from, int64(len(data))):])), nil
	}
}

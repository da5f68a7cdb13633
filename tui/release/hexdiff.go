package release

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/artifact"
	"sightline/repo/textsafe"
	"sightline/tui/compare"
	"sightline/tui/diff"
	"sightline/tui/keys"
	"sightline/tui/theme"
)

// A binary member that differs from the tree (or from its upstream
// version) opens in the Changes tab's hex diff: both sizes and blob ids,
// and the byte ranges that differ with their rows side over side. Both
// sides are already in memory (bounded by maxDiff), so the comparison
// streams them from there.

// hexLines is a hex diff drawn as lines, and where each range starts.
type hexLines struct {
	lines  []string
	starts []int
}

// memBlobs streams the two sides of a member's comparison by blob id.
type memBlobs map[repo.Hash][]byte

func (b memBlobs) OpenBlob(_ context.Context, h repo.Hash) (io.ReadCloser, int64, error) {
	data, ok := b[h]
	if !ok {
		return nil, 0, fmt.Errorf("blob %s is not a side of this comparison", h.Short())
	}
	return io.NopCloser(bytes.NewReader(data)), int64(len(data)), nil
}

// hexDiffOf draws the hex diff of a binary member against its base side;
// it runs in the load Cmd.
func hexDiffOf(ctx context.Context, msg loadedMsg) (*hexLines, error) {
	oldH, newH := artifact.BlobID(msg.old), artifact.BlobID(msg.new)
	ch := repo.FileChange{OldPath: msg.path, NewPath: msg.path, Status: 'M', OldHash: oldH, NewHash: newH, Binary: true}
	old := "tree"
	if msg.oldName != "tree" {
		old = "upstream"
	}
	lines, starts, err := compare.HexDiff(ctx, memBlobs{oldH: msg.old, newH: msg.new}, ch, old, "archive")
	if err != nil {
		return nil, err
	}
	return &hexLines{lines: lines, starts: starts}, nil
}

// hexState is the hex diff's scroll position and the range ]c/[c last
// went to.
type hexState struct {
	top, cur int
	pending  string
}

// hexKey moves in the hex diff: the list motions scroll, ]c/[c go
// between the changed ranges.
func (m Model) hexKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	h := &m.hx
	var seq string
	h.pending, seq = diff.Sequence(h.pending, msg)
	if seq == "" {
		return m, nil
	}
	lines, height := m.shown.hex.lines, m.hexHeight()
	dk := m.diff.KeyMap()
	switch {
	case diff.Matches(seq, dk.NextHunk):
		m.hexRange(1)
	case diff.Matches(seq, dk.PrevHunk):
		m.hexRange(-1)
	case seq == "gg":
		h.top = 0
	default:
		if mo, _, ok := keys.DefaultNav().Move(seq, height, false); ok {
			h.top = mo.Apply(h.top, max(len(lines)-height+1, 1))
		}
	}
	return m, nil
}

// hexRange goes to the next (dir 1) or previous (-1) changed range.
func (m *Model) hexRange(dir int) {
	h, starts := &m.hx, m.shown.hex.starts
	next := h.cur + dir
	if h.cur < 0 && dir < 0 {
		next = len(starts) - 1
	}
	if next < 0 || next >= len(starts) {
		m.info = "no further changed range"
		return
	}
	h.cur = next
	h.top = max(0, min(starts[next], len(m.shown.hex.lines)-m.hexHeight()))
}

// HexOpen reports whether a binary member's hex diff is shown.
func (m Model) HexOpen() bool { return m.open && m.shown != nil && m.shown.hex != nil }

func (m Model) hexHeight() int { return max(m.height-1, 1) }

// hexView draws the hex diff under the title line.
func (m Model) hexView(done, total int) string {
	s := m.d.Styles
	title := fmt.Sprintf("%s: %s (binary: %s → archive, hex) · release: %d/%d reviewed",
		textsafe.Sanitize(m.ref.Name), textsafe.Sanitize(m.shown.path), m.shown.oldName, done, total)
	rows := []string{s.Title.Render(truncate(textsafe.Sanitize(title), m.width))}
	lines := m.shown.hex.lines
	for i := m.hx.top; i < len(lines) && len(rows) <= m.hexHeight(); i++ {
		st := s.Text
		if m.hx.cur >= 0 && i == m.shown.hex.starts[m.hx.cur] {
			st = s.Title
		}
		rows = append(rows, theme.Render(theme.Clip(s.Untrusted(lines[i], st), m.width)))
	}
	return fit(strings.Join(rows, "\n"), m.width, m.height)
}
